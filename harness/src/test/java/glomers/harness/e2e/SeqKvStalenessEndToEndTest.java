package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under {@code --seq-kv-staleness oldest} the trap of Maelstrom issue #47 (a g-counter that reads
 * seq-kv without writing first) fails every run, not by luck: a node whose last seq-kv call precedes
 * the last cas of another node is served, at its final read, a version without that cas. The node
 * that writes a fresh value before reading passes the same run.
 */
@ExtendWith(ShortRecovery.class)
class SeqKvStalenessEndToEndTest {
  @TempDir java.nio.file.Path dir;

  private static String[] counter(String staleness, String mode) {
    return new String[] {
      "-w", "g-counter", "--node-count", "3", "--time-limit", "2", "--rate", "50", "--seed", "13",
      "--seq-kv-staleness", staleness, "--", "--mode", mode
    };
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTrapNodeFailsUnderOldest() throws Exception {
    BenchRun run = BenchRun.run(dir, "seq-kv-counter", counter("oldest", "trap"));

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.log()).contains("--seq-kv-staleness oldest");
    List<Integer> finalReads = (List<Integer>) run.result("workload", "final-reads");
    List<List<Integer>> acceptable = (List<List<Integer>>) run.result("workload", "acceptable");
    assertThat(finalReads).hasSize(3);
    assertThat(acceptable).hasSize(1);
    // Only the node with the last cas sees every count; both others read short.
    int total = acceptable.get(0).get(1);
    assertThat(finalReads.stream().filter(r -> r < total)).hasSize(2);
    assertThat((List<?>) run.result("workload", "errors")).hasSize(2);
  }

  @Test
  void theNodeThatWritesBeforeReadingPassesUnderOldest() throws Exception {
    BenchRun run = BenchRun.run(dir, "seq-kv-counter", counter("oldest", "fresh"));

    assertThat(run.exitCode).isZero();
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
  }
}
