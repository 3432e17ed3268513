package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.nemesis.NodeControl;
import glomers.harness.options.TestOptions;
import glomers.harness.net.Network;
import glomers.harness.log.Log;
import glomers.harness.service.Service;
import glomers.harness.service.ServiceHost;
import glomers.harness.sim.Coroutine;
import glomers.harness.sim.Member;
import glomers.harness.sim.Scheduler;
import glomers.harness.sim.Signal;
import glomers.harness.sim.SimConnection;
import glomers.harness.sim.SimNodeControl;
import glomers.harness.sim.SimNodes;
import glomers.harness.net.Connection;
import glomers.runtime.spi.Dispatcher;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A simulation's stage ({@code test --sim}): the nodes are the solution's classes in this JVM, and
 * everything happens on one {@link Scheduler}'s virtual time, each task a {@link Coroutine}. The
 * seed fixes the whole run, so the same flags give the same history and journal, byte for byte.
 * An abort, or a stop, freezes virtual time where it is: nothing waiting resumes.
 */
final class SimStage implements Stage {
  private static final long STUCK_MILLIS = Long.getLong("glomers.harness.sim-stuck-ms", 10_000);

  private final Dispatcher solution;
  private final Abort abort;
  private final Scheduler sim = new Scheduler();
  private final List<Coroutine> coroutines = new ArrayList<>();
  private Network network;
  private SimNodes nodes;
  private List<String> nodeIds;

  /** A stage for {@code solution}'s nodes (null for a stage without nodes, as in a test). */
  SimStage(Dispatcher solution, Abort abort) {
    this.solution = solution;
    this.abort = abort;
  }

  @Override
  public long now() {
    return sim.now();
  }

  @Override
  public boolean sleepUntil(long time) {
    Coroutine.sleepUntil(time);
    return !abort.isStopped();
  }

  @Override
  public Task spawn(String name, Body body) {
    Signal ended = new Signal(sim);
    Coroutine coroutine = start(name, body, ended);
    return () -> {
      while (!coroutine.finished()) {
        ended.await();
      }
    };
  }

  @Override
  public <T> void runAll(List<T> items, Function<T, String> name, Step<T> body) throws Abort.AbortedException {
    Signal done = new Signal(sim);
    List<Coroutine> started = new ArrayList<>();
    for (T item : items) {
      started.add(start(name.apply(item), () -> body.run(item), done));
    }
    while (started.stream().anyMatch(c -> !c.finished())) {
      done.await();
    }
    abort.check();
  }

  /** A coroutine that runs {@code body} and signals {@code ended} when it ends, however it ends. */
  private Coroutine start(String name, Body body, Signal ended) {
    Coroutine coroutine = Coroutine.start(sim, name, () -> {
      try {
        body.run();
      } catch (Abort.AbortedException e) {
        // The lifecycle reports the abort.
      } catch (Exception e) {
        abort.raise(name + " failed: " + e);
      } finally {
        ended.signalAll();
      }
    });
    coroutines.add(coroutine);
    return coroutine;
  }

  @Override
  public Gate gate() {
    Signal changed = new Signal(sim);
    return new Gate() {
      @Override
      public boolean awaitUntil(BooleanSupplier ready, long deadline) {
        while (!ready.getAsBoolean() && sim.now() < deadline) {
          if (deadline == Long.MAX_VALUE) {
            changed.await();
          } else {
            changed.awaitUntil(deadline);
          }
        }
        return ready.getAsBoolean();
      }

      @Override
      public void change(Runnable change) {
        change.run();
        changed.signalAll();
      }
    };
  }

  @Override
  public void startNode(String id) {
    // Every node exists from open() on.
  }

  @Override
  public NodeControl nodeControl(Duration initTimeout) {
    return new SimNodeControl(sim, network, nodes, nodeIds, initTimeout);
  }

  @Override
  public Connection connect(String node) {
    return new SimConnection(sim, network, node);
  }

  @Override
  public String nodeReport(String id) {
    return nodes.logReport(id);
  }

  @Override
  public boolean simulated() {
    return true;
  }

  @Override
  public String intro() {
    return "Simulation: solution '" + solution.solution() + "' runs in the bench on virtual time";
  }

  @Override
  public void open(TestOptions options, Network network, Randoms randoms, Path dir) throws IOException {
    this.network = network;
    this.nodeIds = options.nodes();
    for (Service service : ServiceHost.standard(randoms.services(), options.seqKvStaleness())) {
      Member.attach(sim, network, service.id(), request -> ServiceHost.answer(network, service, request));
    }
    nodes = new SimNodes(sim, network, solution, options.nodes(), dir.resolve("node-logs"), abort::raise,
        options.logStderr());
  }

  @Override
  public String play(Body lifecycle, Supplier<String> phase) throws InterruptedException {
    Coroutine main = Coroutine.start(sim, "lifecycle", () -> {
      try {
        lifecycle.run();
      } catch (Abort.AbortedException e) {
        // Its reason is the run's crash.
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    coroutines.add(main);
    // The scheduler runs on a virtual thread too: handing control to a coroutine and back then
    // stays on one carrier thread instead of waking an OS thread each way.
    Thread driver = Thread.ofVirtual().name("sim-scheduler").start(() -> drive(main, phase));
    Thread watchdog = Thread.ofPlatform().daemon().name("sim-watchdog").start(() -> watch(driver));
    driver.join();
    watchdog.interrupt();
    if (main.failure() != null) {
      abort.raise("the simulation failed: " + describe(main.failure()));
    }
    return abort.reason();
  }

  /** Runs events until the lifecycle ends or the run aborts; whatever goes wrong in between aborts it, with the cause. */
  private void drive(Coroutine main, Supplier<String> phase) {
    try {
      // A stop (a signal) freezes virtual time where it is: ops in flight stay open and count as :info.
      boolean more = sim.runWhile(() -> !main.finished() && !abort.isRaised() && !abort.isStopped());
      if (!more && !main.finished() && !abort.isStopped()) {
        abort.raise("the simulation ran out of events at " + TimeUnit.NANOSECONDS.toMillis(sim.now())
            + " ms of virtual time, in phase " + phase.get() + "; nothing was left to wake the run");
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

  @Override
  public void close() throws IOException {
    // Unwinds whatever was still waiting, e.g. after an abort; nothing of theirs is recorded.
    for (Coroutine coroutine : coroutines) {
      coroutine.cancel();
    }
    if (nodes != null) {
      nodes.close();
    }
    Log.info("Simulated " + TimeUnit.NANOSECONDS.toMillis(sim.now()) + " ms in " + sim.eventsRun() + " events");
  }
}
