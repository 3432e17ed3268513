package glomers.runtime.internal;

/** How a node's JSON messages get in and out: stdio in a real process, memory in tests. */
interface Transport {
  /** Starts delivering inbound lines to {@code receiver}, from whatever thread the transport uses. */
  void start(Receiver receiver);

  /**
   * Sends one JSON object (without line terminator). Callable from any thread; concurrent sends
   * never interleave.
   */
  void send(String json);

  /** Where inbound traffic goes. */
  interface Receiver {
    /** One line as received; it may not even be JSON. */
    void deliver(String line);

    /** No more lines will come (stdin reached EOF). */
    void closed();
  }
}
