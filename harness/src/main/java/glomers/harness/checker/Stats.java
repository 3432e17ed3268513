package glomers.harness.checker;

import glomers.harness.history.Op;
import java.util.ArrayList;
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

  /** Completions of one kind of op (or of all), by type. */
  public record Tally(long ok, long fail, long info) {
    static final Tally NONE = new Tally(0, 0, 0);

    public long count() {
      return ok + fail + info;
    }

    Tally plus(Op op) {
      return switch (op.type()) {
        case OK -> new Tally(ok + 1, fail, info);
        case FAIL -> new Tally(ok, fail + 1, info);
        case INFO -> new Tally(ok, fail, info + 1);
        case INVOKE -> throw new IllegalArgumentException("invocations are not counted");
      };
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("count", count());
      json.put("ok-count", ok);
      json.put("fail-count", fail);
      json.put("info-count", info);
      return json;
    }
  }

  /** One f's completions, valid if one was ok or the f is exempt. */
  public record ByF(Validity valid, Tally tally) {}

  /** One node's client completions and their share of all (rounded to 4 decimals). */
  public record NodeShare(long count, double share) {}

  /**
   * The completions overall and per f (alphabetical), and per node when the nodes were given (else
   * {@code byNode} is null).
   */
  public record Completions(Validity valid, Tally all, Map<String, ByF> byF, Map<String, NodeShare> byNode)
      implements Result {
    @Override
    public Map<String, Object> json() {
      Map<String, Object> byFJson = new LinkedHashMap<>();
      byF.forEach((f, c) -> byFJson.put(f, Result.entry(c.valid(), c.tally().json())));
      Map<String, Object> details = all.json();
      details.put("by-f", byFJson);
      if (byNode != null) {
        Map<String, Object> byNodeJson = new LinkedHashMap<>();
        byNode.forEach((node, n) -> {
          Map<String, Object> json = new LinkedHashMap<>();
          json.put("count", n.count());
          json.put("share", n.share());
          byNodeJson.put(node, json);
        });
        details.put("by-node", byNodeJson);
      }
      return Result.entry(valid, details);
    }

    @Override
    public List<String> invalidParts() {
      List<String> parts = new ArrayList<>();
      byF.forEach((f, c) -> {
        if (c.valid() != Validity.TRUE) {
          parts.add("by-f " + f);
        }
      });
      return parts;
    }
  }

  @Override
  public Completions check(List<Op> history) {
    Tally all = Tally.NONE;
    Map<String, Tally> byF = new TreeMap<>();
    boolean perNode = !nodes.isEmpty() && concurrency > 0;
    long[] byNode = new long[nodes.size()];
    for (Op op : history) {
      if (op.isClient() && !op.isInvoke()) {
        all = all.plus(op);
        byF.put(op.f(), byF.getOrDefault(op.f(), Tally.NONE).plus(op));
        if (perNode && op.process() >= 0) {
          byNode[(op.process() % concurrency) % nodes.size()]++;
        }
      }
    }
    Validity valid = Validity.TRUE;
    Map<String, ByF> byFResults = new LinkedHashMap<>();
    for (Map.Entry<String, Tally> e : byF.entrySet()) {
      Validity fValid = Validity.of(e.getValue().ok() > 0 || exempt.contains(e.getKey()));
      valid = valid.and(fValid);
      byFResults.put(e.getKey(), new ByF(fValid, e.getValue()));
    }
    Map<String, NodeShare> shares = null;
    if (perNode) {
      long total = all.count();
      shares = new LinkedHashMap<>();
      for (int i = 0; i < byNode.length; i++) {
        shares.put(nodes.get(i), new NodeShare(byNode[i], total == 0 ? 0.0 : Math.round(byNode[i] * 10_000.0 / total) / 10_000.0));
      }
    }
    return new Completions(valid, all, byFResults, shares);
  }
}
