package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.Maelstrom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing kafka node's run explains itself: the console names each error type the checker found,
 * with its count and first example naming ops, and each type is explained in kafka/<type>.txt.
 */
class KafkaFailureConsoleTest {
  @TempDir Path dir;

  @Test
  void aFailingKafkaNodesConsoleNamesItsErrorTypesWithAnExample() throws IOException {
    int exit = Maelstrom.run(new String[] {"test", "--sim", "--store", dir.toString(), "--solution", "kafka-skipping",
        "-w", "kafka", "--node-count", "1", "--concurrency", "2", "--time-limit", "5", "--rate", "100", "--seed", "1"});

    Path run = dir.resolve("latest").toRealPath();
    String console = Files.readString(run.resolve("jepsen.log"));
    assertThat(exit).as(console).isEqualTo(1);
    JsonNode bad = new ObjectMapper().readTree(run.resolve("results.json").toFile()).path("workload").path("bad-error-types");
    List<String> types = new ArrayList<>();
    bad.forEach(type -> types.add(type.asText()));
    assertThat(types).contains("lost-write", "unseen");

    assertThat(console).contains("  kafka anomalies " + types + ", each explained in " + run.resolve("kafka/<type>.txt")
        + "; first example of each:");
    for (String type : types) {
      assertThat(console).as(type).containsPattern("\n    " + type + " \\(\\d+( msgs)?\\): \\S");
      assertThat(run.resolve("kafka/" + type + ".txt")).content().startsWith(type + ": ");
    }
    assertThat(console)
        .containsPattern("\n    lost-write \\(\\d+\\): op \\d+ \\(process \\d+\\) sent \\d+ to key \"\\d+\" and it was acknowledged"
            + " \\(index \\d+ of the key's log\\), but no poll returned it, though polls read the key up to index \\d+")
        .containsPattern("\n    unseen \\(\\d+ msgs\\): \\d+ acknowledged msgs in \\d+ keys? never polled, e.g. key \"\\d+\": \\d+")
        .containsPattern("\n    workload is false: bad error types [^\n]*lost-write \\(\\d+\\)");
    assertThat(run.resolve("kafka/lost-write.txt")).content()
        .startsWith("lost-write: an acknowledged send's msg was never returned by any poll, although polls read its key past it")
        .containsPattern("\n  - op \\d+ \\(process \\d+\\) sent \\d+ to key");
  }
}
