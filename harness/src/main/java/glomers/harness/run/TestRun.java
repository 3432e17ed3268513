package glomers.harness.run;

import glomers.harness.checker.Validity;
import glomers.harness.cli.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.net.ClientConnection;
import glomers.harness.net.Journal;
import glomers.harness.net.LatencyModel;
import glomers.harness.net.Network;
import glomers.harness.process.NodeProcess;
import glomers.harness.process.ProcessNodeControl;
import glomers.harness.report.Analysis;
import glomers.harness.report.CutShort;
import glomers.harness.report.Log;
import glomers.harness.report.NodeLogs;
import glomers.harness.report.Progress;
import glomers.harness.report.Reports;
import glomers.harness.report.Store;
import glomers.harness.report.StoredRun;
import glomers.harness.service.ServiceHost;
import glomers.harness.workload.FinalPhase;
import glomers.harness.view.RunReport;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One {@code test} run, docs/bench.md#run-lifecycle: store, network, nodes, setup, phases, teardown, analysis. */
public final class TestRun {
  public static final int EXIT_VALID = 0;
  public static final int EXIT_INVALID = 1;
  public static final int EXIT_UNKNOWN = 2;
  public static final int EXIT_CRASH = 255;

  // Maelstrom's fixed 10 s; the properties exist only so the bench's own tests stay short. They are
  // read per run, so one test class's short timeout never leaks into the next class's runs.
  private final Duration initTimeout =
      Duration.ofMillis(Long.getLong("glomers.harness.init-timeout-ms", 10_000));
  private final Duration recovery =
      Duration.ofMillis(Long.getLong("glomers.harness.recovery-ms", 10_000));

  /** How a run ended: its exit code, its verdict (null if it crashed) and where it was stored. */
  public record Outcome(int exitCode, Validity valid, Path storeDir, Map<String, Object> results) {}

  private final TestOptions options;
  private final Workload workload;
  private final Path storeRoot;
  private final Abort abort = new Abort();
  private final HistoryRecorder history = new HistoryRecorder();
  private final Map<String, NodeProcess> nodes = new ConcurrentHashMap<>();
  private volatile String phase = "starting";
  private volatile long mainStart;
  private volatile long mainEnd;

  public TestRun(TestOptions options, Workload workload, Path storeRoot) {
    this.options = options;
    this.workload = workload;
    this.storeRoot = storeRoot;
  }

  public Outcome run() throws Exception {
    long runStart = System.nanoTime();
    Path dir = Store.create(storeRoot, options.workload());
    Log.openFile(dir.resolve("jepsen.log"));
    StoredRun.writeOptions(dir, options);
    Log.info("Test options: " + Reports.describe(options));
    Log.info("Seed " + options.seed() + " (repeat with --seed " + options.seed() + ")");
    Log.info("Store: " + dir);
    Randoms randoms = Randoms.of(options.seed());
    Journal journal = Journal.open(dir.resolve("net-journal").resolve("journal.jsonl"));
    // One time origin for the history and the journal: the start of the test.
    history.startClock(journal.originNanos());
    RunReport report = RunReport.attach(journal);
    RunFiles files = new RunFiles(dir, history, journal, () -> phase, abort);
    Signals.runStarted(files::stop);
    try {
      return run(dir, randoms, journal, report, files, runStart);
    } finally {
      Signals.runEnded();
    }
  }

