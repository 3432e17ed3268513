package glomers.harness.checker.elle;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Elle's (0.2.2) lattice of consistency models and anomalies, as data: which models imply which,
 * which anomalies each model directly forbids, and which anomalies imply others. Everything the
 * checker decides about a model (what fails it, what to report as "not" and "also-not") is derived
 * from these four relations, so the verdicts match Elle's for every model name it knows.
 */
public final class Models {
  private Models() {}

  /** Anomaly -> anomalies it implies (a G0 cycle is also a G1c, and so on). */
  static final Map<String, List<String>> IMPLIED =
      Map.ofEntries(
          Map.entry("G0", List.of("G1c", "G0-process")),
          Map.entry("G0-process", List.of("G1c-process", "G0-realtime")),
          Map.entry("G0-realtime", List.of("G1c-realtime")),
          Map.entry("G1a", List.of("G1")),
          Map.entry("G1b", List.of("G1")),
          Map.entry("G1c", List.of("G1", "G1c-process")),
          Map.entry("G1c-process", List.of("G1c-realtime", "G1-process")),
          Map.entry("G1c-realtime", List.of("G1-realtime")),
          Map.entry("G1", List.of("G1-process")),
          Map.entry("G1-process", List.of("G1-realtime")),
          Map.entry("G-single-item", List.of("G-single", "G-single-item-process", "G-nonadjacent-item")),
          Map.entry(
              "G-single-item-process",
              List.of("G-single-process", "G-single-item-realtime", "G-nonadjacent-item-process")),
          Map.entry("G-single-item-realtime", List.of("G-single-realtime", "G-nonadjacent-item-realtime")),
          Map.entry("G-single", List.of("G-nonadjacent", "GSIb", "G-single-process")),
          Map.entry("G-single-process", List.of("G-nonadjacent-process", "G-single-realtime")),
          Map.entry("G-single-realtime", List.of("G-nonadjacent-realtime")),
          Map.entry("G-nonadjacent-item", List.of("G-nonadjacent", "G2-item", "G-nonadjacent-item-process")),
          Map.entry(
              "G-nonadjacent-item-process",
              List.of("G-nonadjacent-process", "G2-item-process", "G-nonadjacent-item-realtime")),
          Map.entry("G-nonadjacent-item-realtime", List.of("G2-item-realtime", "G-nonadjacent-realtime")),
          Map.entry("G-nonadjacent", List.of("G2", "G-nonadjacent-process")),
          Map.entry("G-nonadjacent-process", List.of("G2-process", "G-nonadjacent-realtime")),
          Map.entry("G-nonadjacent-realtime", List.of("G2-realtime")),
          Map.entry("G2", List.of("G2-process")),
          Map.entry("G2-item", List.of("G2", "G2-item-process")),
          Map.entry("G2-item-process", List.of("G2-process", "G2-item-realtime")),
          Map.entry("G2-item-realtime", List.of("G2-realtime")),
          Map.entry("G2-process", List.of("G2-realtime")),
          Map.entry("GSIa", List.of("GSI")),
          Map.entry("GSIb", List.of("GSI")),
          Map.entry("incompatible-order", List.of("G1a")),
          Map.entry("future-read", List.of("G1c")),
          Map.entry("dirty-update", List.of("G1a")),
          Map.entry("lost-update", List.of("write-skew", "G2-item")),
          Map.entry("write-skew", List.of("G2")));

  /** Extra "worse than" relations, used only to order the cycle searches. */
  static final Map<String, List<String>> SEVERITY =
      Map.of(
          "G0", List.of("G1c"),
          "G0-process", List.of("G1c-process"),
          "G0-realtime", List.of("G1c-realtime"),
          "G1c", List.of("G-single", "G2-item"),
          "G1c-process", List.of("G-single-process", "G2-item-process"),
          "G1c-realtime", List.of("G-single-realtime", "G2-item-realtime"),
          "G2", List.of("G0-process"),
          "G2-process", List.of("G0-realtime"));

