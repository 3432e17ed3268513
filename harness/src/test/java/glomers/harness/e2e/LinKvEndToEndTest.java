package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinKvEndToEndTest {
  @TempDir Path dir;

  @Test
  void aSingleNodeStoreIsLinearizable() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "1", "--concurrency", "2n",
        "--time-limit", "2", "--rate", "100", "--seed", "3");

    assertThat(run.exitCode).isZero();
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
    assertThat(run.result("workload", "failures")).isEqualTo(List.of());
    assertThat(run.result("workload", "results", "0", "valid?")).isEqualTo(true);
    String history = Files.readString(run.storeDir.resolve("history.jsonl"));
    assertThat(history).contains("\"f\":\"cas\"", "\"f\":\"write\"", "\"type\":\"ok\",\"process\":0,\"f\":\"read\"");
    assertThat(run.storeDir.resolve("linearizability")).doesNotExist();
  }

  @Test
  void concurrencyThatDoesNotFillGroupsOfTwoNIsAUsageError() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "2", "--time-limit", "1");

    assertThat(run.exitCode).isEqualTo(254);
    assertThat(run.storeDir).isNull();
  }

  @Test
  void readsFromALaggingLocalCopyAreNotLinearizable() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "2", "--concurrency", "2n",
        "--time-limit", "3", "--rate", "100", "--latency", "100", "--seed", "5", "--", "--mode", "lagging");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(false);
    assertThat(run.result("workload", "failures")).isEqualTo(List.of(0));
    @SuppressWarnings("unchecked")
    Map<String, Object> lin = (Map<String, Object>) run.result("workload", "results", "0", "linearizable");
    assertThat(lin).containsKeys("op", "previous-ok", "linearized-prefix", "concurrent", "explanation");
    String explained = Files.readString(run.storeDir.resolve("linearizability/0.txt"));
    assertThat(explained).contains("Key 0 is not linearizable", "cannot be extended past");
    assertThat(run.log()).contains("linearizability/0.txt", "Analysis invalid!");
    String page = Files.readString(run.storeDir.resolve("index.html"));
    assertThat(page).contains("<section id=\"linearizability\">", "key 0 is not linearizable", "cannot be placed", "<svg");
    // The page opens on the failure in words, then draws the key, before any figure or plot.
    assertThat(page.indexOf("id=\"anomalies\"")).as("the page opens on the failure")
        .isLessThan(page.indexOf("id=\"linearizability\"")).isLessThan(page.indexOf("id=\"figures\""))
        .isLessThan(page.indexOf("id=\"plots\""));
    assertThat(page).contains("Key 0 is not linearizable <a class=\"muted\" href=\"linearizability/0.txt\">");
  }

  @Test
  void aNodeThatAnswersEveryReadWithNullPassesTheCheckerButNotStats() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "1", "--concurrency", "2",
        "--time-limit", "1", "--rate", "50", "--seed", "2", "--", "--mode", "null-reads");

    assertThat(run.result("workload", "valid?")).isEqualTo(true);
  }

  @Test
  void aReadOkWithoutValueIsIndeterminateAndNamesTheNodeAndReply() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "1", "--concurrency", "2",
        "--time-limit", "2", "--rate", "50", "--seed", "2", "--", "--mode", "no-value");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
    assertThat(run.result("stats", "valid?")).isEqualTo(false);
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0 the request", "missing required key value");
  }

  @Test
  void aCasOkAnsweredToAWriteIsIndeterminate() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "1", "--concurrency", "2",
        "--time-limit", "2", "--rate", "50", "--seed", "2", "--", "--mode", "cas-ok-to-write");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("stats", "valid?")).isEqualTo(false);
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0 the request", "type should be \\\"write_ok\\\" but is the string \\\"cas_ok\\\"");
  }

  @Test
  void aValueOfAnotherJsonTypeIsAnotherValue() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "1", "--concurrency", "2",
        "--time-limit", "2", "--rate", "50", "--seed", "2", "--", "--mode", "string-values");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(false);
    assertThat(Files.readString(run.storeDir.resolve("linearizability/0.txt"))).contains("read of \"");
  }

  @Test
  void aReplyNamingAnotherKeyIsIndeterminate() throws Exception {
    BenchRun run = BenchRun.run(dir, "lin-kv", "-w", "lin-kv", "--node-count", "1", "--concurrency", "2",
        "--time-limit", "2", "--rate", "50", "--seed", "2", "--", "--mode", "other-key");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("stats", "valid?")).isEqualTo(false);
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0 the request", "disallowed key key");
  }
}
