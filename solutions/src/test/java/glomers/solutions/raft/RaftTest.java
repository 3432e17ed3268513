package glomers.solutions.raft;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Raft on an in-process cluster of five, on a virtual clock, 10 ms between nodes. */
class RaftTest {
  private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");
  private static final Duration HOP = Duration.ofMillis(10);
  private static final Pattern LEADER = Pattern.compile("^(n\\d+) leader of term (\\d+)$");

  private static Cluster cluster(long seed) {
    Cluster cluster = new Cluster(new Raft_Dispatcher(), FIVE, HOP, seed);
    cluster.run(Duration.ofSeconds(2));
    return cluster;
  }

  private static Map<String, Object> state(Cluster cluster, String node) {
    return cluster.call(node, Map.of("type", "raft_state"));
  }

  private static long term(Cluster cluster, String node) {
    return ((Number) state(cluster, node).get("term")).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Number> logTerms(Cluster cluster, String node) {
    return (List<Number>) state(cluster, node).get("log_terms");
  }

  private static long commitIndex(Cluster cluster, String node) {
    return ((Number) state(cluster, node).get("commit_index")).longValue();
  }

  /** The one node among {@code among} that says it leads, in the highest term any of them has. */
  private static String leader(Cluster cluster, List<String> among) {
    List<String> leaders = new ArrayList<>();
    long highest = -1;
    for (String node : among) {
      Map<String, Object> state = state(cluster, node);
      long term = ((Number) state.get("term")).longValue();
      if ("leader".equals(state.get("role"))) {
        if (term > highest) {
          leaders.clear();
          highest = term;
        }
        if (term == highest) {
          leaders.add(node);
        }
      }
    }
    assertThat(leaders).as("leaders among %s", among).hasSize(1);
    return leaders.get(0);
  }

  private static List<String> others(String... except) {
    return FIVE.stream().filter(n -> !List.of(except).contains(n)).toList();
  }

  private static Map<String, Object> write(Cluster cluster, String node, int key, int value) {
    return cluster.call(node, Map.of("type", "write", "key", key, "value", value));
  }

  private static Map<String, Object> read(Cluster cluster, String node, int key) {
    return cluster.call(node, Map.of("type", "read", "key", key));
  }

  private static Map<String, Object> cas(Cluster cluster, String node, int key, int from, int to) {
    return cluster.call(node, Map.of("type", "cas", "key", key, "from", from, "to", to));
  }

  private static Object code(Map<String, Object> reply) {
    assertThat(reply).containsEntry("type", "error");
    return ((Number) reply.get("code")).intValue();
  }

  @Test
  void anyNodeServesReadsWritesAndCasThroughTheLeader() {
    Cluster cluster = cluster(1);
    String leader = leader(cluster, FIVE);
    String follower = others(leader).get(0);

    assertThat(code(read(cluster, follower, 1))).as("never written").isEqualTo(20);
    assertThat(code(cas(cluster, follower, 1, 0, 1))).as("cas on a missing key").isEqualTo(20);
    assertThat(write(cluster, follower, 1, 3)).containsEntry("type", "write_ok");
    assertThat(read(cluster, leader, 1)).containsEntry("type", "read_ok").containsEntry("value", 3);
    assertThat(cas(cluster, follower, 1, 3, 4)).containsEntry("type", "cas_ok");
    assertThat(code(cas(cluster, leader, 1, 3, 5))).as("holds 4, not 3").isEqualTo(22);
    for (String node : FIVE) {
      assertThat(read(cluster, node, 1)).as("read at %s", node).containsEntry("value", 4);
    }
    cluster.run(Duration.ofMillis(500));
    for (String node : FIVE) {
      assertThat(logTerms(cluster, node)).as("%s's log", node).isEqualTo(logTerms(cluster, leader));
      assertThat(commitIndex(cluster, node)).as("%s has learnt every commit", node)
          .isEqualTo(logTerms(cluster, leader).size());
    }
  }

  @Test
  void aLeaderCutOffIsReplacedByAnElectionAmongTheRest() {
    Cluster cluster = cluster(2);
    String old = leader(cluster, FIVE);
    long oldTerm = term(cluster, old);

    cluster.partition(Set.of(old));
    cluster.run(Duration.ofSeconds(3));
    String next = leader(cluster, others(old));
    assertThat(term(cluster, next)).isGreaterThan(oldTerm);
    assertThat(write(cluster, others(old, next).get(0), 1, 8)).containsEntry("type", "write_ok");
    assertThat(state(cluster, old)).as("cut off, it knows nothing better")
        .containsEntry("role", "leader").containsEntry("term", (int) oldTerm);
    long committed = commitIndex(cluster, old);
    cluster.submit(old, Map.of("type", "write", "key", 1, "value", 7));
    cluster.run(Duration.ofSeconds(2));
    assertThat(logTerms(cluster, old)).as("appended").hasSize((int) committed + 1);
    assertThat(commitIndex(cluster, old)).as("but without a majority never committed")
        .isEqualTo(committed);
  }

  @Test
  void aStaleLeadersUncommittedEntriesAreOverwrittenAndItsClientsRefused() {
    Cluster cluster = cluster(3);
    String old = leader(cluster, FIVE);
    assertThat(write(cluster, old, 1, 1)).containsEntry("type", "write_ok");

    cluster.partition(Set.of(old));
    String stale = cluster.submit(old, Map.of("type", "write", "key", 1, "value", 7));
    String staleCas = cluster.submit(old, Map.of("type", "cas", "key", 1, "from", 1, "to", 9));
    cluster.run(Duration.ofSeconds(3));
    assertThat(logTerms(cluster, old)).as("the stale leader appended both").hasSize(3);
    String next = leader(cluster, others(old));
    assertThat(write(cluster, next, 1, 8)).containsEntry("type", "write_ok");
    assertThat(write(cluster, next, 2, 5)).containsEntry("type", "write_ok");

    cluster.heal();
    // Overwritten entries are gone for good, so their clients hear a definite 11.
    assertThat(code(cluster.await(stale))).isEqualTo(11);
    assertThat(code(cluster.await(staleCas))).isEqualTo(11);
    cluster.run(Duration.ofSeconds(1));
    assertThat(logTerms(cluster, old)).isEqualTo(logTerms(cluster, next));
    assertThat(cluster.logs()).anyMatch(line -> line.startsWith(old + " drops entries from index 2"));
    for (String node : FIVE) {
      assertThat(read(cluster, node, 1)).as("read at %s", node).containsEntry("value", 8);
    }
  }

  /**
   * Raft's figure 8: an entry of an earlier term that a majority holds is not committed by
   * counting, since a leader whose log ends in a later term may still overwrite it.
   */
  @Test
  void aNewLeaderDoesNotCommitAnEarlierTermsEntryByCountingReplicas() {
    Cluster cluster = cluster(4);
    String first = leader(cluster, FIVE);
    String holder = others(first).get(0);
    // 1. The first leader appends W (key 1 = 1) but gets it only to `holder`: uncommitted.
    for (String node : others(first, holder)) {
      cluster.cut(first, node);
    }
    String w = cluster.submit(first, Map.of("type", "write", "key", 1, "value", 1));
    cluster.run(Duration.ofMillis(300));
    assertThat(logTerms(cluster, holder)).hasSize(1);
    long wTerm = logTerms(cluster, holder).get(0).longValue();

    // 2. The other three elect one of theirs, which appends X (key 1 = 2) at the same index and
    //    is then cut off before it replicates X.
    cluster.heal();
    cluster.partition(Set.of(first, holder));
    cluster.run(Duration.ofSeconds(3));
    List<String> rest = others(first, holder);
    String second = leader(cluster, rest);
    cluster.heal();
    cluster.partition(Set.of(second));
    String x = cluster.submit(second, Map.of("type", "write", "key", 1, "value", 2));
    cluster.run(Duration.ofMillis(50));
    assertThat(logTerms(cluster, second)).hasSize(1);
    long xTerm = logTerms(cluster, second).get(0).longValue();
    assertThat(xTerm).isGreaterThan(wTerm);

    // 3. With `second` away, only `first` or `holder` can win (the others' logs are shorter), and
    //    the winner copies W onto the two others: W is on four of five nodes, yet of an earlier
    //    term, so nobody may count it committed.
    cluster.run(Duration.ofSeconds(3));
    String third = leader(cluster, others(second));
    assertThat(third).isIn(first, holder);
    for (String node : others(second)) {
      assertThat(logTerms(cluster, node)).as("%s holds W", node).hasSize(1);
      assertThat(logTerms(cluster, node).get(0).longValue()).isEqualTo(wTerm);
      assertThat(commitIndex(cluster, node)).as("%s's commit index", node).isZero();
    }

    // 4. Indeed: `second`, back with the two that lack nothing it needs, wins on its later last
    //    term and overwrites W everywhere. W's client must not have been told it happened.
    cluster.heal();
    cluster.partition(Set.of(first, holder));
    cluster.run(Duration.ofSeconds(3));
    assertThat(leader(cluster, others(first, holder))).isEqualTo(second);
    cluster.heal();
    // X too is of an earlier term than `second`'s new one: it commits with the next entry.
    assertThat(write(cluster, second, 2, 0)).containsEntry("type", "write_ok");
    assertThat(cluster.await(x)).containsEntry("type", "write_ok");
    cluster.run(Duration.ofSeconds(1));
    for (String node : FIVE) {
      assertThat(logTerms(cluster, node).get(0).longValue()).as("%s's index 1", node).isEqualTo(xTerm);
      assertThat(read(cluster, node, 1)).containsEntry("value", 2);
    }
    assertThat(code(cluster.await(w))).isEqualTo(11);
  }

  /**
   * Random partitions, healed and cut again every few hundred ms, with writes all along: every
   * "leader of term T" a node logs must name a different term, and once healed all logs agree.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void noTwoLeadersInOneTerm(long seed) {
    Cluster cluster = new Cluster(new Raft_Dispatcher(), FIVE, HOP, seed);
    Random random = new Random(seed);
    for (int round = 0; round < 60; round++) {
      cluster.heal();
      if (random.nextInt(4) > 0) {
        Set<String> side = new HashSet<>();
        for (String node : FIVE) {
          if (random.nextBoolean()) {
            side.add(node);
          }
        }
        cluster.partition(side);
      }
      String node = FIVE.get(random.nextInt(FIVE.size()));
      cluster.submit(node, Map.of("type", "write", "key", round % 3, "value", round));
      cluster.run(Duration.ofMillis(100 + random.nextInt(600)));
    }
    Map<Long, String> leaders = new HashMap<>();
    for (String line : cluster.logs()) {
      Matcher m = LEADER.matcher(line);
      if (m.matches()) {
        String before = leaders.putIfAbsent(Long.parseLong(m.group(2)), m.group(1));
        assertThat(before).as("another leader in term %s than %s", m.group(2), m.group(1)).isNull();
      }
    }
    assertThat(leaders).as("elections happened").hasSizeGreaterThanOrEqualTo(3);

    cluster.heal();
    cluster.run(Duration.ofSeconds(3));
    assertThat(write(cluster, "n1", 9, 9)).containsEntry("type", "write_ok");
    cluster.run(Duration.ofSeconds(1));
    String leader = leader(cluster, FIVE);
    for (String node : FIVE) {
      assertThat(logTerms(cluster, node)).as("%s's log", node).isEqualTo(logTerms(cluster, leader));
    }
  }
}
