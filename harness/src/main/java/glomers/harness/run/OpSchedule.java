package glomers.harness.run;

import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * The main phase's schedule: ops a uniform [0, 2/rate) seconds apart, drawn from the run's
 * scheduler stream, each given to a worker as Jepsen 0.3.7 chooses one (docs/bench.md#client-workers).
 * Process runs and simulations both draw it here, so that one seed means the same op times and
 * workers in both.
 *
 * <p>Jepsen's rule: the threads are the workers 0 .. c-1 plus one slot for the nemesis (index c).
 * A cursor starts at 0; each op goes to the first free worker at or after the cursor, wrapping to
 * worker 0 when there is none up to the end (the nemesis slot is never a client's); every op
 * handed out, the nemesis's included, moves the cursor on by one modulo c + 1. With all workers
 * free the choice is thus round robin over c + 1 slots in which worker 0 holds two, and with
 * busy workers the first free one after a busy run takes its turns: worker 0, and so node n0,
 * gets more than its share.
 */
final class OpSchedule {
  private final Random random;
  private final double meanGapNanos;
  private final int slots;
  private int cursor;

  OpSchedule(Random random, double rate, int concurrency) {
    this.random = random;
    this.meanGapNanos = 1e9 / rate;
    this.slots = concurrency + 1;
  }

  /** The time from one op to the next. */
  long gapNanos() {
    return (long) (random.nextDouble() * 2 * meanGapNanos);
  }

  /**
   * The worker the next op goes to among the {@code free} ones (bits 0 .. c-1), or -1 if none is
   * free; a choice moves the cursor on.
   */
  synchronized int choose(BitSet free) {
    int worker = free.nextSetBit(cursor);
    if (worker < 0 || worker >= slots - 1) {
      worker = free.nextSetBit(0);
    }
    if (worker < 0 || worker >= slots - 1) {
      return -1;
    }
    cursor = (cursor + 1) % slots;
    return worker;
  }

  /** An op handed to the nemesis: it takes the nemesis's turn, moving the cursor on by one. */
  synchronized void nemesisOp() {
    cursor = (cursor + 1) % slots;
  }

  /** Removes and returns the chosen one of the idle workers, which must not be empty. */
  Worker takeIdle(List<Worker> idle) {
    BitSet free = new BitSet(slots);
    idle.forEach(worker -> free.set(worker.index));
    int chosen = choose(free);
    for (int i = 0; i < idle.size(); i++) {
      if (idle.get(i).index == chosen) {
        return idle.remove(i);
      }
    }
    throw new IllegalStateException("no idle worker");
  }
}
