package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.nemesis.NodeControl;
import glomers.harness.options.TestOptions;
import glomers.harness.net.Network;
import glomers.harness.net.Connection;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a test's {@link Lifecycle} runs on: a clock, tasks that run beside one another, and the
 * nodes. {@link ProcessStage} has node processes, the wall clock and virtual threads;
 * {@link SimStage} the solution's classes, virtual time and coroutines. The lifecycle is plain
 * blocking code on either. Once the run is aborted, a process run's sleeps and waits throw
 * {@link Abort.AbortedException}; a simulation stops its clock instead, and whatever was waiting
 * never resumes.
 */
interface Stage {
  /** Now, in ns on the run's clock: {@link System#nanoTime()}, or virtual time. */
  long now();

  /** Sleeps until {@code time}, or less once the run is stopped (a signal); false if it was. */
  boolean sleepUntil(long time) throws Abort.AbortedException, InterruptedException;

  /**
   * Runs {@code body} beside the caller. Its abort ends it quietly (the lifecycle reports the
   * abort); any other failure aborts the run, named after {@code name}.
   */
  Task spawn(String name, Body body);

  /** Runs {@code body} for each item, each beside the others, and waits for them all; then checks the abort. */
  <T> void runAll(List<T> items, Function<T, String> name, Step<T> body)
      throws Abort.AbortedException, InterruptedException;

  /** A fresh gate for tasks to wait on one another. */
  Gate gate();

  /** Starts node {@code id}: spawns a process; a simulation's nodes are there from {@link #open}. */
  void startNode(String id) throws IOException;

  /**
   * What the nemesis's kill, start, pause and resume do to this stage's nodes; a start sends the
   * new node {@code init} and waits up to {@code initTimeout} for its answer.
   */
  NodeControl nodeControl(Duration initTimeout);

  /** A fresh client connection to {@code node}. */
  Connection connect(String node);

  /** The last lines node {@code id} logged, for a failure message; empty if none. */
  String nodeReport(String id);

  /** Whether this is a simulation: virtual time, replayed by {@code --sim --seed}. */
  boolean simulated();

  // The run's frame (TestRun): before, around and after the lifecycle.

  /** A line for the head of the log about this stage, or null. */
  String intro();

  /** Makes the services (and a simulation's nodes) members of {@code network}. */
  void open(TestOptions options, Network network, Randoms randoms, Path dir) throws IOException;

  /**
   * Runs {@code lifecycle} ({@link Lifecycle#run}) to its end, or until the run aborts, and checks
   * at the end that no node died; returns why the run aborted, or null. {@code phase} names the
   * phase it is in, for a failure message.
   */
  String play(Body lifecycle, Supplier<String> phase) throws Exception;

  /** Stops the nodes and services; the tasks still waiting end without recording anything. */
  void close() throws IOException;

  /** Code that a task runs. */
  interface Body {
    void run() throws Exception;
  }

  /** What {@link #runAll} runs for each of its items. */
  interface Step<T> {
    void run(T item) throws Exception;
  }

  /** A task started by {@link #spawn}. */
  interface Task {
    /** Waits until the task has ended. */
    void join() throws InterruptedException;
  }

  /**
   * Shared state that tasks wait on, changed only through {@link #change}: each change wakes the
   * waiters, which test their condition again. In a process run the gate is a lock, held while a
   * condition is tested and a change is made, so no wake-up is lost.
   */
  interface Gate {
    /**
     * Waits until {@code ready} holds or the clock reaches {@code deadline} ({@link Long#MAX_VALUE}
     * for none); returns whether it holds.
     */
    boolean awaitUntil(BooleanSupplier ready, long deadline) throws Abort.AbortedException, InterruptedException;

    /** Makes {@code change} and wakes the waiters. */
    void change(Runnable change);
  }
}
