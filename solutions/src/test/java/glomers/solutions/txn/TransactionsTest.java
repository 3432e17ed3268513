package glomers.solutions.txn;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TransactionsTest {
  private static final Duration HOP = Duration.ofMillis(10);
  private static final List<String> TWO = List.of("n0", "n1");

  /**
   * A cluster past its start: each node has claimed its incarnation and sent its peers a first
   * (empty) snapshot, and they have answered.
   */
  private static Cluster cluster(List<String> ids) {
    Cluster cluster = new Cluster(new Transactions_Dispatcher(), ids, HOP, 1);
    cluster.run(Duration.ofMillis(500));
    return cluster;
  }

  private static List<Object> r(long key) {
    return Arrays.asList("r", key, null);
  }

  private static List<Object> w(long key, long value) {
    return Arrays.asList("w", key, value);
  }

  /** Runs one txn on {@code node} and returns the micro-ops of its txn_ok. */
  @SafeVarargs
  @SuppressWarnings("unchecked")
  private static List<List<Object>> txn(Cluster cluster, String node, List<Object>... ops) {
    Map<String, Object> reply = cluster.call(node, Map.of("type", "txn", "txn", List.of(ops)));
    assertThat(reply).as("reply to %s", List.of(ops)).containsEntry("type", "txn_ok");
    return (List<List<Object>>) reply.get("txn");
  }

  /** What {@code node} reads for each of {@code keys} in one txn (null for never written). */
  @SuppressWarnings("unchecked")
  private static List<Long> read(Cluster cluster, String node, long... keys) {
    List<Object>[] ops = new List[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ops[i] = r(keys[i]);
    }
    List<Long> values = new ArrayList<>();
    for (List<Object> op : txn(cluster, node, ops)) {
      values.add(op.get(2) == null ? null : ((Number) op.get(2)).longValue());
    }
    return values;
  }

  @Test
  void aSingleNodeReadsNullThenItsOwnWritesAndEchoesEveryMicroOp() {
    Cluster cluster = cluster(List.of("n0"));
    assertThat(txn(cluster, "n0", r(1), w(1, 5), r(1), w(1, 6), r(1), r(2), w(3, 7)))
        .containsExactly(
            Arrays.asList("r", 1, null),
            Arrays.asList("w", 1, 5),
            Arrays.asList("r", 1, 5),
            Arrays.asList("w", 1, 6),
            Arrays.asList("r", 1, 6),
            Arrays.asList("r", 2, null),
            Arrays.asList("w", 3, 7));
    // Only final writes are committed; later txns see them.
    assertThat(read(cluster, "n0", 1, 2, 3)).containsExactly(6L, null, 7L);
    assertThat(txn(cluster, "n0")).isEmpty();
    assertThat(cluster.serverMessages()).isZero();
  }

  @Test
  void aMalformedMicroOpIsRejectedAndChangesNothing() {
    Cluster cluster = cluster(List.of("n0"));
    Map<String, Object> reply =
        cluster.call("n0", Map.of("type", "txn", "txn", List.of(w(1, 1), List.of("x", 1, 2))));
    assertThat(reply).containsEntry("type", "error").containsEntry("code", 12);
    assertThat(read(cluster, "n0", 1)).containsExactly((Long) null);
  }

  @Test
  void aPeerSeesAllOfATxnOrNoneOfItAndNeverItsIntermediateWrites() {
    Cluster cluster = cluster(TWO);
    // Three txns within one batch interval, each writing x and y to the same fresh value, the
    // first also writing x a throwaway value first.
    txn(cluster, "n0", w(1, 100), w(1, 1), w(2, 1));
    cluster.run(Duration.ofMillis(7));
    txn(cluster, "n0", w(1, 2), w(2, 2));
    cluster.run(Duration.ofMillis(7));
    txn(cluster, "n0", w(2, 3), w(1, 3));
    List<List<Long>> seen = new ArrayList<>();
    for (int ms = 0; ms < 2 * Transactions.BATCH_MILLIS + 2 * HOP.toMillis(); ms++) {
      List<Long> xy = read(cluster, "n1", 1, 2);
      assertThat(xy.get(0)).as("x and y read together at %d ms", ms).isEqualTo(xy.get(1));
      if (seen.isEmpty() || !seen.getLast().equals(xy)) {
        seen.add(xy);
      }
      cluster.run(Duration.ofMillis(1));
    }
    // One batch brings all three commits, installed together: never 1 or 2 on the peer.
    assertThat(seen).containsExactly(Arrays.asList(null, null), List.of(3L, 3L));
  }

  @Test
  void aTxnThatEndsABatchIsStillInstalledWhole() {
    Cluster cluster = cluster(TWO);
    cluster.partition(Set.of("n1"));
    // A backlog that fills the first catch-up batch but one, then a txn writing x and y: if its
    // writes travelled separately, the batch limit would split them.
    for (int i = 0; i < Transactions.MAX_BATCH - 1; i++) {
      txn(cluster, "n0", w(10 + i % 5, i));
    }
    txn(cluster, "n0", w(1, 1), w(2, 1));
    cluster.run(Duration.ofSeconds(1));
    cluster.heal();
    for (int ms = 0; ms < 2 * Transactions.RETRY_MILLIS; ms++) {
      List<Long> xy = read(cluster, "n1", 1, 2);
      assertThat(xy.get(0)).as("x and y read together at %d ms", ms).isEqualTo(xy.get(1));
      cluster.run(Duration.ofMillis(1));
    }
    assertThat(read(cluster, "n1", 1, 2)).containsExactly(1L, 1L);
  }

  @Test
  void commitsLostInAPartitionArriveAfterItHeals() {
    Cluster cluster = cluster(TWO);
    cluster.partition(Set.of("n1"));
    txn(cluster, "n0", w(1, 1), w(2, 1));
    cluster.run(Duration.ofMillis(300));
    txn(cluster, "n1", w(3, 1));
    txn(cluster, "n0", w(2, 2));
    cluster.run(Duration.ofSeconds(2));
    assertThat(cluster.dropped()).isPositive();
    // Both still answer at once from their own state.
    assertThat(read(cluster, "n1", 1, 2, 3)).containsExactly(null, null, 1L);
    assertThat(read(cluster, "n0", 1, 2, 3)).containsExactly(1L, 2L, null);
    cluster.heal();
    cluster.run(Duration.ofMillis(Transactions.RETRY_MILLIS + Transactions.BATCH_MILLIS
        + 2 * HOP.toMillis()));
    for (String node : TWO) {
      assertThat(read(cluster, node, 1, 2, 3)).as("on %s", node).containsExactly(1L, 2L, 1L);
    }
  }

  @Test
  void conflictingWritesOnBothSidesConvergeToOneValue() {
    Cluster cluster = cluster(TWO);
    cluster.partition(Set.of("n1"));
    // Same key, same Lamport stamp on both sides: the tie needs the node-index rule.
    txn(cluster, "n0", w(1, 10));
    txn(cluster, "n1", w(1, 11));
    cluster.run(Duration.ofSeconds(1));
    cluster.heal();
    cluster.run(Duration.ofSeconds(1));
    assertThat(read(cluster, "n0", 1)).isEqualTo(read(cluster, "n1", 1));
  }

  @Test
  void aWriteAfterReadingAPeersValueWinsOnEveryNode() {
    Cluster cluster = cluster(TWO);
    for (long v = 1; v <= 5; v++) {
      txn(cluster, "n0", w(1, v));   // n0's stamps run ahead of n1's
    }
    cluster.run(Duration.ofMillis(Transactions.BATCH_MILLIS + 2 * HOP.toMillis()));
    // n1 reads 5 and overwrites it: the checker orders 5 before 6, so every replica must too.
    assertThat(txn(cluster, "n1", r(1), w(1, 6)).getFirst()).isEqualTo(Arrays.asList("r", 1, 5));
    cluster.run(Duration.ofSeconds(1));
    assertThat(read(cluster, "n0", 1)).containsExactly(6L);
    assertThat(read(cluster, "n1", 1)).containsExactly(6L);
  }

  @Test
  void replicasConvergeAfterARandomConflictingWorkloadWithPartitions() {
    for (long seed = 0; seed < 10; seed++) {
      Cluster cluster = cluster(TWO);
      Random random = new Random(seed);
      long value = 0;
      for (int i = 0; i < 400; i++) {
        if (i % 100 == 50) {
          cluster.partition(Set.of("n" + random.nextInt(2)));
        } else if (i % 100 == 0) {
          cluster.heal();
        }
        String node = "n" + random.nextInt(2);
        int length = 1 + random.nextInt(4);
        List<List<Object>> ops = new ArrayList<>();
        for (int j = 0; j < length; j++) {
          long key = random.nextInt(5);
          ops.add(random.nextBoolean() ? r(key) : w(key, ++value));
        }
        Map<String, Object> reply = cluster.call(node, Map.of("type", "txn", "txn", ops));
        assertThat(reply).containsEntry("type", "txn_ok");
        cluster.run(Duration.ofMillis(random.nextInt(20)));
      }
      cluster.heal();
      cluster.run(Duration.ofSeconds(2));
      assertThat(read(cluster, "n0", 0, 1, 2, 3, 4))
          .as("seed %d", seed)
          .isEqualTo(read(cluster, "n1", 0, 1, 2, 3, 4))
          .doesNotContainNull();
    }
  }

  @Test
  void aPeerWithNothingToSendStillAcknowledgesSoNothingIsResent() {
    Cluster cluster = cluster(TWO);
    long start = cluster.serverMessages();
    for (int ms = 0; ms < 200; ms++) {
      txn(cluster, "n0", w(1, ms));
      cluster.run(Duration.ofMillis(1));
    }
    cluster.run(Duration.ofSeconds(5));
    // n0: 4 batches; n1: one acknowledgement after each (the last goes out one tick later).
    assertThat(cluster.serverMessages() - start).isEqualTo(4 + 4);
    assertThat(read(cluster, "n1", 1)).containsExactly(199L);
  }

  @Test
  void serversSendOneBatchPerPeerPerIntervalWhateverTheTxnRate() {
    Cluster cluster = cluster(TWO);
    long start = cluster.serverMessages();
    // One txn a millisecond, alternating nodes, for one simulated second: 1000 txns.
    for (int ms = 0; ms < 1000; ms++) {
      txn(cluster, "n" + (ms % 2), w(ms % 10, ms), r((ms + 1) % 10));
      cluster.run(Duration.ofMillis(1));
    }
    // Each node's timer fired 20 times in that second, one batch to its one peer each time.
    long perSecond = 2 * (1000 / Transactions.BATCH_MILLIS);
    assertThat(cluster.serverMessages() - start).isEqualTo(perSecond);
    assertThat((cluster.serverMessages() - start) / 1000.0).isLessThanOrEqualTo(0.04);
    // Once idle, a last acknowledgement each way at the next tick, and then silence.
    cluster.run(Duration.ofMillis(Transactions.BATCH_MILLIS + 2 * HOP.toMillis()));
    assertThat(cluster.serverMessages() - start).isEqualTo(perSecond + 2);
    cluster.run(Duration.ofSeconds(5));
    assertThat(cluster.serverMessages() - start).isEqualTo(perSecond + 2);
    assertThat(cluster.dropped()).isZero();
  }

  @Test
  void aRestartedNodeCatchesUpFromItsPeerAndItsNewCommitsReachThePeer() {
    Cluster cluster = cluster(TWO);
    for (long k = 0; k < 5; k++) {
      txn(cluster, "n" + (k % 2), w(k, 10 + k));
    }
    cluster.run(Duration.ofMillis(200));
    cluster.kill("n1");
    txn(cluster, "n0", w(5, 15));             // committed while n1 is dead
    cluster.restart("n1");
    // Answered at once, on what the new life holds so far: nothing yet.
    assertThat(read(cluster, "n1", 0)).containsExactly((Long) null);
    txn(cluster, "n1", w(6, 16));             // its commit number 1 again, of a new life
    cluster.run(Duration.ofMillis(500));      // its incarnation, the snapshots, the commits
    assertThat(read(cluster, "n1", 0, 1, 2, 3, 4, 5, 6)).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L);
    assertThat(read(cluster, "n0", 0, 1, 2, 3, 4, 5, 6)).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L);
    // And later commits flow both ways as before.
    txn(cluster, "n1", w(7, 17));
    txn(cluster, "n0", w(8, 18));
    cluster.run(Duration.ofMillis(200));
    assertThat(read(cluster, "n0", 7, 8)).containsExactly(17L, 18L);
    assertThat(read(cluster, "n1", 7, 8)).containsExactly(17L, 18L);
  }

  @Test
  void lateBatchesOfADeadLifeAreIgnoredAndAPartitionedRestartCatchesUpAfterHealing() {
    Cluster cluster = cluster(TWO);
    txn(cluster, "n1", w(1, 1));
    cluster.run(Duration.ofMillis(200));
    cluster.partition(Set.of("n1"));
    txn(cluster, "n1", w(2, 2));              // n1 dies with this unsent: lost with its memory
    txn(cluster, "n0", w(3, 3));
    cluster.run(Duration.ofMillis(100));
    cluster.kill("n1");
    cluster.restart("n1");
    txn(cluster, "n1", w(4, 4));
    cluster.run(Duration.ofSeconds(1));
    assertThat(read(cluster, "n1", 1, 3, 4)).containsExactly(null, null, 4L);
    cluster.heal();
    cluster.run(Duration.ofSeconds(2));       // the snapshot retried once the link is back
    assertThat(read(cluster, "n1", 1, 2, 3, 4)).containsExactly(1L, null, 3L, 4L);
    assertThat(read(cluster, "n0", 1, 2, 3, 4)).containsExactly(1L, null, 3L, 4L);
  }

  @Test
  void bothNodesKilledComeBackEmptyAndReplicateAgain() {
    Cluster cluster = cluster(TWO);
    txn(cluster, "n0", w(1, 1));
    cluster.run(Duration.ofMillis(200));
    cluster.kill("n0");
    cluster.kill("n1");
    cluster.restart("n0");
    cluster.restart("n1");
    txn(cluster, "n0", w(2, 2));
    txn(cluster, "n1", w(3, 3));
    cluster.run(Duration.ofMillis(500));
    assertThat(read(cluster, "n0", 1, 2, 3)).containsExactly(null, 2L, 3L);
    assertThat(read(cluster, "n1", 1, 2, 3)).containsExactly(null, 2L, 3L);
  }
}
