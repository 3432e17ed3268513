package glomers.harness.report;

import glomers.harness.checker.History;
import glomers.harness.checker.JsonValues;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * Broadcast's and g-set's lost values in words, for the summary and the report page: for each
 * value, the op that added it, the nodes whose last reads lack it (and those that have it), and
 * what the network looked like when it was added: the partition in force then, or none. Finding
 * this by hand takes a script over history.jsonl.
 */
public final class LostValues {
  private LostValues() {}

  /** One lost value explained: the op that added it ({@code op N} is its completion's index) and the text. */
  public record Explained(Object value, long invokeIndex, long completionIndex, String text) {}

  /** The lost values listed by the workload's result, or an empty list. */
  public static List<Object> lost(Map<String, Object> results) {
    if (results != null && results.get("workload") instanceof Map<?, ?> w && w.get("lost") instanceof List<?> lost) {
      return new ArrayList<>(lost);
    }
    return List.of();
  }

  /**
   * The first {@code max} of {@code lost} explained from the history; {@code nodeOf} names the node
   * a client process talked to (null if unknown).
   */
  public static List<Explained> explain(List<Op> history, List<Object> lost, IntFunction<String> nodeOf, int max) {
    Set<Object> wanted = new HashSet<>();
    for (Object v : lost.subList(0, Math.min(max, lost.size()))) {
      wanted.add(JsonValues.canonical(v));
    }
    if (wanted.isEmpty()) {
      return List.of();
    }
    // The op that added each value (its latest add, as the checker tracks it), each node's last ok
    // read (its final read when the run had a final phase), and the partitions over time.
    Map<Object, History.Pair> added = new LinkedHashMap<>();
    Map<String, Op> lastRead = new TreeMap<>();
    Map<String, Boolean> finalRead = new TreeMap<>();
    for (History.Pair pair : History.pairs(history)) {
      Op invoke = pair.invoke();
      if (!invoke.isClient()) {
        continue;
      }
      Object value = JsonValues.canonical(invoke.value());
      if (!"read".equals(invoke.f()) && wanted.contains(value)) {
        added.put(value, pair);
      }
      Op done = pair.completion();
      String node = nodeOf.apply(invoke.process());
      if ("read".equals(invoke.f()) && done != null && done.type() == OpType.OK && node != null) {
        boolean isFinal = invoke.finalPhase() || done.finalPhase();
        // A final read outranks any other read of that node, whatever the order.
        if (isFinal || !Boolean.TRUE.equals(finalRead.get(node))) {
          lastRead.put(node, done);
          finalRead.put(node, isFinal);
        }
      }
    }
    List<Explained> out = new ArrayList<>();
    for (Object v : lost.subList(0, Math.min(max, lost.size()))) {
      Object value = JsonValues.canonical(v);
      History.Pair pair = added.get(value);
      StringBuilder text = new StringBuilder();
      text.append(JsonValues.canonical(v) instanceof String s ? "\"" + s + "\"" : String.valueOf(v)).append(": ");
      long invokeIndex = -1;
      long completionIndex = -1;
      if (pair == null) {
        text.append("no op in the history added it");
      } else {
        Op invoke = pair.invoke();
        Op done = pair.completion();
        invokeIndex = invoke.index();
        completionIndex = done == null ? invoke.index() : done.index();
        String node = nodeOf.apply(invoke.process());
        text.append(invoke.f()).append(" to ").append(node == null ? "?" : node).append(" by process ").append(invoke.process())
            .append(" (op ").append(completionIndex).append(")");
        if (done != null) {
          text.append(", ").append(done.type() == OpType.OK ? "acknowledged" : "ended " + done.type().wire())
              .append(" after ").append(millis(done.time() - invoke.time())).append(" ms");
        }
      }
      List<String> missing = new ArrayList<>();
      List<String> have = new ArrayList<>();
      boolean anyFinal = false;
      for (Map.Entry<String, Op> e : lastRead.entrySet()) {
        anyFinal |= finalRead.get(e.getKey());
        (readHas(e.getValue().value(), value) ? have : missing).add(e.getKey());
      }
      String reads = anyFinal ? "final reads" : "last reads";
      if (!missing.isEmpty()) {
        text.append("; missing from the ").append(reads).append(" of ").append(String.join(", ", missing));
        text.append(have.isEmpty() ? " (every node that was read)" : " (" + String.join(", ", have) + " had it)");
      }
      if (pair != null) {
        text.append("; network when it was sent: ").append(network(history, pair.invoke()));
      }
      out.add(new Explained(v, invokeIndex, completionIndex, text.toString()));
    }
    return out;
  }

