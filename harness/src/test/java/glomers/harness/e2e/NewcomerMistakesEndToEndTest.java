package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: each of a newcomer's usual mistakes, made by a small g-counter node, ends in a summary
 * that says why, not only which checker failed.
 */
class NewcomerMistakesEndToEndTest {
  @TempDir Path dir;

  @BeforeAll
  static void shortRecovery() {
    System.setProperty("glomers.harness.recovery-ms", "200");
  }

  @AfterAll
  static void restoreTimeouts() {
    System.clearProperty("glomers.harness.recovery-ms");
  }

  /**
   * Only a third of g-counter's ops are adds, so a random seed at rate 10 for 1 s issues none about
   * once in 60 runs and the broken modes pass. Seed 4's first op is an add, whatever the timing;
   * {@link #aGoodNodeHasNoProblemLines} checks that it still is.
   */
  private static final String SEED_WHOSE_FIRST_OP_IS_AN_ADD = "4";

  private BenchRun counter(String mode) throws Exception {
    return BenchRun.run(dir, "counter", "-w", "g-counter", "--node-count", "1", "--time-limit", "1", "--rate", "20",
        "--seed", SEED_WHOSE_FIRST_OP_IS_AN_ADD, "--", "--mode", mode);
  }

  /** The part of the log after the results header: the summary. */
  private static String summary(BenchRun run) throws Exception {
    String log = run.log();
    return log.substring(log.lastIndexOf("Results ("));
  }

  @Test
  void aForgottenReplyIsNamedAsATimeoutOfThatRequest() throws Exception {
    BenchRun run = counter("forget-reply");

    assertThat(run.exitCode).isEqualTo(1);
    String summary = summary(run);
    assertThat(summary)
        .contains("failing checkers")
        .containsPattern("add: (\\d+) of \\1 timed out; first: n0 did not reply to add \\(process \\d+, c\\d+\\) before the client's timeout")
        .contains("Analysis invalid!")
        .doesNotContain("\"by-f\"");
  }

  @Test
  void aWrongReplyTypeIsNamedWithTheTypeExpected() throws Exception {
    BenchRun run = counter("wrong-type");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(summary(run))
        .containsPattern("add: (\\d+) of \\1 wrong reply type; first: n0 answered c\\d+'s msg \\d+ with read_ok, expected add_ok");
  }

  @Test
  void aRecordWithNoCodecIsCountedAndNamedFromTheNodeLog() throws Exception {
    BenchRun run = counter("no-codec");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat((Integer) run.result("exceptions", "no-codec-count")).isPositive();
    assertThat(run.result("exceptions", "valid?")).isEqualTo(true);
    assertThat(summary(run))
        .containsPattern("add: (\\d+) of \\1 timed out")
        .contains("node errors: ")
        .contains("n0: ", "first: n0 reply continuation threw: java.lang.IllegalArgumentException: no codec for "
            + "glomers.solutions.counter.CounterNode$AddOk")
        .contains(run.storeDir.resolve("node-logs/n0.log").toString());
  }

  @Test
  void aHandlerThatThrowsIsCountedAndNamed() throws Exception {
    BenchRun run = counter("throws");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat((Integer) run.result("exceptions", "exception-count")).isPositive();
    assertThat((Integer) run.result("exceptions", "no-codec-count")).isZero();
    assertThat(summary(run))
        .containsPattern("add: (\\d+) of \\1 error crash; first: n0 answered add with error crash: add failed: "
            + "java.lang.IllegalStateException: the sum is not ready")
        .contains("first: n0 handler for 'add' threw: java.lang.IllegalStateException: the sum is not ready");
  }

  @Test
  void aGoodNodeHasNoProblemLines() throws Exception {
    BenchRun run = counter("good");

    assertThat(run.exitCode).isZero();
    assertThat(run.result("exceptions", "count")).isEqualTo(0);
    assertThat(summary(run)).doesNotContain("failing checkers", "node errors", "node logs");
    String firstInvoke = Files.readAllLines(run.storeDir.resolve("history.jsonl")).stream()
        .filter(line -> line.contains("\"type\":\"invoke\""))
        .findFirst()
        .orElseThrow();
    assertThat(firstInvoke).as("the seed the broken modes rely on").contains("\"f\":\"add\"");
  }

  @Test
  void aDebugPrintOnStdoutAbortsNamingTheLine() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "echo", "-w", "echo", "--node-count", "1", "--time-limit", EchoEndToEndTest.ABORT_WITHIN,
            "--rate", "20", "--", "--mode", "garbage", "--after", "3");

    assertThat(run.exitCode).isEqualTo(255);
    assertThat(run.log())
        .contains("Run aborted: node n0 wrote an invalid message to stdout")
        .contains("log to stderr")
        .contains("line: this is not JSON");
  }
}
