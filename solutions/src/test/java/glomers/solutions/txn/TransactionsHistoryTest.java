package glomers.solutions.txn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A random workload shaped like the txn-rw-register generator's (1-4 micro-ops, reads and writes
 * equally likely, values unique per key) on two nodes with partitions, checked for what read
 * committed forbids as the checker sees it: every txn answered ok, no read of another txn's
 * intermediate write (G1b) or of a value no one wrote, and no cycle of write-read / write-write
 * dependencies (G1c, which a cycle of versions would also show as), with versions ordered only
 * by "read v, then wrote the key", as the checker infers them.
 * It also checks that replicas end up agreeing, on a version no inferred order places before
 * another.
 */
class TransactionsHistoryTest {
  private static final List<String> TWO = List.of("n0", "n1");
  private static final int KEYS = 6;

  /** A micro-op as answered: f, key, value (null for a read of a never-written key). */
  private record Op(String f, long key, Long value) {}

  private record Kv(long key, long value) {}

  @Test
  void randomHistoriesUnderPartitionsAreReadCommittedAndConverge() {
    for (long seed = 0; seed < 5; seed++) {
      check(seed);
    }
  }

  private static void check(long seed) {
    Random random = new Random(seed);
    Cluster cluster = new Cluster(new Transactions_Dispatcher(), TWO, Duration.ofMillis(5), seed);
    long[] nextValue = new long[KEYS];
    List<List<Op>> history = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      if (i % 300 == 100) {
        cluster.partition(Set.of("n" + random.nextInt(2)));
      } else if (i % 300 == 250) {
        cluster.heal();
      }
      List<List<Object>> request = new ArrayList<>();
      for (int j = 1 + random.nextInt(4); j > 0; j--) {
        int key = random.nextInt(KEYS);
        request.add(random.nextBoolean()
            ? Arrays.asList("r", key, null)
            : Arrays.asList("w", key, ++nextValue[key]));
      }
      // n0 takes three txns in four, then n1 takes them all: n0's count of its own commits runs
      // far ahead, so only stamps that follow what a node has installed let n1's later writes,
      // made after reading n0's values, replace them on n0 too.
      boolean onN0 = i < 1300 && random.nextInt(4) != 0;
      history.add(run(cluster, onN0 ? "n0" : "n1", request));
      cluster.run(Duration.ofMillis(random.nextInt(4)));
    }
    cluster.heal();
    cluster.run(Duration.ofSeconds(2));

    Map<Kv, Integer> finalWriter = new HashMap<>();
    Map<Kv, Integer> intermediateWriter = new HashMap<>();
    for (int t = 0; t < history.size(); t++) {
      Map<Long, Long> last = new HashMap<>();
      for (Op op : history.get(t)) {
        if (op.f().equals("w")) {
          Long previous = last.put(op.key(), op.value());
          if (previous != null) {
            intermediateWriter.put(new Kv(op.key(), previous), t);
          }
        }
      }
      for (Map.Entry<Long, Long> e : last.entrySet()) {
        finalWriter.put(new Kv(e.getKey(), e.getValue()), t);
      }
    }

