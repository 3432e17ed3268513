package glomers.harness.abort;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The first fatal problem of a run (node crash, bad stdout, init failure). Any thread may raise it;
 * the lifecycle waits on it wherever it would otherwise sleep, so the run stops promptly. A run can
 * also be stopped (SIGINT, SIGTERM): that is no failure, the run issues nothing more and ends as usual.
 */
public final class Abort {
  // Counted down by a raise or a stop: either ends every sleep of the lifecycle.
  private final CountDownLatch wake = new CountDownLatch(1);
  private volatile String reason;
  private volatile String stopped;

  /** Thrown into the lifecycle once the run has been aborted. */
  public static final class AbortedException extends Exception {
    public AbortedException(String reason) {
      super(reason);
    }
  }

  public synchronized void raise(String why) {
    if (reason == null) {
      reason = why;
      wake.countDown();
    }
  }

  /** Asks the run to stop early, e.g. on a signal: no new ops, no final phase; the run still ends and is analyzed. */
  public synchronized void stop(String why) {
    if (stopped == null) {
      stopped = why;
      wake.countDown();
    }
  }

  public boolean isStopped() {
    return stopped != null;
  }

  /** Why the run was stopped early ({@code SIGINT}), or null. */
  public String stopReason() {
    return stopped;
  }

  public boolean isRaised() {
    return reason != null;
  }

  public String reason() {
    return reason;
  }

  public void check() throws AbortedException {
    if (reason != null) {
      throw new AbortedException(reason);
    }
  }

  /**
   * Sleeps until {@code deadlineNanos} ({@link System#nanoTime()}), or throws once aborted; returns
   * early once stopped.
   */
  public void sleepUntil(long deadlineNanos) throws AbortedException, InterruptedException {
    long left = deadlineNanos - System.nanoTime();
    if (left > 0 && wake.await(left, TimeUnit.NANOSECONDS)) {
      check();
    }
    check();
  }
}
