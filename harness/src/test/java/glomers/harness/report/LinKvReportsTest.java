package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinKvReportsTest {
  @TempDir Path dir;

  private static Map<String, Object> results() {
    Map<String, Object> keys = new LinkedHashMap<>();
    keys.put("0", Map.of("valid?", true, "linearizable", Map.of("valid?", true)));
    keys.put("1", Map.of("valid?", false, "linearizable", Map.of("valid?", false, "explanation",
        "Key 1 is not linearizable (a register starting at null).\n\nIt cannot be extended past read of 3.\n")));
    keys.put("2", Map.of("valid?", "unknown", "linearizable", Map.of("valid?", "unknown", "cause", "search budget exceeded")));
    return Map.of("workload", Map.of("valid?", false, "results", keys, "failures", List.of(1L)));
  }

  @Test
  void eachFailingKeyIsExplainedInItsOwnFile() throws Exception {
    Reports.writeElle(dir, results());
    assertThat(Files.readString(dir.resolve("linearizability/1.txt"))).startsWith("Key 1 is not linearizable");
    try (var files = Files.list(dir.resolve("linearizability"))) {
      assertThat(files.count()).isEqualTo(1);
    }
    assertThat(Reports.firstProblem(results())).isEqualTo("key 1 not linearizable: It cannot be extended past read of 3.");
  }

  @Test
  void undecidedKeysAreNamedWithTheirCause() {
    assertThat(Reports.undecidedKeys(results())).containsExactly("2: search budget exceeded");
    assertThat(Reports.undecidedKeys(Map.of())).isEmpty();
  }
}
