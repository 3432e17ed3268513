package glomers.harness.workload.gcounter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptableTest {
  @Test
  void rangesCoalesceOnlyWhenTheyOverlapOrTouch() {
    Acceptable set = Acceptable.exactly(0);
    set.add(2, 2);
    assertThat(set.asList()).isEqualTo(List.of(List.of(0L, 0L), List.of(2L, 2L)));
    assertThat(set.contains(1)).isFalse();
    set.add(1, 1);
    assertThat(set.asList()).isEqualTo(List.of(List.of(0L, 2L)));
  }

  @Test
  void aWideRangeSwallowsSeveral() {
    Acceptable set = Acceptable.exactly(0);
    set.add(3, 4);
    set.add(7, 8);
    set.add(12, 12);
    set.add(-1, 9);
    assertThat(set.asList()).isEqualTo(List.of(List.of(-1L, 9L), List.of(12L, 12L)));
    assertThat(set.contains(10)).isFalse();
    assertThat(set.contains(9)).isTrue();
    assertThat(set.contains(-2)).isFalse();
  }

  @Test
  void maybeAddKeepsBothOutcomes() {
    Acceptable set = Acceptable.exactly(10);
    set.maybeAdd(0);
    assertThat(set.asList()).isEqualTo(List.of(List.of(10L, 10L)));
    set.maybeAdd(5);
    set.maybeAdd(5);
    assertThat(set.asList()).isEqualTo(List.of(List.of(10L, 10L), List.of(15L, 15L), List.of(20L, 20L)));
  }
}
