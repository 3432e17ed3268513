package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.report.Reports;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedSearchTest {
  @Test
  void theBarFillsInProportionAndCountsTheFailures() {
    assertThat(SeedSearch.bar(0, 200, 0, 0.0)).isEqualTo("[" + ".".repeat(30) + "] 0/200 seeds, 0 failing, 0.0 s");
    assertThat(SeedSearch.bar(100, 200, 2, 12.34)).isEqualTo("[" + "#".repeat(15) + ".".repeat(15) + "] 100/200 seeds, 2 failing, 12.3 s");
    assertThat(SeedSearch.bar(7, 7, 0, 1)).startsWith("[" + "#".repeat(30) + "]");
  }

  @Test
  void aSearchExitsWithItsFirstFailuresCode() {
    assertThat(new SeedSearch.Result(10, List.of()).exitCode()).isZero();
    assertThat(new SeedSearch.Result(10, List.of(
        new SeedSearch.Failure(3, 1, "lost", Path.of("a")),
        new SeedSearch.Failure(4, 255, "aborted", Path.of("b")))).exitCode()).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailuresFirstProblemIsItsFirstExplainedAnomalyElseItsFirstFailingChecker() {
    Map<String, Object> explained = new LinkedHashMap<>();
    explained.put("stats", Map.of("valid?", true));
    explained.put("workload", Map.of("valid?", false, "anomalies", Map.of(
        "G1c", List.of(Map.of("explanation", "T1 wrote x=3; T2 read x=3 (wr)\nmore lines")))));
    assertThat(Reports.firstProblem(explained)).isEqualTo("G1c: T1 wrote x=3; T2 read x=3 (wr)");

    Map<String, Object> failing = new LinkedHashMap<>();
    failing.put("stats", Map.of("valid?", true));
    failing.put("workload", new LinkedHashMap<>(Map.of("valid?", false)));
    ((Map<String, Object>) failing.get("workload")).put("lost-count", 1);
    assertThat(Reports.firstProblem(failing)).isEqualTo("workload is false: lost-count 1");

    assertThat(Reports.firstProblem(Map.of("workload", Map.of("valid?", true)))).isEmpty();
  }
}
