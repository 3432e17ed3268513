package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.workload.Completion;
import glomers.harness.workload.Invocation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class KafkaGeneratorTest {
  private final AtomicLong clock = new AtomicLong();

  private KafkaGenerator generator(long seed, int keyCount, int maxWrites, Progress progress) {
    return new KafkaGenerator(new Random(seed), keyCount, maxWrites, 1_000_000, progress, clock::get);
  }

  private static String key(Invocation op) {
    return (String) ((List<?>) ((List<?>) op.value()).get(0)).get(1);
  }

  @Test
  void theLastSlotGetsAboutHalfTheSendsAndTheFirstAlmostNone() {
    KafkaGenerator gen = generator(1, 10, Integer.MAX_VALUE, new Progress());
    Map<String, Integer> counts = new HashMap<>();
    int sends = 0;
    for (int i = 0; i < 40_000; i++) {
      Invocation op = gen.next(0);
      if (op.f().equals("send")) {
        counts.merge(key(op), 1, Integer::sum);
        sends++;
      }
    }
    // Slot i has weight 2^(i+1)/2046: slot 9 about 0.500, slot 8 0.250, slot 0 about 0.001.
    assertThat(counts.get("9") / (double) sends).isBetween(0.48, 0.52);
    assertThat(counts.get("8") / (double) sends).isBetween(0.23, 0.27);
    assertThat(counts.getOrDefault("0", 0) / (double) sends).isLessThan(0.004);
    assertThat(sends / 40_000.0).isBetween(0.47, 0.53);
  }

  @Test
  void aKeyRetiresLazilyAfterItsLastWrite() {
    KafkaGenerator gen = generator(2, 1, 3, new Progress());
    List<List<Object>> sends = new ArrayList<>();
    while (sends.size() < 6) {
      Invocation op = gen.next(0);
      if (op.f().equals("send")) {
        sends.add(List.of(key(op), ((List<?>) ((List<?>) op.value()).get(0)).get(2)));
      }
    }
    assertThat(sends)
        .containsExactly(
            List.of("0", 1L), List.of("0", 2L), List.of("0", 3L), List.of("1", 1L), List.of("1", 2L), List.of("1", 3L));
  }

  @Test
  void anAssignComesBeforeItsOpWhichIsEmittedNext() {
    Progress progress = new Progress();
    progress.observe(Completion.ok(List.of(List.of("send", "77", List.of(4L, 1L)))));
    KafkaGenerator gen = generator(3, 10, Integer.MAX_VALUE, progress);
    int assigns = 0;
    int extended = 0;
    int total = 64_000;
    Invocation previous = null;
    for (int i = 0; i < total; i++) {
      Invocation op = gen.next(0);
      if (previous != null && previous.f().equals("assign")) {
        assertThat(op.f()).isIn("send", "poll");
        if (op.f().equals("send")) {
          assertThat(previous.value()).asList().contains(key(op));
        }
      }
      if (op.f().equals("assign")) {
        assigns++;
        if (((List<?>) op.value()).contains("77")) {
          extended++;
        }
      }
      previous = op;
    }
    // One in 64 drawn ops gets an assign first (about 1/65 of everything emitted), a third extended.
    assertThat(assigns).isBetween(850, 1100);
    assertThat(extended / (double) assigns).isBetween(0.28, 0.39);
  }

  @Test
  void theSameSeedGivesTheSameOps() {
    KafkaGenerator a = generator(9, 10, 16, new Progress());
    KafkaGenerator b = generator(9, 10, 16, new Progress());
    KafkaGenerator c = generator(10, 10, 16, new Progress());
    List<Invocation> fromA = new ArrayList<>();
    List<Invocation> fromB = new ArrayList<>();
    List<Invocation> fromC = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      fromA.add(a.next(0));
      fromB.add(b.next(0));
      fromC.add(c.next(0));
    }
    assertThat(fromA).isEqualTo(fromB).isNotEqualTo(fromC);
  }

  @Test
  void crashesArriveOnTheirOwnClockAtAbout2TimesThirtyOverConcurrency() {
    KafkaGenerator gen = new KafkaGenerator(new Random(4), 10, 16, 10, new Progress(), clock::get);
    int crashes = 0;
    // One op every 10 ms of fake time for 3000 s: expect about 3000 / 3 = 1000 crashes.
    for (int i = 0; i < 300_000; i++) {
      clock.addAndGet(10_000_000L);
      if (gen.next(0).f().equals("crash")) {
        crashes++;
      }
    }
    assertThat(crashes).isBetween(900, 1100);
  }

  @Test
  void progressTracksTargetsAndUnpolledKeys() {
    Progress progress = new Progress();
    progress.observe(Completion.ok(List.of(List.of("send", "a", List.of(2L, 1L)))));
    progress.observe(Completion.ok(List.of(List.of("send", "b", List.of(0L, 1L)))));
    progress.observe(Completion.ok(List.of(List.of("poll", Map.of("b", List.of(List.of(0L, 1L)), "c", List.of(List.of(5L, 1L)))))));
    progress.observe(Completion.info(List.of(List.of("send", "d", 1L)), null));
    progress.observe(Completion.ok(List.of("a", "b")));

    assertThat(progress.targets()).containsOnly(Map.entry("a", 2L), Map.entry("b", 0L), Map.entry("c", 5L));
    assertThat(progress.unpolled()).containsExactly("a");
  }

  @Test
  void theFirstCrashWaitsForItsGapAndComesWithinTwoMeanIntervals() {
    // One worker: a crash every 30 s on average, each gap drawn from 0 to 60 s.
    KafkaGenerator gen = new KafkaGenerator(new Random(5), 10, 16, 1, new Progress(), clock::get);
    for (int i = 0; i < 1000; i++) {
      assertThat(gen.next(0).f()).isNotEqualTo("crash");
    }
    clock.set(60_000_000_000L);
    assertThat(gen.next(0).f()).isEqualTo("crash");
  }

  @Test
  void eachRetiredKeyIsReplacedByAFreshOne() {
    KafkaGenerator gen = generator(6, 1, 1, new Progress());
    List<String> keys = new ArrayList<>();
    while (keys.size() < 5) {
      Invocation op = gen.next(0);
      if (op.f().equals("send")) {
        keys.add(key(op));
      }
    }
    assertThat(keys).containsExactly("0", "1", "2", "3", "4");
  }

  @Test
  void withTwoOrThreeKeysEachSlotHasTwiceTheWeightOfTheOneBelow() {
    for (int keyCount : new int[] {2, 3}) {
      KafkaGenerator gen = generator(7, keyCount, Integer.MAX_VALUE, new Progress());
      Map<String, Integer> counts = new HashMap<>();
      int sends = 0;
      while (sends < 30_000) {
        Invocation op = gen.next(0);
        if (op.f().equals("send")) {
          counts.merge(key(op), 1, Integer::sum);
          sends++;
        }
      }
      // Weights 2, 4 (of 6) and 2, 4, 8 (of 14).
      double total = (1 << (keyCount + 1)) - 2;
      for (int slot = 0; slot < keyCount; slot++) {
        assertThat(counts.get(Integer.toString(slot)) / (double) sends)
            .as("slot %d of %d", slot, keyCount)
            .isCloseTo((1 << (slot + 1)) / total, org.assertj.core.data.Offset.offset(0.015));
      }
    }
  }

  @Test
  void completionsReachTheProgressThatAssignsDrawOn() {
    Progress progress = new Progress();
    KafkaGenerator gen = generator(8, 10, Integer.MAX_VALUE, progress);
    Invocation send = new Invocation("send", List.of(List.of("send", "77", 1L)));
    gen.completed(0, send, Completion.ok(List.of(List.of("send", "77", List.of(4L, 1L)))));

    assertThat(progress.targets()).containsExactly(Map.entry("77", 4L));
    assertThat(progress.unpolled()).containsExactly("77");
  }

  @Test
  void unpolledKeysAreListedInNameOrder() {
    Progress progress = new Progress();
    progress.observe(Completion.ok(List.of(List.of("send", "9", List.of(0L, 1L)))));
    progress.observe(Completion.ok(List.of(List.of("send", "10", List.of(0L, 1L)))));

    assertThat(progress.unpolled()).containsExactly("10", "9");
  }
}
