package glomers.harness.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import glomers.harness.checker.Availability;
import glomers.harness.checker.Explained;
import glomers.harness.checker.Net;
import glomers.harness.checker.Perf;
import glomers.harness.checker.Result;
import glomers.harness.checker.Stats;
import glomers.harness.checker.Validity;
import glomers.harness.options.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.history.ProcessClient;
import glomers.harness.json.Json;
import glomers.harness.log.Log;
import glomers.harness.options.Faults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

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

  /** results.json: the results as JSON, indented. */
  public static void writeResults(Path dir, Results results) throws IOException {
    Files.writeString(
        dir.resolve("results.json"),
        Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results.json()) + "\n",
        StandardCharsets.UTF_8);
  }

  /**
   * The workload's explanations in words, one file per anomaly type or failing key in its folder
   * ({@code elle/<type>.txt}, {@code kafka/<type>.txt}, {@code linearizability/<key>.txt}). A result
   * without explanations writes nothing.
   */
  public static void writeExplanations(Path dir, Results results) throws IOException {
    Explained explained = results.explained();
    if (explained == null || explained.texts().isEmpty()) {
      return;
    }
    Path folder = Files.createDirectories(dir.resolve(explained.folder()));
    for (Map.Entry<String, String> e : explained.texts().entrySet()) {
      Files.writeString(folder.resolve(e.getKey() + ".txt"), e.getValue(), StandardCharsets.UTF_8);
    }
  }

  /**
   * A failed run's reason in one line: the workload's first explained problem, else the first
   * failing checker in brief; empty for a valid run.
   */
  public static String firstProblem(Results results) {
    Explained explained = results.explained();
    String first = explained == null ? null : explained.firstProblem();
    if (first != null) {
      return first;
    }
    for (Map.Entry<String, Result> entry : results.byName().entrySet()) {
      if (entry.getValue().valid() != Validity.TRUE) {
        return failing(entry.getKey(), entry.getValue());
      }
    }
    return "";
  }

  /** A failing checker in one line: {@code stats is false: count 6, ...}. */
  private static String failing(String name, Result result) {
    return name + " is " + result.valid().json() + ": " + result.brief();
  }

  public static String verdictLine(Validity valid) {
    return switch (valid) {
      case TRUE -> VALID_LINE;
      case FALSE -> INVALID_LINE;
      case UNKNOWN -> UNKNOWN_LINE;
    };
  }

  /** As below, for callers without a history: no per-:f reasons, no partition check. */
  public static void printSummary(TestOptions options, Results results, Path dir, long elapsedNanos) {
    printSummary(options, results, dir, elapsedNanos, List.of(), Map.of());
  }

  /**
   * Key figures; then, for a run that is not valid, one short line per failing checker (the full
   * results are in results.json), the first reason per {@code :f} that did not complete ok, and the
   * node logs with their first error; warnings (node errors in a valid run, a partition run that
   * cut no node off); then the verdict as Maelstrom's last line. The problem part stays about a
   * dozen lines whatever the run's size.
   */
  public static void printSummary(
      TestOptions options, Results results, Path dir, long elapsedNanos, List<Op> history,
      Map<Integer, ProcessClient> clients) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Results (" + dir.resolve("results.json") + "):");
    if (Files.exists(dir.resolve("index.html"))) {
      lines.add("  report: " + dir.resolve("index.html"));
    }
    if (results.cutShort() != null) {
      lines.add("  cut short: " + results.cutShort().summary());
    }
    if (results.stats() instanceof Stats.Completions s) {
      lines.add(
          String.format(
              "  ops: %s (ok %s, fail %s, info %s)", s.all().count(), s.all().ok(), s.all().fail(), s.all().info()));
      if (s.byNode() != null && !s.byNode().isEmpty()) {
        lines.add("  ops per node: " + sharesLine(s.byNode()));
      }
    }
    if (results.availability() instanceof Availability.Fraction a) {
      lines.add(String.format("  availability: %.4f ok%s", a.okFraction(), options.availability() == null ? "" : " (required " + options.availability() + ")"));
    }
    if (results.net() instanceof Net net) {
      lines.add("  net: " + brief(net.all()) + "; servers " + brief(net.servers()));
    }
    if (results.perf() instanceof Perf.Latencies perf) {
      lines.add("  client latency ms (ok ops): " + Json.write(perf.all().json()));
    }
    for (String figure : results.workload().keyFigures()) {
      lines.add("  workload " + figure);
    }
    Explained explained = results.explained();
    if (explained != null) {
      lines.addAll(explained.summary(dir.resolve(explained.folder())));
    }
    lines.addAll(problems(options, results, dir, history, clients));
    lines.add(String.format("  run took %.1f s; valid? %s", elapsedNanos / 1e9, results.valid().json()));
    lines.add("  " + benchUsage());
    lines.add("");
    lines.add(verdictLine(results.valid()));
    lines.forEach(Log::plain);
  }

  /**
   * Each node's share of the client ops, in percent: all of them for up to 10 nodes, else n0 (whom
   * Jepsen's choice of worker favours), the smallest and the largest.
   */
  static String sharesLine(Map<String, Stats.NodeShare> byNode) {
    List<String> parts = new ArrayList<>();
    Map.Entry<String, Stats.NodeShare> min = null;
    Map.Entry<String, Stats.NodeShare> max = null;
    for (Map.Entry<String, Stats.NodeShare> e : byNode.entrySet()) {
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
      Map.Entry<String, Stats.NodeShare> first = byNode.entrySet().iterator().next();
      parts.add(first.getKey() + " " + percent(first.getValue()));
      parts.add("min " + min.getKey() + " " + percent(min.getValue()));
      parts.add("max " + max.getKey() + " " + percent(max.getValue()) + " (" + byNode.size() + " nodes)");
    }
    return String.join(", ", parts);
  }

  private static double share(Stats.NodeShare entry) {
    return entry.share();
  }

  private static String percent(Stats.NodeShare entry) {
    return String.format("%.1f %%", 100 * share(entry));
  }

  /** The summary's explanation of a run that is not valid, and its warnings. */
  static List<String> problems(
      TestOptions options, Results results, Path dir, List<Op> history, Map<Integer, ProcessClient> clients) {
    List<String> lines = new ArrayList<>();
    Validity valid = results.valid();
    if (valid != Validity.TRUE) {
      List<String> failing = new ArrayList<>();
      for (Map.Entry<String, Result> entry : results.byName().entrySet()) {
        if (entry.getValue().valid() != Validity.TRUE) {
          failing.add("    " + failing(entry.getKey(), entry.getValue()));
        }
      }
      lines.add("  failing checkers (" + failing.size() + "; in full in results.json):");
      lines.addAll(failing.subList(0, Math.min(failing.size(), 5)));
    int nodes = options.nodes() == null ? 0 : options.nodes().size();
      int concurrency = options.concurrency();
      // Without the run's record (analyze) the node follows from the process: worker i talks to nodes[i mod n].
      IntFunction<ProcessClient> clientOf = process -> clients.getOrDefault(process,
          new ProcessClient(null, nodes == 0 || concurrency <= 0 ? null : options.nodes().get((process % concurrency) % nodes)));
      lines.addAll(LostValues.summaryLines(history, results.json(), process -> clientOf.apply(process).node(), 3));
      List<String> reasons = Failures.lines(history, clientOf, 4);
      if (!reasons.isEmpty()) {
        lines.add("  ops not ok, per :f (first reason; all in " + dir.resolve("history.txt") + "):");
        lines.addAll(reasons);
      }
    }
    NodeLogs.Errors errors = results.exceptions() instanceof NodeLogs.Errors e ? e : null;
    if (valid != Validity.TRUE || (errors != null && errors.count() > 0)) {
      lines.addAll(NodeLogs.summaryLines(errors, dir, 3));
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

  /** The bench's own CPU use so far (nodes excluded), to keep its overhead in sight. */
  public static String benchUsage() {
    long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
    long wall = System.currentTimeMillis() - ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
    return String.format(
        "bench process: CPU %.2f s over %.2f s wall (%.0f%% of one core)", cpu / 1e3, wall / 1e3, 100.0 * cpu / Math.max(1, wall));
  }

  private static String brief(Net.Group group) {
    String s = "msgs " + group.msgs();
    if (group.msgsPerOp() != null) {
      s += String.format(", %.2f msgs/op", group.msgsPerOp());
    }
    return s;
  }
}
