package glomers.harness.run;

import glomers.harness.log.Log;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGINT and SIGTERM (docs/bench.md#signals). The first stops the run in progress: its clients issue
 * nothing more, in-flight ops end as they end, and the run is written, analyzed and exits with the
 * usual code. A second signal, or one outside a run, exits at once with 128 + the signal's number;
 * the shutdown hook still kills the nodes.
 *
 * <p>{@code sun.misc.Signal} rather than a shutdown hook: a hook runs only once the JVM is exiting,
 * beside the hook that kills the nodes, so the run could neither let its in-flight ops end nor pick
 * its exit code, and a second signal could not cut that short.
 */
public final class Signals {
  private static Consumer<String> running;
  /** A seed search going on: between its runs, a first signal stops it as it would stop a run. */
  private static Consumer<String> search;
  private static String received;

  private Signals() {}

  /** Takes over SIGINT and SIGTERM for this process; for the bench's {@code main} only. */
  public static void install() {
    for (String name : new String[] {"INT", "TERM"}) {
      try {
        Signal.handle(new Signal(name), Signals::handle);
      } catch (IllegalArgumentException e) {
        // The JVM keeps this signal (e.g. under -Xrs): its default behaviour stays.
      }
    }
  }

  private static void handle(Signal signal) {
    String name = "SIG" + signal.getName();
    Consumer<String> run;
    synchronized (Signals.class) {
      if (received != null || running == null) {
        Log.info(name + ": exiting at once; the run's files hold what was written up to the last second");
        Log.flush();
        // Exit on a thread of its own, so this handler returns; the shutdown hook kills the nodes.
        Thread.ofPlatform().name("exit").start(() -> System.exit(128 + signal.getNumber()));
        return;
      }
      received = name;
      run = running;
    }
    Log.info(name + ": run interrupted; stopping the clients, then writing and analyzing what the run has"
        + " (send it again to exit at once)");
    run.accept(name);
  }

  /** A run has started; {@code stop} stops it with a signal's name. A signal already received stops it at once. */
  static void runStarted(Consumer<String> stop) {
    String already;
    synchronized (Signals.class) {
      running = stop;
      already = received;
    }
    if (already != null) {
      stop.accept(already);
    }
  }

  static synchronized void runEnded() {
    running = search;
  }

  /** A seed search has started; {@code stop} is told of a signal that comes between its runs. */
  static synchronized void searchStarted(Consumer<String> stop) {
    search = stop;
    running = stop;
  }

  static synchronized void searchEnded() {
    search = null;
    running = null;
  }

  /** The first signal received ({@code SIGINT}), or null. */
  public static synchronized String received() {
    return received;
  }
}
