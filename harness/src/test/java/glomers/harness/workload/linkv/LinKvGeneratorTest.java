package glomers.harness.workload.linkv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.workload.Completion;
import glomers.harness.workload.Invocation;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinKvGeneratorTest {
  @Test
  void concurrencyMustFillGroupsOfTwoN() {
    assertThat(LinKvGenerator.checkConcurrency(5, 10)).isNull();
    assertThat(LinKvGenerator.checkConcurrency(5, 20)).isNull();
    assertThat(LinKvGenerator.checkConcurrency(5, 5)).contains("multiple of 2n = 10", "got 5");
    assertThat(LinKvGenerator.checkConcurrency(5, 15)).contains("multiple of 2n = 10");
    assertThat(LinKvGenerator.checkConcurrency(11, 22)).contains("at most 10 nodes");
    assertThatThrownBy(() -> new LinKvGenerator(new Random(1), 2, 6)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyGroupZerosFirstNThreadsReadAndTheRestWriteOrCasOneThirdToTwoThirds() {
    LinKvGenerator g = new LinKvGenerator(new Random(7), 3, 12);
    Map<String, Integer> counts = new HashMap<>();
    Set<Object> values = new HashSet<>();
    for (int i = 0; i < 30_000; i++) {
      int worker = i % 12;
      Invocation op = g.next(worker);
      List<?> tuple = (List<?>) op.value();
      assertThat(tuple.get(0)).isEqualTo(worker < 6 ? 0L : 1L);
      if (worker < 3) {
        assertThat(op.f()).isEqualTo("read");
        assertThat(tuple.get(1)).isNull();
        continue;
      }
      assertThat(op.f()).isIn("write", "cas");
      counts.merge(op.f(), 1, Integer::sum);
      if (op.f().equals("write")) {
        values.add(tuple.get(1));
      } else {
        values.addAll((List<?>) tuple.get(1));
      }
    }
    assertThat(values).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
    double casShare = counts.get("cas") / (double) (counts.get("cas") + counts.get("write"));
    assertThat(casShare).isBetween(0.64, 0.69);
  }

  @Test
  void aKeyEndsOnceMoreThanTwentyProcessesTouchedItAndTheGroupTakesTheNextKey() {
    // n = 2: groups of 4 threads; two groups on keys 0 and 1. The next key is 2.
    LinKvGenerator g = new LinKvGenerator(new Random(1), 2, 8);
    Invocation write = new Invocation("write", List.of(1L, 1L));
    Completion timeout = Completion.info(write.value(), List.of("net-timeout"));
    for (int i = 0; i < 16; i++) {
      g.next(4);
      g.completed(4, write, timeout); // thread 4 becomes a new process each time: 4 + 16 = 20 processes
    }
    assertThat(g.key(1)).isEqualTo(1L);
    g.next(5);
    assertThat(g.key(1)).isEqualTo(1L);
    g.completed(4, write, timeout);
    assertThat(((List<?>) g.next(4).value()).get(0)).isEqualTo(2L);
    assertThat(g.key(0)).isEqualTo(0L);
    // Ok completions never move a key.
    for (int i = 0; i < 100; i++) {
      g.next(0);
      g.completed(0, write, Completion.ok(write.value()));
    }
    assertThat(g.key(0)).isEqualTo(0L);
  }

  @Test
  void rpcTimeoutIsTenMeanLatenciesAndAtLeastASecond() {
    assertThat(LinKvClient.timeout(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(LinKvClient.timeout(250)).isEqualTo(Duration.ofMillis(2500));
  }
}
