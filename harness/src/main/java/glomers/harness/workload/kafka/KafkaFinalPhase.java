package glomers.harness.workload.kafka;

import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FinalPhase;
import glomers.harness.workload.Invocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One worker's kafka final phase: crash its client, assign every key seen from offset 0, then poll
 * every U[0, 0.4) s until its own ok polls have reached every key's target, for at most 10 s from
 * its first final op.
 */
final class KafkaFinalPhase implements FinalPhase {
  static final long LIMIT_NANOS = 10_000_000_000L;
  static final double MAX_GAP_NANOS = 400_000_000;

  private final Map<String, Long> unreached;
  private final List<String> keys;
  private final Random random;
  private long start = Long.MIN_VALUE;
  private boolean crashed;
  private boolean assigned;

  KafkaFinalPhase(Map<String, Long> targets, Random random) {
    this.unreached = new LinkedHashMap<>(targets);
    this.keys = new ArrayList<>(targets.keySet());
    this.keys.sort(null);
    this.random = random;
  }

  @Override
  public Step next(long now) {
    if (unreached.isEmpty()) {
      return null;
    }
    if (start == Long.MIN_VALUE) {
      start = now;
    }
    if (!crashed) {
      crashed = true;
      return new Step(0, new Invocation("crash", null, true));
    }
    if (!assigned) {
      assigned = true;
      return new Step(0, new Invocation("assign", List.copyOf(keys), true));
    }
    long gap = (long) (random.nextDouble() * MAX_GAP_NANOS);
    if (now + gap - start >= LIMIT_NANOS) {
      return null;
    }
    return new Step(gap, new Invocation("poll", List.of(List.of("poll")), true));
  }

  @Override
  public void completed(Invocation invocation, Completion completion) {
    if (completion.type() == OpType.INFO && !invocation.f().equals("crash")) {
      // The worker has a fresh client with no offsets: assign again before polling on.
      assigned = false;
      return;
    }
    if (!invocation.f().equals("poll") || completion.type() != OpType.OK) {
      return;
    }
    List<?> mop = (List<?>) ((List<?>) completion.value()).get(0);
    ((Map<?, ?>) mop.get(1))
        .forEach(
            (key, pairs) -> {
              Long target = unreached.get(key);
              if (target == null) {
                return;
              }
              for (Object pair : (List<?>) pairs) {
                if ((Long) ((List<?>) pair).get(0) >= target) {
                  unreached.remove(key);
                  return;
                }
              }
            });
  }

  /** Keys not yet reached, for tests. */
  Map<String, Long> unreached() {
    return unreached;
  }
}