  /** Summary lines: a heading, then one line per value shown. */
  public static List<String> summaryLines(List<Op> history, Map<String, Object> results, IntFunction<String> nodeOf, int max) {
    List<Object> lost = lost(results);
    if (lost.isEmpty() || history.isEmpty()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    lines.add("  lost values (" + lost.size() + (lost.size() > max ? "; the first " + max + " explained, all in results.json" : "") + "):");
    for (Explained e : explain(history, lost, nodeOf, max)) {
      lines.add("    " + e.text());
    }
    return lines;
  }

  private static boolean readHas(Object read, Object value) {
    if (read instanceof Collection<?> values) {
      for (Object v : values) {
        if (JsonValues.canonical(v).equals(value)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The partition in force at {@code at}'s invocation, from the nemesis ops before it: the cuts of
   * every start-partition since the last stop-partition, and when that spell began and ended
   * relative to the op.
   */
  static String network(List<Op> history, Op at) {
    Map<String, Set<String>> drops = new TreeMap<>();
    Op since = null;
    Op healed = null;
    for (Op op : history) {
      if (op.isClient() || op.type() == OpType.INVOKE) {
        continue;
      }
      if (op.time() > at.time()) {
        if ("stop-partition".equals(op.f()) && since != null) {
          healed = op;
          break;
        }
        continue;
      }
      if ("stop-partition".equals(op.f())) {
        drops.clear();
        since = null;
      } else if ("start-partition".equals(op.f()) && op.value() instanceof List<?> v && v.size() == 2
          && "isolated".equals(v.get(0)) && v.get(1) instanceof Map<?, ?> grudge) {
        grudge.forEach((node, dropped) -> {
          if (dropped instanceof Collection<?> srcs && !srcs.isEmpty()) {
            Set<String> set = drops.computeIfAbsent(String.valueOf(node), k -> new TreeSet<>());
            srcs.forEach(s -> set.add(String.valueOf(s)));
          }
        });
        if (since == null) {
          since = op;
        }
      }
    }
    drops.values().removeIf(Set::isEmpty);
    if (drops.isEmpty()) {
      return "whole, no partition";
    }
    String cuts = describe(drops);
    String when = " (from " + seconds(at.time() - since.time()) + " s before it"
        + (healed == null ? ", never healed" : " until " + seconds(healed.time() - at.time()) + " s after") + ")";
    return cuts + when;
  }

  /**
   * Nodes grouped by what they drop: {@code "n0 n1 n2 | n3 n4"} when the cut splits the nodes into
   * sides that hear nobody across, else {@code "n0, n1 drop n3; n3 drops n0, n1"}.
   */
  static String describe(Map<String, Set<String>> drops) {
    Map<Set<String>, List<String>> byDrops = new LinkedHashMap<>();
    drops.forEach((node, dropped) -> byDrops.computeIfAbsent(dropped, k -> new ArrayList<>()).add(node));
    Set<String> all = new TreeSet<>(drops.keySet());
    drops.values().forEach(all::addAll);
    // A clean split: every node drops exactly the nodes outside its own group.
    List<Set<String>> sides = new ArrayList<>();
    boolean split = true;
    for (Map.Entry<Set<String>, List<String>> e : byDrops.entrySet()) {
      Set<String> side = new TreeSet<>(e.getValue());
      Set<String> outside = new TreeSet<>(all);
      outside.removeAll(side);
      split &= outside.equals(e.getKey());
      sides.add(side);
    }
    if (split && sides.stream().mapToInt(Set::size).sum() == all.size()) {
      List<String> parts = new ArrayList<>();
      sides.sort((a, b) -> a.iterator().next().compareTo(b.iterator().next()));
      sides.forEach(s -> parts.add(String.join(" ", s)));
      return "split " + String.join(" | ", parts);
    }
    List<String> parts = new ArrayList<>();
    byDrops.forEach((dropped, nodes) -> parts.add(String.join(", ", nodes) + (nodes.size() == 1 ? " drops " : " drop ")
        + String.join(", ", dropped)));
    return "cut, " + String.join("; ", parts);
  }

  private static String millis(long nanos) {
    return String.valueOf(Math.round(nanos / 1e6));
  }

  private static String seconds(long nanos) {
    return String.format("%.1f", nanos / 1e9);
  }
}
