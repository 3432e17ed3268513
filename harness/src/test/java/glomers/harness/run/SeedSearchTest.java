package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.checker.elle.Anomalies;
import glomers.harness.report.Reports;
import glomers.harness.report.Results;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

  /** A workload result that lost one value. */
  private record Lost() implements Result {
    @Override
    public Validity valid() {
      return Validity.FALSE;
    }

    @Override
    public Map<String, Object> json() {
      return Result.entry(Validity.FALSE, Map.of("lost-count", 1));
    }
  }

  private static Results results(Result workload) {
    Result valid = new Result.Valid();
    return Results.of(valid, valid, valid, valid, valid, workload);
  }

  @Test
  void aFailuresFirstProblemIsItsFirstExplainedAnomalyElseItsFirstFailingChecker() {
    Anomalies explained = new Anomalies(Validity.FALSE,
        Map.of("G1c", List.of(new Anomalies.Anomaly(Map.of(), "T1 wrote x=3; T2 read x=3 (wr)\nmore lines"))), Set.of(), Set.of());
    assertThat(Reports.firstProblem(results(explained))).isEqualTo("G1c: T1 wrote x=3; T2 read x=3 (wr)");

    assertThat(Reports.firstProblem(results(new Lost()))).isEqualTo("workload is false: lost-count 1");

    assertThat(Reports.firstProblem(results(new Result.Valid()))).isEmpty();
  }
}
