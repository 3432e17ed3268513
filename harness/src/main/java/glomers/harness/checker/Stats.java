package glomers.harness.checker;

import glomers.harness.history.Op;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Jepsen's {@code stats} (docs/bench.md#checkers-and-verdict): completion counts overall and per f. A run in which
 * some f never once succeeded proves nothing about that f, so it is invalid; workloads may exempt
 * ops that are not expected to succeed (kafka's {@code crash}).
 */
public final class Stats implements Checker {
  private final Set<String> exempt;

  public Stats(Set<String> exempt) {
    this.exempt = exempt;
  }

  private static final class Counts {
    long ok;
    long fail;
    long info;

    void count(Op op) {
      switch (op.type()) {
        case OK -> ok++;
        case FAIL -> fail++;
        case INFO -> info++;
        case INVOKE -> throw new IllegalArgumentException("invocations are not counted");
      }
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("count", ok + fail + info);
      json.put("ok-count", ok);
      json.put("fail-count", fail);
      json.put("info-count", info);
      return json;
    }
  }

  @Override
  public Result check(List<Op> history) {
    Counts all = new Counts();
    Map<String, Counts> byF = new TreeMap<>();
    for (Op op : history) {
      if (op.isClient() && !op.isInvoke()) {
        all.count(op);
        byF.computeIfAbsent(op.f(), f -> new Counts()).count(op);
      }
    }
    Validity valid = Validity.TRUE;
    Map<String, Object> byFJson = new LinkedHashMap<>();
    for (Map.Entry<String, Counts> e : byF.entrySet()) {
      Validity fValid = Validity.of(e.getValue().ok > 0 || exempt.contains(e.getKey()));
      valid = valid.and(fValid);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("valid?", fValid.json());
      json.putAll(e.getValue().toJson());
      byFJson.put(e.getKey(), json);
    }
    Map<String, Object> details = all.toJson();
    details.put("by-f", byFJson);
    return Result.of(valid, details);
  }
}