  /** Friendly model names -> Elle's canonical ones. */
  static final Map<String, String> CANONICAL =
      Map.ofEntries(
          Map.entry("consistent-view", "PL-2+"),
          Map.entry("conflict-serializable", "PL-3"),
          Map.entry("cursor-stability", "PL-CS"),
          Map.entry("forward-consistent-view", "PL-FCV"),
          Map.entry("monotonic-snapshot-read", "PL-MSR"),
          Map.entry("monotonic-view", "PL-2L"),
          Map.entry("read-committed", "PL-2"),
          Map.entry("read-uncommitted", "PL-1"),
          Map.entry("repeatable-read", "PL-2.99"),
          Map.entry("serializable", "PL-3"),
          Map.entry("snapshot-isolation", "PL-SI"),
          Map.entry("strict-serializable", "PL-SS"),
          Map.entry("strong-serializable", "PL-SS"),
          Map.entry("update-serializable", "PL-3U"),
          Map.entry("strong-session-read-uncommitted", "strong-session-PL-1"),
          Map.entry("strong-session-read-committed", "strong-session-PL-2"),
          Map.entry("strong-read-uncommitted", "strong-PL-1"),
          Map.entry("strong-read-committed", "strong-PL-2"));

  /** Canonical -> friendly; where two friendly names share a model, the one Maelstrom prints. */
  static final Map<String, String> FRIENDLY = friendlyNames();

  private static Map<String, String> friendlyNames() {
    Map<String, String> friendly = new HashMap<>();
    CANONICAL.forEach((f, c) -> friendly.putIfAbsent(c, f));
    friendly.put("PL-3", "serializable");
    friendly.put("PL-SS", "strict-serializable");
    return Map.copyOf(friendly);
  }

  /** Model -> weaker models it implies (a history satisfying the key satisfies each value). */
  static final Map<String, List<String>> MODELS =
      canonicalize(
          Map.ofEntries(
              Map.entry("causal-cerone", List.of("read-atomic")),
              Map.entry("consistent-view", List.of("cursor-stability", "monotonic-view")),
              Map.entry("conflict-serializable", List.of("view-serializable")),
              Map.entry("cursor-stability", List.of("read-committed", "PL-2")),
              Map.entry("forward-consistent-view", List.of("consistent-view")),
              Map.entry("PL-2", List.of("PL-1")),
              Map.entry("PL-3", List.of("repeatable-read", "update-serializable")),
              Map.entry("update-serializable", List.of("forward-consistent-view")),
              Map.entry("monotonic-atomic-view", List.of("read-committed")),
              Map.entry("monotonic-view", List.of("PL-2")),
              Map.entry("monotonic-snapshot-read", List.of("PL-2")),
              Map.entry("parallel-snapshot-isolation", List.of("causal-cerone", "update-atomic")),
              Map.entry("prefix", List.of("causal-cerone")),
              Map.entry("read-atomic", List.of("monotonic-atomic-view")),
              Map.entry("read-committed", List.of("read-uncommitted")),
              Map.entry("repeatable-read", List.of("cursor-stability", "monotonic-atomic-view")),
              Map.entry("update-atomic", List.of("read-atomic")),
              Map.entry("serializable", List.of("repeatable-read", "snapshot-isolation", "view-serializable")),
              Map.entry("session-serializable", List.of("1SR")),
              Map.entry(
                  "snapshot-isolation",
                  List.of(
                      "forward-consistent-view",
                      "monotonic-atomic-view",
                      "monotonic-snapshot-read",
                      "parallel-snapshot-isolation",
                      "prefix")),
              Map.entry(
                  "strict-serializable",
                  List.of(
                      "PL-3",
                      "serializable",
                      "linearizable",
                      "snapshot-isolation",
                      "strong-snapshot-isolation",
                      "strong-session-serializable")),
              Map.entry("strong-session-PL-1", List.of("PL-1")),
              Map.entry("strong-session-PL-2", List.of("PL-2", "strong-session-PL-1")),
              Map.entry("strong-PL-1", List.of("strong-session-PL-1")),
              Map.entry("strong-PL-2", List.of("strong-session-PL-2", "strong-PL-1")),
              Map.entry("strong-session-serializable", List.of("serializable", "strong-session-snapshot-isolation")),
              Map.entry("strong-session-snapshot-isolation", List.of("snapshot-isolation", "strong-session-PL-2")),
              Map.entry("strong-serializable", List.of("session-serializable")),
              Map.entry("strong-snapshot-isolation", List.of("strong-session-snapshot-isolation", "strong-PL-2")),
              Map.entry("linearizable", List.of("sequential")),
              Map.entry("sequential", List.of("causal")),
              Map.entry("causal", List.of("writes-follow-reads", "PRAM")),
              Map.entry("PRAM", List.of("monotonic-reads", "monotonic-writes", "read-your-writes"))));

