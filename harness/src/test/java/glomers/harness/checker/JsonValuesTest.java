package glomers.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
  @Test
  void integersOfAnyJavaTypeAreOneValueButFractionsAndStringsDiffer() {
    assertThat(JsonValues.canonical(1)).isEqualTo(1L);
    assertThat(JsonValues.canonical(BigInteger.ONE)).isEqualTo(1L);
    assertThat(JsonValues.canonical(List.of(1, List.of(2)))).isEqualTo(List.of(1L, List.of(2L)));
    assertThat(JsonValues.canonical(1L)).isNotEqualTo(JsonValues.canonical(1.0));
    assertThat(JsonValues.canonical(1L)).isNotEqualTo(JsonValues.canonical("1"));
    assertThat(JsonValues.canonical(BigInteger.TWO.pow(64))).isEqualTo(BigInteger.TWO.pow(64));
  }

  @Test
  void orderFollowsClojureCompare() {
    assertThat(JsonValues.compare(1L, 2.5)).isNegative();
    assertThat(JsonValues.compare(2L, 2.0)).isZero();
    assertThat(JsonValues.compare(BigInteger.TWO.pow(70), Long.MAX_VALUE)).isPositive();
    assertThat(JsonValues.compare("a", "b")).isNegative();
    assertThat(JsonValues.compare(null, "a")).isNegative();
    assertThat(JsonValues.compare(List.of(9L), List.of(1L, 1L))).isNegative();
    assertThat(JsonValues.compare(List.of(1L, 2L), List.of(1L, 3L))).isNegative();
  }

  @Test
  void differentKindsAndObjectsAreIncomparable() {
    assertThatThrownBy(() -> JsonValues.compare(1L, "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonValues.compare(true, 1L)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonValues.compare(Map.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
