package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.Maelstrom;
import glomers.harness.report.StoredRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code maelstrom test --sim}: our solutions' own classes run inside the bench on virtual time,
 * through the same checkers as a process run.
 */
class SimulatedRunTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private int test(Path store, String... args) {
    List<String> all = new ArrayList<>(List.of("test", "--sim", "--store", store.toString()));
    all.addAll(List.of(args));
    return Maelstrom.run(all.toArray(String[]::new));
  }

  private static Path latest(Path store) throws IOException {
    return store.resolve("latest").toRealPath();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "echo       | -w echo --node-count 1 --time-limit 5",
        "unique-ids | -w unique-ids --node-count 3 --time-limit 5 --rate 200 --availability total --nemesis partition --nemesis-interval 1",
        "broadcast  | -w broadcast --node-count 25 --time-limit 10 --rate 100 --latency 100 --nemesis partition",
        "g-counter  | -w g-counter --node-count 3 --time-limit 10 --rate 100 --nemesis partition --nemesis-interval 1 --seq-kv-staleness oldest",
        "g-counter  | -w pn-counter --node-count 3 --time-limit 10 --rate 100",
        "g-set      | -w g-set --node-count 3 --time-limit 10 --rate 50 --latency 20 --latency-dist uniform --nemesis partition",
        "kafka      | -w kafka --node-count 2 --concurrency 2n --time-limit 5 --rate 500 --nemesis partition --nemesis-interval 1",
        "kafka-lin-kv | -w kafka --node-count 2 --concurrency 2n --time-limit 5 --rate 500",
        "txn        | -w txn-rw-register --node-count 2 --concurrency 2n --time-limit 5 --rate 500 --consistency-models read-committed --availability total --nemesis partition --nemesis-interval 1",
        "raft       | -w lin-kv --node-count 3 --concurrency 2n --time-limit 10 --rate 100 --latency 10 --nemesis partition --nemesis-interval 2",
      })
  void everySolutionPassesItsChallengeInSimulation(String solution, String flags) throws IOException {
    List<String> args = new ArrayList<>(List.of("--solution", solution, "--seed", "1"));
    args.addAll(List.of(flags.trim().split("\\s+")));

    int exit = test(dir, args.toArray(String[]::new));

    Path run = latest(dir);
    assertThat(exit).as(Files.readString(run.resolve("jepsen.log"))).isZero();
    JsonNode results = JSON.readTree(run.resolve("results.json").toFile());
    assertThat(results.path("stats").path("ok-count").asLong()).isPositive();
    assertThat(run.resolve("index.html")).exists();
    assertThat(run.resolve("node-logs")).isDirectory();
  }

  @Test
  void theSameSeedGivesTheSameHistoryAndJournalByteForByte() throws IOException {
    String[] flags = {"--solution", "broadcast", "-w", "broadcast", "--node-count", "5", "--time-limit", "10", "--rate",
        "50", "--latency", "50", "--latency-dist", "exponential", "--nemesis", "partition", "--nemesis-interval", "1",
        "--seed", "42"};
    Path first = dir.resolve("first");
    Path second = dir.resolve("second");
    Path other = dir.resolve("other");

    test(first, flags);
    test(second, flags);
    String[] otherSeed = flags.clone();
    otherSeed[otherSeed.length - 1] = "43";
    test(other, otherSeed);

    for (String file : List.of("history.jsonl", "net-journal/journal.jsonl")) {
      byte[] a = Files.readAllBytes(latest(first).resolve(file));
      assertThat(a).as(file).isNotEmpty().isEqualTo(Files.readAllBytes(latest(second).resolve(file)));
      assertThat(a).as(file + " under another seed").isNotEqualTo(Files.readAllBytes(latest(other).resolve(file)));
    }
  }

  @Test
  void kafkaAndTxnRunsAreDeterministicToo() throws IOException {
    for (String[] flags : List.of(
        new String[] {"--solution", "kafka", "-w", "kafka", "--node-count", "2", "--concurrency", "2n", "--time-limit", "3",
            "--rate", "300", "--latency", "10", "--latency-dist", "uniform", "--nemesis", "partition", "--nemesis-interval", "1", "--seed", "5"},
        new String[] {"--solution", "txn", "-w", "txn-rw-register", "--node-count", "2", "--concurrency", "2n", "--time-limit", "3",
            "--rate", "300", "--latency", "10", "--nemesis", "partition", "--nemesis-interval", "1", "--seed", "5"})) {
      Path first = dir.resolve(flags[1] + "-1");
      Path second = dir.resolve(flags[1] + "-2");
      test(first, flags);
      test(second, flags);
      for (String file : List.of("history.jsonl", "net-journal/journal.jsonl")) {
        assertThat(Files.readAllBytes(latest(first).resolve(file)))
            .as(flags[1] + " " + file)
            .isEqualTo(Files.readAllBytes(latest(second).resolve(file)));
      }
    }
  }

  /**
   * The planted bug loses a value only when a partition drops one particular gossip message; the
   * search must find such a seed within 200, and that seed must replay the same failure exactly.
   */
  @Test
  void aSeedSearchFindsThePlantedBugAndItsSeedReplaysIt() throws IOException {
    String[] flags = {"--solution", "broadcast-lossy", "-w", "broadcast", "--node-count", "5", "--time-limit", "20",
        "--rate", "10", "--nemesis", "partition"};
    Path search = dir.resolve("search");
    List<String> args = new ArrayList<>(List.of(flags));
    args.addAll(List.of("--runs", "200", "--seed", "1"));

    int exit = test(search, args.toArray(String[]::new));

    assertThat(exit).isEqualTo(1);
    List<Path> kept;
    try (Stream<Path> runs = Files.list(search.resolve("broadcast"))) {
      kept = runs.filter(p -> !Files.isSymbolicLink(p)).sorted().toList();
    }
    assertThat(kept).as("only failing seeds keep their store folder").isNotEmpty().hasSizeLessThan(200);
    Path failed = kept.get(0);
    assertThat(latest(search)).as("store/latest shows the first failing seed").isEqualTo(failed.toRealPath());
    JsonNode failedResults = JSON.readTree(failed.resolve("results.json").toFile());
    assertThat(failedResults.path("workload").path("lost-count").asLong()).isPositive();
    long seed = StoredRun.readOptions(failed).seed();
    assertThat(seed).isBetween(1L, 200L);

    Path replay = dir.resolve("replay");
    List<String> again = new ArrayList<>(List.of(flags));
    again.addAll(List.of("--seed", Long.toString(seed)));
    assertThat(test(replay, again.toArray(String[]::new))).isEqualTo(1);

    Path replayed = latest(replay);
    assertThat(JSON.readTree(replayed.resolve("results.json").toFile()).path("workload").path("lost"))
        .isEqualTo(failedResults.path("workload").path("lost"));
    assertThat(Files.readAllBytes(replayed.resolve("history.jsonl")))
        .isEqualTo(Files.readAllBytes(failed.resolve("history.jsonl")));
    // The summary explains the first lost value: its op, the nodes that miss it, the network then.
    String first = failedResults.path("workload").path("lost").get(0).asText();
    assertThat(Files.readString(replayed.resolve("jepsen.log")))
        .containsPattern("\n    " + first + ": broadcast to n\\d by process \\d+ \\(op \\d+\\), acknowledged after \\d+ ms;"
            + " missing from the final reads of n\\d[^(]*\\([^)]+ had it\\); network when it was sent: (split |cut, |whole, no partition)");
  }

  @Test
  void theCorrectBroadcastPassesTheSeedsThatCatchThePlantedBug() {
    int exit = test(dir, "--solution", "broadcast", "-w", "broadcast", "--node-count", "5", "--time-limit", "20",
        "--rate", "10", "--nemesis", "partition", "--runs", "20", "--seed", "1");

    assertThat(exit).isZero();
  }

  @Test
  void aSolutionThatCannotStartAbortsTheRunNamingTheNodeAndItsLog() throws IOException {
    int exit = test(dir, "--solution", "fails-at-init", "-w", "echo", "--node-count", "2", "--time-limit", "5");

    assertThat(exit).isEqualTo(255);
    String log = Files.readString(latest(dir).resolve("jepsen.log"));
    assertThat(log)
        .contains("Run aborted: node n0 answered init with")
        .contains("solution failed to start: java.lang.IllegalStateException: no config for n0")
        .contains("last log lines of n0");
    assertThat(Files.readString(latest(dir).resolve("node-logs/n0.log")))
        .contains("creating solution fails-at-init failed");
  }

  @Test
  void aNodeThatDiesAbortsTheSimulationWithTheError() throws IOException {
    int exit = test(dir, "--solution", "dies-in-timer", "-w", "echo", "--node-count", "1", "--time-limit", "5");

    assertThat(exit).isEqualTo(255);
    assertThat(Files.readString(latest(dir).resolve("jepsen.log")))
        .contains("Run aborted: node n0 crashed: ")
        .contains("java.lang.OutOfMemoryError: planted: the node dies in its timer")
        .contains("last log lines of n0")
        .contains("at glomers.solutions.planted.DiesInTimer.tick");
  }

  @Test
  void anUnknownSolutionIsAUsageErrorNamingTheKnownOnes() {
    assertThat(test(dir, "--solution", "no-such", "-w", "echo")).isEqualTo(Maelstrom.EXIT_USAGE);
  }
}
