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

import glomers.runtime.RpcError;
import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KafkaTest {
  private static final List<String> TWO = List.of("n0", "n1");
  private static final Duration HOP = Duration.ofMillis(10);

  private static Cluster cluster(List<String> ids, Duration latency) {
    return new Cluster(new Kafka_Dispatcher(), ids, latency, 1);
  }

  /** A cluster whose nodes have their incarnations and have heard from each other. */
  private static Cluster started(List<String> ids, Duration latency) {
    Cluster cluster = cluster(ids, latency);
    cluster.run(latency.multipliedBy(4).plusMillis(4 * Kafka.REPLICATE_MILLIS));
    return cluster;
  }

  /** The first keys "0", "1", … that {@code node} owns. */
  private static List<String> ownedBy(String node, int count) {
    return IntStream.range(0, 1000).mapToObj(Integer::toString)
        .filter(key -> Kafka.owner(key, TWO).equals(node)).limit(count).toList();
  }

  private static boolean definite(Map<String, Object> error) {
    return new RpcError(((Number) error.get("code")).intValue(), "").definite();
  }

  @Test
  void aSingleNodeGivesDenseOffsetsPerKeyAndPollsFromAnyOffset() {
    Cluster cluster = cluster(List.of("n0"), HOP);
    assertThat(sendOk(cluster, "n0", "a", 10)).isZero();
    assertThat(sendOk(cluster, "n0", "a", 11)).isEqualTo(1);
    assertThat(sendOk(cluster, "n0", "b", 20)).isZero();
    assertThat(sendOk(cluster, "n0", "a", 12)).isEqualTo(2);

    assertThat(poll(cluster, "n0", Map.of("a", 1L, "b", 0L, "c", 0L))).isEqualTo(Map.of(
        "a", List.of(List.of(1L, 11L), List.of(2L, 12L)),
        "b", List.of(List.of(0L, 20L))));
    assertThat(poll(cluster, "n0", Map.of("a", 3L, "b", 7L))).as("nothing new: keys omitted").isEmpty();
    assertThat(cluster.serverMessages()).isZero();
  }

  @Test
  void anyJsonIsAMessageNullIncluded() {
    Cluster cluster = cluster(TWO, HOP);
    String theirs = ownedBy("n1", 1).get(0);
    for (Object msg : java.util.Arrays.asList(null, Map.of("a", List.of(1, "x")), "s")) {
      Map<String, Object> body = new java.util.HashMap<>(Map.of("type", "send", "key", theirs));
      body.put("msg", msg);
      assertThat(cluster.call("n0", body)).containsEntry("type", "send_ok");
    }
    cluster.run(Duration.ofMillis(200));
    for (String node : TWO) {
      Map<String, Object> reply =
          cluster.call(node, Map.of("type", "poll", "offsets", Map.of(theirs, 0L)));
      assertThat(reply.get("msgs")).as("on %s", node).isEqualTo(Map.of(theirs, List.of(
          java.util.Arrays.asList(0, null), List.of(1, Map.of("a", List.of(1, "x"))),
          List.of(2, "s"))));
    }
  }

  @Test
  void aSingleNodeBusyRunSendsNothingBetweenNodes() {
    Cluster cluster = cluster(List.of("n0"), Duration.ZERO);
    Calls.Workload workload = new Calls.Workload(cluster, List.of("n0"), 2, 3);
    for (int round = 0; round < 300; round++) {
      workload.round(8);
      cluster.run(Duration.ofMillis(2));
    }
    workload.assertEveryNodeServesEverything();
    assertThat(cluster.serverMessages()).isZero();
  }

  @Test
  void partitionsComingAndGoingLoseNoAcknowledgedSendAndShowNoFailedOne() {
    Cluster cluster = cluster(TWO, HOP);
    Calls.Workload workload = new Calls.Workload(cluster, TWO, 4, 5);
    for (int round = 0; round < 600; round++) {
      // Cut while forwards are applied but their replies still on the wire: indefinite sends
      // whose msgs are in the log.
      Runnable nemesis = switch (round % 150) {
        case 50 -> () -> cluster.partition(Set.of("n1"));
        case 120 -> cluster::heal;
        default -> () -> {};
      };
      workload.round(6, HOP.plusMillis(5), nemesis);
      cluster.run(Duration.ofMillis(5));
    }
    cluster.heal();
    cluster.run(Duration.ofSeconds(3));
    workload.assertEveryNodeServesEverything();
    assertThat(workload.failed).as("refused while the owner was cut off").isNotEmpty();
    assertThat(workload.indefinite).as("forwards cut off on the way").isNotEmpty();
    assertThat(workload.indefiniteInLogs).as("indefinite sends applied after all").isPositive();
    assertNoNodeFailures(cluster);
  }

  @Test
  void committedOffsetsRoundTripAndReachTheOtherNode() {
    Cluster cluster = cluster(TWO, HOP);
    commit(cluster, "n0", Map.of("a", 3L, "b", 1L));
    commit(cluster, "n1", Map.of("a", 2L, "c", 5L));
    assertThat(listCommitted(cluster, "n0", List.of("a", "b", "z")))
        .isEqualTo(Map.of("a", 3L, "b", 1L));
    cluster.run(Duration.ofMillis(200));
    // Offsets only move forward, so the two nodes' commits merge by maximum.
    for (String node : TWO) {
      assertThat(listCommitted(cluster, node, List.of("a", "b", "c")))
          .as("on %s", node).isEqualTo(Map.of("a", 3L, "b", 1L, "c", 5L));
    }
  }

  @Test
  void offsetsAreUniqueAndIncreasingPerKeyAndBothNodesPollTheSameLogs() {
    assertDenseOffsetsAndAgreeingLogs(cluster(TWO, HOP), TWO);
  }

  @Test
  void aForwardCostsItsRequestAndReplyAndAnOwnersOwnSendOneBatchAndItsAck() {
    Cluster cluster = started(TWO, HOP);
    String mine = ownedBy("n0", 1).get(0);
    String theirs = ownedBy("n1", 1).get(0);
    long before = cluster.serverMessages();
    sendOk(cluster, "n0", mine, 1);
    assertThat(cluster.serverMessages() - before).as("a batch to n1 and its ack").isEqualTo(2);
    sendOk(cluster, "n0", theirs, 2);
    assertThat(cluster.serverMessages("forward")).isEqualTo(1);
    assertThat(cluster.serverMessages("forward_ok")).isEqualTo(1);
    before = cluster.serverMessages();
    poll(cluster, "n1", Map.of(mine, 0L, theirs, 0L));
    commit(cluster, "n1", Map.of(theirs, 0L));
    listCommitted(cluster, "n1", List.of(theirs));
    assertThat(cluster.serverMessages()).as("polls and commits are local").isEqualTo(before);

    // Then the ack of what rode on the forward's reply, and the commit's batch and its ack.
    cluster.run(Duration.ofMillis(5 * Kafka.REPLICATE_MILLIS));
    assertThat(cluster.serverMessages() - before).isBetween(2L, 4L);
    long settled = cluster.serverMessages();
    cluster.run(Duration.ofSeconds(5));
    assertThat(cluster.serverMessages()).as("an idle cluster is silent").isEqualTo(settled);
  }

  @Test
  void anOwnersOwnSendIsAnsweredAndPolledOnlyOnceItsPeerHoldsIt() {
    Cluster cluster = started(TWO, Duration.ofMillis(100));
    String mine = ownedBy("n0", 1).get(0);
    String client = cluster.submit("n0", send(mine, 7));
    cluster.run(Duration.ofMillis(150));   // the batch is at n1, its ack on the way back
    assertThat(poll(cluster, "n0", Map.of(mine, 0L))).as("not shown before n1 holds it").isEmpty();
    assertThat(cluster.await(client)).containsEntry("type", "send_ok");
    assertThat(poll(cluster, "n0", Map.of(mine, 0L))).isEqualTo(Map.of(mine, List.of(List.of(0L, 7L))));
    assertThat(poll(cluster, "n1", Map.of(mine, 0L))).isEqualTo(Map.of(mine, List.of(List.of(0L, 7L))));
  }

  @Test
  void aBusyTwoNodeRunCostsWhatTheDesignSays() {
    Cluster cluster = started(TWO, Duration.ZERO);
    long start = cluster.nowMillis();
    long before = cluster.serverMessages();
    long batchesBefore = cluster.serverMessages("replicate");
    Calls.Workload workload = new Calls.Workload(cluster, TWO, 4, 7);
    for (int round = 0; round < 500; round++) {   // 2000 ops, 4 at a time
      workload.round(8);
      cluster.run(Duration.ofMillis(4));
    }
    long forwards = cluster.serverMessages("forward");
    long batches = cluster.serverMessages("replicate") - batchesBefore;
    long millis = cluster.nowMillis() - start;
    cluster.run(Duration.ofSeconds(1));
    workload.assertEveryNodeServesEverything();

    // Exactly the sends that reached a non-owner were forwarded, each with one reply; with the
    // clients spread evenly over the nodes that is half of them.
    long remote = workload.sentTo.stream()
        .filter(nodeAndKey -> !Kafka.owner(nodeAndKey.get(1), TWO).equals(nodeAndKey.get(0)))
        .count();
    assertThat(forwards).isEqualTo(remote);
    assertThat(cluster.serverMessages("forward_ok")).isEqualTo(remote);
    assertThat((double) forwards / workload.sends).isBetween(0.4, 0.6);
    // At most one batch per node per tick, whatever the op rate; many ride on forwards instead.
    long ticks = millis / Kafka.REPLICATE_MILLIS + 1;
    assertThat(batches).isLessThanOrEqualTo(2 * ticks);
    double perOp = (double) (cluster.serverMessages() - before) / workload.ops;
    // Clients in lock step leave batches fewer forwards to ride on than the bench's do.
    assertThat(perOp).as("servers msgs-per-op").isLessThan(1.0);
    assertNoNodeFailures(cluster);
  }

  @Test
  void aForwardWhoseReplyIsLostIsIndefiniteAndItsMessageSurvives() {
    Cluster cluster = cluster(TWO, Duration.ofMillis(100));
    String key = ownedBy("n0", 1).get(0);
    sendOk(cluster, "n0", key, 1);
    String client = cluster.submit("n1", send(key, 2));
    cluster.run(Duration.ofMillis(150));    // n0 has appended it; its reply is on the wire
    cluster.partition(Set.of("n1"));
    Map<String, Object> error = cluster.await(client);
    assertThat(error).containsEntry("type", "error");
    assertThat(definite(error)).as("%s", error).isFalse();

    // After a forward went unanswered, sends for n0's keys are refused without a forward:
    // definite, and rightly so, since n0 never hears of them.
    long forwards = cluster.serverMessages("forward");
    Map<String, Object> refused = cluster.call("n1", send(key, 3));
    assertThat(refused).containsEntry("type", "error").containsEntry("code", 11);
    assertThat(cluster.serverMessages("forward")).isEqualTo(forwards);
    // Owners go on appending, but with no peer to hold a copy nothing is acknowledged: a timeout,
    // indefinite, and the message shows once the peer has it.
    Map<String, Object> unheld = cluster.call("n0", send(key, 4));
    assertThat(unheld).containsEntry("type", "error").containsEntry("code", 0);
    assertThat(poll(cluster, "n0", Map.of(key, 2L))).as("not shown while only n0 holds it").isEmpty();
    // n1, which has heard nothing from n0 for a while, does not even append its own key's send:
    // nobody could hold a copy, so it refuses, definitely.
    String other = ownedBy("n1", 1).get(0);
    assertThat(cluster.call("n1", send(other, 5))).containsEntry("type", "error").containsEntry("code", 11);

    cluster.run(Duration.ofSeconds(3));
    cluster.heal();
    cluster.run(Duration.ofSeconds(2));
    for (String node : TWO) {
      assertThat(pollAll(cluster, node, List.of(key, other))).as("on %s", node).isEqualTo(Map.of(
          key, List.of(List.of(0L, 1L), List.of(1L, 2L), List.of(2L, 4L))));
    }
    assertThat(sendOk(cluster, "n1", key, 6)).as("forwards resume after healing").isEqualTo(3);
    assertThat(sendOk(cluster, "n1", other, 7)).isZero();
    assertNoNodeFailures(cluster);
  }

  @Test
  void thousandsOfEntriesAPeerMissedReachItAfterHealing() {
    Cluster cluster = started(TWO, HOP);
    List<String> keys = ownedBy("n0", 16);     // 384 msgs each: one poll returns a whole log
    List<String> cutOff = new java.util.ArrayList<>();
    for (int i = 0; i < 6 * Replication.TRIM_AT; i++) {
      if (i == 3 * Replication.TRIM_AT) {
        cluster.partition(Set.of("n1"));
      }
      if (i < 3 * Replication.TRIM_AT) {
        sendOk(cluster, "n0", keys.get(i % 16), i);
      } else {
        cutOff.add(cluster.submit("n0", send(keys.get(i % 16), i)));   // n1 cannot hold these
      }
      if (i % 100 == 0) {
        cluster.run(Duration.ofMillis(2 * Kafka.REPLICATE_MILLIS));
      }
    }
    cluster.run(Duration.ofSeconds(3));
    cluster.heal();
    cluster.run(Duration.ofSeconds(2));
    for (String client : cutOff) {
      assertThat(cluster.await(client)).containsEntry("type", "error").containsEntry("code", 0);
    }
    Map<String, List<List<Long>>> onN0 = pollAll(cluster, "n0", keys);
    assertThat(onN0.get(keys.get(0))).hasSize(6 * Replication.TRIM_AT / 16);
    assertThat(pollAll(cluster, "n1", keys)).isEqualTo(onN0);
    assertNoNodeFailures(cluster);
  }

  @Test
  void aPartitionedNonOwnerServesAPrefixAndCatchesUpWithoutSkipping() {
    Cluster cluster = cluster(TWO, HOP);
    String key = ownedBy("n0", 1).get(0);
    sendOk(cluster, "n0", key, 1);
    cluster.run(Duration.ofMillis(200));
    cluster.partition(Set.of("n1"));
    cluster.submit("n0", send(key, 2));     // not acknowledged: n1 cannot hold them
    cluster.submit("n0", send(key, 3));
    cluster.run(Duration.ofSeconds(2));     // batches to n1 are lost meanwhile
    assertThat(poll(cluster, "n1", Map.of(key, 0L)))
        .isEqualTo(Map.of(key, List.of(List.of(0L, 1L))));
    assertThat(poll(cluster, "n1", Map.of(key, 1L))).isEmpty();
    assertThat(poll(cluster, "n0", Map.of(key, 1L))).as("nor does the owner show them").isEmpty();
    cluster.heal();
    cluster.run(Duration.ofSeconds(1));
    for (String node : TWO) {
      assertThat(poll(cluster, node, Map.of(key, 1L))).as("on %s", node)
          .isEqualTo(Map.of(key, List.of(List.of(1L, 2L), List.of(2L, 3L))));
    }
    assertNoNodeFailures(cluster);
  }

  @Test
  void killingEitherNodeBetweenRoundsUnderPartitionsLosesNoAcknowledgedSendAndOffsetsNeverRepeat() {
    for (long seed = 1; seed <= 8; seed++) {
      Cluster cluster = started(TWO, HOP);
      Calls.Workload workload = new Calls.Workload(cluster, TWO, 4, seed);
      java.util.Random random = new java.util.Random(seed);
      for (int round = 0; round < 400; round++) {
        if (round % 100 == 50) {
          String victim = TWO.get((int) ((round / 100 + seed) % 2));
          cluster.kill(victim);
          cluster.run(Duration.ofMillis(30));
          cluster.restart(victim);
        }
        // Partitions come and go too, a kill sometimes falling inside one.
        if (random.nextInt(40) == 0) {
          cluster.partition(Set.of("n1"));
        } else if (random.nextInt(20) == 0) {
          cluster.heal();
        }
        workload.round(6);
        cluster.run(Duration.ofMillis(3));
      }
      cluster.heal();
      cluster.run(Duration.ofSeconds(1));
      workload.assertEveryNodeServesEverything();
      assertThat(workload.acked).as("seed %d", seed).isNotEmpty();
      assertNoNodeFailures(cluster);
    }
  }

  @Test
  void aKillRightAfterAnOwnersAcknowledgementLeavesTheMessageWithItsPeer() {
    Cluster cluster = started(TWO, HOP);
    String mine = ownedBy("n0", 1).get(0);
    assertThat(sendOk(cluster, "n0", mine, 1)).isZero();
    assertThat(sendOk(cluster, "n1", mine, 2)).isEqualTo(1);   // forwarded
    cluster.kill("n0");
    cluster.restart("n0");
    cluster.run(Duration.ofMillis(100));                       // n1's snapshot reaches n0
    assertThat(sendOk(cluster, "n0", mine, 3)).as("offsets go on after n1's copy").isEqualTo(2);
    cluster.run(Duration.ofMillis(100));
    for (String node : TWO) {
      assertThat(pollAll(cluster, node, List.of(mine))).as("on %s", node).isEqualTo(Map.of(
          mine, List.of(List.of(0L, 1L), List.of(1L, 2L), List.of(2L, 3L))));
    }
  }

  @Test
  void aRestartedOwnerCutOffFromItsPeerRefusesSendsUntilItHasTheSnapshot() {
    Cluster cluster = started(TWO, HOP);
    String mine = ownedBy("n0", 1).get(0);
    sendOk(cluster, "n0", mine, 1);
    cluster.kill("n0");
    cluster.partition(Set.of("n0"));
    cluster.restart("n0");
    Map<String, Object> refused = cluster.call("n0", send(mine, 2));
    assertThat(refused).containsEntry("type", "error").containsEntry("code", 11);
    assertThat(poll(cluster, "n0", Map.of(mine, 0L))).isEmpty();
    cluster.heal();
    cluster.run(Duration.ofMillis(500));
    assertThat(sendOk(cluster, "n0", mine, 3)).isEqualTo(1);
    assertThat(poll(cluster, "n0", Map.of(mine, 0L)))
        .isEqualTo(Map.of(mine, List.of(List.of(0L, 1L), List.of(1L, 3L))));
  }

  @Test
  void aRestartedOwnerGoesOnAfterAllItsPeerHoldsAndHandsOutAgainWhatOnlyItHeld() {
    Cluster cluster = started(TWO, HOP);
    String mine = ownedBy("n0", 1).get(0);
    sendOk(cluster, "n0", mine, 1);
    cluster.cut("n1", "n0");                 // n1 gets offset 1, but n0 never hears it does
    String unheld = cluster.submit("n0", send(mine, 2));
    cluster.run(Duration.ofMillis(100));
    cluster.cut("n0", "n1");                 // and offset 2 stays on n0 alone
    String lost = cluster.submit("n0", send(mine, 3));
    cluster.run(Duration.ofMillis(100));
    assertThat(poll(cluster, "n1", Map.of(mine, 1L))).as("n1 shows what it holds")
        .isEqualTo(Map.of(mine, List.of(List.of(1L, 2L))));
    cluster.kill("n0");
    cluster.heal();
    cluster.restart("n0");
    cluster.run(Duration.ofMillis(200));
    // Offset 1 stays as n1 holds it; offset 2, which died with n0, is handed out again.
    assertThat(sendOk(cluster, "n0", mine, 4)).isEqualTo(2);
    assertThat(sendOk(cluster, "n1", mine, 5)).isEqualTo(3);
    cluster.run(Duration.ofMillis(100));
    for (String node : TWO) {
      assertThat(pollAll(cluster, node, List.of(mine))).as("on %s", node).isEqualTo(Map.of(
          mine, List.of(List.of(0L, 1L), List.of(1L, 2L), List.of(2L, 4L), List.of(3L, 5L))));
    }
    // Neither of n0's unacknowledged sends is ever answered: they died with it.
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> cluster.await(unheld));
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> cluster.await(lost));
    assertNoNodeFailures(cluster);
  }
}
