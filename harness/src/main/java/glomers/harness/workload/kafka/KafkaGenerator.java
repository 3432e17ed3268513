package glomers.harness.workload.kafka;

import glomers.harness.workload.Completion;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Maelstrom's kafka op stream: sends and polls with even odds over {@code keyCount} active key
 * slots of exponential popularity, the occasional assign before an op, and client crashes on their
 * own clock. Every op still waits for the run's global rate schedule.
 */
final class KafkaGenerator implements Generator {
  /** Jepsen's crash-client interval: on average one crash per 30 s per worker. */
  static final double CRASH_INTERVAL_SECONDS = 30;

  private final Random random;
  private final int maxWritesPerKey;
  private final long[] slots;
  private final int[] writes;
  private long nextKey;
  private final Deque<Invocation> pending = new ArrayDeque<>();
  private final Progress progress;
  private final LongSupplier clock;
  private final double crashGapNanos;
  private long nextCrash = Long.MIN_VALUE;

  KafkaGenerator(Random random, int keyCount, int maxWritesPerKey, int concurrency, Progress progress, LongSupplier clock) {
    this.random = random;
    this.maxWritesPerKey = maxWritesPerKey;
    this.slots = new long[keyCount];
    this.writes = new int[keyCount];
    for (int i = 0; i < keyCount; i++) {
      slots[i] = i;
    }
    this.nextKey = keyCount;
    this.progress = progress;
    this.clock = clock;
    this.crashGapNanos = CRASH_INTERVAL_SECONDS / Math.max(1, concurrency) * 1e9;
  }

  @Override
  public synchronized Invocation next(int worker) {
    long now = clock.getAsLong();
    if (nextCrash == Long.MIN_VALUE) {
      nextCrash = now + crashGap();
    }
    if (now >= nextCrash) {
      nextCrash += crashGap();
      return new Invocation("crash", null);
    }
    if (!pending.isEmpty()) {
      return pending.poll();
    }
    Invocation op;
    String key;
    while (true) {
      boolean send = random.nextBoolean();
      int slot = slot();
      key = Long.toString(slots[slot]);
      if (!send) {
        op = new Invocation("poll", List.of(List.of("poll")));
        break;
      }
      if (writes[slot] == maxWritesPerKey) {
        // Retired only now, and this draw is thrown away: polls end up slightly over half.
        slots[slot] = nextKey++;
        writes[slot] = 0;
        continue;
      }
      op = new Invocation("send", List.of(List.of("send", key, (long) ++writes[slot])));
      break;
    }
    if (random.nextInt(64) == 0) {
      List<String> keys = new ArrayList<>(List.of(key));
      if (random.nextInt(3) == 0) {
        for (String unpolled : progress.unpolled()) {
          if (!keys.contains(unpolled)) {
            keys.add(unpolled);
          }
        }
      }
      pending.add(op);
      return new Invocation("assign", List.copyOf(keys));
    }
    return op;
  }

  /** Slot i with probability 2^(i+1) / (2^(n+1) - 2), drawn from the top so no power overflows. */
  private int slot() {
    for (int i = slots.length - 1; i > 0; i--) {
      // Among slots 0..i, slot i has 2^(i+1) / (2^(i+2) - 2) = 1 / (2 - 2^-i) of the weight.
      if (random.nextDouble() * (2 - Math.pow(2, -i)) < 1) {
        return i;
      }
    }
    return 0;
  }

  private long crashGap() {
    return (long) (random.nextDouble() * 2 * crashGapNanos);
  }

  @Override
  public void completed(int worker, Invocation invocation, Completion completion) {
    progress.observe(completion);
  }
}
