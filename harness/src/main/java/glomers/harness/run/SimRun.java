package glomers.harness.run;

import glomers.harness.cli.TestOptions;
import glomers.harness.net.Journal;
import glomers.harness.net.Network;
import glomers.harness.report.Log;
import glomers.harness.report.Progress;
import glomers.harness.report.Reports;
import glomers.harness.report.Store;
import glomers.harness.report.StoredRun;
import glomers.harness.service.Service;
import glomers.harness.service.ServiceHost;
import glomers.harness.sim.Coroutine;
import glomers.harness.sim.Scheduler;
import glomers.harness.sim.Signal;
import glomers.harness.sim.SimConnection;
import glomers.harness.sim.SimNodeControl;
import glomers.harness.sim.SimNodes;
import glomers.harness.view.RunReport;
import glomers.harness.workload.FinalPhase;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.Workload;
import glomers.runtime.spi.Dispatcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code test --sim} run: the lifecycle of {@link TestRun} (init, setup, main phase with its
 * nemesis, recovery, final phase, analysis), but the nodes are the solution's classes in this JVM
 * and everything happens on one {@link Scheduler}'s virtual time. The seed fixes the whole run, so
 * the same flags give the same history and journal, byte for byte.
 */
public final class SimRun {
  private final Duration initTimeout =
      Duration.ofMillis(Long.getLong("glomers.harness.init-timeout-ms", 10_000));
  private final Duration recovery =
      Duration.ofMillis(Long.getLong("glomers.harness.recovery-ms", 10_000));
  private static final long STUCK_MILLIS = Long.getLong("glomers.harness.sim-stuck-ms", 10_000);

  private final TestOptions options;
  private final Workload workload;
  private final Path storeRoot;
  private final Dispatcher solution;
  private final Scheduler sim = new Scheduler();
  private final Abort abort = new Abort();
  private final HistoryRecorder history = new HistoryRecorder(sim::now);
  private final List<Coroutine> coroutines = new ArrayList<>();
  private volatile String phase = "starting";
  private volatile long mainStart = -1;
  private boolean pagesIfValid = true;

  public SimRun(TestOptions options, Workload workload, Path storeRoot, Dispatcher solution) {
    this.options = options;
    this.workload = workload;
    this.storeRoot = storeRoot;
    this.solution = solution;
  }

  /**
   * One run of a seed search, which shows its own progress bar and deletes valid runs: no progress
   * line, and no report pages if the run is valid.
   */
  SimRun asSearchRun() {
    pagesIfValid = false;
    return this;
  }

