package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyModelTest {
  @Test
  void constantIsExactlyTheMean() {
    LatencyModel model = LatencyModel.of("constant", 100);
    Random random = new Random(1);
    assertThat(LongStream.range(0, 100).map(i -> model.drawMillis(random))).containsOnly(100L);
    assertThat(LatencyModel.of("constant", 0).drawMillis(random)).isZero();
  }

  @Test
  void uniformCoversZeroToTwiceTheMeanExclusive() {
    LatencyModel model = LatencyModel.of("uniform", 10);
    Random random = new Random(2);
    long[] draws = LongStream.range(0, 20_000).map(i -> model.drawMillis(random)).toArray();
    assertThat(LongStream.of(draws).min().getAsLong()).isZero();
    assertThat(LongStream.of(draws).max().getAsLong()).isEqualTo(19);
    assertThat(LongStream.of(draws).average().getAsDouble()).isBetween(9.3, 9.7);
  }

  @Test
  void exponentialHasTheMeanAndIsFloored() {
    LatencyModel model = LatencyModel.of("exponential", 100);
    Random random = new Random(3);
    double mean = LongStream.range(0, 50_000).map(i -> model.drawMillis(random)).average().getAsDouble();
    // floor() shaves half a millisecond off the continuous mean.
    assertThat(mean).isBetween(97.5, 101.5);
    assertThat(LongStream.range(0, 1000).map(i -> model.drawMillis(random))).allMatch(d -> d >= 0);
  }

  @Test
  void degenerateMeansAreRefused() {
    assertThatThrownBy(() -> LatencyModel.of("uniform", 0)).hasMessageContaining("--latency > 0");
    assertThatThrownBy(() -> LatencyModel.of("exponential", 0)).hasMessageContaining("--latency > 0");
    assertThatThrownBy(() -> LatencyModel.of("pareto", 5)).hasMessageContaining("--latency-dist");
  }
}
