package glomers.runtime.internal;


import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A transport whose wire is the caller: {@link #deliver} hands a line to the node, and what the
 * node sends is collected (or passed to a consumer, e.g. a simulated network).
 */
final class InMemoryTransport implements Transport {
  private final Consumer<String> outbound;
  private final List<String> sent = new ArrayList<>();
  private Receiver receiver;

  /** Collects sent messages for {@link #takeSent()}. */
  public InMemoryTransport() {
    this.outbound = null;
  }

  /** Passes every sent message to {@code outbound} on the sending thread. */
  public InMemoryTransport(Consumer<String> outbound) {
    this.outbound = outbound;
  }

  @Override
  public synchronized void start(Receiver receiver) {
    this.receiver = receiver;
  }

  @Override
  public void send(String json) {
    if (outbound != null) {
      outbound.accept(json);
      return;
    }
    synchronized (this) {
      sent.add(json);
    }
  }

  /** Delivers one inbound line to the node. */
  public void deliver(String line) {
    receiver().deliver(line);
  }

  /** Signals end of input, as EOF on stdin would. */
  public void close() {
    receiver().closed();
  }

  /** The messages sent since the last call, oldest first. */
  public synchronized List<String> takeSent() {
    List<String> taken = List.copyOf(sent);
    sent.clear();
    return taken;
  }

  private synchronized Receiver receiver() {
    if (receiver == null) {
      throw new IllegalStateException("the node has not started this transport yet");
    }
    return receiver;
  }
}
