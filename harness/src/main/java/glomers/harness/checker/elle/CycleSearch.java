package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.RwRegisterChecker.*;

import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Elle's cycle classification. Each strongly connected component of the dependency graph is first
 * probed for which edge subsets still hold a cycle ("*-cycle-exists"), then searched, worst anomaly
 * first, for a shortest cycle obeying each anomaly's edge rules (G0: ww only; G1c: ww and wr with
 * at least one wr; G-single-item: exactly one rw; G-nonadjacent-item: two or more rw, never two in
 * a row; G2-item: two or more rw; the -realtime/-process variants also need an order edge). A found
 * cycle is named by the edges that explain each step, preferring wr, then ww, then rw, then order.
 * The breadth-first search inside one component is {@link ComponentSearch}'s.
 */
final class CycleSearch {
  /** A cycle anomaly's search rules. */
  record Spec(String name, int rels, int requiredVariant, boolean requireWr, int rwMode, boolean typed) {
    // RW_ANY: no rw edges at all; RW_FREE: any number (only for the fallback cycle).
    static final int RW_ANY = 0, RW_ONE = 1, RW_MANY = 2, RW_NONADJACENT = 3, RW_FREE = 4;
  }

  /** Elle's cycle-exists probes whose subgraph is a plain union of edge kinds. */
  private record Exists(String model, int rels, List<String> subgraph) {}

  private static final List<Exists> EXISTS =
      List.of(
          new Exists("PL-1", R_WW, List.of("ww")),
          new Exists("PL-2", R_WW | R_WR, List.of("ww", "wr")),
          new Exists("PL-2.99", R_WW | R_WR | R_RW, List.of("ww", "wr", "rw")),
          new Exists("PL-3", R_WW | R_WR | R_RW, List.of("ww", "wr", "rw")),
          new Exists("strong-session-PL-1", R_WW | R_PROC, List.of("ww", "process")),
          new Exists("strong-session-PL-2", R_WW | R_WR | R_PROC, List.of("ww", "wr", "process")),
          new Exists("strong-session-serializable", R_WW | R_WR | R_RW | R_PROC, List.of("ww", "wr", "rw", "process")),
          new Exists("strong-PL-1", R_WW | R_RT, List.of("ww", "realtime")),
          new Exists("strong-PL-2", R_WW | R_WR | R_RT, List.of("ww", "wr", "realtime")),
          new Exists("PL-SS", R_WW | R_WR | R_RW | R_RT, List.of("ww", "wr", "rw", "realtime")));

  static final List<Spec> SPECS = specs();

  private static List<Spec> specs() {
    List<Spec> base =
        List.of(
            new Spec("G0", R_WW, 0, false, Spec.RW_ANY, false),
            new Spec("G1c", R_WW | R_WR, 0, true, Spec.RW_ANY, false),
            new Spec("G-single-item", R_WW | R_WR | R_RW, 0, false, Spec.RW_ONE, true),
            new Spec("G-nonadjacent-item", R_WW | R_WR | R_RW, 0, false, Spec.RW_NONADJACENT, true),
            new Spec("G2-item", R_WW | R_WR | R_RW, 0, false, Spec.RW_MANY, true));
    List<Spec> all = new ArrayList<>(base);
    for (Spec s : base) {
      all.add(new Spec(s.name + "-process", s.rels | R_PROC, R_PROC, s.requireWr, s.rwMode, s.typed));
      all.add(new Spec(s.name + "-realtime", s.rels | R_RT, R_RT, s.requireWr, s.rwMode, s.typed));
    }
    all.sort(Comparator.comparingInt((Spec s) -> Models.depth(s.name)).thenComparing(Spec::name));
    return List.copyOf(all);
  }

  static String modelOf(String cycleExistsType) {
    return cycleExistsType.substring(0, cycleExistsType.length() - "-cycle-exists".length());
  }

  // Elle gives each component one second of cycle search. Here it is a second of the searching
  // thread's CPU time, not of wall time, so that a busy machine (or a test run beside other
  // builds) does not cut a small search short and change the verdict.
  private static final long SEARCH_BUDGET_NANOS = 1_000_000_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** The budget's clock: this thread's CPU time where the JVM measures it, else wall time. */
  static long clock() {
    return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
        ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }

  private final TxnGraph graphs;
  private final Digraph g;
  private final int txnCount;