  /** Canonical model -> the anomalies it forbids beyond those of the models it implies. */
  static final Map<String, List<String>> DIRECT_PROSCRIBED =
      canonicalizeKeys(
          Map.ofEntries(
              Map.entry("causal-cerone", List.of("internal", "G1a")),
              Map.entry("cursor-stability", List.of("G1", "G-cursor", "lost-update")),
              Map.entry("monotonic-view", List.of("G1", "G-monotonic")),
              Map.entry("monotonic-snapshot-read", List.of("G1", "G-MSR")),
              Map.entry("consistent-view", List.of("G1", "G-single")),
              Map.entry("forward-consistent-view", List.of("G1", "G-SIb")),
              Map.entry("parallel-snapshot-isolation", List.of("internal", "G1a")),
              Map.entry("PL-3", List.of("G1", "G2", "predicate-read-miss", "PL-3-cycle-exists")),
              Map.entry("PL-2", List.of("G1", "PL-2-cycle-exists")),
              Map.entry("PL-1", List.of("G0", "duplicate-elements", "cyclic-versions", "PL-1-cycle-exists")),
              Map.entry("prefix", List.of("internal", "G1a")),
              Map.entry("serializable", List.of("internal")),
              Map.entry(
                  "snapshot-isolation", List.of("internal", "G1", "G-SI", "G-nonadjacent", "PL-SI-cycle-exists")),
              Map.entry("read-atomic", List.of("internal", "G1a", "future-read")),
              Map.entry("repeatable-read", List.of("G1", "G2-item", "PL-2.99-cycle-exists", "lost-update")),
              Map.entry("update-atomic", List.of("lost-update")),
              Map.entry("strict-serializable", List.of("G1", "G1c-realtime", "G2-realtime", "PL-SS-cycle-exists")),
              Map.entry("strong-session-PL-1", List.of("strong-session-PL-1-cycle-exists", "G0-process")),
              Map.entry("strong-session-PL-2", List.of("strong-session-PL-2-cycle-exists", "G1c-process")),
              Map.entry("strong-PL-1", List.of("strong-PL-1-cycle-exists", "G0-realtime")),
              Map.entry("strong-PL-2", List.of("strong-PL-2-cycle-exists", "G1c-realtime")),
              Map.entry(
                  "strong-session-snapshot-isolation",
                  List.of(
                      "internal",
                      "G1-process",
                      "G-nonadjacent-process",
                      "strong-session-snapshot-isolation-cycle-exists")),
              Map.entry(
                  "strong-snapshot-isolation",
                  List.of("internal", "G1-realtime", "G-nonadjacent-realtime", "strong-snapshot-isolation-cycle-exists")),
              Map.entry(
                  "strong-session-serializable",
                  List.of("G1-process", "G2-process", "strong-session-serializable-cycle-exists")),
              Map.entry("update-serializable", List.of("G1", "G-update"))));

  private static final Map<String, Set<String>> MODELS_IN = invert(MODELS);
  private static final Map<String, Set<String>> IMPLIED_IN = invert(IMPLIED);
  private static final Map<String, Set<String>> PROSCRIBED_BY = invert(DIRECT_PROSCRIBED);

  /** Every model name Elle knows, friendly or canonical. */
  static final Set<String> ALL_MODELS = allModels();

  public static String canonical(String model) {
    return CANONICAL.getOrDefault(model, model);
  }

  public static String friendly(String model) {
    return FRIENDLY.getOrDefault(model, model);
  }

  public static boolean isKnown(String model) {
    return ALL_MODELS.contains(model);
  }

  /** The anomalies whose presence means at least one of {@code models} does not hold. */
  public static Set<String> prohibitedBy(Collection<String> models) {
    Set<String> start = new HashSet<>();
    for (String m : models) {
      if (!isKnown(m)) {
        throw new IllegalArgumentException("Unknown consistency model " + m + "; known models are: " + new TreeSet<>(ALL_MODELS));
      }
      start.add(canonical(m));
    }
    Set<String> direct = new HashSet<>();
    for (String m : reach(start, MODELS::get)) {
      direct.addAll(DIRECT_PROSCRIBED.getOrDefault(m, List.of()));
    }
    return new TreeSet<>(reach(direct, a -> IMPLIED_IN.get(a)));
  }

  public static Set<String> impliedAnomalies(Collection<String> anomalies) {
    return reach(anomalies, IMPLIED::get);
  }

