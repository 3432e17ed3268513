package glomers.harness.workload.linkv;

import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.net.Connection;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import glomers.harness.workload.ReplySchema;
import glomers.harness.workload.Rpc;
import glomers.harness.workload.RpcError;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Maelstrom's lin-kv client. History values are {@code [K v]}: a read invokes {@code [K null]} and
 * completes {@code [K V]}; a write is {@code [K v]}, a cas {@code [K [A B]]}, both completing with the
 * invocation's value. A read is idempotent, so its timeout or any error reply is a definite {@code
 * :fail}; a write or cas fails on a definite error code (20, 22, ...) and is {@code :info} on a
 * timeout or an indefinite error. A malformed reply turns the op {@code :info} with a message naming
 * the node and the reply.
 */
final class LinKvClient implements Client {
  static final ReplySchema READ_OK = ReplySchema.of("read_ok", "value", ReplySchema.Field.ANY);
  static final ReplySchema WRITE_OK = ReplySchema.of("write_ok");
  static final ReplySchema CAS_OK = ReplySchema.of("cas_ok");
  private static final Set<String> IDEMPOTENT = Set.of("read");

  private final Connection connection;
  private final Duration timeout;

  LinKvClient(Connection connection, int latencyMillis) {
    this.connection = connection;
    this.timeout = timeout(latencyMillis);
  }

  /** Maelstrom's lin-kv RPC timeout: ten mean latencies, at least one second. */
  static Duration timeout(int latencyMillis) {
    return Duration.ofMillis(Math.max(10L * latencyMillis, 1000L));
  }

  @Override
  public Completion invoke(Invocation invocation) throws Exception {
    return Rpc.withErrors(invocation, IDEMPOTENT, () -> call(invocation));
  }

  private Completion call(Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    List<?> tuple = (List<?>) invocation.value();
    Object key = tuple.get(0);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", invocation.f());
    request.put("key", key);
    switch (invocation.f()) {
      case "read" -> {
        Map<String, Object> reply = Rpc.call(connection, request, READ_OK, timeout);
        return Completion.ok(Arrays.asList(key, reply.get("value")));
      }
      case "write" -> {
        request.put("value", tuple.get(1));
        Rpc.call(connection, request, WRITE_OK, timeout);
        return Completion.ok(invocation.value());
      }
      case "cas" -> {
        List<?> fromTo = (List<?>) tuple.get(1);
        request.put("from", fromTo.get(0));
        request.put("to", fromTo.get(1));
        Rpc.call(connection, request, CAS_OK, timeout);
        return Completion.ok(invocation.value());
      }
      default -> throw new IllegalArgumentException("lin-kv has no op " + invocation.f());
    }
  }
}