  CycleSearch(TxnGraph graphs) {
    this.graphs = graphs;
    this.g = graphs.graph;
    this.txnCount = graphs.oks.size();
  }

  void run(Map<String, List<Map<String, Object>>> anomalies) {
    List<int[]> sccs = new ArrayList<>();
    for (int[] scc : g.components(k -> true)) {
      if (txns(scc) >= 2) {
        sccs.add(scc); // a lone txn can only loop through a hub, which is no dependency
      }
    }
    if (sccs.isEmpty()) {
      return;
    }
    // One pass over the edges hands each component its own local graph.
    int[] sccOf = new int[g.vertices];
    int[] localId = new int[g.vertices];
    Arrays.fill(sccOf, -1);
    List<Digraph> subs = new ArrayList<>();
    for (int i = 0; i < sccs.size(); i++) {
      int[] scc = sccs.get(i);
      for (int j = 0; j < scc.length; j++) {
        sccOf[scc[j]] = i;
        localId[scc[j]] = j;
      }
      subs.add(new Digraph(scc.length));
    }
    for (int e = 0; e < g.edges; e++) {
      int a = sccOf[g.src[e]];
      if (a >= 0 && a == sccOf[g.dst[e]] && g.src[e] != g.dst[e]) {
        subs.get(a).add(localId[g.src[e]], localId[g.dst[e]], g.kind[e]);
      }
    }
    for (int i = 0; i < sccs.size(); i++) {
      searchComponent(sccs.get(i), subs.get(i), anomalies);
    }
  }

  private void searchComponent(int[] scc, Digraph sub, Map<String, List<Map<String, Object>>> anomalies) {
    long deadline = clock() + SEARCH_BUDGET_NANOS;
    List<Map<String, Object>> exists = cycleExists(scc, sub);
    Map<String, List<Map<String, Object>>> cycles = new LinkedHashMap<>();
    Set<String> redundant = new HashSet<>();
    ComponentSearch local = new ComponentSearch(this, graphs.oks, scc, sub, deadline);
    for (Spec spec : SPECS) {
      if (redundant.contains(spec.name)
          || (spec.rels & R_RT) != 0 && !graphs.realtime
          || (spec.rels & R_PROC) != 0 && !graphs.process) {
        continue;
      }
      if (clock() > deadline) {
        break;
      }
      Map<String, Object> found = local.search(spec);
      if (found != null) {
        cycles.computeIfAbsent((String) found.get("type"), t -> new ArrayList<>()).add(found);
        redundant.addAll(Models.impliedAnomalies(List.of(spec.name)));
      }
    }
    if (cycles.isEmpty() && clock() > deadline) {
      // Out of time, as Elle's search can be: still show one cycle of this component.
      Map<String, Object> fallback = local.fallback();
      if (fallback != null) {
        cycles.computeIfAbsent((String) fallback.get("type"), t -> new ArrayList<>()).add(fallback);
      }
    }
    Set<String> impossible = Models.impossibleModels(cycles.keySet());
    for (Map<String, Object> e : exists) {
      if (!impossible.contains(Models.canonical((String) e.get("not")))) {
        anomalies.computeIfAbsent((String) e.get("type"), t -> new ArrayList<>()).add(e);
      }
    }
    cycles.forEach((type, cs) -> anomalies.computeIfAbsent(type, t -> new ArrayList<>()).addAll(cs));
  }

  private int txns(int[] vertices) {
    int n = 0;
    for (int v : vertices) {
      if (v < txnCount) {
        n++;
      }
    }
    return n;
  }

  /** Maps a component's local vertex ids to global ones and counts the txns among them. */
  private int txns(int[] scc, int[] local) {
    int n = 0;
    for (int v : local) {
      if (scc[v] < txnCount) {
        n++;
      }
    }
    return n;
  }

