package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.Maelstrom;
import glomers.harness.checker.HistoryBuilder;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.TestOptions;
import glomers.harness.options.Faults;
import glomers.harness.report.CutShort;
import glomers.harness.report.Reports;
import glomers.harness.report.StoredRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code analyze} on a run cut short: what is there is checked, open invocations count as :info. */
@SuppressWarnings("unchecked")
class CutShortAnalysisTest {
  @TempDir Path dir;

  private Path gSetRun(List<Op> history) throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    StoredRun.writeOptions(
        run,
        new TestOptions(
            "g-set", Path.of("node"), List.of("n0", "n1"), 2, 10, 5, 0, "constant", Faults.NONE, 10, null,
            List.of("strict-serializable"), null, 4, 16, null, SeqKvStaleness.UNIFORM, false, false, false, 1, 3,
            List.of()));
    Reports.writeHistory(run, history);
    return run;
  }

  private static Map<String, Object> results(Path run) throws Exception {
    return Json.MAPPER.readValue(run.resolve("results.json").toFile(), Map.class);
  }

  /** Runs analyze, returning its exit code; its console output goes to {@code out}. */
  private static int analyze(Path run, ByteArrayOutputStream out) {
    PrintStream console = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      return Maelstrom.run(new String[] {"analyze", run.toString()});
    } finally {
      System.setOut(console);
    }
  }

  @Test
  void aCutShortHistoryThatHoldsUpPassesWithItsOpenInvocationsAsInfo() throws Exception {
    HistoryBuilder h = new HistoryBuilder();
    h.op(0, "add", 1L, OpType.OK, 1L);
    h.invoke(1, "add", 2L); // never completed: the bench was killed
    h.invoke(0, "read", null).ok(0, "read", List.of(1L, 2L));
    h.invoke(0, "read", null); // open as well
    Path run = gSetRun(h.build());
    CutShort.write(run, CutShort.RUNNING, null, "main", 7_300_000_000L);
    Files.createDirectories(run.resolve("net-journal"));
    Files.writeString(run.resolve("net-journal/journal.jsonl"), """
        {"time":1,"type":"send","id":0,"src":"c1","dest":"n0","body":{"type":"add","element":1,"msg_id":1}}
        {"time":2,"type":"recv","id":0,"src":"c1","dest":"n0","body":{"type":"add","element":1,"msg_id":1}}
        {"time":3,"type":"send","id":1,"src":"n0","dest":"n1","body":{"type":"gossip"}}
        {"time":4,"type":"recv","id":1,"src":"n0","dest":"n1","bo""");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(analyze(run, out)).isZero();

    Map<String, Object> results = results(run);
    assertThat(results).containsEntry("valid?", true);
    assertThat((Map<String, Object>) results.get("stats")).containsEntry("info-count", 2).containsEntry("ok-count", 2);
    Map<String, Object> cut = (Map<String, Object>) results.get("cut-short");
    assertThat(cut)
        .containsEntry("how", "killed")
        .containsEntry("phase", "main")
        .containsEntry("time", 7_300_000_000L)
        .containsEntry("open-invocations", 2);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("cut short: the bench stopped without finishing (killed?); its files reach 7.3 s into the test, in phase main")
        .contains("2 open invocations counted as :info");
    // No results.json from the run: the journal's events are counted, its unfinished last line left out.
    assertThat((Map<String, Object>) ((Map<String, Object>) results.get("net")).get("all"))
        .containsEntry("send-count", 2).containsEntry("recv-count", 1);
    assertThat((Map<String, Object>) ((Map<String, Object>) results.get("net")).get("servers"))
        .containsEntry("send-count", 1);
    // What the run recorded is left as it was.
    assertThat(StoredRun.readHistory(run)).hasSize(6);
  }

  @Test
  void aCutShortHistoryThatLostAnElementFails() throws Exception {
    HistoryBuilder h = new HistoryBuilder();
    h.op(0, "add", 1L, OpType.OK, 1L);
    h.invoke(0, "read", null).ok(0, "read", List.of(1L));
    h.invoke(1, "read", null).ok(1, "read", List.of());
    h.invoke(1, "add", 2L); // open
    Path run = gSetRun(h.build());
    CutShort.write(run, CutShort.RUNNING, null, "main", 5_000_000_000L);

    assertThat(analyze(run, new ByteArrayOutputStream())).isEqualTo(1);

    Map<String, Object> results = results(run);
    assertThat((Map<String, Object>) results.get("workload")).containsEntry("valid?", false).containsEntry("lost-count", 1);
    assertThat((Map<String, Object>) results.get("stats")).containsEntry("info-count", 1);
    assertThat((Map<String, Object>) results.get("cut-short")).containsEntry("open-invocations", 1);
  }

  @Test
  void openInvocationsGetAnInfoCompletionAtTheCutOrAfterTheLastOp() {
    HistoryBuilder h = new HistoryBuilder();
    h.at(10).invoke(0, "add", 1L).ok(0, "add", 1L);
    h.at(20).invoke(3, "add", 5L);
    h.add(OpType.INVOKE, 4, "read", null, null, true);
    List<Op> history = h.build();

    List<Op> closed = CutShort.closeOpen(history, 15_000_000L);

    assertThat(closed).hasSize(6).startsWith(history.toArray(Op[]::new));
    assertThat(closed.get(4)).isEqualTo(new Op(4, 21_000_000L, OpType.INFO, 3, "add", 5L, CutShort.OPEN_ERROR, false));
    assertThat(closed.get(5)).isEqualTo(new Op(5, 21_000_000L, OpType.INFO, 4, "read", null, CutShort.OPEN_ERROR, true));
    assertThat(CutShort.openCount(history)).isEqualTo(2);
    assertThat(CutShort.closeOpen(closed, 0)).isSameAs(closed);
  }

  @Test
  void anUnfinishedLastLineIsLeftOutOfACutShortRunOnly() throws Exception {
    HistoryBuilder h = new HistoryBuilder();
    h.op(0, "add", 1L, OpType.OK, 1L);
    h.invoke(0, "read", null).ok(0, "read", List.of(1L));
    Path run = gSetRun(h.build());
    Files.writeString(run.resolve("history.jsonl"), "{\"index\":4,\"time\":4000000,\"type\":\"inv",
        StandardOpenOption.APPEND);

    // Without the cut-short record the file is simply broken.
    assertThat(analyze(run, new ByteArrayOutputStream())).isEqualTo(254);

    CutShort.write(run, CutShort.RUNNING, null, "main", 4_000_000L);
    assertThat(analyze(run, new ByteArrayOutputStream())).isZero();
    assertThat((Map<String, Object>) results(run).get("stats")).containsEntry("count", 2);
  }
}
