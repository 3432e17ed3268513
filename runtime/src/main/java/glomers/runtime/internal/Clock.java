package glomers.runtime.internal;

/** Monotonic time for a node's timers; virtual in tests and in-process simulations. */
public interface Clock {
  /** Nanoseconds from an arbitrary origin; only differences are meaningful. */
  long nanos();

  /** The machine's monotonic clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}

final class SystemClock implements Clock {
  static final SystemClock INSTANCE = new SystemClock();

  @Override
  public long nanos() {
    return System.nanoTime();
  }
}
