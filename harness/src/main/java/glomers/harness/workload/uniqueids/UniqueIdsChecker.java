package glomers.harness.workload.uniqueids;

import glomers.harness.checker.Checker;
import glomers.harness.checker.Explained;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's {@code unique-ids}: no id may be acknowledged twice. Ids are compared by strict JSON
 * equality (1, 1.0 and "1" are distinct). Jepsen orders ids to report their range, so ids that
 * cannot be ordered against each other (a number and a string, any object) make it throw, and the
 * verdict is unknown; this checker does the same rather than guess.
 */
public final class UniqueIdsChecker implements Checker {
  private static final int SHOWN_DUPLICATES = 48;
  private static final int EXPLAINED_DUPLICATES = 8;

  private final List<String> nodes;
  private final int concurrency;

  /** A checker that cannot name the node behind each op. */
  public UniqueIdsChecker() {
    this(List.of(), 0);
  }

  /** Process p talks to node nodes[(p mod concurrency) mod n], which its explanations name. */
  public UniqueIdsChecker(List<String> nodes, int concurrency) {
    this.nodes = nodes;
    this.concurrency = concurrency;
  }

  /** An id acknowledged {@code count} times. */
  public record Duplicate(Object id, long count) {}

  /**
   * One repeated id explained: the ops of its first two acknowledgements, and why it came back (a
   * restart by the nemesis between them, if there was one).
   */
  public record Repeat(Object id, long firstOp, long secondOp, String explanation) {}

  /**
   * The counts, the most duplicated ids (up to 48, in id order), the lowest and highest id
   * acknowledged (both null when none was), and the first repeated ids (up to 8) explained.
   */
  public record Outcome(long attempted, long acknowledged, long duplicatedCount, List<Duplicate> duplicated, Object lowest,
      Object highest, List<Repeat> repeats) implements Result, Explained {
    @Override
    public Validity valid() {
      return Validity.of(duplicatedCount == 0);
    }

    @Override
    public Map<String, Object> json() {
      List<List<Object>> shown = new ArrayList<>();
      duplicated.forEach(d -> shown.add(Arrays.asList(d.id(), d.count())));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("attempted-count", attempted);
      details.put("acknowledged-count", acknowledged);
      details.put("duplicated-count", duplicatedCount);
      details.put("duplicated", shown);
      details.put("range", acknowledged == 0 ? null : Arrays.asList(lowest, highest));
      if (!repeats.isEmpty()) {
        List<Map<String, Object>> explained = new ArrayList<>();
        for (Repeat repeat : repeats) {
          Map<String, Object> anomaly = new LinkedHashMap<>();
          anomaly.put("id", repeat.id());
          anomaly.put("ops", List.of(repeat.firstOp(), repeat.secondOp()));
          anomaly.put("explanation", repeat.explanation());
          explained.add(anomaly);
        }
        details.put("anomalies", Map.of("duplicated-id", explained));
      }
      return Result.entry(valid(), details);
    }

    /** Beside Elle's anomalies, as the report page reads that folder. */
    @Override
    public String folder() {
      return "elle";
    }

    /** {@code duplicated-id}: each repeat explained, in the order they happened; empty when none was. */
    @Override
    public Map<String, String> texts() {
      if (repeats.isEmpty()) {
        return Map.of();
      }
      return Map.of("duplicated-id", String.join("\n\n", repeats.stream().map(Repeat::explanation).toList()) + "\n");
    }

    /** The first repeat explained in full. */
    @Override
    public List<String> summary(Path folder) {
      if (repeats.isEmpty()) {
        return List.of();
      }
      List<String> lines = new ArrayList<>();
      lines.add("  workload anomalies [duplicated-id]; first (" + folder.resolve("duplicated-id.txt") + "):");
      repeats.get(0).explanation().lines().forEach(line -> lines.add("    " + line));
      return lines;
    }

    @Override
    public String firstProblem() {
      return repeats.isEmpty() ? null
          : "duplicated-id: " + Result.abbreviate(repeats.get(0).explanation().lines().findFirst().orElse(""), 200);
    }

    @Override
    public List<String> keyFigures() {
      return List.of("attempted-count: " + attempted, "duplicated-count: " + duplicatedCount);
    }
  }

