package glomers.harness.workload.kafka;

import glomers.harness.checker.JsonValues;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.net.Connection;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import glomers.harness.workload.ReplySchema;
import glomers.harness.workload.Rpc;
import glomers.harness.workload.RpcError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Maelstrom's kafka client for one connection. It keeps the consumer's local offsets (key -> next
 * offset to poll); a crash discards the whole client, so a fresh connection starts empty.
 *
 * <p>History values: send {@code [["send", K, M]]}, completed {@code [["send", K, [O, M]]]}; poll
 * {@code [["poll"]]}, completed {@code [["poll", {K: [[O, M], ...]}]]}; assign a list of keys;
 * crash null.
 */
final class KafkaClient implements Client {
  static final ReplySchema SEND_OK = ReplySchema.of("send_ok", "offset", ReplySchema.Field.INT);
  static final ReplySchema POLL_OK =
      ReplySchema.of("poll_ok", "msgs", ReplySchema.Field.MAP)
          .where("msgs", "an object of key -> [[offset, msg], ...] with integer offsets", KafkaClient::msgsFit);
  static final ReplySchema COMMIT_OK = ReplySchema.of("commit_offsets_ok");
  static final ReplySchema LIST_OK =
      ReplySchema.of("list_committed_offsets_ok", "offsets", ReplySchema.Field.MAP)
          .where("offsets", "an object of key -> integer offset", KafkaClient::offsetsFit);

  /** An assign changes only local state, so a failed or timed-out one can safely count as failed. */
  private static final Set<String> IDEMPOTENT = Set.of("assign");

  private final Connection connection;
  private final Map<String, Long> offsets = new LinkedHashMap<>();

  KafkaClient(Connection connection) {
    this.connection = connection;
  }

  /** A copy of the local offsets, for tests. */
  Map<String, Long> offsets() {
    return new LinkedHashMap<>(offsets);
  }

  @Override
  public Completion invoke(Invocation invocation) throws Exception {
    return switch (invocation.f()) {
      // No RPC: the bench throws this client away, as Jepsen does after any :info.
      case "crash" -> Completion.info(invocation.value(), null);
      case "assign" ->
          invocation.finalPhase()
              ? seekToBeginning(invocation)
              : Rpc.withErrors(invocation, IDEMPOTENT, () -> assign(invocation));
      case "send" -> Rpc.withErrors(invocation, IDEMPOTENT, () -> send(invocation));
      case "poll" -> Rpc.withErrors(invocation, IDEMPOTENT, () -> poll(invocation));
      default -> throw new IllegalArgumentException("kafka has no op " + invocation.f());
    };
  }

  private Completion send(Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    List<?> mop = (List<?>) ((List<?>) invocation.value()).get(0);
    Object key = mop.get(1);
    Object msg = mop.get(2);
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("type", "send");
    request.put("key", key);
    request.put("msg", msg);
    Object offset = JsonValues.canonical(Rpc.call(connection, request, SEND_OK).get("offset"));
    return Completion.ok(List.of(List.of("send", key, List.of(offset, msg))));
  }

  private Completion poll(Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    Map<String, Object> request = Rpc.request("poll", "offsets", new LinkedHashMap<>(offsets));
    @SuppressWarnings("unchecked")
    Map<String, Object> msgs = (Map<String, Object>) JsonValues.canonical(Rpc.call(connection, request, POLL_OK).get("msgs"));
    Map<String, Object> highest = new LinkedHashMap<>();
    msgs.forEach(
        (key, pairs) -> {
          long top = -1;
          for (Object pair : (List<?>) pairs) {
            top = Math.max(top, (Long) ((List<?>) pair).get(0));
          }
          offsets.merge(key, top + 1, Math::max);
          if (!((List<?>) pairs).isEmpty()) {
            highest.put(key, top);
          }
        });
    // The local offsets have moved already: a commit that fails definitely loses this poll's data
    // from the history while the next poll starts after it, which the checker sees as a skip.
    if (!highest.isEmpty()) {
      Rpc.call(connection, Rpc.request("commit_offsets", "offsets", highest), COMMIT_OK);
    }
    List<Object> mop = new ArrayList<>(2);
    mop.add("poll");
    mop.add(msgs);
    return Completion.ok(List.of(mop));
  }

  /**
   * Asks for the committed offsets but, as Maelstrom does, never uses them: Maelstrom looks each key
   * up in the reply's top level instead of its {@code offsets}, so a newly assigned key starts at 0.
   */
  private Completion assign(Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    List<?> keys = (List<?>) invocation.value();
    Rpc.call(connection, Rpc.request("list_committed_offsets", "keys", keys), LIST_OK);
    reassign(keys);
    return Completion.ok(invocation.value());
  }

  /** The final phase re-reads every key from the start without asking the node. */
  private Completion seekToBeginning(Invocation invocation) {
    offsets.clear();
    for (Object key : (List<?>) invocation.value()) {
      offsets.put((String) key, 0L);
    }
    return Completion.ok(invocation.value());
  }

  private void reassign(List<?> keys) {
    Map<String, Long> kept = new LinkedHashMap<>();
    for (Object key : keys) {
      kept.put((String) key, offsets.getOrDefault((String) key, 0L));
    }
    offsets.clear();
    offsets.putAll(kept);
  }

  private static boolean msgsFit(Object msgs) {
    for (Object pairs : ((Map<?, ?>) msgs).values()) {
      if (!(pairs instanceof List<?> list)) {
        return false;
      }
      for (Object pair : list) {
        if (!(pair instanceof List<?> p) || p.size() != 2 || !(JsonValues.canonical(p.get(0)) instanceof Long)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean offsetsFit(Object offsets) {
    for (Object offset : ((Map<?, ?>) offsets).values()) {
      if (!JsonValues.isInteger(offset)) {
        return false;
      }
    }
    return true;
  }
}
