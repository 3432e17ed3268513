package glomers.solutions.kafka;

import static glomers.solutions.kafka.Calls.assertDenseOffsetsAndAgreeingLogs;
import static glomers.solutions.kafka.Calls.assertNoNodeFailures;
import static glomers.solutions.kafka.Calls.commit;
import static glomers.solutions.kafka.Calls.listCommitted;
import static glomers.solutions.kafka.Calls.poll;
import static glomers.solutions.kafka.Calls.pollAll;
import static glomers.solutions.kafka.Calls.send;
import static glomers.solutions.kafka.Calls.sendOk;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaLinKvTest {
  private static final List<String> TWO = List.of("n0", "n1");
  private static final Duration HOP = Duration.ofMillis(10);

  /** Two nodes past their start: incarnations claimed (a CAS each) and first batches exchanged. */
  private static Cluster cluster(Duration latency) {
    Cluster cluster = new Cluster(new KafkaLinKv_Dispatcher(), TWO, latency, 1);
    cluster.run(latency.multipliedBy(4).plusMillis(2 * KafkaLinKv.REPLICATE_MILLIS));
    return cluster;
  }

  /** CAS requests on offset counters: all but the two incarnation claims. */
  private static long counterCases(Cluster cluster) {
    return cluster.serverMessages("cas") - 2;
  }

  private static long logged(Cluster cluster, String node, String what) {
    long latest = -1;
    for (String line : cluster.logs()) {
      if (line.startsWith(node + " lin-kv offsets:")) {
        for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
          if (part.trim().endsWith(what)) {
            latest = Long.parseLong(part.trim().split(" ")[0]);
          }
        }
      }
    }
    return latest;
  }

  @Test
  void offsetsAreUniqueAndIncreasingPerKeyAndBothNodesPollTheSameLogs() {
    assertDenseOffsetsAndAgreeingLogs(cluster(HOP), TWO);
  }

  @Test
  void committedOffsetsRoundTripAndReachTheOtherNode() {
    Cluster cluster = cluster(HOP);
    commit(cluster, "n1", Map.of("a", 4L));
    assertThat(listCommitted(cluster, "n1", List.of("a", "b"))).isEqualTo(Map.of("a", 4L));
    cluster.run(Duration.ofMillis(200));
    assertThat(listCommitted(cluster, "n0", List.of("a"))).isEqualTo(Map.of("a", 4L));
  }

  @Test
  void anUncontendedSendIsOneCasAndPollsAreLocal() {
    Cluster cluster = cluster(HOP);
    sendOk(cluster, "n0", "k", 1);       // creates the counter
    sendOk(cluster, "n0", "k", 2);
    assertThat(counterCases(cluster)).isEqualTo(2);
    assertThat(cluster.serverMessages("read")).isZero();
    cluster.run(Duration.ofMillis(200));
    // n1 learned offset 1 from n0's batch, so its CAS starts from the right value.
    long cases = cluster.serverMessages("cas");
    long reads = cluster.serverMessages("read");
    assertThat(sendOk(cluster, "n1", "k", 3)).isEqualTo(2);
    poll(cluster, "n1", Map.of("k", 0L));
    assertThat(cluster.serverMessages("cas") - cases).isEqualTo(1);
    assertThat(cluster.serverMessages("read")).isEqualTo(reads);
  }

  @Test
  void concurrentSendsFromBothNodesConflictAreCountedAndStillGetDistinctOffsets() {
    Cluster cluster = cluster(HOP);
    String a = cluster.submit("n0", send("k", 1));
    String b = cluster.submit("n1", send("k", 2));
    String c = cluster.submit("n0", send("k", 3));   // queued behind a: no conflict with it
    long[] offsets = new long[3];
    int i = 0;
    for (String client : List.of(a, b, c)) {
      Map<String, Object> reply = cluster.await(client);
      assertThat(reply).containsEntry("type", "send_ok");
      offsets[i++] = ((Number) reply.get("offset")).longValue();
    }
    assertThat(offsets).containsExactlyInAnyOrder(0, 1, 2);
    cluster.run(Duration.ofMillis(KafkaLinKv.STATS_MILLIS + 100));
    // a and b race for offset 0 from the same guess; one of the two conflicts, and c, queued
    // behind a on n0, may meet b's offset too. Each conflict is retried.
    long conflicts = logged(cluster, "n0", "cas conflicts") + logged(cluster, "n1", "cas conflicts");
    long retries = logged(cluster, "n0", "retries") + logged(cluster, "n1", "retries");
    assertThat(conflicts).isBetween(1L, 2L);
    assertThat(retries).isEqualTo(conflicts);
    assertThat(counterCases(cluster)).isEqualTo(3 + conflicts);
    for (String node : TWO) {
      assertThat(pollAll(cluster, node, List.of("k")).get("k")).as("on %s", node).hasSize(3);
    }
    assertNoNodeFailures(cluster);
  }

  @Test
  void aCasWhoseReplyIsLostLeavesNoHoleBecauseTheNextCasReadsItsMessage() {
    Cluster cluster = cluster(HOP);
    cluster.cut("lin-kv", "n0");          // n0's CAS is applied, its reply (and re-read) lost
    Map<String, Object> lost = cluster.call("n0", send("k", 1));
    assertThat(lost).containsEntry("type", "error").containsEntry("code", 0);
    cluster.run(Duration.ofMillis(1500));
    cluster.heal();
    assertThat(poll(cluster, "n0", Map.of("k", 0L))).as("n0 does not know it won").isEmpty();

    // n1's CAS conflicts with the counter n0 left, whose value names n0's message at offset 0.
    assertThat(sendOk(cluster, "n1", "k", 2)).isEqualTo(1);
    cluster.run(Duration.ofMillis(200));
    for (String node : TWO) {
      assertThat(poll(cluster, node, Map.of("k", 0L))).as("on %s", node)
          .isEqualTo(Map.of("k", List.of(List.of(0L, 1L), List.of(1L, 2L))));
    }
    cluster.run(Duration.ofMillis(KafkaLinKv.STATS_MILLIS));
    assertThat(logged(cluster, "n0", "indefinite")).isEqualTo(1);
  }

  @Test
  void aBusyTwoNodeRunStaysConsistent() {
    Cluster cluster = cluster(Duration.ZERO);
    Calls.Workload workload = new Calls.Workload(cluster, TWO, 4, 11);
    for (int round = 0; round < 300; round++) {
      workload.round(8);
      cluster.run(Duration.ofMillis(4));
    }
    cluster.run(Duration.ofSeconds(1));
    workload.assertEveryNodeServesEverything();
    // Every send is at least one CAS: 2 messages each.
    assertThat(cluster.serverMessages("cas")).isGreaterThanOrEqualTo(workload.sends);
    assertNoNodeFailures(cluster);
  }

  @Test
  void partitionsDuringABusyRunCostNoSendAndLoseNothing() {
    Cluster cluster = cluster(HOP);
    Calls.Workload workload = new Calls.Workload(cluster, TWO, 4, 13);
    for (int round = 0; round < 400; round++) {
      if (round % 150 == 50) {
        cluster.partition(Set.of("n1"));
      } else if (round % 150 == 120) {
        cluster.heal();
      }
      workload.round(6);
      cluster.run(Duration.ofMillis(5));
    }
    cluster.heal();
    cluster.run(Duration.ofSeconds(2));
    workload.assertEveryNodeServesEverything();
    assertThat(workload.failed).isEmpty();
    assertThat(workload.indefinite).isEmpty();
    assertNoNodeFailures(cluster);
  }

  @Test
  void partitionedNodesKeepSendingThroughLinKvAndAgreeAfterHealing() {
    Cluster cluster = cluster(HOP);
    cluster.partition(Set.of("n1"));
    for (int i = 0; i < 10; i++) {
      sendOk(cluster, TWO.get(i % 2), "k", i);
    }
    cluster.run(Duration.ofSeconds(1));
    // Each node learned the other's offsets only from its own CAS conflicts: n0 never met n1's
    // last one, so it serves a prefix.
    assertThat(pollAll(cluster, "n0", List.of("k")).get("k")).hasSize(9);
    cluster.heal();
    cluster.run(Duration.ofSeconds(1));
    Map<String, List<List<Long>>> onN0 = pollAll(cluster, "n0", List.of("k"));
    assertThat(onN0.get("k")).hasSize(10);
    assertThat(pollAll(cluster, "n1", List.of("k"))).isEqualTo(onN0);
    assertNoNodeFailures(cluster);
  }

  @Test
  void acknowledgedSendsAndCommitsSurviveTheKillOfBothNodes() {
    Cluster cluster = cluster(HOP);
    Calls.Workload workload = new Calls.Workload(cluster, TWO, 4, 17);
    for (int round = 0; round < 100; round++) {
      workload.round(6);
      cluster.run(Duration.ofMillis(5));
    }
    commit(cluster, "n0", Map.of("0", 3L));
    Map<String, Long> committed = listCommitted(cluster, "n0", List.of("0"));
    for (String id : TWO) {
      cluster.kill(id);
    }
    cluster.run(Duration.ofMillis(100));
    for (String id : TWO) {
      cluster.restart(id);
    }
    // The new lives know nothing but what lin-kv holds: each reads a key before a poll of it.
    workload.assertEveryNodeServesEverything();
    for (int round = 0; round < 50; round++) {   // sends go on after the last offset handed out
      workload.round(6);
      cluster.run(Duration.ofMillis(5));
    }
    cluster.run(Duration.ofMillis(500));
    workload.assertEveryNodeServesEverything();
    assertThat(listCommitted(cluster, "n1", List.of("0")).get("0")).isGreaterThanOrEqualTo(committed.get("0"));
    assertNoNodeFailures(cluster);
  }

  @Test
  void aLogLongerThanAChunkIsReadBackWholeAfterAKill() {
    Cluster cluster = cluster(HOP);
    int sends = 3 * KafkaLinKv.CHUNK + 5;
    for (int i = 0; i < sends; i++) {
      assertThat(sendOk(cluster, TWO.get(i % 2), "k", i)).isEqualTo(i);
    }
    cluster.run(Duration.ofMillis(200));
    // Each full chunk is written before the counter moves past it, at most once by each node
    // (both may move it: a node that learned the full chunk from a conflict writes it again).
    assertThat(cluster.serverMessages("write")).isBetween(3L, 6L);
    cluster.kill("n1");
    cluster.kill("n0");
    cluster.restart("n0");
    cluster.restart("n1");
    Map<String, List<List<Long>>> log = pollAll(cluster, "n1", List.of("k"));
    assertThat(log.get("k")).hasSize(sends);
    for (int i = 0; i < sends; i++) {
      assertThat(log.get("k").get(i)).isEqualTo(List.of((long) i, (long) i));
    }
    assertThat(sendOk(cluster, "n0", "k", 1000)).isEqualTo(sends);
  }

  @Test
  void aRestartedPeerMakesANodeReadKeysItsDeadLifeMayHaveLeftUncopied() {
    Cluster cluster = cluster(HOP);
    sendOk(cluster, "n0", "k", 1);
    cluster.cut("n0", "n1");                 // n1 never gets n0's copy of its next send
    sendOk(cluster, "n0", "k", 2);
    cluster.kill("n0");
    cluster.heal();
    cluster.restart("n0");
    cluster.run(Duration.ofMillis(200));
    long reads = cluster.serverMessages("read");
    assertThat(poll(cluster, "n1", Map.of("k", 0L)))
        .isEqualTo(Map.of("k", List.of(List.of(0L, 1L), List.of(1L, 2L))));
    assertThat(cluster.serverMessages("read")).as("the counter, once").isEqualTo(reads + 1);
    poll(cluster, "n1", Map.of("k", 0L));
    assertThat(cluster.serverMessages("read")).isEqualTo(reads + 1);
  }
}
