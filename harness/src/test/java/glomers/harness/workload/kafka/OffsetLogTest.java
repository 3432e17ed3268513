package glomers.harness.workload.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class OffsetLogTest {
  @Test
  void holdsEveryOffsetThroughSeveralResizes() {
    OffsetLog<String> log = new OffsetLog<>();
    assertThat(log.size()).isZero();
    assertThat(log.get(0)).isNull();
    // Sparse and dense offsets, far more than the initial 8 slots.
    long[] offsets = LongStream.range(0, 200).map(i -> i % 2 == 0 ? i : i * 1_000_003L).toArray();
    for (long offset : offsets) {
      log.put(offset, "v" + offset);
    }
    assertThat(log.size()).isEqualTo(200);
    for (long offset : offsets) {
      assertThat(log.get(offset)).isEqualTo("v" + offset);
    }
    assertThat(log.get(1)).isNull();
    assertThat(log.get(-5)).isNull();
    assertThat(log.sortedOffsets()).isSorted().containsExactlyInAnyOrder(offsets);
  }
}
