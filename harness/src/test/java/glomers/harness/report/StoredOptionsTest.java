package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.options.Faults;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.TestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredOptionsTest {
  @TempDir Path dir;

  private static TestOptions options(Faults nemesis) {
    return new TestOptions("unique-ids", Path.of("node"), List.of("n0", "n1", "n2"), 3, 10, 5, 0, "constant", nemesis,
        2, null, List.of("strict-serializable"), null, 4, 16, null, SeqKvStaleness.UNIFORM, false, false, false, 1, 7,
        List.of());
  }

  @Test
  void theFaultsAndKillTargetsOfARunAreReadBack() throws Exception {
    Faults faults = new Faults(true, true, true, List.of("one", "minority"));
    StoredRun.writeOptions(dir, options(faults));

    TestOptions read = StoredRun.readOptions(dir);
    assertThat(read.nemesis()).isEqualTo(faults);
    assertThat(read.partition()).isTrue();
  }

  @Test
  void aRunStoredBeforeKillAndPauseHasOnlyItsPartitionFlag() throws Exception {
    StoredRun.writeOptions(dir, options(Faults.NONE));
    Path file = dir.resolve(StoredRun.OPTIONS_FILE);
    String old = Files.readString(file).replace("\"partition\":false", "\"partition\":true")
        .replaceAll(",\"nemesis\":\\[[^]]*\\],\"kill-targets\":\\[[^]]*\\]", "");
    assertThat(old).doesNotContain("kill-targets");
    Files.writeString(file, old);

    assertThat(StoredRun.readOptions(dir).nemesis()).isEqualTo(Faults.partitionOnly());
  }
}
