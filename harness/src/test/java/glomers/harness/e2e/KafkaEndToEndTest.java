package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.Maelstrom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ShortRecovery.class)
class KafkaEndToEndTest {
  @TempDir Path dir;

  private static String[] args(String... extra) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of("-w", "kafka", "--node-count", "1", "--concurrency", "4", "--time-limit", "2", "--rate", "100", "--seed", "5"));
    all.addAll(List.of(extra));
    return all.toArray(String[]::new);
  }

  @Test
  void aCorrectSingleNodeLogIsValidAndAnalyzeAgrees() throws Exception {
    BenchRun run = BenchRun.run(dir, "kafka", args());

    assertThat(run.exitCode).as(run.log()).isZero();
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
    assertThat((List<?>) run.result("workload", "error-types")).isEmpty();
    assertThat((Integer) run.result("stats", "by-f", "send", "ok-count")).isPositive();
    assertThat((Integer) run.result("stats", "by-f", "poll", "ok-count")).isPositive();
    String history = Files.readString(run.storeDir.resolve("history.jsonl"));
    assertThat(history).contains("\"f\":\"crash\"", "\"final?\":true", "\"f\":\"assign\"");
    assertThat(run.storeDir.resolve("options.json")).exists();

    Files.delete(run.storeDir.resolve("results.json"));
    int code = Maelstrom.run(new String[] {"analyze", run.storeDir.toString()});
    assertThat(code).isZero();
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLogThatSkipsOffsetsLosesWrites() throws Exception {
    BenchRun run = BenchRun.run(dir, "kafka", args("--", "--mode", "skip"));

    assertThat(run.exitCode).isEqualTo(1);
    assertThat((List<Object>) run.result("workload", "bad-error-types")).contains("int-poll-skip", "lost-write", "unseen");
    assertThat((Integer) run.result("workload", "lost-write", "count")).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRefusedCommitLosesThePollsDataWhileTheClientMovesOnSoTheNextPollSkips() throws Exception {
    // One worker, so every poll is the same process's and the poll after a refused commit shows the gap.
    // On a busy machine a client op can time out, and the process that takes over has no poll before
    // the refused commit to skip from; a second or third seed gets its chance.
    BenchRun run =
        BenchRun.firstShowing(dir, "kafka", KafkaEndToEndTest::showsPollSkip, new long[] {5, 6, 7},
            "-w", "kafka", "--node-count", "1", "--concurrency", "1", "--time-limit", "2", "--rate", "200",
            "--", "--mode", "commit-fails", "--after", "4");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat((Integer) run.result("stats", "by-f", "poll", "fail-count")).isPositive();
    assertThat((List<Object>) run.result("workload", "bad-error-types")).contains("poll-skip");
  }

  private static boolean showsPollSkip(BenchRun run) {
    try {
      return run.exitCode == 1 && ((List<?>) run.result("workload", "bad-error-types")).contains("poll-skip");
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  @Test
  void malformedPollRepliesBecomeIndeterminateNotACrash() throws Exception {
    BenchRun run = BenchRun.run(dir, "kafka", args("--", "--mode", "malformed", "--after", "2"));

    assertThat(run.exitCode).as(run.log()).isZero();
    assertThat(run.result("stats", "by-f", "poll", "info-count")).isEqualTo(1);
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0");
  }
}
