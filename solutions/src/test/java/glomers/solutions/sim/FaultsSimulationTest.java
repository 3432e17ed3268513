package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.Maelstrom;
import glomers.harness.history.Op;
import glomers.harness.report.StoredRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --nemesis kill} and {@code pause} in simulation, where a seed fixes every fault: state kept
 * only in memory is lost, ids counted from each start repeat, a paused node's clients time out, and
 * the runs replay byte for byte.
 */
class FaultsSimulationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static int test(Path store, String... args) {
    List<String> all = new ArrayList<>(List.of("test", "--sim", "--store", store.toString()));
    all.addAll(List.of(args));
    return Maelstrom.run(all.toArray(String[]::new));
  }

  private static Path latest(Path store) throws IOException {
    return store.resolve("latest").toRealPath();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  private static List<Op> nemesisOps(Path run) throws IOException {
    return StoredRun.readHistory(run).stream().filter(op -> !op.isClient()).toList();
  }

  @Test
  void aUniqueIdsNodeThatCountsFromZeroOnEachStartFailsUnderKillNamingTheRepeatedIdAndTheRestart() throws Exception {
    String[] flags = {"--solution", "unique-ids-from-zero", "-w", "unique-ids", "--node-count", "3", "--time-limit",
        "10", "--rate", "100", "--nemesis-interval", "1", "--seed", "1"};
    List<String> underPartitions = new ArrayList<>(List.of(flags));
    underPartitions.addAll(List.of("--nemesis", "partition"));
    assertThat(test(dir.resolve("partition"), underPartitions.toArray(String[]::new)))
        .as("the bug does not show without a kill").isZero();

    List<String> underKills = new ArrayList<>(List.of(flags));
    underKills.addAll(List.of("--nemesis", "kill"));
    int exit = test(dir.resolve("kill"), underKills.toArray(String[]::new));

    Path run = latest(dir.resolve("kill"));
    String log = Files.readString(run.resolve("jepsen.log"));
    assertThat(exit).as(log).isEqualTo(1);
    JsonNode workload = JSON.readTree(run.resolve("results.json").toFile()).path("workload");
    assertThat(workload.path("duplicated-count").asLong()).isPositive();
    JsonNode first = workload.path("anomalies").path("duplicated-id").get(0);
    String id = first.path("id").asText();
    assertThat(id).matches("n[0-2]-\\d+");
    // The summary names the repeated id, its two uses and the restart between them.
    assertThat(log).contains("workload anomalies [duplicated-id]")
        .containsPattern("id \"" + id + "\" was acknowledged twice: op \\d+ \\(process \\d+, served by "
            + id.substring(0, 2) + ", completed at [\\d.]+ s\\), and op \\d+ \\(process \\d+, served by "
            + id.substring(0, 2) + ", completed at [\\d.]+ s\\)\\. Between the two, the nemesis killed "
            + id.substring(0, 2) + " \\(op \\d+, at [\\d.]+ s\\) and started " + id.substring(0, 2)
            + " again \\(op \\d+, at [\\d.]+ s\\)");
    // The ops it names are that kill and that start.
    String explanation = first.path("explanation").asText();
    long killIndex = Long.parseLong(explanation.replaceAll(".*killed n\\d \\(op (\\d+),.*", "$1"));
    long startIndex = Long.parseLong(explanation.replaceAll(".*started n\\d again \\(op (\\d+),.*", "$1"));
    Map<Long, Op> byIndex = new java.util.HashMap<>();
    StoredRun.readHistory(run).forEach(op -> byIndex.put(op.index(), op));
    assertThat(byIndex.get(killIndex).f()).isEqualTo("kill");
    assertThat(map(byIndex.get(killIndex).value())).containsEntry(id.substring(0, 2), "killed");
    assertThat(byIndex.get(startIndex).f()).isEqualTo("start");
    assertThat(map(byIndex.get(startIndex).value())).containsEntry(id.substring(0, 2), "started");
  }

  @Test
  void aNodeThatKeepsItsSetOnlyInMemoryLosesItWhenEveryNodeIsKilled() throws Exception {
    // Seed 23's kills: none at 0 s (minority-third of 3 nodes is nobody), all three at 4.1 s; the final phase starts them.
    int exit = test(dir, "--solution", "g-set", "-w", "g-set", "--node-count", "3", "--time-limit", "6", "--rate", "50",
        "--nemesis", "kill", "--nemesis-interval", "2", "--seed", "23");

    Path run = latest(dir);
    JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
    assertThat(exit).as(Files.readString(run.resolve("jepsen.log"))).isEqualTo(1);
    assertThat(results.path("workload").path("lost-count").asLong()).isPositive();
    List<Op> nemesis = nemesisOps(run);
    assertThat(nemesis).extracting(Op::f).contains("kill", "start");
    assertThat(nemesis.stream().filter(op -> op.f().equals("kill") && op.value() instanceof Map<?, ?>).map(Op::value))
        .containsExactly(Map.of(), Map.of("n0", "killed", "n1", "killed", "n2", "killed"));
    // The final phase starts every node again before its reads: the last nemesis op is that start.
    Op last = nemesis.get(nemesis.size() - 1);
    assertThat(last.f()).isEqualTo("start");
    assertThat(map(last.value()).values()).contains("started");
    String log = Files.readString(run.resolve("node-logs/n0.log"));
    assertThat(log).contains("---- [bench] n0 killed by the nemesis at ")
        .contains("---- [bench] n0 started again by the nemesis at ").contains("incarnation 2");
  }

  @Test
  void aPausedNodesClientsTimeOutAndNothingReachesItUntilItResumes() throws Exception {
    // Seed 1 pauses n1 at once, and nothing resumes it before the time limit; echo has no final phase.
    int exit = test(dir, "--solution", "echo", "-w", "echo", "--node-count", "2", "--time-limit", "3", "--rate", "10",
        "--nemesis", "pause", "--nemesis-interval", "10", "--seed", "1");

    Path run = latest(dir);
    assertThat(exit).as(Files.readString(run.resolve("jepsen.log"))).isZero();
    List<Op> history = StoredRun.readHistory(run);
    assertThat(nemesisOps(run)).extracting(Op::f, Op::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("pause", "one"),
            org.assertj.core.groups.Tuple.tuple("pause", Map.of("n1", "paused")));
    // Worker 1 talks to n1: every op it invoked timed out; worker 0's, on n0, all came back.
    List<Op> completions = history.stream().filter(op -> op.isClient() && !op.isInvoke()).toList();
    assertThat(completions.stream().filter(op -> op.process() % 2 == 1))
        .isNotEmpty().allSatisfy(op -> assertThat(op.error()).isEqualTo(List.of("net-timeout")));
    assertThat(completions.stream().filter(op -> op.process() % 2 == 0)).isNotEmpty()
        .allSatisfy(op -> assertThat(op.type()).isEqualTo(glomers.harness.history.OpType.OK));
    // Sent to n1, but never delivered: no recv at all for n1 after the pause.
    List<JsonNode> toN1 = new ArrayList<>();
    for (String line : Files.readAllLines(run.resolve("net-journal/journal.jsonl"))) {
      JsonNode event = JSON.readTree(line);
      if (event.path("dest").asText().equals("n1") && event.path("body").path("type").asText().equals("echo")) {
        toN1.add(event);
      }
    }
    assertThat(toN1).isNotEmpty().allSatisfy(event -> assertThat(event.path("type").asText()).isEqualTo("send"));
  }

  @Test
  void killAndPauseRunsReplayByteForByte() throws IOException {
    String[] flags = {"--solution", "g-set", "-w", "g-set", "--node-count", "5", "--time-limit", "10", "--rate", "50",
        "--latency", "20", "--latency-dist", "exponential", "--nemesis", "partition,kill,pause", "--nemesis-interval",
        "1", "--seed", "42"};
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    test(first, flags);
    test(second, flags);
    String[] otherSeed = flags.clone();
    otherSeed[otherSeed.length - 1] = "43";
    test(dir.resolve("other"), otherSeed);

    for (String file : List.of("history.jsonl", "net-journal/journal.jsonl")) {
      assertThat(Files.readAllBytes(latest(first).resolve(file))).as(file)
          .isEqualTo(Files.readAllBytes(latest(second).resolve(file)))
          .isNotEqualTo(Files.readAllBytes(latest(dir.resolve("other")).resolve(file)));
    }
    assertThat(nemesisOps(latest(first))).extracting(Op::f)
        .contains("start-partition", "stop-partition", "kill", "start", "pause", "resume");
  }
}
