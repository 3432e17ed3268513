package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --nemesis kill} and {@code pause} with real node processes: SIGKILL and a new process that
 * gets init again, SIGSTOP and SIGCONT. Each seed's plan is fixed (the schedule is drawn from it
 * before the main phase), so the tests pick seeds whose faults come where they need them; what they
 * assert holds however fast the node JVMs start.
 */
@ExtendWith(ShortRecovery.class)
class FaultsEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  /** A run of {@code workload} at 10 ops/s under {@code nemesis}, whose plan {@code seed} fixes. */
  private BenchRun faultRun(String workload, int nodes, int seconds, String nemesis, int interval, int seed)
      throws Exception {
    return BenchRun.run(dir, workload, "-w", workload, "--node-count", Integer.toString(nodes), "--time-limit",
        Integer.toString(seconds), "--rate", "10", "--nemesis", nemesis, "--nemesis-interval", Integer.toString(interval),
        "--seed", Integer.toString(seed));
  }

  private static List<JsonNode> history(Path run) throws Exception {
    List<JsonNode> ops = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("history.jsonl"))) {
      ops.add(JSON.readTree(line));
    }
    return ops;
  }

  private static List<JsonNode> nemesisOps(Path run) throws Exception {
    return history(run).stream().filter(op -> op.path("process").asText().equals("nemesis")).toList();
  }

  @Test
  void aBroadcastNodeThatKeepsItsValuesOnlyInMemoryLosesThemWhenEveryNodeIsKilled() throws Exception {
    // Seed 23's kills: nobody at 0 s (minority-third of 3 nodes), all three at 4.1 s, none started
    // again before the time limit; the final phase starts all three before its reads.
    BenchRun run = faultRun("broadcast", 3, 6, "kill", 2, 23);

    assertThat(run.exitCode).as(run.log()).isEqualTo(1);
    assertThat((Integer) run.result("workload", "lost-count")).isPositive();
    List<JsonNode> nemesis = nemesisOps(run.storeDir);
    assertThat(nemesis.stream().map(op -> op.path("f").asText() + " " + op.path("value")).toList()).containsExactly(
        "kill \"minority-third\"", "kill {}",
        "start \"all\"", "start {\"n0\":\"already-running\",\"n1\":\"already-running\",\"n2\":\"already-running\"}",
        "kill \"all\"", "kill {\"n0\":\"killed\",\"n1\":\"killed\",\"n2\":\"killed\"}",
        "start \"all\"", "start {\"n0\":\"started\",\"n1\":\"started\",\"n2\":\"started\"}");
    for (String node : List.of("n0", "n1", "n2")) {
      String log = Files.readString(run.storeDir.resolve("node-logs").resolve(node + ".log"));
      assertThat(log).containsPattern("---- \\[bench\\] " + node + " killed by the nemesis at [\\d.]+ s: SIGKILL to"
              + " process \\d+ \\(incarnation 1\\) and its children ----")
          .containsPattern("---- \\[bench\\] " + node + " started again by the nemesis at [\\d.]+ s: new process \\d+,"
              + " incarnation 2, with none of the last one's memory; init follows ----");
      // The bench's lines set the two incarnations apart: the kill comes first.
      assertThat(log.indexOf("killed by the nemesis")).isLessThan(log.indexOf("started again by the nemesis"));
    }
  }

  @Test
  void aPausedNodesClientsTimeOutAndTheRunEndsWithItStillStopped() throws Exception {
    // Seed 1 pauses n1 at once, and nothing resumes it before the time limit; echo has no final phase.
    BenchRun run = faultRun("echo", 2, 3, "pause", 10, 1);

    assertThat(run.exitCode).as(run.log()).isZero();
    assertThat(nemesisOps(run.storeDir).stream().map(op -> op.path("value").toString()).toList())
        .containsExactly("\"one\"", "{\"n1\":\"paused\"}");
    boolean timedOut = false;
    for (JsonNode op : history(run.storeDir)) {
      timedOut |= "n1".equals(op.path("node").asText()) && "info".equals(op.path("type").asText())
          && op.path("error").toString().equals("[\"net-timeout\"]");
    }
    assertThat(timedOut).as("an op to the paused n1 timed out").isTrue();
    assertThat(Files.readString(run.storeDir.resolve("node-logs/n1.log")))
        .containsPattern("---- \\[bench\\] n1 paused by the nemesis at [\\d.]+ s: SIGSTOP to process \\d+ and its"
            + " children ----");
  }

  @Test
  void aResumedNodeAnswersWhatWaitedAndItsLateRepliesToClosedClientsAreDropped() throws Exception {
    // Seed 30 pauses n2 from 0 to 8.4 s: longer than a client's 5 s timeout, after which echo's
    // client is closed and replaced, so n2 answers a closed client once it resumes.
    BenchRun run = faultRun("echo", 3, 10, "pause", 5, 30);

    assertThat(run.exitCode).as(run.log()).isZero();
    assertThat(nemesisOps(run.storeDir).stream().map(op -> op.path("value").toString()).toList()).containsExactly(
        "\"minority\"", "{\"n2\":\"paused\"}",
        "\"all\"", "{\"n0\":\"not-paused\",\"n1\":\"not-paused\",\"n2\":\"resumed\"}");
    assertThat(run.log()).contains("node n2, paused by the nemesis earlier, answered a client that timed out meanwhile"
        + " and is closed; the reply is dropped").doesNotContain("no longer reads");
    assertThat(Files.readString(run.storeDir.resolve("node-logs/n2.log")))
        .contains("n2 paused by the nemesis at").contains("n2 resumed by the nemesis at ");
  }
}
