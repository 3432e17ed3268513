package glomers.harness.workload.linkv;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.OpType;
import glomers.harness.report.Reports;
import glomers.harness.report.Results;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lin-kv result explains each key that is not linearizable in its own file, and names the undecided ones. */
class LinKvExplanationsTest {
  @TempDir Path dir;

  /** Key 0 is linearizable, key 1 reads a value nobody wrote, key 2's cas has no [from, to], so it is undecided. */
  private static LinearizabilityChecker.Keys check() {
    return new LinearizabilityChecker().check(new HistoryBuilder()
        .op(0, "write", List.of(0L, 1L), OpType.OK, List.of(0L, 1L))
        .op(1, "read", java.util.Arrays.asList(0L, null), OpType.OK, List.of(0L, 1L))
        .op(1, "read", java.util.Arrays.asList(1L, null), OpType.OK, List.of(1L, 3L))
        .op(0, "cas", List.of(2L, 5L), OpType.OK, List.of(2L, 5L))
        .build());
  }

  private static Results results(Result workload) {
    Result valid = new Result.Valid();
    return Results.of(valid, valid, valid, valid, valid, workload);
  }

  @Test
  void eachFailingKeyIsExplainedInItsOwnFile() throws Exception {
    LinearizabilityChecker.Keys keys = check();
    assertThat(keys.valid()).isEqualTo(Validity.FALSE);

    Reports.writeExplanations(dir, results(keys));

    assertThat(Files.readString(dir.resolve("linearizability/1.txt"))).startsWith("Key 1 is not linearizable");
    try (var files = Files.list(dir.resolve("linearizability"))) {
      assertThat(files.count()).isEqualTo(1);
    }
    assertThat(Reports.firstProblem(results(keys))).startsWith("key 1 not linearizable: It cannot be extended past read of 3");
    assertThat(keys.summary(dir.resolve("linearizability")).get(0))
        .isEqualTo("  keys not linearizable [1]; first (" + dir.resolve("linearizability/1.txt") + "):");
  }

  @Test
  void undecidedKeysAreNamedWithTheirCause() {
    assertThat(check().undecidedKeys()).containsExactly("2: cas value 5 is not [from, to]");
    assertThat(check().summary(dir)).anyMatch(l -> l.startsWith("  keys whose linearizability is unknown [2: cas value 5"));
    assertThat(new LinearizabilityChecker().check(List.of()).undecidedKeys()).isEmpty();
  }
}
