package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EchoEndToEndTest {
  @TempDir Path dir;

  /**
   * The time limit of runs the node aborts: the abort ends them at once, so a long limit costs
   * nothing, and a busy machine cannot push the fault past the end of the run.
   */
  static final String ABORT_WITHIN = "60";

  @Test
  void aGoodEchoNodePassesAndEverythingIsStored() throws Exception {
    BenchRun run = BenchRun.run(dir, "echo", "-w", "echo", "--node-count", "1", "--time-limit", "2", "--rate", "20");

    assertThat(run.exitCode).isZero();
    assertThat(run.result("valid?")).isEqualTo(true);
    assertThat(run.log()).contains("Everything looks good!");
    assertThat((Integer) run.result("stats", "ok-count")).isGreaterThan(5);
    assertThat(Files.readString(run.storeDir.resolve("node-logs/n0.log"))).contains("init received, mode good");
    assertThat(Files.readAllLines(run.storeDir.resolve("history.jsonl")))
        .anyMatch(line -> line.contains("\"type\":\"invoke\"") && line.contains("\"f\":\"echo\""));
    assertThat(Files.readString(run.storeDir.resolve("net-journal/journal.jsonl")))
        .contains("\"type\":\"init\"", "\"type\":\"recv\"");
  }

  /**
   * Waits out Maelstrom's 10 s for init. The node is a shell script, not a JVM, so that it has read
   * init and said so on stderr well within them however busy the machine.
   */
  @Test
  void aNodeThatNeverAnswersInitAbortsTheRun() throws Exception {
    Path silent = Files.writeString(dir.resolve("silent-init-node"),
        "#!/bin/sh\nread -r init\necho 'init received, mode silent-init' >&2\nexec sleep 600\n");
    silent.toFile().setExecutable(true);
    BenchRun run = BenchRun.run(dir, silent, 10_000, "-w", "echo", "--node-count", "2", "--time-limit", "2");

    assertThat(run.exitCode).isEqualTo(255);
    assertThat(run.log()).contains("did not respond to init").contains("init received, mode silent-init")
        .contains("The 2 node processes were started within", "none had answered init yet", "--sim")
        .containsPattern("(Load average [0-9.]+ on [0-9]+ cores|load average is unknown)");
  }

  @Test
  void aNodeThatCrashesMidRunAbortsWithItsStderr() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "echo", "-w", "echo", "--node-count", "1", "--time-limit", ABORT_WITHIN, "--rate", "20", "--",
            "--mode", "crash", "--after", "3");

    assertThat(run.exitCode).isEqualTo(255);
    assertThat(run.log()).contains("node n0 crashed (exit code 3)").contains("about to crash on purpose");
  }

  @Test
  void garbageOnStdoutAbortsTheRun() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "echo", "-w", "echo", "--node-count", "1", "--time-limit", ABORT_WITHIN, "--rate", "20", "--",
            "--mode", "garbage", "--after", "3");

    assertThat(run.exitCode).isEqualTo(255);
    assertThat(run.log()).contains("node n0 wrote an invalid message to stdout").contains("this is not JSON");
  }

  @Test
  void aLineOverTheParserLimitAbortsTheRunNamedAsTooLarge() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "echo", "-w", "echo", "--node-count", "1", "--time-limit", ABORT_WITHIN, "--rate", "20", "--",
            "--mode", "huge", "--after", "3");

    assertThat(run.exitCode).isEqualTo(255);
    assertThat(run.log())
        .contains("node n0 wrote a stdout line over the bench's size limit (a line of ")
        .contains("chars with a string over 20,000,000 chars, the limit of jackson's StreamReadConstraints.maxStringLength")
        .doesNotContain("not JSON");
  }

  @Test
  void wrongEchoesFailTheAnalysis() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "echo", "-w", "echo", "--node-count", "1", "--time-limit", "2", "--rate", "20", "--",
            "--mode", "wrong-echo", "--after", "1");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(false);
    assertThat(run.log()).contains("Analysis invalid!");
  }

  @Test
  void aMissingBinaryIsAUsageError() throws Exception {
    int code = glomers.harness.Maelstrom.run(new String[] {"test", "-w", "echo", "--bin", dir.resolve("nope").toString()});
    assertThat(code).isEqualTo(254);
  }
}