  private List<Map<String, Object>> cycleExists(int[] scc, Digraph sub) {
    List<Map<String, Object>> cases = new ArrayList<>();
    Set<String> redundant = new HashSet<>();
    for (Exists spec : EXISTS) {
      if (redundant.contains(spec.model)
          || (spec.rels & R_RT) != 0 && !graphs.realtime
          || (spec.rels & R_PROC) != 0 && !graphs.process) {
        continue;
      }
      int[] smallest = null;
      for (int[] part : sub.components(k -> (rel(k) & spec.rels) != 0)) {
        if (txns(scc, part) >= 2 && (smallest == null || txns(scc, part) < txns(scc, smallest))) {
          smallest = part;
        }
      }
      if (smallest == null) {
        continue;
      }
      List<Long> ops = new ArrayList<>();
      List<Txn> members = new ArrayList<>();
      for (int v : smallest) {
        if (scc[v] < txnCount) {
          Txn t = graphs.oks.get(scc[v]);
          members.add(t);
          ops.add(t.op.index());
        }
      }
      String friendly = Models.friendly(spec.model);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("type", spec.model + "-cycle-exists");
      c.put("not", friendly);
      c.put("subgraph", spec.subgraph);
      c.put("scc-size", ops.size());
      c.put("scc", ops);
      StringBuilder text = new StringBuilder(spec.model + "-cycle-exists: the " + String.join("+", spec.subgraph)
          + " edges among these " + ops.size() + " transactions form a cycle, so the history is not " + friendly
          + " (no single cycle of a named anomaly type was isolated):");
      members.forEach(t -> text.append("\n  ").append(t.describe()));
      cases.add(explained(c, text.toString()));
      redundant.addAll(Models.impossibleModelsFrom(List.of(spec.model)));
    }
    return cases;
  }

  /** Elle's naming of a cycle by the types of its explained steps, with the explanation text. */
  Map<String, Object> explain(List<Txn> cycle) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (int i = 0; i < cycle.size(); i++) {
      Map<String, Object> step = graphs.explainPair(cycle.get(i), cycle.get((i + 1) % cycle.size()));
      if (step == null) {
        return null;
      }
      steps.add(step);
    }
    int rw = 0, wr = 0, ww = 0, rt = 0, proc = 0;
    boolean rwAdjacent = false;
    for (int i = 0; i < steps.size(); i++) {
      String t = (String) steps.get(i).get("type");
      switch (t) {
        case "rw" -> rw++;
        case "wr" -> wr++;
        case "ww" -> ww++;
        case "realtime" -> rt++;
        default -> proc++;
      }
      String next = (String) steps.get((i + 1) % steps.size()).get("type");
      if (t.equals("rw") && next.equals("rw")) {
        rwAdjacent = true;
      }
    }
    String base =
        rw == 1 ? "G-single-item"
            : rw > 1 ? (rwAdjacent ? "G2-item" : "G-nonadjacent-item")
            : wr > 0 ? "G1c"
            : ww > 0 ? "G0"
            : null;
    if (base == null) {
      return null;
    }
    String type = base + (rt > 0 ? "-realtime" : proc > 0 ? "-process" : "");
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("cycle", cycle.stream().map(Txn::json).toList());
    c.put("steps", steps);
    StringBuilder text = new StringBuilder(type + ": a cycle of " + cycle.size() + " transactions.\n");
    for (int i = 0; i < cycle.size(); i++) {
      text.append("  T").append(i + 1).append(" = ").append(cycle.get(i).describe()).append('\n');
    }
    text.append("Then:\n");
    for (int i = 0; i < cycle.size(); i++) {
      int j = (i + 1) % cycle.size();
      text.append("  - ").append(stepText(steps.get(i), "T" + (i + 1), "T" + (j + 1), cycle.get(i), cycle.get(j))).append('\n');
    }
    text.append("So T1 must come before itself: ").append(describeType(base)).append('.');
    return explained(c, text.toString());
  }

  private String stepText(Map<String, Object> step, String a, String b, Txn ta, Txn tb) {
    return switch ((String) step.get("type")) {
      case "realtime" -> a + " < " + b + " (realtime): " + a + " completed (op " + ta.op.index() + ") before " + b
          + " was invoked (op " + tb.invoke.index() + ").";
      case "process" -> a + " < " + b + " (process): process " + ta.op.process() + " ran " + a + " before " + b + ".";
      default -> graphs.dataStepText(step, a, b);
    };
  }

  private static String describeType(String base) {
    return switch (base) {
      case "G0" -> "a cycle of write-write dependencies (G0, dirty write)";
      case "G1c" -> "a cycle of write and read dependencies with at least one wr edge (G1c, circular information flow)";
      case "G-single-item" -> "a cycle with exactly one read-write anti-dependency (G-single, read skew)";
      case "G-nonadjacent-item" -> "a cycle with several anti-dependencies, none adjacent (G-nonadjacent)";
      default -> "a cycle with two adjacent read-write anti-dependencies (G2-item, write skew)";
    };
  }
}