  private Outcome run(Path dir, Randoms randoms, Journal journal, RunReport report, RunFiles files, long runStart)
      throws Exception {
    Network network = network(options, randoms, journal, System::nanoTime);
    ServiceHost services = new ServiceHost(network, ServiceHost.standard(randoms.services(), options.seqKvStaleness()));
    Workers workers = null;
    String crash = null;
    try (Progress progress = new Progress(this::status)) {
      try {
        startNodes(network, dir);
        setup(network);
        workers = new Workers(options, workload, network, history);
        Nemesis nemesis = Nemesis.of(options, network.partitions(),
            new ProcessNodeControl(nodes, network, options.nodes(), initTimeout, history::now), randoms, history);
        mainPhase(workers, nemesis, randoms);
        report.mainPhaseOver();
        // A stopped run skips its final phase: it issues nothing more.
        if (workload.hasFinalPhase() && !abort.isStopped()) {
          finalPhase(workers, nemesis, randoms.finalPhase());
        }
        phase = "teardown";
        workers.closeAll();
        network.partitions().heal();
        checkNodesAlive();
      } catch (Abort.AbortedException e) {
        crash = e.getMessage();
      }
    } finally {
      phase = "teardown";
      killNodes();
      services.close();
      journal.close();
    }
    return conclude(options, workload, dir, history, files, journal, report, crash, runStart, true);
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
    Map<String, Object> results = Analysis.compose(options, workload, analyzed, journal.stats(), NodeLogs.scan(dir));
    if (interrupted != null) {
      results.put("cut-short", interrupted.toResult(CutShort.openCount(ops)));
    }
    Reports.writeResults(dir, results);
    Reports.writeElle(dir, results);
    Validity valid = Analysis.validity(results);
    if (pagesIfValid || valid != Validity.TRUE) {
      report.afterRun(dir, options, ops, results, null, journal.originNanos());
    }
    Reports.printSummary(options, results, valid, dir, System.nanoTime() - runStart, analyzed, history.clients());
    Log.closeFile();
    int exit =
        switch (valid) {
          case TRUE -> EXIT_VALID;
          case FALSE -> EXIT_INVALID;
          case UNKNOWN -> EXIT_UNKNOWN;
        };
    return new Outcome(exit, valid, dir, results);
  }

  private String status() {
    long now = System.nanoTime();
    String clock =
        mainStart == 0
            ? ""
            : String.format(" %ds/%ds", Math.max(0, (Math.min(now, mainEnd) - mainStart) / 1_000_000_000L), options.timeLimitSeconds());
    return String.format(
        "[%s]%s ops ok %d, fail %d, info %d",
        phase, clock, history.ok.sum(), history.fail.sum(), history.info.sum());
  }

  /** Spawns and inits every node in parallel, as Maelstrom's DB setup does. */
  private void startNodes(Network network, Path dir) throws Abort.AbortedException, InterruptedException {
    phase = "init";
    CountDownLatch done = new CountDownLatch(options.nodes().size());
    for (String id : options.nodes()) {
      Thread.ofVirtual()
          .name("init-" + id)
          .start(
              () -> {
                try {
                  startNode(id, network, dir);
                } finally {
                  done.countDown();
                }
              });
    }
    awaitLatch(done);
    Log.info("All " + options.nodes().size() + " nodes initialised");
  }

  private void startNode(String id, Network network, Path dir) {
    NodeProcess node;
    try {
      node =
          NodeProcess.start(
              id,
              options.bin(),
              options.nodeArgs(),
              network,
              dir.resolve("node-logs").resolve(id + ".log"),
              options.logStderr(),
              abort);
    } catch (Exception e) {
      abort.raise("cannot start node " + id + " (" + options.bin() + "): " + e.getMessage());
      return;
    }
    nodes.put(id, node);
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("type", "init");
    init.put("node_id", id);
    init.put("node_ids", options.nodes());
    try (ClientConnection client = ClientConnection.open(network, id)) {
      Map<String, Object> reply = client.call(init, initTimeout);
      if (!"init_ok".equals(reply.get("type"))) {
        abort.raise("node " + id + " answered init with " + reply + node.stderrReport());
      }
    } catch (TimeoutException e) {
      abort.raise("node " + id + " did not respond to init within " + initTimeout.toMillis() + " ms" + node.stderrReport());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      abort.raise("init of node " + id + " failed: " + e.getMessage() + node.stderrReport());
    }
  }

