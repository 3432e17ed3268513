package glomers.harness.cli;

import glomers.harness.checker.Net;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.json.Json;
import glomers.harness.net.NetStats;
import glomers.harness.options.TestOptions;
import glomers.harness.report.Analysis;
import glomers.harness.report.CutShort;
import glomers.harness.report.NodeLogs;
import glomers.harness.report.Reports;
import glomers.harness.report.Results;
import glomers.harness.report.StoredRun;
import glomers.harness.view.RunReport;
import glomers.harness.workload.Workload;
import glomers.harness.workload.Workloads;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code maelstrom analyze [RUN]}: re-checks a stored run with the current checkers, rewrites its
 * results.json and prints the summary, exiting as {@code test} would (0, 1 or 2; 254 if the folder
 * is not a run). A run cut short ({@link CutShort}) is checked on what it recorded, its open
 * invocations counted as :info.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = "Re-check a stored run: re-runs every checker on its history.jsonl and rewrites results.json.")
public final class AnalyzeCommand {
  @Parameters(arity = "0..1", paramLabel = "RUN", defaultValue = "store/latest", description = "Run folder (default ${DEFAULT-VALUE}).")
  Path run;

  public int call(PrintStream err) {
    long start = System.nanoTime();
    long startCpu = cpuNanos();
    Path dir;
    TestOptions options;
    Workload workload;
    List<Op> history;
    CutShort cut;
    try {
      dir = run.toRealPath();
      if (!Files.exists(dir.resolve(StoredRun.OPTIONS_FILE)) || !Files.exists(dir.resolve("history.jsonl"))) {
        err.println(run + " is not a run folder: it needs " + StoredRun.OPTIONS_FILE + " and history.jsonl");
        return 254;
      }
      options = StoredRun.readOptions(dir);
      workload = Workloads.byName(options.workload());
      cut = CutShort.read(dir);
      // A killed bench may have left half a line at the end; only then is that no error.
      history = StoredRun.readHistory(dir, cut != null);
    } catch (IOException | RuntimeException e) {
      err.println("Cannot read run " + run + ": " + e);
      return 254;
    }
    long read = System.nanoTime();
    long readCpu = cpuNanos();
    Result net = previousNet(dir, history);
    List<Op> analyzed = cut == null ? history : CutShort.closeOpen(history, cut.timeNanos());
    Results results = Analysis.compose(options, workload, analyzed, net, NodeLogs.scan(dir));
    if (cut != null) {
      results = results.cutShort(cut.toResult(CutShort.openCount(history)));
    }
    long checked = System.nanoTime();
    long checkedCpu = cpuNanos();
    try {
      Reports.writeResults(dir, results);
      Reports.writeExplanations(dir, results);
    } catch (IOException e) {
      err.println("Cannot write results.json: " + e);
      return 255;
    }
    Validity valid = results.valid();
    Reports.printSummary(options, results, dir, System.nanoTime() - start, analyzed, Map.of());
    // CPU beside wall time: on a shared machine the wall figures say more about the neighbours.
    System.out.printf(
        "analyze: %d history entries read in %.2f s (%.2f s CPU), checked in %.2f s (%.2f s CPU)%n",
        history.size(), (read - start) / 1e9, (readCpu - startCpu) / 1e9, (checked - read) / 1e9,
        (checkedCpu - readCpu) / 1e9);
    rewriteReport(dir, err);
    return switch (valid) {
      case TRUE -> 0;
      case FALSE -> 1;
      case UNKNOWN -> 2;
    };
  }

  /** The report page shows the new verdict and anomalies; a run from before reports had none. */
  private static void rewriteReport(Path dir, PrintStream err) {
    if (!Files.exists(dir.resolve(RunReport.RUN_INFO))) {
      System.out.println("analyze: no " + RunReport.RUN_INFO + " in " + dir + ", so no report pages were written");
      return;
    }
    long start = System.nanoTime();
    try {
      RunReport.rewrite(dir);
      System.out.printf("analyze: report %s rewritten in %.2f s%n", dir.resolve(RunReport.INDEX), (System.nanoTime() - start) / 1e9);
    } catch (IOException | RuntimeException e) {
      err.println("analyze: cannot rewrite the report pages: " + e);
    }
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  /**
   * Keeps the message counts the run computed; a run without results (the bench was killed) gets
   * them from its journal.
   */
  private static Result previousNet(Path dir, List<Op> history) {
    try {
      Net old = Net.fromJson(Json.MAPPER.readValue(dir.resolve("results.json").toFile(), Map.class).get("net"));
      if (old != null) {
        return old;
      }
    } catch (IOException e) {
      // No earlier results: count the journal's events, if there is a journal.
    }
    Path journal = dir.resolve("net-journal").resolve("journal.jsonl");
    if (Files.exists(journal)) {
      try {
        return Net.of(NetStats.read(journal).counts(), history.stream().filter(op -> op.isClient() && op.isInvoke()).count());
      } catch (IOException e) {
        System.out.println("analyze: cannot count the journal's messages: " + e.getMessage());
      }
    }
    return new Result.Valid();
  }
}