  public TestRun.Outcome run() throws Exception {
    long runStart = System.nanoTime();
    Path dir = Store.create(storeRoot, options.workload());
    Log.openFile(dir.resolve("jepsen.log"));
    StoredRun.writeOptions(dir, options);
    Log.info("Test options: " + Reports.describe(options));
    Log.info("Seed " + options.seed() + " (repeat with --sim --seed " + options.seed() + ")");
    Log.info("Simulation: solution '" + solution.solution() + "' runs in the bench on virtual time");
    Log.info("Store: " + dir);
    Randoms randoms = Randoms.of(options.seed());
    Journal journal = Journal.open(dir.resolve("net-journal").resolve("journal.jsonl"), sim::now);
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

  private TestRun.Outcome run(Path dir, Randoms randoms, Journal journal, RunReport report, RunFiles files,
      long runStart) throws Exception {
    Network network = TestRun.network(options, randoms, journal, sim::now);
    for (Service service : ServiceHost.standard(randoms.services(), options.seqKvStaleness())) {
      glomers.harness.sim.Member.attach(sim, network, service.id(), request -> ServiceHost.answer(network, service, request));
    }
    String crash;
    try (SimNodes nodes = new SimNodes(sim, network, solution, options.nodes(), dir.resolve("node-logs"), abort::raise,
        options.logStderr());
        Progress progress = pagesIfValid ? new Progress(this::status) : null) {
      Coroutine lifecycle =
          spawn("lifecycle", () -> lifecycle(network, nodes, randoms));
      // The scheduler runs on a virtual thread too: handing control to a coroutine and back then
      // stays on one carrier thread instead of waking an OS thread each way.
      Thread driver = Thread.ofVirtual().name("sim-scheduler").start(() -> drive(lifecycle));
      Thread watchdog = Thread.ofPlatform().daemon().name("sim-watchdog").start(() -> watch(driver));
      driver.join();
      watchdog.interrupt();
      if (lifecycle.failure() != null) {
        abort.raise("the simulation failed: " + describe(lifecycle.failure()));
      }
      crash = abort.reason();
    } finally {
      phase = "teardown";
      // Unwinds whatever was still waiting, e.g. after an abort; nothing of theirs is recorded.
      for (Coroutine coroutine : coroutines) {
        coroutine.cancel();
      }
      journal.close();
    }
    Log.info("Simulated " + TimeUnit.NANOSECONDS.toMillis(sim.now()) + " ms in " + sim.eventsRun() + " events");
    return TestRun.conclude(options, workload, dir, history, files, journal, report, crash, runStart, pagesIfValid);
  }

  /** Runs events until the lifecycle ends or the run aborts; whatever goes wrong in between aborts it, with the cause. */
  private void drive(Coroutine lifecycle) {
    try {
      // A stop (a signal) freezes virtual time where it is: ops in flight stay open and count as :info.
      boolean more = sim.runWhile(() -> !lifecycle.finished() && !abort.isRaised() && !abort.isStopped());
      if (!more && !lifecycle.finished() && !abort.isStopped()) {
        abort.raise("the simulation ran out of events at " + TimeUnit.NANOSECONDS.toMillis(sim.now())
            + " ms of virtual time, in phase " + phase + "; nothing was left to wake the run");
      }
    } catch (Throwable e) {
      abort.raise("the simulation failed at " + TimeUnit.NANOSECONDS.toMillis(sim.now()) + " ms of virtual time: "
          + describe(e));
    }
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.toString());
    StackTraceElement[] frames = e.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, 12); i++) {
      text.append("\n    at ").append(frames[i]);
    }
    return text.toString();
  }

  /**
   * A handler that never returns stops virtual time for good, as no timeout can fire; after a
   * while of wall time with no event finished, say where the simulation is stuck, once.
   */
  private void watch(Thread driver) {
    try {
      long seen = -1;
      while (true) {
        Thread.sleep(STUCK_MILLIS);
        long ran = sim.eventsRun();
        if (ran == seen) {
          StringBuilder where = new StringBuilder();
          for (StackTraceElement frame : driver.getStackTrace()) {
            where.append("\n    at ").append(frame);
          }
          Log.info("The simulation has been stuck for " + STUCK_MILLIS / 1000 + " s of wall time at virtual time "
              + TimeUnit.NANOSECONDS.toMillis(sim.now()) + " ms: a node's handler or timer is not returning"
              + " (an endless loop?); virtual time cannot move on until it does. The scheduler is in:" + where);
          return;
        }
        seen = ran;
      }
    } catch (InterruptedException e) {
      // The run ended.
    }
  }

  private Coroutine spawn(String name, Runnable body) {
    Coroutine coroutine = Coroutine.start(sim, name, body);
    coroutines.add(coroutine);
    return coroutine;
  }

  private String status() {
    String clock =
        mainStart < 0
            ? ""
            : String.format(" %ds/%ds", Math.max(0, Math.min(sim.now() - mainStart, TimeUnit.SECONDS.toNanos(options.timeLimitSeconds())))
                / 1_000_000_000L, options.timeLimitSeconds());
    return String.format("[sim %s]%s ops ok %d, fail %d, info %d",
        phase, clock, history.ok.sum(), history.fail.sum(), history.info.sum());
  }

  private void lifecycle(Network network, SimNodes nodes, Randoms randoms) {
    phase = "init";
    all(options.nodes(), id -> "init-" + id, id -> init(network, nodes, id));
    if (abort.isRaised()) {
      return;
    }
    Log.info("All " + options.nodes().size() + " nodes initialised");
    phase = "setup";
    all(options.nodes(), id -> "setup-" + id, id -> setup(network, nodes, id));
    if (abort.isRaised()) {
      return;
    }
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < options.concurrency(); i++) {
      workers.add(new Worker(i, options, workload, history, node -> new SimConnection(sim, network, node)));
    }
    Nemesis nemesis = Nemesis.of(options, network.partitions(),
        new SimNodeControl(sim, network, nodes, options.nodes(), initTimeout), randoms, history);
    mainPhase(workers, nemesis, randoms);
    if (workload.hasFinalPhase()) {
      finalPhase(workers, nemesis, randoms.finalPhase());
    }
    phase = "teardown";
    workers.forEach(worker -> worker.connection.close());
    network.partitions().heal();
  }

  /** Runs {@code body} for each item in a coroutine of its own, all at once, and waits for them all. */
  private <T> void all(List<T> items, java.util.function.Function<T, String> name, java.util.function.Consumer<T> body) {
    Signal done = new Signal(sim);
    List<Coroutine> started = new ArrayList<>();
    for (T item : items) {
      started.add(
          spawn(
              name.apply(item),
              () -> {
                try {
                  body.accept(item);
                } finally {
                  done.signalAll();
                }
              }));
    }
    while (started.stream().anyMatch(c -> !c.finished())) {
      done.await();
    }
    for (Coroutine c : started) {
      if (c.failure() != null) {
        abort.raise(c.failure().toString());
      }
    }
  }

  private void init(Network network, SimNodes nodes, String id) {
    Map<String, Object> init = new LinkedHashMap<>();
    init.put("type", "init");
    init.put("node_id", id);
    init.put("node_ids", options.nodes());
    SimConnection client = new SimConnection(sim, network, id);
    try {
      Map<String, Object> reply = client.call(init, initTimeout);
      if (!"init_ok".equals(reply.get("type"))) {
        abort.raise("node " + id + " answered init with " + reply + nodes.logReport(id));
      }
    } catch (TimeoutException e) {
      abort.raise("node " + id + " did not respond to init within " + initTimeout.toMillis() + " ms" + nodes.logReport(id));
    } finally {
      client.close();
    }
  }

  private void setup(Network network, SimNodes nodes, String id) {
    SimConnection client = new SimConnection(sim, network, id);
    try {
      workload.setup(client, options);
    } catch (Exception e) {
      String why = e instanceof TimeoutException ? "no reply within the timeout"
          : e.getMessage() == null ? e.toString() : e.getMessage();
      abort.raise("setup of node " + id + " failed: " + why + nodes.logReport(id));
    } finally {
      client.close();
    }
  }

  /** The main phase as a process run has it: ops on the rate schedule to idle workers as Jepsen picks them, the nemesis alongside. */
  private void mainPhase(List<Worker> workers, Nemesis nemesis, Randoms randoms) {
    Generator generator = workload.generator(options, randoms.generator(), sim::now);
    phase = "main";
    long start = sim.now();
    long end = start + TimeUnit.SECONDS.toNanos(options.timeLimitSeconds());
    mainStart = start;
    OpSchedule schedule = new OpSchedule(randoms.scheduler(), options.rate(), options.concurrency());
    Coroutine nemesisRun = null;
    if (nemesis != null) {
      nemesis.onOp(schedule::nemesisOp);
      nemesisRun = spawn("nemesis", () -> nemesis.runSimulated(start, end, sim::now));
    }
    List<Worker> idle = new ArrayList<>(workers);
    Signal changed = new Signal(sim);
    if (options.rate() > 0 && options.concurrency() > 0) {
      long next = start;
      while (next < end) {
        Coroutine.sleepUntil(next);
        while (idle.isEmpty() && sim.now() < end) {
          changed.awaitUntil(end);
        }
        if (idle.isEmpty()) {
          break;
        }
        Worker worker = schedule.takeIdle(idle);
        Invocation invocation = generator.next(worker.index);
        spawn(
            "worker-" + worker.index,
            () -> {
              try {
                generator.completed(worker.index, invocation, worker.perform(invocation));
              } finally {
                idle.add(worker);
                changed.signalAll();
              }
            });
        next += schedule.gapNanos();
      }
    }
    Coroutine.sleepUntil(end);
    phase = "main (draining)";
    while (idle.size() < workers.size()) {
      changed.await();
    }
    if (nemesisRun != null) {
      // An op still running (a restart waiting for init) ends before the final phase, as in a process run.
      nemesisRun.join();
    }
    Log.info("Main phase done; simulated " + TimeUnit.NANOSECONDS.toMillis(sim.now() - start) + " ms");
  }

  private void finalPhase(List<Worker> workers, Nemesis nemesis, Random random) {
    phase = "recovery";
    if (nemesis != null) {
      nemesis.recover();
    }
    Log.info("Waiting for recovery...");
    Coroutine.sleepUntil(sim.now() + recovery.toNanos());
    phase = "final";
    Map<Worker, FinalPhase> phases = new LinkedHashMap<>();
    for (Worker worker : workers) {
      phases.put(worker, workload.finalPhase(worker.index, options, new Random(random.nextLong())));
    }
    all(workers, worker -> "final-" + worker.index, worker -> {
      FinalPhase ops = phases.get(worker);
      FinalPhase.Step step;
      while (!abort.isRaised() && (step = ops.next(sim.now())) != null) {
        if (step.delayNanos() > 0) {
          Coroutine.sleepUntil(sim.now() + step.delayNanos());
        }
        ops.completed(step.invocation(), worker.perform(step.invocation()));
      }
    });
  }
}