  /** One fresh setup client per node, e.g. broadcast's topology; a failure aborts the run. */
  private void setup(Network network) throws Abort.AbortedException, InterruptedException {
    phase = "setup";
    CountDownLatch done = new CountDownLatch(options.nodes().size());
    for (String id : options.nodes()) {
      Thread.ofVirtual()
          .name("setup-" + id)
          .start(
              () -> {
                try (ClientConnection client = ClientConnection.open(network, id)) {
                  workload.setup(client, options);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (Exception e) {
                  NodeProcess node = nodes.get(id);
                  abort.raise(
                      "setup of node " + id + " failed: " + describe(e) + (node == null ? "" : node.stderrReport()));
                } finally {
                  done.countDown();
                }
              });
    }
    awaitLatch(done);
  }

  private static String describe(Exception e) {
    if (e instanceof TimeoutException) {
      return "no reply within the timeout";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private void awaitLatch(CountDownLatch latch) throws Abort.AbortedException, InterruptedException {
    while (!latch.await(50, TimeUnit.MILLISECONDS)) {
      abort.check();
    }
    abort.check();
  }

  private void mainPhase(Workers workers, Nemesis nemesis, Randoms randoms)
      throws Abort.AbortedException, InterruptedException {
    var generator = workload.generator(options, randoms.generator(), System::nanoTime);
    phase = "main";
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(options.timeLimitSeconds());
    mainStart = start;
    mainEnd = end;
    long cpuAtStart = cpuNanos();
    Thread nemesisThread = null;
    List<Throwable> nemesisFailure = new ArrayList<>();
    OpSchedule schedule = new OpSchedule(randoms.scheduler(), options.rate(), options.concurrency());
    if (nemesis != null) {
      nemesis.onOp(schedule::nemesisOp);
      nemesisThread =
          Thread.ofVirtual()
              .name("nemesis")
              .start(
                  () -> {
                    try {
                      nemesis.run(start, end, abort);
                    } catch (Abort.AbortedException | InterruptedException e) {
                      // The lifecycle reports the abort.
                    } catch (RuntimeException e) {
                      abort.raise("nemesis failed: " + e);
                    }
                  });
    }
    if (options.rate() <= 0 || options.concurrency() == 0) {
      abort.sleepUntil(end);
    } else {
      long next = start;
      while (next < end && !abort.isStopped()) {
        abort.sleepUntil(next);
        if (abort.isStopped()) {
          break;
        }
        Worker worker = workers.acquire(schedule, end, abort);
        if (worker == null) {
          break;
        }
        Invocation invocation = generator.next(worker.index);
        workers.dispatch(worker, invocation, generator);
        next += schedule.gapNanos();
      }
      abort.sleepUntil(end);
    }
    phase = "main (draining)";
    workers.awaitIdle(abort);
    Log.info("Main phase done; " + mainPhaseUsage(start, cpuAtStart));
    if (nemesisThread != null) {
      nemesisThread.join();
    }
    abort.check();
  }

  private void finalPhase(Workers workers, Nemesis nemesis, Random random)
      throws Abort.AbortedException, InterruptedException {
    phase = "recovery";
    if (nemesis != null) {
      nemesis.recover();
    }
    Log.info("Waiting for recovery...");
    abort.sleepUntil(System.nanoTime() + recovery.toNanos());
    phase = "final";
    CountDownLatch done = new CountDownLatch(workers.all().size());
    for (Worker worker : workers.all()) {
      FinalPhase ops = workload.finalPhase(worker.index, options, new Random(random.nextLong()));
      Thread.ofVirtual()
          .name("final-" + worker.index)
          .start(
              () -> {
                try {
                  FinalPhase.Step step;
                  while (!abort.isRaised() && !abort.isStopped() && (step = ops.next(System.nanoTime())) != null) {
                    if (step.delayNanos() > 0) {
                      abort.sleepUntil(System.nanoTime() + step.delayNanos());
                      if (abort.isStopped()) {
                        break;
                      }
                    }
                    ops.completed(step.invocation(), worker.perform(step.invocation()));
                  }
                } catch (Abort.AbortedException e) {
                  // The lifecycle reports the abort.
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                  abort.raise("final phase of worker " + worker.index + " failed: " + e);
                } finally {
                  done.countDown();
                }
              });
    }
    awaitLatch(done);
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static String mainPhaseUsage(long startNanos, long cpuAtStart) {
    double wall = (System.nanoTime() - startNanos) / 1e9;
    double cpu = (cpuNanos() - cpuAtStart) / 1e9;
    return String.format("bench CPU %.2f s over %.2f s (%.0f%% of one core)", cpu, wall, 100 * cpu / wall);
  }

  /** Maelstrom notices at teardown a node that is already dead: that is a crash. */
  private void checkNodesAlive() throws Abort.AbortedException {
    for (NodeProcess node : nodes.values()) {
      // A Ctrl-C reaches the nodes too (one process group): a stopped run does not call that a crash.
      if (abort.isStopped()) {
        node.stopping();
        continue;
      }
      // A node the nemesis killed stays dead when no final phase restarts it, as in Maelstrom.
      if (!node.isAlive() && !node.killedByNemesis()) {
        abort.raise("node " + node.id() + " crashed before teardown" + node.stderrReport());
      }
      node.stopping();
    }
    abort.check();
  }

  private void killNodes() {
    nodes.values().forEach(NodeProcess::stopping);
    nodes.values().parallelStream().forEach(NodeProcess::kill);
  }
}
