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
 * ops that are not expected to succeed (kafka's {@code crash}). Given each process's node, it also
 * counts the completions per node and each node's share of them (bench only; Jepsen's choice of
 * worker gives n0 more than the others).
 */
public final class Stats implements Checker {
  private final Set<String> exempt;
  private final List<String> nodes;
  private final int concurrency;

  public Stats(Set<String> exempt) {
    this(exempt, List.of(), 0);
  }

  /**
   * With {@code by-node}: process p is worker p mod concurrency, which talks to nodes[worker mod n]
   * (as the bench's and Maelstrom's clients do). No nodes or no concurrency leaves it out.
   */
  public Stats(Set<String> exempt, List<String> nodes, int concurrency) {
    this.exempt = exempt;
    this.nodes = nodes == null ? List.of() : nodes;
    this.concurrency = concurrency;
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
    boolean perNode = !nodes.isEmpty() && concurrency > 0;
    long[] byNode = new long[nodes.size()];
    for (Op op : history) {
      if (op.isClient() && !op.isInvoke()) {
        all.count(op);
        byF.computeIfAbsent(op.f(), f -> new Counts()).count(op);
        if (perNode && op.process() >= 0) {
          byNode[(op.process() % concurrency) % nodes.size()]++;
        }
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
    if (perNode) {
      long total = all.ok + all.fail + all.info;
      Map<String, Object> byNodeJson = new LinkedHashMap<>();
      for (int i = 0; i < byNode.length; i++) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", byNode[i]);
        json.put("share", total == 0 ? 0.0 : Math.round(byNode[i] * 10_000.0 / total) / 10_000.0);
        byNodeJson.put(nodes.get(i), json);
      }
      details.put("by-node", byNodeJson);
    }
    return Result.of(valid, details);
  }
}
