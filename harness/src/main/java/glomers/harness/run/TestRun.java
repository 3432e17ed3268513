package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.checker.Validity;
import glomers.harness.options.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.net.Journal;
import glomers.harness.net.LatencyModel;
import glomers.harness.net.Network;
import glomers.harness.report.Analysis;
import glomers.harness.report.CutShort;
import glomers.harness.log.Log;
import glomers.harness.report.NodeLogs;
import glomers.harness.log.Progress;
import glomers.harness.report.Reports;
import glomers.harness.report.Results;
import glomers.harness.report.Store;
import glomers.harness.report.StoredRun;
import glomers.harness.view.RunReport;
import glomers.harness.workload.Workload;
import glomers.runtime.spi.Dispatcher;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One {@code test} run, docs/bench.md#run-lifecycle: the store, network and services, the
 * {@link Lifecycle} played on its {@link Stage} (node processes, or a simulation), teardown and
 * analysis.
 */
public final class TestRun {
  public static final int EXIT_VALID = 0;
  public static final int EXIT_INVALID = 1;
  public static final int EXIT_UNKNOWN = 2;
  public static final int EXIT_CRASH = 255;

  /** How a run ended: its exit code, its verdict (null if it crashed) and where it was stored. */
  public record Outcome(int exitCode, Validity valid, Path storeDir, Results results) {}

  private final TestOptions options;
  private final Workload workload;
  private final Path storeRoot;
  private final Abort abort = new Abort();
  private final Stage stage;
  private final HistoryRecorder history;
  private boolean searchRun;

  private TestRun(TestOptions options, Workload workload, Path storeRoot, Function<Abort, Stage> stage) {
    this.options = options;
    this.workload = workload;
    this.storeRoot = storeRoot;
    this.stage = stage.apply(abort);
    this.history = new HistoryRecorder(this.stage::now);
  }

  /** A run of {@code options.bin()} as node processes, on the wall clock. */
  public static TestRun processes(TestOptions options, Workload workload, Path storeRoot) {
    return new TestRun(options, workload, storeRoot, ProcessStage::new);
  }

  /** A run of {@code solution}'s classes inside the bench, on virtual time ({@code test --sim}). */
  public static TestRun simulated(TestOptions options, Workload workload, Path storeRoot, Dispatcher solution) {
    return new TestRun(options, workload, storeRoot, abort -> new SimStage(solution, abort));
  }

  /**
   * One run of a seed search, which shows its own progress bar and deletes valid runs: no progress
   * line, and no report pages if the run is valid.
   */
  TestRun asSearchRun() {
    searchRun = true;
    return this;
  }

  public Outcome run() throws Exception {
    long runStart = System.nanoTime();
    Path dir = Store.create(storeRoot, options.workload());
    Log.openFile(dir.resolve("jepsen.log"));
    StoredRun.writeOptions(dir, options);
    Log.info("Test options: " + Reports.describe(options));
    Log.info("Seed " + options.seed() + " (repeat with " + (stage.simulated() ? "--sim " : "") + "--seed "
        + options.seed() + ")");
    if (stage.intro() != null) {
      Log.info(stage.intro());
    }
    Log.info("Store: " + dir);
    Randoms randoms = Randoms.of(options.seed());
    Journal journal = Journal.open(dir.resolve("net-journal").resolve("journal.jsonl"), stage::now);
    // One time origin for the history and the journal: the start of the test.
    history.startClock(journal.originNanos());
    RunReport report = RunReport.attach(journal);
    Network network = network(options, randoms, journal, stage::now);
    Lifecycle lifecycle = new Lifecycle(options, workload, stage, abort, history, network, randoms, report);
    RunFiles files = new RunFiles(dir, history, journal, lifecycle::phase, abort);
    Signals.runStarted(files::stop);
    try {
      String crash = play(lifecycle, network, randoms, dir, journal);
      return conclude(options, workload, dir, history, files, journal, report, crash, runStart, !searchRun);
    } finally {
      Signals.runEnded();
    }
  }

  /** Plays {@code lifecycle} on the stage, then closes it however the run ended; returns why it aborted, or null. */
  private String play(Lifecycle lifecycle, Network network, Randoms randoms, Path dir, Journal journal)
      throws Exception {
    Progress progress = searchRun ? null : new Progress(lifecycle::status);
    try {
      stage.open(options, network, randoms, dir);
      return stage.play(lifecycle::run, lifecycle::phase);
    } finally {
      if (progress != null) {
        progress.close();
      }
      lifecycle.ended();
      try {
        stage.close();
      } finally {
        journal.close();
      }
    }
  }

  /** The run's network, with its latency model and logging flags, timed on {@code clock}. */
  static Network network(TestOptions options, Randoms randoms, Journal journal, java.util.function.LongSupplier clock) {
    return new Network(
        LatencyModel.of(options.latencyDist(), options.latencyMillis()),
        randoms.network(),
        journal,
        options.logNetSend(),
        options.logNetRecv(),
        clock);
  }

  /**
   * The end every run shares, process or simulation: history, verdict and report in the store, the
   * summary in the log, and the exit code. A seed search skips the report pages of valid runs,
   * whose folders it deletes ({@code pagesIfValid} false).
   */
  static Outcome conclude(TestOptions options, Workload workload, Path dir, HistoryRecorder history, RunFiles files,
      Journal journal, RunReport report, String crash, long runStart, boolean pagesIfValid) throws java.io.IOException {
    CutShort interrupted = files.finish();
    List<Op> ops = history.snapshot();
    if (crash != null) {
      Log.plain("");
      Log.plain("Run aborted: " + crash);
      report.afterRun(dir, options, ops, null, crash, journal.originNanos());
      Log.info("Node logs: " + dir.resolve("node-logs"));
      Log.closeFile();
      return new Outcome(EXIT_CRASH, null, dir, null);
    }
    List<Op> analyzed = ops;
    if (interrupted != null) {
      // Ops still open when the run was stopped (a simulation freezes at the signal) count as :info.
      analyzed = CutShort.closeOpen(ops, interrupted.timeNanos());
      Log.info(String.format(Locale.ROOT, "Run interrupted by %s %.1f s into the test, in phase %s; analyzing what it has",
          interrupted.signal(), interrupted.timeNanos() / 1e9, interrupted.phase()));
    }
    Log.info("Analyzing...");
    Results results = Analysis.compose(options, workload, analyzed, journal.stats(), NodeLogs.scan(dir));
    if (interrupted != null) {
      results = results.cutShort(interrupted.toResult(CutShort.openCount(ops)));
    }
    Reports.writeResults(dir, results);
    Reports.writeExplanations(dir, results);
    Validity valid = results.valid();
    if (pagesIfValid || valid != Validity.TRUE) {
      report.afterRun(dir, options, ops, results, null, journal.originNanos());
    }
    Reports.printSummary(options, results, dir, System.nanoTime() - runStart, analyzed, history.clients());
    Log.closeFile();
    int exit =
        switch (valid) {
          case TRUE -> EXIT_VALID;
          case FALSE -> EXIT_INVALID;
          case UNKNOWN -> EXIT_UNKNOWN;
        };
    return new Outcome(exit, valid, dir, results);
  }
}
