package glomers.solutions.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BroadcastTest {
  private static final Duration HOP = Duration.ofMillis(100);

  private static List<String> ids(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("n" + i);
    }
    return ids;
  }

  /** A cluster whose nodes have claimed their incarnations from lin-kv (a round trip). */
  private static Cluster cluster(int n) {
    Cluster cluster = new Cluster(new Broadcast_Dispatcher(), ids(n), HOP, 1);
    cluster.run(HOP.multipliedBy(3));
    return cluster;
  }

  /** Broadcasts {@code values} on {@code node}, all at once, and waits for every acknowledgement. */
  private static void broadcastAll(Cluster cluster, String node, long... values) {
    List<String> clients = new ArrayList<>();
    for (long value : values) {
      clients.add(cluster.submit(node, Map.of("type", "broadcast", "message", value)));
    }
    for (String client : clients) {
      assertThat(cluster.await(client)).containsEntry("type", "broadcast_ok");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Number> read(Cluster cluster, String node) {
    Map<String, Object> reply = cluster.call(node, Map.of("type", "read"));
    assertThat(reply).containsEntry("type", "read_ok");
    return (List<Number>) reply.get("messages");
  }

  private static List<Long> held(Cluster cluster, String node) {
    return read(cluster, node).stream().map(Number::longValue).toList();
  }

  private static void broadcast(Cluster cluster, String node, long value) {
    assertThat(cluster.call(node, Map.of("type", "broadcast", "message", value)))
        .containsEntry("type", "broadcast_ok");
  }

  private static void assertEveryNodeHolds(Cluster cluster, int n, long... values) {
    for (String id : ids(n)) {
      List<Long> held = read(cluster, id).stream().map(Number::longValue).toList();
      assertThat(held).as("values on %s", id).containsExactlyInAnyOrder(boxed(values));
    }
  }

  private static Long[] boxed(long... values) {
    Long[] out = new Long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Test
  void singleNodeKeepsWhatItIsGivenAndAcceptsTopology() {
    Cluster cluster = cluster(1);
    assertThat(cluster.call("n0", Map.of("type", "topology", "topology", Map.of("n0", List.of()))))
        .containsEntry("type", "topology_ok");
    broadcast(cluster, "n0", 7);
    broadcast(cluster, "n0", 8);
    assertEveryNodeHolds(cluster, 1, 7, 8);
    assertThat(cluster.serverMessages()).as("only the incarnation claim").isEqualTo(2);
  }

  @Test
  void valuesReachEveryNodeWithinTwoHopsAndOneBatch() {
    Cluster cluster = cluster(5);
    broadcast(cluster, "n3", 1);
    broadcast(cluster, "n0", 2);
    cluster.run(HOP.multipliedBy(2).plusMillis(Broadcast.FLUSH_MILLIS));
    assertEveryNodeHolds(cluster, 5, 1, 2);
  }

  @Test
  void theHubBatchesValuesSoMessagesDoNotGrowWithValues() {
    Cluster cluster = cluster(25);
    long claims = cluster.serverMessages();
    List<String> clients = new ArrayList<>();
    for (long v = 0; v < 24; v++) {   // one value at each non-hub node
      clients.add(cluster.submit("n" + (1 + v), Map.of("type", "broadcast", "message", v)));
    }
    clients.forEach(client -> assertThat(cluster.await(client)).containsEntry("type", "broadcast_ok"));
    cluster.run(Duration.ofSeconds(1));
    assertEveryNodeHolds(cluster, 25, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23);
    // 24 pushes to the hub, then one batch of 24 flushes: not 24 values x 24 peers.
    assertThat(cluster.serverMessages() - claims).isEqualTo(24 + 24);
  }

  @Test
  void aHealthyClusterSendsNothingWhenIdle() {
    Cluster cluster = cluster(5);
    broadcast(cluster, "n2", 1);
    cluster.run(Duration.ofSeconds(1));
    long settled = cluster.serverMessages();
    cluster.run(Duration.ofSeconds(Broadcast.HEARTBEAT_MILLIS / 1000 * 3));
    // Only the hub's heartbeats (one per peer per interval) while nothing new arrives.
    assertThat(cluster.serverMessages() - settled).isLessThanOrEqualTo(3 * 4 + 4);
    assertThat(cluster.serverMessages() - settled).isPositive();
  }

  @Test
  void valuesPushedDuringAPartitionFromTheHubArriveAfterHealing() {
    Cluster cluster = cluster(5);
    cluster.partition(Set.of("n0"));          // the hub alone
    List<String> clients = List.of(
        cluster.submit("n1", Map.of("type", "broadcast", "message", 10)),
        cluster.submit("n4", Map.of("type", "broadcast", "message", 11)),
        cluster.submit("n0", Map.of("type", "broadcast", "message", 12)));
    cluster.run(Duration.ofSeconds(3));
    assertThat(read(cluster, "n2")).isEmpty();
    // No value came back from the hub to its origin, nor did a peer report the hub's: undecided.
    for (String client : clients) {
      assertThat(cluster.await(client)).containsEntry("type", "error").containsEntry("code", 0);
    }
    cluster.heal();
    cluster.run(Duration.ofSeconds(5));
    assertEveryNodeHolds(cluster, 5, 10, 11, 12);
  }

  @Test
  void aNodeThatMissedFlushesRepairsFromTheHub() {
    Cluster cluster = cluster(5);
    cluster.partition(Set.of("n3"));          // n3 misses the flushes of n1's values
    for (long v = 0; v < 5; v++) {
      broadcast(cluster, "n1", v);
      cluster.run(Duration.ofMillis(300));
    }
    assertThat(read(cluster, "n3")).isEmpty();
    cluster.heal();
    broadcast(cluster, "n2", 99);             // the next flush shows n3 the gap in rounds
    cluster.run(Duration.ofSeconds(4));
    assertEveryNodeHolds(cluster, 5, 0, 1, 2, 3, 4, 99);
  }

  @Test
  void aLostLastFlushIsNoticedThroughTheHeartbeat() {
    Cluster cluster = cluster(3);
    cluster.partition(Set.of("n2"));
    broadcast(cluster, "n1", 5);
    cluster.run(Duration.ofMillis(500));      // the flush to n2 is dropped
    cluster.heal();                           // and nothing else is ever broadcast
    cluster.run(Duration.ofMillis(Broadcast.HEARTBEAT_MILLIS + 2 * Broadcast.RETRY_MILLIS + 500));
    assertEveryNodeHolds(cluster, 3, 5);
  }

  @Test
  void anOriginWhoseFlushWasLostStopsRetryingOnceRepaired() {
    Cluster cluster = cluster(3);
    String client = cluster.submit("n1", Map.of("type", "broadcast", "message", 5));
    cluster.run(Duration.ofMillis(150));      // the push has reached the hub, the flush not yet back
    cluster.partition(Set.of("n1"));
    cluster.run(Duration.ofSeconds(2));
    cluster.heal();
    // Too late for an acknowledgement: the repair that tells n1 comes after the 2 s.
    assertThat(cluster.await(client)).containsEntry("type", "error").containsEntry("code", 0);
    cluster.run(Duration.ofSeconds(8));
    long settled = cluster.serverMessages();
    cluster.run(Duration.ofSeconds(6));
    assertEveryNodeHolds(cluster, 3, 5);
    // Afterwards only heartbeats: no pushes or repairs repeating forever.
    assertThat(cluster.serverMessages() - settled).isLessThanOrEqualTo(3 * 2);
  }

  @Test
  void aBroadcastIsAcknowledgedOnlyOnceItsValueCameBackFromTheHub() {
    Cluster cluster = cluster(5);
    String client = cluster.submit("n2", Map.of("type", "broadcast", "message", 1));
    cluster.run(HOP.multipliedBy(2).minusMillis(1));
    assertThat(held(cluster, "n2")).as("on the origin alone: a read leaves it out").isEmpty();
    assertThat(held(cluster, "n3")).as("not flushed yet").isEmpty();
    assertThat(cluster.await(client)).containsEntry("type", "broadcast_ok");
    assertThat(held(cluster, "n2")).as("back from the hub").containsExactly(1L);
    assertThat(held(cluster, "n3")).as("flushed to every node with the origin's").containsExactly(1L);
  }

  @Test
  void aReadShowsAValueOnlyOnceItIsOnASecondNodeSoAKillOfOneCannotTakeAValueAlreadyRead() {
    Cluster cluster = cluster(3);
    cluster.partition(Set.of("n1"));          // n1's pushes cannot reach the hub
    cluster.submit("n1", Map.of("type", "broadcast", "message", 7));
    cluster.run(Duration.ofSeconds(1));
    assertThat(held(cluster, "n1")).as("on n1 alone").isEmpty();
    cluster.heal();                           // a retried push takes it to the hub, and back
    cluster.run(Duration.ofMillis(2 * Broadcast.RETRY_MILLIS + Broadcast.FLUSH_MILLIS + 4 * HOP.toMillis()));
    assertThat(held(cluster, "n1")).containsExactly(7L);

    String own = cluster.submit("n0", Map.of("type", "broadcast", "message", 8));   // the hub's own
    cluster.run(Duration.ofMillis(Broadcast.FLUSH_MILLIS - 1));
    assertThat(held(cluster, "n0")).as("the hub's own value, not yet flushed").containsExactly(7L);
    assertThat(cluster.await(own)).containsEntry("type", "broadcast_ok");
    assertThat(held(cluster, "n0")).containsExactlyInAnyOrder(7L, 8L);
  }

  @Test
  void aRestartedNodeCatchesUpFromTheHubAndItsNewValuesDoNotCollideWithItsOldOnes() {
    Cluster cluster = cluster(5);
    broadcastAll(cluster, "n3", 1, 2);
    broadcastAll(cluster, "n1", 3);
    cluster.kill("n3");
    broadcastAll(cluster, "n2", 4);
    cluster.restart("n3");
    broadcastAll(cluster, "n3", 5, 6);        // sequence numbers 1 and 2 again, of a new origin
    cluster.run(Duration.ofMillis(500));
    assertEveryNodeHolds(cluster, 5, 1, 2, 3, 4, 5, 6);
  }

  @Test
  void aRestartedHubCollectsEveryValueSoNodesRestartedLaterGetThemAll() {
    Cluster cluster = cluster(5);
    broadcastAll(cluster, "n1", 1, 2);
    broadcastAll(cluster, "n0", 3);
    cluster.kill("n0");
    cluster.restart("n0");
    cluster.run(Duration.ofSeconds(1));       // its incarnation, then its collect round trip
    assertThat(held(cluster, "n0")).containsExactlyInAnyOrder(1L, 2L, 3L);
    cluster.kill("n4");                       // its catch-up comes from the new hub alone
    cluster.restart("n4");
    broadcastAll(cluster, "n4", 7);
    broadcastAll(cluster, "n0", 8);
    cluster.run(Duration.ofMillis(500));
    assertEveryNodeHolds(cluster, 5, 1, 2, 3, 7, 8);
  }

  @Test
  void anAcknowledgedValueSurvivesTheKillOfItsOriginAndTheHubTogether() {
    Cluster cluster = cluster(5);
    cluster.partition(Set.of("n0", "n1", "n2"));   // n3 and n4 hear no flush
    broadcastAll(cluster, "n2", 42);
    cluster.kill("n2");
    cluster.kill("n0");
    cluster.heal();
    cluster.run(Duration.ofSeconds(1));
    cluster.restart("n0");
    cluster.restart("n2");
    cluster.run(Duration.ofSeconds(3));       // n1, which got the flush, was the only holder left
    assertEveryNodeHolds(cluster, 5, 42);
  }

  @Test
  void aPushLostWithItsKilledOriginIsNeverAcknowledged() {
    Cluster cluster = cluster(3);
    cluster.cut("n1", "n0");
    String client = cluster.submit("n1", Map.of("type", "broadcast", "message", 9));
    cluster.run(Duration.ofMillis(1500));     // pushed twice, both lost
    cluster.kill("n1");
    cluster.heal();
    cluster.restart("n1");
    cluster.run(Duration.ofSeconds(3));
    assertEveryNodeHolds(cluster, 3);
    assertThat(cluster.logs()).noneMatch(line -> line.contains("task failed"));
    org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> cluster.await(client));
  }

  @Test
  void theHubAcknowledgesItsOwnValueOnceAPeerSaysItHoldsTheRound() {
    Cluster cluster = cluster(3);
    String own = cluster.submit("n0", Map.of("type", "broadcast", "message", 1));
    cluster.run(Duration.ofMillis(Broadcast.FLUSH_MILLIS + 2 * HOP.toMillis()));
    assertThat(held(cluster, "n1")).as("flushed").containsExactly(1L);
    broadcast(cluster, "n2", 2);             // n2's push reports the round that held 1
    assertThat(cluster.await(own)).containsEntry("type", "broadcast_ok");
    assertThat(cluster.serverMessages("confirm")).isZero();

    // With no push to say so, the hub asks a peer.
    String quiet = cluster.submit("n0", Map.of("type", "broadcast", "message", 3));
    assertThat(cluster.await(quiet)).containsEntry("type", "broadcast_ok");
    assertThat(cluster.serverMessages("confirm")).isEqualTo(1);
  }

  /**
   * Random partitions, and kills of one node or a minority at a time, far more often than the
   * bench's nemesis makes them. An acknowledged value is on two nodes and, through the hub's
   * flush, on every node the hub reached; it can only be lost if every node that held it dies in
   * one kill before it spread further (the hub and its origin, alone together behind a partition,
   * killed together). Those are counted at each kill and excused; once everything is healed and
   * restarted, every other acknowledged value is on every node. A kill comes at least 500 ms
   * after the last restart, time for the restarted nodes to catch up.
   */
  @Test
  void underRandomPartitionsAndMinorityKillsAValueIsLostOnlyWithAllItsHolders() {
    long excusedInAll = 0;
    long acknowledgedInAll = 0;
    for (long seed = 1; seed <= 40; seed++) {
      java.util.Random random = new java.util.Random(seed);
      Cluster cluster = new Cluster(new Broadcast_Dispatcher(), ids(5), Duration.ofMillis(20), seed);
      Map<String, Long> pending = new java.util.LinkedHashMap<>();   // client -> value
      Set<Long> acknowledged = new java.util.TreeSet<>();
      Set<Long> excused = new java.util.TreeSet<>();
      List<String> down = new ArrayList<>();
      long restarted = 0;
      for (int step = 0; step < 300; step++) {
        List<String> up = ids(5).stream().filter(id -> !down.contains(id)).toList();
        String node = up.get(random.nextInt(up.size()));
        pending.put(cluster.submit(node, Map.of("type", "broadcast", "message", (long) step)), (long) step);
        double dice = random.nextDouble();
        if (dice < 0.03 && down.isEmpty() && cluster.nowMillis() - restarted >= 500) {
          List<String> shuffled = new ArrayList<>(ids(5));
          java.util.Collections.shuffle(shuffled, random);
          List<String> victims = shuffled.subList(0, 1 + random.nextInt(2));   // one, or two of five
          collectReplies(cluster, pending, acknowledged);
          Set<Long> survivors = new java.util.HashSet<>();
          for (String id : ids(5)) {
            if (!victims.contains(id)) {
              survivors.addAll(held(cluster, id));
            }
          }
          for (long value : acknowledged) {
            if (!survivors.contains(value)) {
              excused.add(value);
            }
          }
          for (String victim : victims) {
            cluster.kill(victim);
            down.add(victim);
          }
        } else if (dice < 0.06 && !down.isEmpty()) {
          down.forEach(cluster::restart);
          down.clear();
          restarted = cluster.nowMillis();
        } else if (dice < 0.09) {
          List<String> shuffled = new ArrayList<>(ids(5));
          java.util.Collections.shuffle(shuffled, random);
          cluster.heal();
          cluster.partition(Set.copyOf(shuffled.subList(0, 1 + random.nextInt(2))));
        } else if (dice < 0.12) {
          cluster.heal();
        }
        cluster.run(Duration.ofMillis(50));
      }
      cluster.heal();
      down.forEach(cluster::restart);
      cluster.run(Duration.ofSeconds(10));
      collectReplies(cluster, pending, acknowledged);
      assertThat(acknowledged).as("seed %d", seed).hasSizeGreaterThan(100);
      for (String id : ids(5)) {
        Set<Long> missing = new java.util.TreeSet<>(acknowledged);
        missing.removeAll(held(cluster, id));
        missing.removeAll(excused);
        assertThat(missing).as("seed %d, acknowledged values missing on %s", seed, id).isEmpty();
      }
      assertThat(cluster.logs()).as("seed %d", seed).noneMatch(line -> line.contains("task failed"));
      excusedInAll += excused.size();
      acknowledgedInAll += acknowledged.size();
    }
    // The excused losses are the rare case the design leaves open, not the rule.
    assertThat(excusedInAll).isLessThan(acknowledgedInAll / 100);
  }

  /** Moves the answered broadcasts out of {@code pending}, keeping the acknowledged values. */
  private static void collectReplies(Cluster cluster, Map<String, Long> pending, Set<Long> acknowledged) {
    pending.entrySet().removeIf(e -> {
      Map<String, Object> reply = cluster.replyTo(e.getKey());
      if (reply != null && "broadcast_ok".equals(reply.get("type"))) {
        acknowledged.add(e.getValue());
      }
      return reply != null;
    });
  }
}
