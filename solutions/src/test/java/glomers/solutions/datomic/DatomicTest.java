package glomers.solutions.datomic;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DatomicTest {
  private static final Duration HOP = Duration.ofMillis(10);
  private static final List<String> TWO = List.of("n0", "n1");

  /** A cluster whose nodes have claimed their incarnations, so txns run at once. */
  private static Cluster cluster(List<String> ids, long seed) {
    Cluster cluster = new Cluster(new Datomic_Dispatcher(), ids, HOP, seed);
    cluster.run(HOP.multipliedBy(3));
    return cluster;
  }

  /** CAS requests on the root: all but each node's one incarnation claim of its first start. */
  private static long rootCases(Cluster cluster) {
    return cluster.serverMessages("cas") - cluster.ids().size();
  }

  private static List<Object> r(long key) {
    return Arrays.asList("r", key, null);
  }

  private static List<Object> append(long key, long value) {
    return Arrays.asList("append", key, value);
  }

  private static Map<String, Object> txnBody(List<List<Object>> ops) {
    return Map.of("type", "txn", "txn", ops);
  }

  /** Runs one txn on {@code node} and returns the micro-ops of its txn_ok. */
  @SafeVarargs
  private static List<List<Object>> txn(Cluster cluster, String node, List<Object>... ops) {
    return okOps(cluster.call(node, txnBody(List.of(ops))));
  }

  @SuppressWarnings("unchecked")
  private static List<List<Object>> okOps(Map<String, Object> reply) {
    assertThat(reply).containsEntry("type", "txn_ok");
    return (List<List<Object>>) reply.get("txn");
  }

  /** The list a one-read txn on {@code node} sees for {@code key}, null if never appended to. */
  private static List<Object> read(Cluster cluster, String node, long key) {
    return listOf(txn(cluster, node, r(key)).get(0).get(2));
  }

  @SuppressWarnings("unchecked")
  private static List<Object> listOf(Object value) {
    return (List<Object>) value;
  }

  /** The last "datomic:" figure named {@code what} that {@code node} logged (-1 if none). */
  private static long logged(Cluster cluster, String node, String what) {
    long latest = -1;
    for (String line : cluster.logs()) {
      if (line.startsWith(node + " datomic:")) {
        for (String part : line.substring(line.indexOf(':') + 1).split("[,;]")) {
          if (part.trim().endsWith(what)) {
            latest = Long.parseLong(part.trim().split(" ")[0]);
          }
        }
      }
    }
    return latest;
  }

  private static void assertNoNodeFailures(Cluster cluster) {
    assertThat(cluster.logs()).noneMatch(line -> line.contains("task failed") || line.contains("Exception"));
  }

  @Test
  void aTxnSeesItsOwnAppendsAndLaterTxnsOnEitherNodeSeeThem() {
    Cluster cluster = cluster(TWO, 1);
    assertThat(txn(cluster, "n0", r(1), append(1, 5), r(1), append(1, 6), r(1), r(2), append(3, 7)))
        .containsExactly(
            Arrays.asList("r", 1, null),
            Arrays.asList("append", 1, 5),
            Arrays.asList("r", 1, List.of(5)),
            Arrays.asList("append", 1, 6),
            Arrays.asList("r", 1, List.of(5, 6)),
            Arrays.asList("r", 2, null),
            Arrays.asList("append", 3, 7));
    assertThat(read(cluster, "n1", 1)).containsExactly(5, 6);
    assertThat(txn(cluster, "n1", append(1, 8), append(40, 1))).hasSize(2);
    assertThat(read(cluster, "n0", 1)).containsExactly(5, 6, 8);
    assertThat(read(cluster, "n0", 40)).containsExactly(1);
    assertThat(txn(cluster, "n0")).isEmpty();
    assertNoNodeFailures(cluster);
  }

  @Test
  void aMalformedMicroOpIsRejected() {
    Cluster cluster = cluster(List.of("n0"), 1);
    Map<String, Object> reply = cluster.call("n0", txnBody(List.of(append(1, 1), List.of("w", 1, 2))));
    assertThat(reply).containsEntry("type", "error").containsEntry("code", 12);
    assertThat(read(cluster, "n0", 1)).isNull();
  }

  @Test
  void aLostCasRaceIsRetriedOnTheWinnersStateAndBothTxnsCommit() {
    Cluster cluster = cluster(TWO, 1);
    // Both nodes start from the empty database and race to replace it.
    String a = cluster.submit("n0", txnBody(List.of(r(1), append(1, 1))));
    String b = cluster.submit("n1", txnBody(List.of(r(1), append(1, 2))));
    List<List<Object>> first = okOps(cluster.await(a));
    List<List<Object>> second = okOps(cluster.await(b));
    cluster.run(Duration.ofMillis(Datomic.STATS_MILLIS));

    assertThat(rootCases(cluster)).isEqualTo(3);
    assertThat(logged(cluster, "n0", "cas conflicts") + logged(cluster, "n1", "cas conflicts")).isEqualTo(1);
    // One read the empty key and the other read the winner's append: a serial order.
    Object readA = first.get(0).get(2);
    Object readB = second.get(0).get(2);
    List<Object> expected;
    if (readA == null) {
      assertThat(readB).isEqualTo(List.of(1));
      expected = List.of(1, 2);
    } else {
      assertThat(readA).isEqualTo(List.of(2));
      assertThat(readB).isNull();
      expected = List.of(2, 1);
    }
    assertThat(read(cluster, "n0", 1)).isEqualTo(expected);
    assertThat(read(cluster, "n1", 1)).isEqualTo(expected);
    assertNoNodeFailures(cluster);
  }

  @Test
  void aWinnerTellsItsPeersSoTheyRunOnTheNewRootWithoutReadingAnything() {
    Cluster cluster = cluster(TWO, 1);
    txn(cluster, "n0", append(1, 1));
    cluster.run(Duration.ofMillis(100));   // n0's news reaches n1
    long reads = cluster.serverMessages("read");
    long cases = rootCases(cluster);
    assertThat(txn(cluster, "n1", r(1), append(1, 2)).get(0).get(2)).isEqualTo(List.of(1));
    assertThat(cluster.serverMessages("read")).as("no root or thunk read").isEqualTo(reads);
    assertThat(rootCases(cluster)).isEqualTo(cases + 1);
  }

  @Test
  void withoutTheNewsAcrossAPartitionALostRaceReadsTheRootAndTheThunks() {
    Cluster cluster = cluster(TWO, 1);
    cluster.partition(Set.of("n1"));
    txn(cluster, "n0", append(1, 1));
    cluster.run(Duration.ofMillis(100));
    long reads = cluster.serverMessages("read");
    assertThat(txn(cluster, "n1", r(1), append(1, 2)).get(0).get(2)).isEqualTo(List.of(1));
    assertThat(rootCases(cluster)).isEqualTo(3);
    assertThat(cluster.serverMessages("read")).as("the root, the index and the bucket").isGreaterThanOrEqualTo(reads + 3);
    assertThat(read(cluster, "n0", 1)).containsExactly(1, 2);
  }

  @Test
  void everyThunkIsAcknowledgedBeforeARootNamesIt() {
    Cluster cluster = cluster(TWO, 3);
    Map<String, Object> writtenValues = new HashMap<>();   // thunk id -> value
    Map<String, String> writes = new HashMap<>();          // node/msg_id -> thunk id
    Set<String> acknowledged = new HashSet<>();
    List<String> violations = new ArrayList<>();
    int[] cases = {0};
    cluster.watch((src, dest, body) -> {
      if (dest.equals("lww-kv") && "write".equals(body.get("type"))) {
        writes.put(src + "/" + body.get("msg_id"), (String) body.get("key"));
        writtenValues.put((String) body.get("key"), body.get("value"));
      } else if (src.equals("lww-kv") && "write_ok".equals(body.get("type"))) {
        acknowledged.add(writes.get(dest + "/" + body.get("in_reply_to")));
      } else if (dest.equals("lin-kv") && "cas".equals(body.get("type")) && Datomic.ROOT.equals(body.get("key"))) {
        cases[0]++;
        String index = Datomic.indexId((String) body.get("to"));
        if (!acknowledged.contains(index)) {
          violations.add("root " + index + " before its index thunk was acknowledged");
        } else {
          @SuppressWarnings("unchecked")
          Map<String, Object> buckets = (Map<String, Object>) writtenValues.get(index);
          for (Object bucket : buckets.values()) {
            if (!acknowledged.contains(bucket)) {
              violations.add("root " + index + " before bucket " + bucket + " was acknowledged");
            }
          }
        }
      }
    });
    Random random = new Random(3);
    for (int round = 0; round < 40; round++) {
      List<String> clients = new ArrayList<>();
      for (String node : TWO) {
        clients.add(cluster.submit(node, txnBody(randomTxn(random, 20))));
      }
      clients.forEach(client -> okOps(cluster.await(client)));
    }
    assertThat(cases[0]).isGreaterThan(40);
    assertThat(violations).isEmpty();
    assertNoNodeFailures(cluster);
  }

  @Test
  void aNodeWhoseThunkWritesAreNotAcknowledgedNeverMovesTheRootAndFailsDefinitely() {
    Cluster cluster = cluster(TWO, 1);
    cluster.cut("lww-kv", "n0");   // n0's writes land in lww-kv, but it never hears so
    Map<String, Object> reply = cluster.call("n0", txnBody(List.of(append(1, 1))));
    assertThat(reply).containsEntry("type", "error").containsEntry("code", 11);
    assertThat(rootCases(cluster)).isZero();
    cluster.heal();
    assertThat(read(cluster, "n1", 1)).isNull();
    assertThat(txn(cluster, "n0", append(1, 2))).hasSize(1);
    assertThat(read(cluster, "n1", 1)).containsExactly(2);
  }

  @Test
  void aCasWithoutAnswerIsIndefiniteAndTheNodeCatchesUpThroughItsNextConflict() {
    Cluster cluster = cluster(TWO, 1);
    cluster.cut("lin-kv", "n0");   // n0's CAS is applied, its answer lost
    Map<String, Object> reply = cluster.call("n0", txnBody(List.of(append(1, 1))));
    assertThat(reply).containsEntry("type", "error").containsEntry("code", 0);
    cluster.heal();
    assertThat(read(cluster, "n1", 1)).as("the CAS was applied").containsExactly(1);
    // n0 still believes in the empty root: its next CAS conflicts, and it runs again on the real one.
    assertThat(txn(cluster, "n0", r(1), append(1, 2)).get(0).get(2)).isEqualTo(List.of(1));
    assertThat(read(cluster, "n1", 1)).containsExactly(1, 2);
  }

  @Test
  void aReadOnlyTxnChecksTheRootSoItNeverMissesAnEarlierCommitElsewhere() {
    Cluster cluster = cluster(TWO, 1);
    txn(cluster, "n0", append(1, 1));
    assertThat(read(cluster, "n1", 1)).containsExactly(1);   // n1 now knows that root
    txn(cluster, "n0", append(1, 2));
    long reads = cluster.serverMessages("read");
    assertThat(read(cluster, "n1", 1)).containsExactly(1, 2);
    assertThat(cluster.serverMessages("read")).isGreaterThan(reads + 1);   // root, then again
    assertThat(rootCases(cluster)).isEqualTo(2);
  }

  @Test
  void killingEveryNodeLosesNothingCommittedAndANewLifeNeverReusesAThunkId() {
    Cluster cluster = cluster(TWO, 4);
    Map<String, Object> firstWrites = new HashMap<>();   // thunk id -> value, as first written
    List<String> rewritten = new ArrayList<>();
    cluster.watch((src, dest, body) -> {
      if (dest.equals("lww-kv") && "write".equals(body.get("type"))) {
        Object before = firstWrites.putIfAbsent((String) body.get("key"), body.get("value"));
        if (before != null) {
          rewritten.add((String) body.get("key"));
        }
      }
    });
    txn(cluster, "n0", append(1, 1));
    txn(cluster, "n1", append(1, 2), append(2, 3));
    for (int life = 0; life < 2; life++) {
      for (String id : TWO) {
        cluster.kill(id);
      }
      for (String id : TWO) {
        cluster.restart(id);
      }
      // Each new life starts from the empty root, loses its first race and learns the real one.
      txn(cluster, "n0", append(1, 10 + life));
      txn(cluster, "n1", append(2, 20 + life));
    }
    assertThat(read(cluster, "n0", 1)).containsExactly(1, 2, 10, 11);
    assertThat(read(cluster, "n1", 2)).containsExactly(3, 20, 21);
    assertThat(rewritten).isEmpty();
    assertThat(firstWrites.keySet()).anyMatch(id -> id.startsWith("n0-3-"));
    assertNoNodeFailures(cluster);
  }

  /**
   * Rounds of concurrent txns on two nodes; every round's results must be those of running the
   * txns committed so far one at a time in some order, each round after the one before (real time:
   * a round starts after the previous one was answered).
   */
  @Test
  void concurrentTxnsOnTwoNodesHaveResultsOfSomeSerialOrderThatRespectsRealTime() {
    for (long seed = 1; seed <= 5; seed++) {
      Cluster cluster = cluster(TWO, seed);
      Random random = new Random(seed);
      Set<Map<Long, List<Object>>> states = Set.of(Map.of());
      for (int round = 0; round < 6; round++) {
        List<List<List<Object>>> txns = new ArrayList<>();
        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          List<List<Object>> ops = randomTxn(random, 3);
          txns.add(ops);
          clients.add(cluster.submit(TWO.get(i % 2), txnBody(ops)));
        }
        List<List<List<Object>>> results = new ArrayList<>();
        clients.forEach(client -> results.add(okOps(cluster.await(client))));
        Set<Map<Long, List<Object>>> after = serialOrders(states, txns, results);
        assertThat(after).as("seed %d round %d: %s -> %s", seed, round, txns, results).isNotEmpty();
        states = after;
      }
      Map<Long, List<Object>> seen = new HashMap<>();
      for (long key = 0; key < 3; key++) {
        List<Object> onN0 = read(cluster, "n0", key);
        assertThat(read(cluster, "n1", key)).isEqualTo(onN0);
        if (onN0 != null) {
          seen.put(key, onN0);
        }
      }
      assertThat(states).as("seed %d: the final reads are one of the serial outcomes", seed).contains(seen);
      assertNoNodeFailures(cluster);
    }
  }

  private static int nextValue;

  private static List<List<Object>> randomTxn(Random random, int keys) {
    List<List<Object>> ops = new ArrayList<>();
    int length = 1 + random.nextInt(4);
    for (int i = 0; i < length; i++) {
      long key = random.nextInt(keys);
      ops.add(random.nextBoolean() ? r(key) : append(key, ++nextValue));
    }
    return ops;
  }

  /**
   * Every state that running the txns one at a time, in an order that reproduces every result,
   * can leave, starting from any of {@code states}. Blind appends leave their order open until a
   * later read shows it, so all candidates are kept.
   */
  private static Set<Map<Long, List<Object>>> serialOrders(Set<Map<Long, List<Object>>> states,
      List<List<List<Object>>> txns, List<List<List<Object>>> results) {
    Set<Map<Long, List<Object>>> ends = new HashSet<>();
    for (Map<Long, List<Object>> state : states) {
      search(state, txns, results, new boolean[txns.size()], 0, ends);
    }
    return ends;
  }

  private static void search(Map<Long, List<Object>> state, List<List<List<Object>>> txns,
      List<List<List<Object>>> results, boolean[] used, int placed, Set<Map<Long, List<Object>>> ends) {
    if (placed == txns.size()) {
      ends.add(state);
      return;
    }
    for (int i = 0; i < txns.size(); i++) {
      if (used[i]) {
        continue;
      }
      Map<Long, List<Object>> next = apply(state, txns.get(i), results.get(i));
      if (next != null) {
        used[i] = true;
        search(next, txns, results, used, placed + 1, ends);
        used[i] = false;
      }
    }
  }

  /** Runs one txn on a copy of {@code state}; null if its reads differ from {@code result}. */
  private static Map<Long, List<Object>> apply(
      Map<Long, List<Object>> state, List<List<Object>> txn, List<List<Object>> result) {
    Map<Long, List<Object>> next = new HashMap<>(state);
    for (int i = 0; i < txn.size(); i++) {
      long key = ((Number) txn.get(i).get(1)).longValue();
      if (txn.get(i).get(0).equals("r")) {
        if (!java.util.Objects.equals(next.get(key), result.get(i).get(2))) {
          return null;
        }
      } else {
        List<Object> list = new ArrayList<>(next.getOrDefault(key, List.of()));
        list.add(((Number) txn.get(i).get(2)).intValue());
        next.put(key, list);
      }
    }
    return next;
  }
}
