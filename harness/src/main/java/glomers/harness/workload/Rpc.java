package glomers.harness.workload;

import glomers.harness.net.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One workload RPC and the two ways Maelstrom's clients turn its failures into completions
 * (docs/protocol.md#how-failures-are-recorded).
 */
public final class Rpc {
  private Rpc() {}

  /** Maelstrom's default client reply timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(5000);

  /** The {@code :error} of an op whose reply never came, for classifying clients. */
  public static final List<Object> NET_TIMEOUT = List.of("net-timeout");

  /** The {@code :error} of an op whose reply never came, for the counters and g-set. */
  public static final String READ_TIMEOUT = "indeterminate: Client read timeout";

  /** The body of an RPC: returns the completion of a successful reply. */
  @FunctionalInterface
  public interface Body {
    Completion run() throws RpcError, TimeoutException, InterruptedException, MalformedResponseException;
  }

  /**
   * Sends {@code request} and returns its reply once it fits {@code schema}; an error reply is
   * thrown as {@link RpcError} before any schema check, since error bodies have their own shape.
   */
  public static Map<String, Object> call(
      Connection connection, Map<String, Object> request, ReplySchema schema, Duration timeout)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    Map<String, Object> reply = connection.call(request, timeout);
    if ("error".equals(reply.get("type"))) {
      throw new RpcError(reply);
    }
    return schema.validate(connection.node(), request, reply);
  }

  /** A request body with its {@code type} and one field, in that order, as Maelstrom's clients send. */
  public static Map<String, Object> request(String type, String field, Object value) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", type);
    request.put(field, value);
    return request;
  }

  public static Map<String, Object> call(Connection connection, Map<String, Object> request, ReplySchema schema)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    return call(connection, request, schema, DEFAULT_TIMEOUT);
  }

  /**
   * Maelstrom's {@code with-errors}: a definite error cannot have taken effect, so the op failed; an
   * indefinite one or a timeout might have, so it is {@code :info}, unless the op is idempotent (a
   * read), where failing is harmless. Malformed replies propagate: the bench records them as
   * indeterminate.
   */
  public static Completion withErrors(Invocation invocation, Set<String> idempotent, Body body)
      throws InterruptedException, MalformedResponseException {
    boolean harmless = idempotent.contains(invocation.f());
    try {
      return body.run();
    } catch (TimeoutException e) {
      return harmless
          ? Completion.fail(invocation.value(), NET_TIMEOUT)
          : Completion.info(invocation.value(), NET_TIMEOUT);
    } catch (RpcError e) {
      return e.definite() || harmless
          ? Completion.fail(invocation.value(), e.asOpError())
          : Completion.info(invocation.value(), e.asOpError());
    }
  }

  /**
   * The counters' and g-set's clients classify nothing: in Maelstrom every failure escapes the
   * client as an exception and is recorded as indeterminate, so even a definite error is {@code
   * :info}. That keeps the counter checker honest about adds that might have happened. Malformed
   * replies propagate, as for every client.
   */
  public static Completion indeterminate(Invocation invocation, Body body)
      throws InterruptedException, MalformedResponseException {
    try {
      return body.run();
    } catch (TimeoutException e) {
      return Completion.info(invocation.value(), READ_TIMEOUT);
    } catch (RpcError e) {
      return Completion.info(invocation.value(), "indeterminate: " + e.getMessage());
    }
  }
}
