package glomers.harness.workload;

import glomers.harness.checker.JsonValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A node's {@code "type": "error"} reply (docs/protocol.md#error-codes), named and classified by the
 * reserved code table. Unknown codes, including user codes from 1000 up, are indefinite.
 */
public final class RpcError extends Exception {
  private record Code(String name, boolean definite) {}

  private static final Map<Long, Code> CODES =
      Map.ofEntries(
          Map.entry(0L, new Code("timeout", false)),
          Map.entry(1L, new Code("node-not-found", true)),
          Map.entry(10L, new Code("not-supported", true)),
          Map.entry(11L, new Code("temporarily-unavailable", true)),
          Map.entry(12L, new Code("malformed-request", true)),
          Map.entry(13L, new Code("crash", false)),
          Map.entry(14L, new Code("abort", true)),
          Map.entry(20L, new Code("key-does-not-exist", true)),
          Map.entry(21L, new Code("key-already-exists", true)),
          Map.entry(22L, new Code("precondition-failed", true)),
          Map.entry(30L, new Code("txn-conflict", true)));

  private final Object code;
  private final String name;
  private final boolean definite;
  private final Object text;
  private final Map<String, Object> body;

  public RpcError(Map<String, Object> body) {
    super("RPC error " + body);
    this.body = body;
    this.code = body.get("code");
    this.text = body.get("text");
    // Only JSON integers name a code: 13.0 is no more "crash" than "13" is.
    Code known = JsonValues.canonical(code) instanceof Long c ? CODES.get(c) : null;
    this.name = known == null ? "unknown" : known.name();
    this.definite = known != null && known.definite();
  }

  public Object code() {
    return code;
  }

  public String name() {
    return name;
  }

  public boolean definite() {
    return definite;
  }

  /** The reply's {@code text}, usually a string; null when absent. */
  public Object text() {
    return text;
  }

  public Map<String, Object> body() {
    return body;
  }

  /** The op's {@code :error} as Maelstrom records it: {@code [name, text]}, text possibly null. */
  public List<Object> asOpError() {
    return Arrays.asList(name, text);
  }
}