    List<Set<Integer>> edges = new ArrayList<>();
    Map<Long, Map<Long, Set<Long>>> versionOrder = new HashMap<>();
    for (int t = 0; t < history.size(); t++) {
      edges.add(new HashSet<>());
    }
    for (int t = 0; t < history.size(); t++) {
      Map<Long, Long> firstRead = new HashMap<>();
      Map<Long, Long> lastWrite = new HashMap<>();
      Set<Long> touched = new HashSet<>();
      for (Op op : history.get(t)) {
        if (op.f().equals("w")) {
          touched.add(op.key());
          lastWrite.put(op.key(), op.value());
          continue;
        }
        if (lastWrite.containsKey(op.key())) {
          assertThat(op.value()).as("seed %d txn %d reads its own write", seed, t)
              .isEqualTo(lastWrite.get(op.key()));
          continue;
        }
        if (touched.add(op.key())) {
          firstRead.put(op.key(), op.value());
        }
        if (op.value() == null) {
          continue;
        }
        Kv read = new Kv(op.key(), op.value());
        assertThat(intermediateWriter).as("seed %d txn %d: G1b", seed, t).doesNotContainKey(read);
        Integer writer = finalWriter.get(read);
        if (writer == null) {
          fail("seed %d txn %d read %s, which no txn wrote", seed, t, read);
        }
      }
      for (Map.Entry<Long, Long> read : firstRead.entrySet()) {
        if (read.getValue() == null) {
          continue;
        }
        int writer = finalWriter.get(new Kv(read.getKey(), read.getValue()));
        if (writer != t) {
          edges.get(writer).add(t);   // wr, and ww too if t also wrote the key
        }
        Long wrote = lastWrite.get(read.getKey());
        if (wrote != null) {
          versionOrder.computeIfAbsent(read.getKey(), k -> new HashMap<>())
              .computeIfAbsent(read.getValue(), v -> new HashSet<>()).add(wrote);
        }
      }
    }
    assertThat(edges.stream().mapToInt(Set::size).sum()).as("seed %d edges", seed).isPositive();
    assertAcyclic("seed " + seed + " wr/ww graph", edges);

    List<Op> onN0 = read(cluster, "n0");
    List<Op> onN1 = read(cluster, "n1");
    assertThat(onN0).as("seed %d final state", seed).isEqualTo(onN1);
    for (Op op : onN0) {
      Map<Long, Set<Long>> order = versionOrder.getOrDefault(op.key(), Map.of());
      assertThat(order.getOrDefault(op.value(), Set.of()))
          .as("seed %d: key %d ends on %d, which a txn read and then overwrote", seed, op.key(),
              op.value())
          .isEmpty();
    }
  }

  private static List<Op> run(Cluster cluster, String node, List<List<Object>> request) {
    Map<String, Object> reply = cluster.call(node, Map.of("type", "txn", "txn", request));
    assertThat(reply).as("reply to %s", request).containsEntry("type", "txn_ok");
    @SuppressWarnings("unchecked")
    List<List<Object>> done = (List<List<Object>>) reply.get("txn");
    assertThat(done).hasSameSizeAs(request);
    List<Op> ops = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      List<Object> asked = request.get(i);
      List<Object> got = done.get(i);
      assertThat(got).hasSize(3);
      assertThat(got.subList(0, 2)).isEqualTo(List.of(asked.get(0), asked.get(1)));
      if (asked.get(0).equals("w")) {
        assertThat(((Number) got.get(2)).longValue()).isEqualTo(((Number) asked.get(2)).longValue());
      }
      ops.add(new Op((String) got.get(0), ((Number) got.get(1)).longValue(),
          got.get(2) == null ? null : ((Number) got.get(2)).longValue()));
    }
    return ops;
  }

  private static List<Op> read(Cluster cluster, String node) {
    List<List<Object>> request = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      request.add(Arrays.asList("r", k, null));
    }
    return run(cluster, node, request);
  }

  private static void assertAcyclic(String what, List<Set<Integer>> edges) {
    int[] incoming = new int[edges.size()];
    for (Set<Integer> out : edges) {
      for (int to : out) {
        incoming[to]++;
      }
    }
    ArrayDeque<Integer> ready = new ArrayDeque<>();
    for (int t = 0; t < incoming.length; t++) {
      if (incoming[t] == 0) {
        ready.add(t);
      }
    }
    int sorted = 0;
    while (!ready.isEmpty()) {
      int t = ready.poll();
      sorted++;
      for (int to : edges.get(t)) {
        if (--incoming[to] == 0) {
          ready.add(to);
        }
      }
    }
    assertThat(sorted).as("%s: txns outside any cycle", what).isEqualTo(edges.size());
  }
}
