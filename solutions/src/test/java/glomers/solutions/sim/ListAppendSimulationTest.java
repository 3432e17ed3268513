package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.Maelstrom;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sim} is generic over workloads: txn-list-append runs in simulation with a test-only node. */
class ListAppendSimulationTest {
  @TempDir Path dir;

  @Test
  void anAtomicListStorePassesTxnListAppendInSimulation() throws Exception {
    int exit = Maelstrom.run(new String[] {"test", "--sim", "--store", dir.toString(), "--solution", "list-append-test",
        "-w", "txn-list-append", "--node-count", "1", "--concurrency", "2n", "--time-limit", "5", "--rate", "200", "--seed", "1"});

    Path run = dir.resolve("latest").toRealPath();
    assertThat(exit).as(Files.readString(run.resolve("jepsen.log"))).isZero();
    JsonNode results = new ObjectMapper().readTree(run.resolve("results.json").toFile());
    assertThat(results.path("workload").path("valid?").asBoolean()).isTrue();
    assertThat(results.path("stats").path("ok-count").asLong()).isGreaterThan(100);
    assertThat(Files.readString(run.resolve("history.jsonl"))).contains("[\"append\",");
  }
}
