package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.BitSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpScheduleTest {
  private static BitSet free(int... workers) {
    BitSet set = new BitSet();
    for (int w : workers) {
      set.set(w);
    }
    return set;
  }

  @Test
  void withAllFreeTheChoiceIsRoundRobinOverConcurrencyPlusOneSlotsWorkerZeroTakingTheNemesisSlot() {
    OpSchedule schedule = new OpSchedule(new Random(1), 100, 3);
    StringBuilder picks = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      picks.append(schedule.choose(free(0, 1, 2)));
    }
    assertThat(picks).hasToString("01200120");
  }

  @Test
  void eachOpGoesToTheFirstFreeWorkerAtOrAfterTheCursorWrappingToZero() {
    OpSchedule schedule = new OpSchedule(new Random(1), 100, 4);
    // cursor 0: worker 0 busy, 1 free
    assertThat(schedule.choose(free(1, 2, 3))).isEqualTo(1);
    // cursor 1: 1 and 2 busy, the first free at or after 1 is 3
    assertThat(schedule.choose(free(0, 3))).isEqualTo(3);
    // cursor 2: nothing free from 2 up, wrap to the first free from 0
    assertThat(schedule.choose(free(0))).isEqualTo(0);
    // none free: no choice, and the cursor stays at 3
    assertThat(schedule.choose(free())).isEqualTo(-1);
    assertThat(schedule.choose(free(1, 2, 3))).isEqualTo(3);
    // cursor 4 is the nemesis slot: no client there, so the first free from 0
    assertThat(schedule.choose(free(2, 3))).isEqualTo(2);
    // cursor 0 again (4 + 1 mod 5)
    assertThat(schedule.choose(free(0, 1, 2, 3))).isEqualTo(0);
  }

  @Test
  void aNemesisOpTakesATurn() {
    OpSchedule schedule = new OpSchedule(new Random(1), 100, 3);
    assertThat(schedule.choose(free(0, 1, 2))).isEqualTo(0);
    schedule.nemesisOp();
    assertThat(schedule.choose(free(0, 1, 2))).isEqualTo(2);
    assertThat(schedule.choose(free(0, 1, 2))).isEqualTo(0);
  }

  /**
   * A model of Jepsen 0.3.7's interpreter for the main phase, written apart from OpSchedule: ops
   * arrive a uniform [0, 2/rate) apart (Maelstrom's stagger); each goes, when it is due or as soon
   * as a worker is free, to the first free worker at or after a cursor that moves on by one per op
   * over concurrency + 1 slots (the last the nemesis's); each op keeps its worker busy for
   * {@code opMillis}. Returns node 0's share of the ops, worker w talking to node w mod n.
   */
  static double jepsenShareOfNodeZero(int concurrency, int nodes, double rate, double opMillis, int ops, long seed) {
    Random random = new Random(seed);
    double[] busyUntil = new double[concurrency];
    int cursor = 0;
    double now = 0;
    long toNodeZero = 0;
    for (int op = 0; op < ops; op++) {
      int worker = -1;
      while (worker < 0) {
        for (int w = cursor; w < concurrency && worker < 0; w++) {
          if (busyUntil[w] <= now) {
            worker = w;
          }
        }
        for (int w = 0; w < concurrency && worker < 0; w++) {
          if (busyUntil[w] <= now) {
            worker = w;
          }
        }
        if (worker < 0) {
          double earliest = Double.MAX_VALUE;
          for (double t : busyUntil) {
            earliest = Math.min(earliest, t);
          }
          now = earliest;
        }
      }
      busyUntil[worker] = now + opMillis;
      cursor = (cursor + 1) % (concurrency + 1);
      if (worker % nodes == 0) {
        toNodeZero++;
      }
      now += random.nextDouble() * 2 * 1000 / rate;
    }
    return (double) toNodeZero / ops;
  }

  @Test
  void jepsensShareOfNodeZeroWithFastNodesIsTwoSlotsOfConcurrencyPlusOne() {
    // eb-one: 25 nodes, concurrency 1n; client messages take no time, so every worker is free
    assertThat(jepsenShareOfNodeZero(25, 25, 100, 0, 26_000, 1)).isCloseTo(2.0 / 26, within(1e-9));
    // g-counter on 3 nodes: n0 gets half
    assertThat(jepsenShareOfNodeZero(3, 3, 100, 0, 40_000, 1)).isCloseTo(0.5, within(1e-9));
    // 4 processes on 2 nodes: workers 0 (twice) and 2 of 5 slots; the Maelstrom history had 58 %
    assertThat(jepsenShareOfNodeZero(4, 2, 100, 0, 50_000, 1)).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void opScheduleMakesTheModelsChoicesUnderLoadToo() {
    // Slow ops keep most workers busy: the bench's rule and the model still agree op for op.
    int concurrency = 6;
    double opMillis = 50;
    double rate = 100;
    OpSchedule schedule = new OpSchedule(new Random(7), rate, concurrency);
    double[] busyUntil = new double[concurrency];
    Random random = new Random(3);
    double now = 0;
    long toNodeZero = 0;
    int ops = 20_000;
    for (int op = 0; op < ops; op++) {
      int worker;
      while (true) {
        BitSet free = new BitSet();
        for (int w = 0; w < concurrency; w++) {
          if (busyUntil[w] <= now) {
            free.set(w);
          }
        }
        worker = schedule.choose(free);
        if (worker >= 0) {
          break;
        }
        double earliest = Double.MAX_VALUE;
        for (double t : busyUntil) {
          earliest = Math.min(earliest, t);
        }
        now = earliest;
      }
      busyUntil[worker] = now + opMillis;
      if (worker % 3 == 0) {
        toNodeZero++;
      }
      now += random.nextDouble() * 2 * 1000 / rate;
    }
    double model = jepsenShareOfNodeZero(concurrency, 3, rate, opMillis, ops, 3);
    assertThat((double) toNodeZero / ops).isCloseTo(model, within(1e-9));
    System.out.printf("n0's share with 6 workers on 3 nodes, ops 50 ms at 100/s: %.3f (all free: %.3f)%n", model, 3.0 / 7);
  }
}
