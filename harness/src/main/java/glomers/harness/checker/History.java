package glomers.harness.checker;

import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pairs each invocation with its completion; a process has at most one op in flight. */
public final class History {
  private History() {}

  /** An invocation and its completion, or null when the history ended before it completed. */
  public record Pair(Op invoke, Op completion) {
    public long latencyNanos() {
      return completion.time() - invoke.time();
    }
  }

  /** Every invocation of the history, in invocation order, with its completion. */
  public static List<Pair> pairs(List<Op> history) {
    List<Pair> pairs = new ArrayList<>();
    Map<Integer, Integer> pending = new HashMap<>();
    for (Op op : history) {
      if (op.isInvoke()) {
        pending.put(op.process(), pairs.size());
        pairs.add(new Pair(op, null));
      } else {
        Integer at = pending.remove(op.process());
        if (at != null) {
          pairs.set(at, new Pair(pairs.get(at).invoke(), op));
        }
      }
    }
    return pairs;
  }

  /** Maps each completion (by identity) to its invocation. */
  public static Map<Op, Op> invocations(List<Op> history) {
    Map<Op, Op> byCompletion = new IdentityHashMap<>();
    for (Pair pair : pairs(history)) {
      if (pair.completion() != null) {
        byCompletion.put(pair.completion(), pair.invoke());
      }
    }
    return byCompletion;
  }

  /** An op as results.json shows it, with Jepsen's key names. */
  public static Map<String, Object> toJson(Op op) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", op.index());
    json.put("time", op.time());
    json.put("type", op.type().wire());
    json.put("process", op.isClient() ? (Object) op.process() : "nemesis");
    json.put("f", op.f());
    json.put("value", op.value());
    if (op.error() != null) {
      json.put("error", op.error());
    }
    if (op.finalPhase()) {
      json.put("final?", true);
    }
    return json;
  }
}
