package glomers.harness.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Blocking code (a client's op, a worker's final phase, the run's lifecycle) run one step at a time
 * under a {@link Scheduler}: the code has a virtual thread of its own, but only it or the scheduler
 * runs at any moment, handing control back and forth, so a simulation stays single-threaded and
 * deterministic while the bench's clients keep their plain blocking form.
 */
public final class Coroutine {
  private static final ThreadLocal<Coroutine> CURRENT = new ThreadLocal<>();

  private final Scheduler scheduler;
  private final Thread thread;
  private final Semaphore go = new Semaphore(0);
  private final Semaphore stopped = new Semaphore(0);
  private boolean started;
  private boolean finished;
  private boolean cancelled;
  private Throwable failure;
  private final List<Coroutine> joiners = new ArrayList<>();

  /** Unwinds a cancelled coroutine; an Error so that no client's {@code catch (Exception e)} swallows it. */
  static final class Cancelled extends Error {
    Cancelled() {
      super("simulation over", null, false, false);
    }
  }

  private Coroutine(Scheduler scheduler, String name, Runnable body) {
    this.scheduler = scheduler;
    this.thread =
        Thread.ofVirtual()
            .name(name)
            .unstarted(
                () -> {
                  CURRENT.set(this);
                  try {
                    body.run();
                  } catch (Cancelled e) {
                    // Unwound at the end of the simulation.
                  } catch (Throwable e) {
                    failure = e;
                  } finally {
                    finished = true;
                    for (Coroutine joiner : joiners) {
                      scheduler.at(scheduler.now(), joiner::resume);
                    }
                    stopped.release();
                  }
                });
  }

  /** A coroutine that takes its first step at the scheduler's now, after the events already due. */
  public static Coroutine start(Scheduler scheduler, String name, Runnable body) {
    Coroutine coroutine = new Coroutine(scheduler, name, body);
    scheduler.at(scheduler.now(), coroutine::resume);
    return coroutine;
  }

  /** The coroutine running on this thread; fails outside one. */
  public static Coroutine current() {
    Coroutine current = CURRENT.get();
    if (current == null) {
      throw new IllegalStateException("not in a simulated coroutine");
    }
    return current;
  }

  public boolean finished() {
    return finished;
  }

  /** What the body threw, if it ended that way. */
  public Throwable failure() {
    return failure;
  }

  /** Runs the coroutine until it suspends or ends; only the scheduler's thread calls this. */
  void resume() {
    if (finished) {
      return;
    }
    if (!started) {
      started = true;
      thread.start();
    } else {
      go.release();
    }
    stopped.acquireUninterruptibly();
  }

  /** Gives control back to the scheduler until something resumes this coroutine. */
  void suspend() {
    stopped.release();
    go.acquireUninterruptibly();
    if (cancelled) {
      throw new Cancelled();
    }
  }

  /** Suspends the calling coroutine until virtual time {@code time}. */
  public static void sleepUntil(long time) {
    Coroutine self = current();
    if (time <= self.scheduler.now()) {
      return;
    }
    self.scheduler.at(time, self::resume);
    self.suspend();
  }

  /** Suspends the calling coroutine until this one has finished. */
  public void join() {
    if (finished) {
      return;
    }
    Coroutine self = current();
    joiners.add(self);
    self.suspend();
  }

  /** Ends a suspended coroutine by unwinding its stack; the scheduler's thread only. */
  public void cancel() {
    if (started && !finished) {
      cancelled = true;
      resume();
    }
  }
}
