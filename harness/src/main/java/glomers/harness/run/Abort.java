package glomers.harness.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The first fatal problem of a run (node crash, bad stdout, init failure). Any thread may raise it;
 * the lifecycle waits on it wherever it would otherwise sleep, so the run stops promptly.
 */
public final class Abort {
  private final CountDownLatch raised = new CountDownLatch(1);
  private volatile String reason;

  /** Thrown into the lifecycle once the run has been aborted. */
  public static final class AbortedException extends Exception {
    public AbortedException(String reason) {
      super(reason);
    }
  }

  public synchronized void raise(String why) {
    if (reason == null) {
      reason = why;
      raised.countDown();
    }
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

  /** Sleeps until {@code deadlineNanos} ({@link System#nanoTime()}), or throws once aborted. */
  public void sleepUntil(long deadlineNanos) throws AbortedException, InterruptedException {
    long left = deadlineNanos - System.nanoTime();
    if (left > 0 && raised.await(left, TimeUnit.NANOSECONDS)) {
      check();
    }
    check();
  }
}