  @Override
  public Outcome check(List<Op> history) {
    long attempted = 0;
    long acknowledged = 0;
    Map<Object, Long> counts = new HashMap<>();
    Map<Object, Op> firstUse = new HashMap<>();
    // The first two acknowledgements of each repeated id, in the order the repeats happened.
    Map<Object, Op[]> repeats = new LinkedHashMap<>();
    // The nemesis's completed kills and starts, each with a map of node -> what it did.
    List<Op> restarts = new ArrayList<>();
    Object lowest = null;
    Object highest = null;
    for (Op op : history) {
      if (!op.isClient() && (("start".equals(op.f()) || "kill".equals(op.f())) && op.value() instanceof Map<?, ?>)) {
        restarts.add(op);
        continue;
      }
      if (!op.isClient() || !"generate".equals(op.f())) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        attempted++;
      } else if (op.type() == OpType.OK) {
        Object id = JsonValues.canonical(op.value());
        if (acknowledged == 0) {
          lowest = id;
          highest = id;
        } else {
          // Both comparisons run for every id, so any incomparable pair with the extremes throws.
          if (JsonValues.compare(id, lowest) < 0) {
            lowest = id;
          }
          if (JsonValues.compare(id, highest) > 0) {
            highest = id;
          }
        }
        acknowledged++;
        counts.merge(id, 1L, Long::sum);
        Op first = firstUse.putIfAbsent(id, op);
        if (first != null && !repeats.containsKey(id) && repeats.size() < EXPLAINED_DUPLICATES) {
          repeats.put(id, new Op[] {first, op});
        }
      }
    }
    List<Map.Entry<Object, Long>> duplicates = new ArrayList<>();
    for (Map.Entry<Object, Long> e : counts.entrySet()) {
      if (e.getValue() > 1) {
        duplicates.add(e);
      }
    }
    // Jepsen shows the most duplicated ids, and among equally duplicated ones the highest.
    duplicates.sort(
        Comparator.<Map.Entry<Object, Long>, Long>comparing(Map.Entry::getValue)
            .thenComparing(Map.Entry::getKey, JsonValues.ORDER)
            .reversed());
    List<Duplicate> shown = new ArrayList<>();
    for (Map.Entry<Object, Long> e : duplicates.subList(0, Math.min(SHOWN_DUPLICATES, duplicates.size()))) {
      shown.add(new Duplicate(e.getKey(), e.getValue()));
    }
    shown.sort(Comparator.comparing(Duplicate::id, JsonValues.ORDER));
    List<Repeat> explained = new ArrayList<>();
    repeats.forEach((id, pair) ->
        explained.add(new Repeat(id, pair[0].index(), pair[1].index(), explain(id, pair[0], pair[1], restarts))));
    return new Outcome(attempted, acknowledged, duplicates.size(), shown, lowest, highest, explained);
  }

  /**
   * Why an id came back: its two acknowledgements and, if the nemesis started a node again between
   * them, that restart (the node that served the second one's first) with the kill before it, since a
   * node that counts from a fresh start repeats what an earlier incarnation handed out.
   */
  private String explain(Object id, Op first, Op second, List<Op> restarts) {
    String firstNode = node(first.process());
    String secondNode = node(second.process());
    StringBuilder text = new StringBuilder();
    text.append("id ").append(id instanceof String ? "\"" + id + "\"" : String.valueOf(id))
        .append(" was acknowledged twice: op ").append(first.index()).append(use(first, firstNode))
        .append(", and op ").append(second.index()).append(use(second, secondNode)).append(".");
    // The latest restart in between of the node that served the second use, else of the first's, else of any.
    Op restart = null;
    String restarted = null;
    int rank = 0;
    for (Op op : restarts) {
      if (!"start".equals(op.f()) || op.time() < first.time() || op.time() > second.time()) {
        continue;
      }
      for (Map.Entry<?, ?> e : ((Map<?, ?>) op.value()).entrySet()) {
        if (!"started".equals(e.getValue())) {
          continue;
        }
        String node = String.valueOf(e.getKey());
        int r = node.equals(secondNode) ? 3 : node.equals(firstNode) ? 2 : 1;
        if (r >= rank) {
          rank = r;
          restart = op;
          restarted = node;
        }
      }
    }
    if (restart != null) {
      Op kill = null;
      for (Op op : restarts) {
        if ("kill".equals(op.f()) && op.time() <= restart.time() && "killed".equals(((Map<?, ?>) op.value()).get(restarted))) {
          kill = op;
        }
      }
      text.append(" Between the two, the nemesis ")
          .append(kill == null ? "" : "killed " + restarted + " (op " + kill.index() + ", at " + seconds(kill.time()) + ") and ")
          .append("started ").append(restarted).append(" again (op ").append(restart.index()).append(", at ")
          .append(seconds(restart.time())).append("): a new incarnation begins with none of the old one's memory, so a node that counts from its ")
          .append("start hands out the same ids again unless something changes with each incarnation.");
    } else {
      text.append(" No node was started again between the two: two nodes (or one) made the same id while running.");
    }
    return text.toString();
  }

  private static String use(Op op, String node) {
    return " (process " + op.process() + (node == null ? "" : ", served by " + node) + ", completed at "
        + seconds(op.time()) + ")";
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  private String node(int process) {
    return nodes.isEmpty() || concurrency <= 0 ? null : nodes.get((process % concurrency) % nodes.size());
  }
}
