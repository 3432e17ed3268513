package glomers.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidityTest {
  @Test
  void anyFalseWinsThenAnyUnknownThenTrue() {
    for (Validity v : Validity.values()) {
      assertThat(Validity.FALSE.and(v)).isEqualTo(Validity.FALSE);
      assertThat(v.and(Validity.FALSE)).isEqualTo(Validity.FALSE);
    }
    assertThat(Validity.UNKNOWN.and(Validity.TRUE)).isEqualTo(Validity.UNKNOWN);
    assertThat(Validity.TRUE.and(Validity.UNKNOWN)).isEqualTo(Validity.UNKNOWN);
    assertThat(Validity.UNKNOWN.and(Validity.UNKNOWN)).isEqualTo(Validity.UNKNOWN);
    assertThat(Validity.TRUE.and(Validity.TRUE)).isEqualTo(Validity.TRUE);
  }

  @Test
  void resultsJsonPutsValidFirstThenTheDetailsInOrder() {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("b", 1L);
    details.put("a", List.of());
    assertThat(Result.entry(Validity.UNKNOWN, details))
        .containsExactly(Map.entry("valid?", "unknown"), Map.entry("b", 1L), Map.entry("a", List.of()));
    assertThat(Result.entry(Validity.FALSE)).containsExactly(Map.entry("valid?", false));
  }

  @Test
  void aVerdictReadBackIsTrueFalseOrElseUnknown() {
    assertThat(Result.validityOf(Result.entry(Validity.TRUE))).isEqualTo(Validity.TRUE);
    assertThat(Result.validityOf(Result.entry(Validity.FALSE))).isEqualTo(Validity.FALSE);
    assertThat(Result.validityOf(Result.entry(Validity.UNKNOWN))).isEqualTo(Validity.UNKNOWN);
    assertThat(Result.validityOf(Map.of("count", 1))).as("a map without a verdict").isEqualTo(Validity.UNKNOWN);
    assertThat(Result.validityOf("not a result")).isEqualTo(Validity.TRUE);
  }
}
