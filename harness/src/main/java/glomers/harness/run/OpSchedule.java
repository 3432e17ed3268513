package glomers.harness.run;

import java.util.List;
import java.util.Random;

/**
 * The main phase's schedule: ops a uniform [0, 2/rate) seconds apart, each given to a random idle
 * worker, drawn from the run's scheduler stream. Process runs and simulations both draw it here,
 * so that one seed means the same op times and workers in both.
 */
final class OpSchedule {
  private final Random random;
  private final double meanGapNanos;

  OpSchedule(Random random, double rate) {
    this.random = random;
    this.meanGapNanos = 1e9 / rate;
  }

  /** The time from one op to the next. */
  long gapNanos() {
    return (long) (random.nextDouble() * 2 * meanGapNanos);
  }

  /** Removes and returns a random one of the idle workers, which must not be empty. */
  <T> T takeIdle(List<T> idle) {
    return idle.remove(random.nextInt(idle.size()));
  }
}
