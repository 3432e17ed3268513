package glomers.harness.net;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * A Maelstrom client connection ({@code c<k>}): synchronous, one request at a time. The bench adds
 * {@code msg_id}, counting 1, 2, 3... per connection, and returns only the reply whose {@code
 * in_reply_to} matches; anything else sent to this client is discarded.
 */
public interface Connection {
  /** The client id, e.g. {@code "c7"}. */
  String id();

  /** The server node this connection talks to. */
  String node();

  /**
   * Sends {@code body} (which must hold {@code type}) and waits for its reply body, top-level keys
   * as parsed (numbers as Long or Double, arrays as List, objects as Map).
   *
   * @throws TimeoutException if no reply arrived within {@code timeout}
   */
  Map<String, Object> call(Map<String, Object> body, Duration timeout)
      throws TimeoutException, InterruptedException;

  /** Leaves the network; later replies to this client are dropped. */
  default void close() {}
}
