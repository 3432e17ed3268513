package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.history.ProcessClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history.jsonl and history.txt name each process's client connection and node; analyze reads old and new files. */
class HistoryFilesTest {
  @TempDir Path dir;

  private static final List<Op> OPS =
      List.of(
          new Op(0, 2_900_000, OpType.INVOKE, 3, "add", 5L, null, false),
          new Op(1, 3_100_000, OpType.INFO, Op.NEMESIS, "start-partition", "minority-third", null, false),
          new Op(2, 5_001_234_567L, OpType.INFO, 3, "add", 5L, "indeterminate: Client read timeout", false));

  @Test
  void theFilesNameTheConnectionAndNodeBesideTheTime() throws Exception {
    Reports.writeHistory(dir, OPS, Map.of(3, new ProcessClient("c6", "n0")));

    assertThat(Files.readAllLines(dir.resolve("history.txt")))
        .containsExactly(
            "2.900\t3\tc6\tn0\tinvoke\tadd\t5\t",
            "3.100\tnemesis\t\t\tinfo\tstart-partition\t\"minority-third\"\t",
            "5001.235\t3\tc6\tn0\tinfo\tadd\t5\t\"indeterminate: Client read timeout\"");
    List<String> jsonl = Files.readAllLines(dir.resolve("history.jsonl"));
    assertThat(jsonl.get(0)).endsWith(",\"client\":\"c6\",\"node\":\"n0\"}");
    assertThat(jsonl.get(1)).doesNotContain("client");
    assertThat(StoredRun.readHistory(dir)).isEqualTo(OPS);
  }

  @Test
  void aValueWrittenOnceForBothFilesGivesTheBytesOfTheWholeOpWrittenAsJson() throws Exception {
    List<Op> ops = List.of(
        new Op(0, 1, OpType.OK, 3, "read", List.of(5L, 7L, 11L), null, false),
        new Op(1, 2, OpType.FAIL, 4, "read", null, List.of(11L, "timeout"), true),
        new Op(2, 3, OpType.OK, 3, "txn", List.of(java.util.Arrays.asList("r", 1L, null), Map.of("k", "v\"q")), null, false));
    Reports.writeHistory(dir, ops, Map.of(3, new ProcessClient("c6", "n0")));

    List<String> lines = Files.readAllLines(dir.resolve("history.jsonl"));
    for (int i = 0; i < ops.size(); i++) {
      Map<String, Object> json = glomers.harness.checker.History.toJson(ops.get(i));
      if (ops.get(i).process() == 3) {
        json.put("client", "c6");
        json.put("node", "n0");
      }
      assertThat(lines.get(i)).isEqualTo(glomers.harness.json.Json.write(json));
    }
    assertThat(StoredRun.readHistory(dir)).isEqualTo(ops);
  }

  @Test
  void aHistoryWithoutConnectionsStillReads() throws Exception {
    Files.writeString(
        dir.resolve("history.jsonl"),
        "{\"index\":0,\"time\":2900000,\"type\":\"invoke\",\"process\":3,\"f\":\"add\",\"value\":5}\n");

    assertThat(StoredRun.readHistory(dir)).containsExactly(OPS.get(0));
  }
}
