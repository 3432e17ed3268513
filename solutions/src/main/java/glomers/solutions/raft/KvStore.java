package glomers.solutions.raft;

import glomers.runtime.RawJson;
import glomers.runtime.RpcError;
import glomers.solutions.raft.Log.Entry;
import java.util.HashMap;
import java.util.Map;

/**
 * The state machine: a map from key to value, changed only by applying committed log entries in
 * index order, so every node that has applied up to an index holds the same map. Keys and values
 * are any JSON, compared by their text.
 */
final class KvStore {
  private final Map<String, RawJson> values = new HashMap<>();

  /** Applies one entry; returns the client's reply record, or the RpcError it is answered with. */
  Object apply(Entry entry) {
    String key = text(entry.key());
    RawJson current = values.get(key);
    return switch (entry.op()) {
      case "read" -> current == null ? missing(key) : new Raft.ReadOk(current);
      case "write" -> {
        values.put(key, orNull(entry.value()));
        yield new Raft.WriteOk();
      }
      case "cas" -> {
        if (current == null) {
          yield missing(key);
        }
        if (!current.text().equals(text(entry.from()))) {
          yield new RpcError(RpcError.PRECONDITION_FAILED,
              "key " + key + " holds " + current.text() + ", not " + text(entry.from()));
        }
        values.put(key, orNull(entry.to()));
        yield new Raft.CasOk();
      }
      default -> throw new IllegalStateException("unknown op in the log: " + entry);
    };
  }

  private static RpcError missing(String key) {
    return new RpcError(RpcError.KEY_DOES_NOT_EXIST, "key " + key + " does not exist");
  }

  private static final RawJson NULL = new RawJson("null");

  /** JSON null may reach us as Java null; the store holds it as the JSON text. */
  static RawJson orNull(RawJson value) {
    return value != null ? value : NULL;
  }

  static String text(RawJson value) {
    return orNull(value).text();
  }
}
