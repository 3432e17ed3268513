package glomers.harness.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import glomers.harness.checker.Validity;
import glomers.harness.cli.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.history.ProcessClient;
import glomers.harness.nemesis.Faults;
import glomers.harness.net.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files of a run (history.jsonl, history.txt, results.json) and the console summary. */
public final class Reports {
  public static final String VALID_LINE = "Everything looks good! ヽ(‘ー`)ノ";
  public static final String INVALID_LINE = "Analysis invalid! (ﾉಥ益ಥ）ﾉ ┻━┻";
  public static final String UNKNOWN_LINE = "Errors occurred during analysis, but no anomalies found. ಠ~ಠ";

  private Reports() {}

  public static String describe(TestOptions options) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("workload", options.workload());
    map.put("bin", options.bin() == null ? null : options.bin().toString());
    map.put("nodes", options.nodes());
    map.put("concurrency", options.concurrency());
    map.put("time-limit", options.timeLimitSeconds());
    map.put("rate", options.rate());
    map.put("latency", options.latencyMillis());
    map.put("latency-dist", options.latencyDist());
    map.put("nemesis", options.nemesis().names());
    if (options.nemesis().kill() && !options.nemesis().killTargets().equals(Faults.TARGETS)) {
      map.put("kill-targets", options.nemesis().killTargets());
    }
    map.put("nemesis-interval", options.nemesisIntervalSeconds());
    map.put("availability", options.availability());
    map.put("topology", options.topology());
    map.put("args", options.nodeArgs());
    return Json.write(map);
  }

  public static void writeHistory(Path dir, List<Op> history) throws IOException {
    writeHistory(dir, history, Map.of());
  }

  /**
   * history.jsonl (one op per line, with {@code client} and {@code node} for a client op whose
   * process is in {@code clients}) and history.txt: tab-separated time in ms since the start of
   * the test, process, client connection, node, type, f, value, error.
   */
  public static void writeHistory(Path dir, List<Op> history, Map<Integer, ProcessClient> clients) throws IOException {
    try (HistoryFile file = HistoryFile.create(dir)) {
      file.append(history, clients);
    }
  }

  public static void writeResults(Path dir, Map<String, Object> results) throws IOException {
    Files.writeString(
        dir.resolve("results.json"),
        Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results) + "\n",
        StandardCharsets.UTF_8);
  }

  /**
   * Elle-style workloads explain each anomaly: one {@code elle/<type>.txt} per reported type, each
   * case's explanation separated by a blank line. Results without explanations write nothing.
   */
  public static void writeElle(Path dir, Map<String, Object> results) throws IOException {
    writeLinearizability(dir, results);
    Map<String, List<String>> texts = explanations(results);
    if (texts.isEmpty()) {
      return;
    }
    Path elle = Files.createDirectories(dir.resolve("elle"));
    for (Map.Entry<String, List<String>> e : texts.entrySet()) {
      Files.writeString(elle.resolve(e.getKey() + ".txt"), String.join("\n\n", e.getValue()) + "\n", StandardCharsets.UTF_8);
    }
  }

  /**
   * lin-kv explains each key that is not linearizable in {@code linearizability/<key>.txt}: the op
   * that cannot be placed, why, and the ops that might have explained it.
   */
  public static void writeLinearizability(Path dir, Map<String, Object> results) throws IOException {
    Map<String, String> texts = linearizabilityExplanations(results);
    if (texts.isEmpty()) {
      return;
    }
    Path folder = Files.createDirectories(dir.resolve("linearizability"));
    for (Map.Entry<String, String> e : texts.entrySet()) {
      Files.writeString(folder.resolve(e.getKey() + ".txt"), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /** Failing key -> its explanation, from the workload result's per-key {@code linearizable} maps. */
  static Map<String, String> linearizabilityExplanations(Map<String, Object> results) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (results.get("workload") instanceof Map<?, ?> w && w.get("results") instanceof Map<?, ?> keys) {
      keys.forEach(
          (key, r) -> {
            if (r instanceof Map<?, ?> m && m.get("linearizable") instanceof Map<?, ?> lin
                && lin.get("explanation") instanceof String text) {
              texts.put(String.valueOf(key).replaceAll("[^A-Za-z0-9._-]", "_"), text);
            }
          });
    }
    return texts;
  }

  /** lin-kv keys whose check was undecided, each with its cause (over budget, or an error). */
  static List<String> undecidedKeys(Map<String, Object> results) {
    List<String> keys = new ArrayList<>();
    if (results.get("workload") instanceof Map<?, ?> w && w.get("results") instanceof Map<?, ?> all) {
      all.forEach(
          (key, r) -> {
            if (r instanceof Map<?, ?> m && "unknown".equals(m.get("valid?")) && m.get("linearizable") instanceof Map<?, ?> lin) {
              Object cause = lin.get("cause") != null ? lin.get("cause") : lin.get("error");
              keys.add(key + ": " + cause);
            }
          });
    }
    return keys;
  }

  /** Anomaly type -> explanations, from the workload result's {@code anomalies} map. */
  static Map<String, List<String>> explanations(Map<String, Object> results) {
    Map<String, List<String>> texts = new LinkedHashMap<>();
    if (results.get("workload") instanceof Map<?, ?> w && w.get("anomalies") instanceof Map<?, ?> anomalies) {
      anomalies.forEach(
          (type, cases) -> {
            if (cases instanceof List<?> list) {
              for (Object c : list) {
                if (c instanceof Map<?, ?> m && m.get("explanation") instanceof String text) {
                  texts.computeIfAbsent(String.valueOf(type), t -> new ArrayList<>()).add(text);
                }
              }
            }
          });
    }
    return texts;
  }

  /**
   * A failed run's reason in one line: the first anomaly's explanation, else the first failing
   * checker in brief; empty for a valid run.
   */
  public static String firstProblem(Map<String, Object> results) {
    Map<String, String> nonLinearizable = linearizabilityExplanations(results);
    if (!nonLinearizable.isEmpty()) {
      Map.Entry<String, String> first = nonLinearizable.entrySet().iterator().next();
      return "key " + first.getKey() + " not linearizable: " + abbreviate(first.getValue().lines()
          .filter(l -> l.startsWith("It cannot")).findFirst().orElse(""), 200);
    }
    Map<String, List<String>> explained = explanations(results);
    if (!explained.isEmpty()) {
      Map.Entry<String, List<String>> first = explained.entrySet().iterator().next();
      return first.getKey() + ": " + abbreviate(first.getValue().get(0).lines().findFirst().orElse(""), 200);
    }
    for (Map.Entry<String, Object> entry : results.entrySet()) {
      if (entry.getValue() instanceof Map<?, ?> sub && !Boolean.TRUE.equals(sub.get("valid?"))) {
        return entry.getKey() + " is " + sub.get("valid?") + ": " + briefChecker(sub);
      }
    }
    return "";
  }

  public static String verdictLine(Validity valid) {
    return switch (valid) {
      case TRUE -> VALID_LINE;
      case FALSE -> INVALID_LINE;
      case UNKNOWN -> UNKNOWN_LINE;
    };
  }

  /** As below, for callers without a history: no per-:f reasons, no partition check. */
  public static void printSummary(
      TestOptions options, Map<String, Object> results, Validity valid, Path dir, long elapsedNanos) {
    printSummary(options, results, valid, dir, elapsedNanos, List.of(), Map.of());
  }

  /**
   * Key figures; then, for a run that is not valid, one short line per failing checker (the full
   * map is in results.json), the first reason per {@code :f} that did not complete ok, and the
   * node logs with their first error; warnings (node errors in a valid run, a partition run that
   * cut no node off); then the verdict as Maelstrom's last line. The problem part stays about a
   * dozen lines whatever the run's size.
   */
  public static void printSummary(
      TestOptions options, Map<String, Object> results, Validity valid, Path dir, long elapsedNanos, List<Op> history,
      Map<Integer, ProcessClient> clients) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Results (" + dir.resolve("results.json") + "):");
    if (Files.exists(dir.resolve("index.html"))) {
      lines.add("  report: " + dir.resolve("index.html"));
    }
    if (results.get("cut-short") instanceof Map<?, ?> cut) {
      lines.add("  cut short: " + cut.get("summary"));
    }
    Object stats = results.get("stats");
    if (stats instanceof Map<?, ?> s) {
      lines.add(
          String.format(
              "  ops: %s (ok %s, fail %s, info %s)",
              s.get("count"), s.get("ok-count"), s.get("fail-count"), s.get("info-count")));
      if (s.get("by-node") instanceof Map<?, ?> byNode && !byNode.isEmpty()) {
        lines.add("  ops per node: " + sharesLine(byNode));
      }
    }
    if (results.get("availability") instanceof Map<?, ?> a && a.get("ok-fraction") instanceof Number f) {
      lines.add(String.format("  availability: %.4f ok%s", f.doubleValue(), options.availability() == null ? "" : " (required " + options.availability() + ")"));
    }
    if (results.get("net") instanceof Map<?, ?> net) {
      lines.add("  net: " + brief(net.get("all")) + "; servers " + brief(net.get("servers")));
    }
    if (results.get("perf") instanceof Map<?, ?> perf
        && perf.get("ok-latency-ms") instanceof Map<?, ?> latencies
        && latencies.get("all") instanceof Map<?, ?> q) {
      lines.add("  client latency ms (ok ops): " + Json.write(q));
    }
    if (results.get("workload") instanceof Map<?, ?> w) {
      for (String key : List.of("stable-latencies", "lost-count", "stable-count", "never-read-count", "attempted-count", "duplicated-count")) {
        if (w.containsKey(key)) {
          lines.add("  workload " + key + ": " + Json.write(w.get(key)));
        }
      }
    }
    Map<String, String> nonLinearizable = linearizabilityExplanations(results);
    if (!nonLinearizable.isEmpty()) {
      Map.Entry<String, String> first = nonLinearizable.entrySet().iterator().next();
      lines.add("  keys not linearizable " + nonLinearizable.keySet() + "; first ("
          + dir.resolve("linearizability").resolve(first.getKey() + ".txt") + "):");
      first.getValue().lines().limit(6).filter(l -> !l.isBlank()).forEach(l -> lines.add("    " + l));
    }
    List<String> undecided = undecidedKeys(results);
    if (!undecided.isEmpty()) {
      lines.add("  keys whose linearizability is unknown " + abbreviate(undecided.toString(), 200) + " (see results.json)");
    }
    Map<String, List<String>> explained = explanations(results);
    if (!explained.isEmpty()) {
      Map.Entry<String, List<String>> first = explained.entrySet().iterator().next();
      lines.add("  workload anomalies " + explained.keySet() + "; first (" + dir.resolve("elle").resolve(first.getKey() + ".txt") + "):");
      for (String line : first.getValue().get(0).split("\n")) {
        lines.add("    " + line);
      }
    }
    lines.addAll(problems(options, results, valid, dir, history, clients));
    lines.add(String.format("  run took %.1f s; valid? %s", elapsedNanos / 1e9, valid.json()));
    lines.add("  " + benchUsage());
    lines.add("");
    lines.add(verdictLine(valid));
    lines.forEach(Log::plain);
  }

  /**
   * Each node's share of the client ops, in percent: all of them for up to 10 nodes, else n0 (whom
   * Jepsen's choice of worker favours), the smallest and the largest.
   */
  static String sharesLine(Map<?, ?> byNode) {
    List<String> parts = new ArrayList<>();
    Map.Entry<?, ?> min = null;
    Map.Entry<?, ?> max = null;
    for (Map.Entry<?, ?> e : byNode.entrySet()) {
      if (byNode.size() <= 10) {
        parts.add(e.getKey() + " " + percent(e.getValue()));
      }
      if (min == null || share(e.getValue()) < share(min.getValue())) {
        min = e;
      }
      if (max == null || share(e.getValue()) > share(max.getValue())) {
        max = e;
      }
    }
    if (byNode.size() > 10) {
      Map.Entry<?, ?> first = byNode.entrySet().iterator().next();
      parts.add(first.getKey() + " " + percent(first.getValue()));
      parts.add("min " + min.getKey() + " " + percent(min.getValue()));
      parts.add("max " + max.getKey() + " " + percent(max.getValue()) + " (" + byNode.size() + " nodes)");
    }
    return String.join(", ", parts);
  }

  private static double share(Object entry) {
    return entry instanceof Map<?, ?> m && m.get("share") instanceof Number n ? n.doubleValue() : 0;
  }

  private static String percent(Object entry) {
    return String.format("%.1f %%", 100 * share(entry));
  }

  /** The summary's explanation of a run that is not valid, and its warnings. */
  static List<String> problems(
      TestOptions options, Map<String, Object> results, Validity valid, Path dir, List<Op> history,
      Map<Integer, ProcessClient> clients) {
    List<String> lines = new ArrayList<>();
    if (valid != Validity.TRUE) {
      List<String> failing = new ArrayList<>();
      for (Map.Entry<String, Object> entry : results.entrySet()) {
        if (entry.getValue() instanceof Map<?, ?> sub && !Boolean.TRUE.equals(sub.get("valid?"))) {
          failing.add("    " + entry.getKey() + " is " + sub.get("valid?") + ": " + briefChecker(sub));
        }
      }
      lines.add("  failing checkers (" + failing.size() + "; in full in results.json):");
      lines.addAll(failing.subList(0, Math.min(failing.size(), 5)));
      int nodes = options.nodes() == null ? 0 : options.nodes().size();
      int concurrency = options.concurrency();
      List<String> reasons =
          Failures.lines(
              history,
              // Without the run's record (analyze) the node follows from the process: worker i talks to nodes[i mod n].
              process -> clients.getOrDefault(process,
                  new ProcessClient(null, nodes == 0 || concurrency <= 0 ? null : options.nodes().get((process % concurrency) % nodes))),
              4);
      if (!reasons.isEmpty()) {
        lines.add("  ops not ok, per :f (first reason; all in " + dir.resolve("history.txt") + "):");
        lines.addAll(reasons);
      }
    }
    Object exceptions = results.get("exceptions");
    long nodeErrors = exceptions instanceof Map<?, ?> e && e.get("count") instanceof Number n ? n.longValue() : 0;
    if (valid != Validity.TRUE || nodeErrors > 0) {
      lines.addAll(NodeLogs.summaryLines(exceptions, dir, 3));
    }
    if (options.partition() && !history.isEmpty() && !cutOffAnyNode(history)) {
      lines.add("  warning: --nemesis partition was asked for, but no partition cut any node off; try a shorter"
          + " --nemesis-interval (now " + options.nemesisIntervalSeconds() + " s) or a longer --time-limit");
    }
    return lines;
  }

  /** Whether a nemesis op of the history isolated at least one node from another. */
  static boolean cutOffAnyNode(List<Op> history) {
    for (Op op : history) {
      if (!op.isClient() && "start-partition".equals(op.f())
          && op.value() instanceof List<?> v && v.size() == 2 && "isolated".equals(v.get(0))
          && v.get(1) instanceof Map<?, ?> grudge
          && grudge.values().stream().anyMatch(srcs -> srcs instanceof List<?> l && !l.isEmpty())) {
        return true;
      }
    }
    return false;
  }

  /**
   * A failing checker in one line: its scalar figures and which of its nested results are not
   * valid, e.g. {@code count 6, ok-count 0, fail-count 0, info-count 6; not valid: by-f add}.
   */
  static String briefChecker(Map<?, ?> sub) {
    List<String> scalars = new ArrayList<>();
    List<String> invalid = new ArrayList<>();
    for (Map.Entry<?, ?> e : sub.entrySet()) {
      Object v = e.getValue();
      if ("valid?".equals(e.getKey())) {
        continue;
      }
      if (v instanceof Number || v instanceof Boolean) {
        scalars.add(e.getKey() + " " + v);
      } else if (v instanceof String text) {
        scalars.add(e.getKey() + " " + abbreviate(text.lines().findFirst().orElse(""), 80));
      } else if (v instanceof Map<?, ?> nested) {
        if (nested.containsKey("valid?") && !Boolean.TRUE.equals(nested.get("valid?"))) {
          invalid.add(String.valueOf(e.getKey()));
        }
        for (Map.Entry<?, ?> inner : nested.entrySet()) {
          if (inner.getValue() instanceof Map<?, ?> m && m.containsKey("valid?") && !Boolean.TRUE.equals(m.get("valid?"))) {
            invalid.add(e.getKey() + " " + inner.getKey());
          }
        }
      } else if (v instanceof List<?> list && !list.isEmpty()) {
        scalars.add(e.getKey() + " (" + list.size() + ")");
      }
    }
    String line = String.join(", ", scalars);
    if (!invalid.isEmpty()) {
      line += (line.isEmpty() ? "" : "; ") + "not valid: " + String.join(", ", invalid);
    }
    return abbreviate(line, 200);
  }

  /** The bench's own CPU use so far (nodes excluded), to keep its overhead in sight. */
  public static String benchUsage() {
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    long wall = System.currentTimeMillis() - ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    return String.format(
        "bench process: CPU %.2f s over %.2f s wall (%.0f%% of one core)", cpu / 1e3, wall / 1e3, 100.0 * cpu / Math.max(1, wall));
  }

  private static String brief(Object group) {
    if (group instanceof Map<?, ?> g) {
      String s = "msgs " + g.get("msg-count");
      if (g.get("msgs-per-op") instanceof Number n) {
        s += String.format(", %.2f msgs/op", n.doubleValue());
      }
      return s;
    }
    return "?";
  }

  private static String abbreviate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }
}
