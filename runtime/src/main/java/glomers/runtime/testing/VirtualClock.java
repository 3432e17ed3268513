package glomers.runtime.testing;

import glomers.runtime.internal.Clock;

import java.time.Duration;

/**
 * Time that moves only when told to, so tests and simulations are deterministic. Prefer {@code
 * LocalNode#advance(Duration)}, which also fires the timers that fall due on the way.
 */
public final class VirtualClock implements Clock {
  private volatile long nanos;

  @Override
  public long nanos() {
    return nanos;
  }

  public void advance(Duration by) {
    set(nanos + by.toNanos());
  }

  /** Moves to {@code nanos}; time never goes backwards. */
  public synchronized void set(long nanos) {
    if (nanos < this.nanos) {
      throw new IllegalArgumentException("virtual time cannot go back from " + this.nanos + " to " + nanos);
    }
    this.nanos = nanos;
  }
}
