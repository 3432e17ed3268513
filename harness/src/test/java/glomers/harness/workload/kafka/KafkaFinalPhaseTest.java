package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.workload.Completion;
import glomers.harness.workload.FinalPhase;
import glomers.harness.workload.Invocation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KafkaFinalPhaseTest {
  private static Completion polled(Map<String, Object> msgs) {
    return Completion.ok(List.of(List.of("poll", msgs)));
  }

  private static Map<String, Object> targets(Object... keyOffsets) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyOffsets.length; i += 2) {
      map.put((String) keyOffsets[i], keyOffsets[i + 1]);
    }
    return map;
  }

  @SuppressWarnings("unchecked")
  private static KafkaFinalPhase phase(Object... keyOffsets) {
    return new KafkaFinalPhase((Map<String, Long>) (Map<?, ?>) targets(keyOffsets), new Random(1));
  }

  @Test
  void aWorkerWithNoTargetsDoesNothing() {
    assertThat(new KafkaFinalPhase(Map.of(), new Random(1)).next(0)).isNull();
  }

  @Test
  void crashAssignFromZeroThenPollUntilEveryKeyIsReached() {
    KafkaFinalPhase phase = phase("b", 1L, "a", 2L);

    FinalPhase.Step crash = phase.next(0);
    assertThat(crash.invocation()).isEqualTo(new Invocation("crash", null, true));
    phase.completed(crash.invocation(), Completion.info(null, null));
    FinalPhase.Step assign = phase.next(0);
    assertThat(assign.invocation()).isEqualTo(new Invocation("assign", List.of("a", "b"), true));
    phase.completed(assign.invocation(), Completion.ok(List.of("a", "b")));

    FinalPhase.Step poll = phase.next(0);
    assertThat(poll.invocation().f()).isEqualTo("poll");
    assertThat(poll.invocation().finalPhase()).isTrue();
    assertThat(poll.delayNanos()).isBetween(0L, 400_000_000L);
    phase.completed(poll.invocation(), polled(targets("a", List.of(List.of(0L, 1L), List.of(1L, 2L)), "b", List.of(List.of(1L, 9L)))));
    assertThat(phase.unreached()).containsOnlyKeys("a");
    phase.completed(poll.invocation(), polled(targets("a", List.of())));
    assertThat(phase.next(1)).isNotNull();
    phase.completed(poll.invocation(), polled(targets("a", List.of(List.of(2L, 3L)))));
    assertThat(phase.next(2)).isNull();
  }

  @Test
  void aKeyNoPollListsKeepsTheWorkerPollingForTenSecondsFromItsFirstOp() {
    KafkaFinalPhase phase = phase("a", 0L);
    // A System.nanoTime reading: any value, here over an hour.
    long start = 5_000_000_000_000L;
    phase.next(start);
    phase.next(start);
    int polls = 0;
    long now = start;
    FinalPhase.Step step;
    while ((step = phase.next(now)) != null) {
      polls++;
      now += step.delayNanos();
      assertThat(now - start).isLessThan(KafkaFinalPhase.LIMIT_NANOS);
      phase.completed(step.invocation(), polled(Map.of()));
    }
    // About 10 s / 0.2 s mean gap.
    assertThat(polls).isBetween(35, 70);
  }

  @Test
  void anIndeterminatePollMeansAssigningAgain() {
    KafkaFinalPhase phase = phase("a", 0L);
    phase.next(0);
    phase.next(0);
    FinalPhase.Step poll = phase.next(0);
    phase.completed(poll.invocation(), Completion.info(poll.invocation().value(), "indeterminate: bad reply"));
    assertThat(phase.next(0).invocation().f()).isEqualTo("assign");
  }
}
