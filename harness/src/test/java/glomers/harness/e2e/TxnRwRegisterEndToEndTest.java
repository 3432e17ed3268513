package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxnRwRegisterEndToEndTest {
  @TempDir Path dir;

  @Test
  void aSingleAtomicNodeIsStrictSerializable() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "txn", "-w", "txn-rw-register", "--node-count", "1", "--concurrency", "4", "--time-limit", "2",
            "--rate", "100", "--seed", "5");

    assertThat(run.exitCode).isZero();
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
    assertThat(run.result("workload", "anomaly-types")).isEqualTo(List.of());
    assertThat((Integer) run.result("stats", "ok-count")).isGreaterThan(50);
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl"))).contains("\"f\":\"txn\"", "[\"w\",");
    assertThat(run.storeDir.resolve("elle")).doesNotExist();
  }

  @Test
  void replayingWritesInReverseExposesIntermediateValues() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "txn", "-w", "txn-rw-register", "--node-count", "2", "--concurrency", "4", "--time-limit", "3",
            "--rate", "100", "--key-count", "2", "--max-txn-length", "6", "--consistency-models", "read-committed",
            "--seed", "7", "--", "--mode", "reversed");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(false);
    assertThat(run.result("workload", "anomaly-types").toString()).contains("G1b");
    assertThat(run.result("workload", "not")).isEqualTo(List.of("read-committed"));
    String g1b = Files.readString(run.storeDir.resolve("elle/G1b.txt"));
    assertThat(g1b).contains("G1b (intermediate read): op ", "wrote and then overwrote with");
    assertThat(run.log()).contains("elle/G1b.txt").contains("G1b (intermediate read)").contains("Analysis invalid!");
  }

  @Test
  void abortedTxnsAreDefiniteFailuresThatFailTotalAvailabilityOnly() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "txn", "-w", "txn-rw-register", "--node-count", "1", "--concurrency", "2", "--time-limit", "2",
            "--rate", "50", "--availability", "total", "--seed", "3", "--", "--mode", "abort");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("workload", "valid?")).isEqualTo(true);
    assertThat(run.result("availability", "valid?")).isEqualTo(false);
    assertThat((Integer) run.result("stats", "fail-count")).isPositive();
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl"))).contains("\"type\":\"fail\"", "txn-conflict");
  }

  @Test
  void stringKeysInRepliesMakeTheWholeWorkloadUnknown() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "txn", "-w", "txn-rw-register", "--node-count", "1", "--time-limit", "1", "--rate", "20",
            "--", "--mode", "string-keys");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.result("workload", "valid?")).isEqualTo("unknown");
    assertThat((String) run.result("workload", "error")).contains("mix of different types for transaction keys");
  }

  @Test
  void repliesThatChangeAWriteBecomeIndeterminateWithAClearMessage() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "txn", "-w", "txn-rw-register", "--node-count", "1", "--time-limit", "1", "--rate", "20",
            "--max-txn-length", "1", "--availability", "total", "--", "--mode", "wrong-write");

    // Indeterminate ops alone don't make the history invalid; total availability fails on them.
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.result("availability", "valid?")).isEqualTo(false);
    assertThat((Integer) run.result("stats", "info-count")).isPositive();
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("Malformed RPC response. Maelstrom sent node n0 the request", "but the request wrote");
  }

  @Test
  void anUnknownConsistencyModelMakesTheVerdictUnknown() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "txn", "-w", "txn-rw-register", "--node-count", "1", "--time-limit", "1", "--rate", "20",
            "--consistency-models", "serializable,read-committed");

    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.result("workload", "valid?")).isEqualTo("unknown");
    assertThat((String) run.result("workload", "error")).contains("Unknown consistency model serializable,read-committed");
  }
}
