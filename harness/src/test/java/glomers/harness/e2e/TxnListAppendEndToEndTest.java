package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxnListAppendEndToEndTest {
  @TempDir Path dir;

  @Test
  void aSingleAtomicNodeIsStrictSerializable() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "list-append", "-w", "txn-list-append", "--node-count", "1", "--concurrency", "4", "--time-limit", "2",
            "--rate", "100", "--seed", "5");

    assertThat(run.exitCode).isZero();
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
    assertThat(run.result("workload", "anomaly-types")).isEqualTo(List.of());
    assertThat((Integer) run.result("stats", "ok-count")).isGreaterThan(50);
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl"))).contains("\"f\":\"txn\"", "[\"append\",");
    assertThat(run.storeDir.resolve("elle")).doesNotExist();
  }

  @Test
  void applyingEachAppendTwiceShowsDuplicateElements() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "list-append", "-w", "txn-list-append", "--node-count", "1", "--concurrency", "2", "--time-limit", "2",
            "--rate", "50", "--key-count", "2", "--consistency-models", "read-uncommitted", "--seed", "3",
            "--", "--mode", "double-append");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(false);
    assertThat(run.result("workload", "anomaly-types").toString()).contains("duplicate-elements");
    assertThat(run.result("workload", "not")).isEqualTo(List.of("read-uncommitted"));
    assertThat(Files.readString(run.storeDir.resolve("elle/duplicate-elements.txt"))).contains("duplicate-elements: op ", "2 times");
    assertThat(run.log()).contains("elle/duplicate-elements.txt").contains("Analysis invalid!");
  }

  @Test
  void readsWithTheirLastTwoElementsSwappedShowIncompatibleOrder() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "list-append", "-w", "txn-list-append", "--node-count", "1", "--concurrency", "2", "--time-limit", "2",
            "--rate", "50", "--key-count", "2", "--seed", "4", "--", "--mode", "swapped-read");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(false);
    assertThat(run.result("workload", "anomaly-types").toString()).contains("incompatible-order");
    String text = Files.readString(run.storeDir.resolve("elle/incompatible-order.txt"));
    assertThat(text).contains("^ position ", "Readers:");
    // The report page shows the explanation with each op linked to that op on the page (its row,
    // its messages, and from there its bar on the timeline).
    String reader = text.substring(text.indexOf("Readers:\n  op ") + "Readers:\n  op ".length()).split(" ")[0];
    assertThat(Files.readString(run.storeDir.resolve("index.html")))
        .contains("elle/incompatible-order.txt", "<a class=\"op-link\" href=\"#op-" + reader + "\" data-op=\"" + reader + "\">op " + reader + "</a>");
    assertThat(Files.readString(run.storeDir.resolve("timeline.html"))).contains("id=\"op-" + reader + "\"");
  }

  @Test
  void aReadThatIsNotAListIsIndeterminateWithAClearMessage() throws Exception {
    BenchRun run = malformed("number-read");

    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0 the request", "which is neither a list nor null");
  }

  @Test
  void anAppendEchoedWithAnotherValueIsIndeterminateWithAClearMessage() throws Exception {
    BenchRun run = malformed("wrong-append");

    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0 the request", "but the request appended");
  }

  @Test
  void aReplyOfAnotherLengthIsIndeterminateWithAClearMessage() throws Exception {
    BenchRun run = malformed("short-reply");

    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0 the request", "micro-ops but the request had");
  }

  /** A run whose malformed replies become :info ops: nothing lost, total availability fails on them. */
  private BenchRun malformed(String mode) throws Exception {
    BenchRun run =
        BenchRun.run(dir, "list-append", "-w", "txn-list-append", "--node-count", "1", "--time-limit", "1", "--rate", "30",
            "--key-count", "2", "--availability", "total", "--seed", "6", "--", "--mode", mode);
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("availability", "valid?")).isEqualTo(false);
    assertThat((Integer) run.result("stats", "info-count")).isPositive();
    return run;
  }
}
