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

  @Test
  void integersStayLongUpToLongRangeAndFractionsBecomeDouble() {
    assertThat(JsonValues.canonical(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonValues.canonical(BigInteger.TWO.pow(63))).isEqualTo(BigInteger.TWO.pow(63));
    assertThat(JsonValues.canonical(1.5f)).isEqualTo(1.5d);
    assertThat(JsonValues.canonical(new java.math.BigDecimal("2.5"))).isEqualTo(2.5d);
    assertThat(JsonValues.canonical(Map.of("a", 1))).isEqualTo(Map.of("a", 1L));
  }

  @Test
  void anIntegerAndAFractionCompareByExactValue() {
    assertThat(JsonValues.compare(2L, 2.5)).isNegative();
    assertThat(JsonValues.compare(2.5, 2L)).isPositive();
    assertThat(JsonValues.compare(false, true)).isNegative();
    assertThat(JsonValues.compare(true, true)).isZero();
  }

  @Test
  void nanAndInfinitiesCompareAsDoublesDo() {
    assertThat(JsonValues.compare(Double.NaN, 1L)).isPositive();
    assertThat(JsonValues.compare(1L, Double.NaN)).isNegative();
    assertThat(JsonValues.compare(Double.POSITIVE_INFINITY, 1L)).isPositive();
    assertThat(JsonValues.compare(1L, Double.POSITIVE_INFINITY)).isNegative();
  }

  @Test
  void incomparableValuesAreNamedByTheirJsonKind() {
    assertThatThrownBy(() -> JsonValues.compare(1L, "1"))
        .hasMessage("Values are not mutually comparable: 1 (number) and 1 (string)");
    assertThatThrownBy(() -> JsonValues.compare(true, List.of()))
        .hasMessage("Values are not mutually comparable: true (boolean) and [] (array)");
    assertThatThrownBy(() -> JsonValues.compare(Map.of(), 'c'))
        .hasMessage("Values are not mutually comparable: {} (object) and c (Character)");
  }
}
