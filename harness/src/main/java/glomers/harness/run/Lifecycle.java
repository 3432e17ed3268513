package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.options.TestOptions;
import glomers.harness.net.Network;
import glomers.harness.log.Log;
import glomers.harness.report.InitDeadline;
import glomers.harness.view.RunReport;
import glomers.harness.net.Connection;
import glomers.harness.workload.FinalPhase;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.Workload;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The phases of one test (docs/bench.md#run-lifecycle), written once for both run modes as
 * blocking code on a {@link Stage}: init, setup, the main phase with its nemesis, recovery and the
 * final phase, and the clients' teardown. A fault is a step of the {@link Nemesis}: it runs as a
 * task beside the main phase's ops, and {@link Nemesis#recover} undoes it before the final phase.
 */
final class Lifecycle {
  // Maelstrom's fixed 10 s; the properties exist only so the bench's own tests stay short. They are
  // read per run, so one test class's short timeout never leaks into the next class's runs.
  private final Duration initTimeout =
      Duration.ofMillis(Long.getLong("glomers.harness.init-timeout-ms", 10_000));
  private final Duration recovery =
      Duration.ofMillis(Long.getLong("glomers.harness.recovery-ms", 10_000));

  private final TestOptions options;
  private final Workload workload;
  private final Stage stage;
  private final Abort abort;
  private final HistoryRecorder history;
  private final Network network;
  private final Randoms randoms;
  private final RunReport report;
  private volatile String phase = "starting";
  private volatile boolean mainStarted;
  private volatile long mainStart;

  Lifecycle(TestOptions options, Workload workload, Stage stage, Abort abort, HistoryRecorder history,
      Network network, Randoms randoms, RunReport report) {
    this.options = options;
    this.workload = workload;
    this.stage = stage;
    this.abort = abort;
    this.history = history;
    this.network = network;
    this.randoms = randoms;
    this.report = report;
  }

  /** The phase the run is in, e.g. {@code main}. */
  String phase() {
    return phase;
  }

  /** The run is over, however it ended: what follows tears it down. */
  void ended() {
    phase = "teardown";
  }

  /** The progress line: phase, seconds into the main phase, and the ops so far. */
  String status() {
    String clock = "";
    if (mainStarted) {
      long limit = TimeUnit.SECONDS.toNanos(options.timeLimitSeconds());
      long into = Math.max(0, Math.min(stage.now() - mainStart, limit));
      clock = String.format(" %ds/%ds", into / 1_000_000_000L, options.timeLimitSeconds());
    }
    return String.format("[%s%s]%s ops ok %d, fail %d, info %d", stage.simulated() ? "sim " : "", phase, clock,
        history.ok.sum(), history.fail.sum(), history.info.sum());
  }

  /** When each node process started and answered init; null in simulation, which has no busy machine. */
  private InitDeadline initTimes;

  /** The test from init to teardown; returns at its end, or throws once the run is aborted. */
  void run() throws Abort.AbortedException, InterruptedException {
    phase = "init";
    // Real processes can miss the init deadline because the machine is busy; the report says so.
    initTimes = stage.simulated() ? null : new InitDeadline(options.nodes());
    stage.runAll(options.nodes(), id -> "init-" + id, this::init);
    Log.info("All " + options.nodes().size() + " nodes initialised");
    phase = "setup";
    stage.runAll(options.nodes(), id -> "setup-" + id, this::setup);
    Workers workers = new Workers(options, workload, history, stage, abort);
    Nemesis nemesis = Nemesis.of(options, network.partitions(), stage.nodeControl(initTimeout), randoms, history);
    mainPhase(workers, nemesis);
    if (!stage.simulated()) {
      // A process run now waits 10 s of wall time for recovery: time to warm up the report's code.
      report.mainPhaseOver();
    }
    // A stopped run skips its final phase: it issues nothing more.
    if (workload.hasFinalPhase() && !abort.isStopped()) {
      finalPhase(workers, nemesis, randoms.finalPhase());
    }
    phase = "teardown";
    workers.closeAll();
    network.partitions().heal();
  }

  /** Starts node {@code id} and sends it {@code init}, as Maelstrom's DB setup does; a failure aborts the run. */
  private void init(String id) {
    if (initTimes != null) {
      initTimes.started(id);
    }
    try {
      stage.startNode(id);
    } catch (Exception e) {
      abort.raise("cannot start node " + id + " (" + options.bin() + "): " + e.getMessage());
      return;
    }
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("type", "init");
    init.put("node_id", id);
    init.put("node_ids", options.nodes());
    Connection client = stage.connect(id);
    try {
      Map<String, Object> reply = client.call(init, initTimeout);
      if (initTimes != null) {
        initTimes.answered(id);
      }
      if (!"init_ok".equals(reply.get("type"))) {
        abort.raise("node " + id + " answered init with " + reply + stage.nodeReport(id));
      }
    } catch (TimeoutException e) {
      abort.raise("node " + id + " did not respond to init within " + initTimeout.toMillis() + " ms"
          + (initTimes == null ? "" : initTimes.missed(id, initTimeout)) + stage.nodeReport(id));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      abort.raise("init of node " + id + " failed: " + e.getMessage() + stage.nodeReport(id));
    } finally {
      client.close();
    }
  }

  /** One fresh setup client per node, e.g. broadcast's topology; a failure aborts the run. */
  private void setup(String id) {
    Connection client = stage.connect(id);
    try {
      workload.setup(client, options);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      String why = e instanceof TimeoutException ? "no reply within the timeout"
          : e.getMessage() == null ? e.toString() : e.getMessage();
      abort.raise("setup of node " + id + " failed: " + why + stage.nodeReport(id));
    } finally {
      client.close();
    }
  }

  /**
   * Ops on the rate schedule, each to an idle worker as Jepsen picks it, until the time limit; the
   * nemesis alongside. Then the ops in flight end, each within its timeout.
   */
  private void mainPhase(Workers workers, Nemesis nemesis) throws Abort.AbortedException, InterruptedException {
    Generator generator = workload.generator(options, randoms.generator(), stage::now);
    phase = "main";
    long start = stage.now();
    long end = start + TimeUnit.SECONDS.toNanos(options.timeLimitSeconds());
    mainStart = start;
    mainStarted = true;
    Supplier<String> usage = stage.simulated() ? () -> simulated(start) : cpuUsage(start);
    OpSchedule schedule = new OpSchedule(randoms.scheduler(), options.rate(), options.concurrency());
    Stage.Task faults = null;
    if (nemesis != null) {
      nemesis.onOp(schedule::nemesisOp);
      faults = stage.spawn("nemesis", () -> nemesis.run(stage, start, end));
    }
    if (options.rate() > 0 && options.concurrency() > 0) {
      long next = start;
      while (next < end && stage.sleepUntil(next)) {
        Worker worker = workers.acquire(schedule, end);
        if (worker == null) {
          break;
        }
        Invocation invocation = generator.next(worker.index);
        workers.dispatch(worker, invocation, generator);
        next += schedule.gapNanos();
      }
    }
    stage.sleepUntil(end);
    phase = "main (draining)";
    workers.awaitIdle();
    Log.info("Main phase done; " + usage.get());
    if (faults != null) {
      faults.join();
    }
    abort.check();
  }

  /** Heals the faults, waits for recovery, then every worker performs its final ops on its own connection. */
  private void finalPhase(Workers workers, Nemesis nemesis, Random random)
      throws Abort.AbortedException, InterruptedException {
    phase = "recovery";
    if (nemesis != null) {
      nemesis.recover(stage);
    }
    Log.info("Waiting for recovery...");
    stage.sleepUntil(stage.now() + recovery.toNanos());
    phase = "final";
    Map<Worker, FinalPhase> phases = new LinkedHashMap<>();
    for (Worker worker : workers.all()) {
      phases.put(worker, workload.finalPhase(worker.index, options, new Random(random.nextLong())));
    }
    stage.runAll(workers.all(), worker -> "final-" + worker.index, worker -> {
      FinalPhase ops = phases.get(worker);
      try {
        FinalPhase.Step step;
        while (!abort.isRaised() && !abort.isStopped() && (step = ops.next(stage.now())) != null) {
          if (step.delayNanos() > 0 && !stage.sleepUntil(stage.now() + step.delayNanos())) {
            break;
          }
          ops.completed(step.invocation(), worker.perform(step.invocation()));
        }
      } catch (RuntimeException e) {
        abort.raise("final phase of worker " + worker.index + " failed: " + e);
      }
    });
  }

  private String simulated(long start) {
    return "simulated " + TimeUnit.NANOSECONDS.toMillis(stage.now() - start) + " ms";
  }

  /** The bench's CPU from now on, as a share of the wall time: a process run's own cost. */
  private static Supplier<String> cpuUsage(long start) {
    long cpuAtStart = cpuNanos();
    return () -> {
      double wall = (System.nanoTime() - start) / 1e9;
      double cpu = (cpuNanos() - cpuAtStart) / 1e9;
      return String.format("bench CPU %.2f s over %.2f s (%.0f%% of one core)", cpu, wall, 100 * cpu / wall);
    };
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