  /** Canonical models that cannot hold when all of {@code anomalies} occurred. */
  public static Set<String> impossibleModels(Collection<String> anomalies) {
    Set<String> direct = new HashSet<>();
    for (String a : impliedAnomalies(anomalies)) {
      direct.addAll(PROSCRIBED_BY.getOrDefault(a, Set.of()));
    }
    return impossibleModelsFrom(direct);
  }

  /** Every model at least as strong as one of {@code models} (canonical names). */
  public static Set<String> impossibleModelsFrom(Collection<String> models) {
    Set<String> start = new HashSet<>();
    models.forEach(m -> start.add(canonical(m)));
    return reach(start, MODELS_IN::get);
  }

  /** Elle's boundary: the weakest models ruled out ("not") and the stronger rest ("also-not"). */
  public static Map<String, Set<String>> boundary(Collection<String> anomalies) {
    Set<String> impossible = impossibleModels(anomalies);
    Set<String> weakest = new HashSet<>(impossible);
    for (String m : impossible) {
      Set<String> others = new HashSet<>(weakest);
      others.remove(m);
      Set<String> below = reach(Set.of(m), MODELS::get);
      below.remove(m);
      if (below.stream().anyMatch(others::contains)) {
        weakest.remove(m);
      }
    }
    Set<String> not = new TreeSet<>();
    Set<String> alsoNot = new TreeSet<>();
    for (String m : impossible) {
      (weakest.contains(m) ? not : alsoNot).add(friendly(m));
    }
    alsoNot.removeAll(not);
    return Map.of("not", not, "also-not", alsoNot);
  }

  /** Depth of each anomaly in implication plus severity order, for searching worse cycles first. */
  public static int depth(String anomaly) {
    return DEPTHS.getOrDefault(anomaly, 0);
  }

  private static final Map<String, Integer> DEPTHS = depths();

  private static Map<String, Integer> depths() {
    Map<String, Set<String>> out = new HashMap<>();
    IMPLIED.forEach((a, bs) -> out.computeIfAbsent(a, x -> new HashSet<>()).addAll(bs));
    SEVERITY.forEach((a, bs) -> out.computeIfAbsent(a, x -> new HashSet<>()).addAll(bs));
    Map<String, Integer> depth = new HashMap<>();
    // Longest path from a source; the graph is small and acyclic, so relax until stable.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Map.Entry<String, Set<String>> e : out.entrySet()) {
        int d = depth.getOrDefault(e.getKey(), 0);
        for (String b : e.getValue()) {
          if (depth.getOrDefault(b, 0) < d + 1) {
            depth.put(b, d + 1);
            changed = true;
          }
        }
      }
    }
    return depth;
  }

  private static Set<String> reach(Collection<String> start, Function<String, Collection<String>> next) {
    Set<String> seen = new HashSet<>(start);
    Deque<String> todo = new ArrayDeque<>(start);
    while (!todo.isEmpty()) {
      Collection<String> ns = next.apply(todo.pop());
      if (ns != null) {
        for (String n : ns) {
          if (seen.add(n)) {
            todo.push(n);
          }
        }
      }
    }
    return seen;
  }

  private static Map<String, List<String>> canonicalize(Map<String, List<String>> graph) {
    Map<String, List<String>> out = new HashMap<>();
    graph.forEach(
        (k, vs) -> {
          List<String> merged = new java.util.ArrayList<>(out.getOrDefault(canonical(k), List.of()));
          vs.forEach(v -> merged.add(canonical(v)));
          out.put(canonical(k), List.copyOf(merged));
        });
    return Map.copyOf(out);
  }

  private static Map<String, List<String>> canonicalizeKeys(Map<String, List<String>> graph) {
    Map<String, List<String>> out = new HashMap<>();
    graph.forEach(
        (k, vs) -> {
          List<String> merged = new java.util.ArrayList<>(out.getOrDefault(canonical(k), List.of()));
          merged.addAll(vs);
          out.put(canonical(k), List.copyOf(merged));
        });
    return Map.copyOf(out);
  }

  private static <T extends Collection<String>> Map<String, Set<String>> invert(Map<String, T> graph) {
    Map<String, Set<String>> in = new HashMap<>();
    graph.forEach((a, bs) -> bs.forEach(b -> in.computeIfAbsent(b, x -> new HashSet<>()).add(a)));
    return in;
  }

  private static Set<String> allModels() {
    Set<String> all = new HashSet<>(MODELS.keySet());
    MODELS.values().forEach(all::addAll);
    all.addAll(CANONICAL.keySet());
    all.addAll(CANONICAL.values());
    return Set.copyOf(all);
  }
}
