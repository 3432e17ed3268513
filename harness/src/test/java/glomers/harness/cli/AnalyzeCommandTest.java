package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.Maelstrom;
import glomers.harness.benchmark.KafkaCheckerBenchmark;
import glomers.harness.checker.HistoryBuilder;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.TestOptions;
import glomers.harness.options.Faults;
import glomers.harness.report.Reports;
import glomers.harness.report.StoredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("unchecked")
class AnalyzeCommandTest {
  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  private Map<String, Object> results(Path run) throws Exception {
    return Json.MAPPER.readValue(run.resolve("results.json").toFile(), Map.class);
  }

  @Test
  void aGeneratedValidKafkaRunChecksValidAndAnEditedOneDoesNot() throws Exception {
    Path run = dir.resolve("run");
    KafkaCheckerBenchmark.main(new String[] {run.toString(), "3000", "7"});

    assertThat(Maelstrom.run(new String[] {"analyze", run.toString()})).isZero();
    assertThat(results(run)).containsEntry("valid?", true);
    assertThat((Integer) ((Map<String, Object>) results(run).get("stats")).get("count")).isGreaterThan(3000);
    assertThat(Files.readString(run.resolve("history.txt"))).contains("crash", "assign");

    // Same options, a history whose only send nobody polls.
    HistoryBuilder h = new HistoryBuilder();
    h.invoke(0, "send", List.of(List.of("send", "0", 1L)));
    h.ok(0, "send", List.of(List.of("send", "0", List.of(0L, 1L))));
    h.invoke(1, "poll", List.of(List.of("poll")));
    h.ok(1, "poll", List.of(List.of("poll", Map.of())));
    Reports.writeHistory(run, h.build());

    assertThat(Maelstrom.run(new String[] {"analyze", run.toString()})).isEqualTo(1);
    assertThat((Map<String, Object>) results(run).get("workload")).containsEntry("bad-error-types", List.of("unseen"));
  }

  @Test
  void everyWorkloadIsRecheckedWithItsOwnChecker() throws Exception {
    Path run = dir.resolve("counter");
    Files.createDirectories(run);
    StoredRun.writeOptions(
        run,
        new TestOptions(
            "g-counter", Path.of("node"), List.of("n0"), 1, 1, 5, 0, "constant", Faults.NONE, 10, null,
            List.of("strict-serializable"), null, 4, 16, null, SeqKvStaleness.UNIFORM, false, false, false, 1, 3,
            List.of()));
    HistoryBuilder good = new HistoryBuilder();
    good.op(0, "add", 2L, OpType.OK, 2L).op(0, "read", null, OpType.OK, 2L);
    good.invoke(0, "read", null).add(OpType.OK, 0, "read", 2L, null, true);
    Reports.writeHistory(run, good.build());

    assertThat(Maelstrom.run(new String[] {"analyze", run.toString()})).isZero();

    HistoryBuilder bad = new HistoryBuilder();
    bad.op(0, "add", 2L, OpType.OK, 2L).op(0, "read", null, OpType.OK, 2L);
    bad.invoke(0, "read", null).add(OpType.OK, 0, "read", 3L, null, true);
    Reports.writeHistory(run, bad.build());

    assertThat(Maelstrom.run(new String[] {"analyze", run.toString()})).isEqualTo(1);
    assertThat((Map<String, Object>) results(run).get("workload")).containsEntry("final-reads", List.of(3));
    assertThat(results(run)).containsKeys("perf", "stats", "availability", "net", "workload");
  }

  @Test
  void aFolderThatIsNotARunIsAUsageError() throws Exception {
    Files.createDirectories(dir.resolve("empty"));

    assertThat(Maelstrom.run(new String[] {"analyze", dir.resolve("empty").toString()})).isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"analyze", dir.resolve("missing").toString()})).isEqualTo(254);
  }
}
