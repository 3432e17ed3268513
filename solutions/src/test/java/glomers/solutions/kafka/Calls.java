package glomers.solutions.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.runtime.RpcError;
import glomers.solutions.sim.Cluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Kafka client calls on a simulated cluster, and a small workload that checks what it sees. */
final class Calls {
  private Calls() {}

  static Map<String, Object> send(String key, long msg) {
    return Map.of("type", "send", "key", key, "msg", msg);
  }

  /** Sends and expects send_ok; returns the offset. */
  static long sendOk(Cluster cluster, String node, String key, long msg) {
    Map<String, Object> reply = cluster.call(node, send(key, msg));
    assertThat(reply).as("send %s=%s to %s", key, msg, node).containsEntry("type", "send_ok");
    return ((Number) reply.get("offset")).longValue();
  }

  /** Polls; returns per key the [offset, msg] pairs as longs. */
  @SuppressWarnings("unchecked")
  static Map<String, List<List<Long>>> poll(Cluster cluster, String node, Map<String, Long> offsets) {
    return pollReply(cluster.call(node, Map.of("type", "poll", "offsets", offsets)));
  }

  @SuppressWarnings("unchecked")
  static Map<String, List<List<Long>>> pollReply(Map<String, Object> reply) {
    assertThat(reply).containsEntry("type", "poll_ok");
    Map<String, List<List<Long>>> out = new TreeMap<>();
    ((Map<String, List<List<Number>>>) reply.get("msgs")).forEach((key, pairs) -> {
      List<List<Long>> longs = new ArrayList<>();
      for (List<Number> pair : pairs) {
        assertThat(pair).hasSize(2);
        longs.add(List.of(pair.get(0).longValue(), pair.get(1).longValue()));
      }
      out.put(key, longs);
    });
    return out;
  }

  /** Polls every key in {@code keys} from 0. */
  static Map<String, List<List<Long>>> pollAll(Cluster cluster, String node, Iterable<String> keys) {
    Map<String, Long> offsets = new LinkedHashMap<>();
    for (String key : keys) {
      offsets.put(key, 0L);
    }
    return poll(cluster, node, offsets);
  }

  static void commit(Cluster cluster, String node, Map<String, Long> offsets) {
    assertThat(cluster.call(node, Map.of("type", "commit_offsets", "offsets", offsets)))
        .containsEntry("type", "commit_offsets_ok");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Long> listCommitted(Cluster cluster, String node, List<String> keys) {
    Map<String, Object> reply =
        cluster.call(node, Map.of("type", "list_committed_offsets", "keys", keys));
    assertThat(reply).containsEntry("type", "list_committed_offsets_ok");
    Map<String, Long> out = new TreeMap<>();
    ((Map<String, Number>) reply.get("offsets")).forEach((k, v) -> out.put(k, v.longValue()));
    return out;
  }

  /**
   * 40 sends over three keys, alternating between two nodes: each offset is one above the key's
   * last, and after a moment both nodes poll the same logs.
   */
  static void assertDenseOffsetsAndAgreeingLogs(Cluster cluster, List<String> nodes) {
    Map<String, Long> last = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) {
      String key = Integer.toString(i % 3);
      long offset = sendOk(cluster, nodes.get(i % 2), key, 100 + i);
      assertThat(offset).as("key %s", key).isEqualTo(last.getOrDefault(key, -1L) + 1);
      last.put(key, offset);
    }
    cluster.run(Duration.ofMillis(200));
    Map<String, List<List<Long>>> first = pollAll(cluster, nodes.get(0), List.of("0", "1", "2"));
    assertThat(first.get("0")).hasSize(14).startsWith(List.of(0L, 100L), List.of(1L, 103L));
    assertThat(pollAll(cluster, nodes.get(1), List.of("0", "1", "2"))).isEqualTo(first);
    assertNoNodeFailures(cluster);
  }

  static void assertNoNodeFailures(Cluster cluster) {
    assertThat(cluster.logs()).noneMatch(line -> line.contains("failed"));
  }

  /**
   * Clients as the bench runs them: client i always talks to node i mod n, ops are sends or polls
   * (each poll followed by a commit of what it returned), and every round all clients have one op
   * in flight at once. Checks as it goes what the kafka checker would flag: an offset given to two
   * sends, a poll that skips or repeats, a poll that shows a message at another offset than its
   * send got, or a message whose send failed definitely (G1a).
   */
  static final class Workload {
    final Cluster cluster;
    final List<String> nodes;
    final int clients;
    final Random random;
    final Map<String, TreeMap<Long, Long>> acked = new TreeMap<>();
    final Map<String, Set<Long>> indefinite = new TreeMap<>();
    final Map<String, Set<Long>> failed = new TreeMap<>();
    final List<Map<String, Long>> clientOffsets = new ArrayList<>();
    final List<List<String>> sentTo = new ArrayList<>();    // [node, key] of every send
    final Map<String, Long> nextMsg = new TreeMap<>();
    long ops;
    long sends;
    long indefiniteInLogs;

    Workload(Cluster cluster, List<String> nodes, int clients, long seed) {
      this.cluster = cluster;
      this.nodes = nodes;
      this.clients = clients;
      this.random = new Random(seed);
      for (int i = 0; i < clients; i++) {
        clientOffsets.add(new TreeMap<>());
      }
    }

    /** A hot key half the time, else one of {@code keys}, as the bench's popularity skew does. */
    String key(int keys) {
      return random.nextBoolean() ? "0" : Integer.toString(random.nextInt(keys));
    }

    void round(int keys) {
      round(keys, Duration.ZERO, () -> {});
    }

    /** A round in which {@code nemesis} strikes {@code after} the requests went out. */
    void round(int keys, Duration after, Runnable nemesis) {
      List<String> waiting = new ArrayList<>();
      List<Object[]> sent = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        String node = nodes.get(c % nodes.size());
        if (random.nextBoolean()) {
          String key = key(keys);
          long msg = nextMsg.merge(key, 1L, Long::sum);
          waiting.add(cluster.submit(node, send(key, msg)));
          sent.add(new Object[] {key, msg});
          sentTo.add(List.of(node, key));
          sends++;
        } else {
          clientOffsets.get(c).putIfAbsent(key(keys), 0L);
          waiting.add(cluster.submit(node,
              Map.of("type", "poll", "offsets", Map.copyOf(clientOffsets.get(c)))));
          sent.add(null);
        }
        ops++;
      }
      cluster.run(after);
      nemesis.run();
      for (int c = 0; c < clients; c++) {
        Map<String, Object> reply = cluster.await(waiting.get(c));
        if (sent.get(c) == null) {
          checkPoll(c, pollReply(reply));
          continue;
        }
        String key = (String) sent.get(c)[0];
        long msg = (Long) sent.get(c)[1];
        if ("error".equals(reply.get("type"))) {
          boolean definite = new RpcError(((Number) reply.get("code")).intValue(), "").definite();
          (definite ? failed : indefinite).computeIfAbsent(key, k -> new TreeSet<>()).add(msg);
          continue;
        }
        assertThat(reply).containsEntry("type", "send_ok");
        long offset = ((Number) reply.get("offset")).longValue();
        Long previous = acked.computeIfAbsent(key, k -> new TreeMap<>()).put(offset, msg);
        assertThat(previous).as("offset %d of key %s given twice", offset, key).isNull();
      }
    }

    private void checkPoll(int client, Map<String, List<List<Long>>> msgs) {
      Map<String, Long> offsets = clientOffsets.get(client);
      Map<String, Long> commits = new TreeMap<>();
      msgs.forEach((key, pairs) -> {
        assertThat(pairs).as("empty lists are omitted").isNotEmpty();
        long expected = offsets.get(key);
        for (List<Long> pair : pairs) {
          assertThat(pair.get(0)).as("poll of key %s skipped or repeated", key).isEqualTo(expected);
          checkEntry(key, pair.get(0), pair.get(1));
          expected++;
        }
        offsets.put(key, expected);
        commits.put(key, expected - 1);
      });
      if (!commits.isEmpty()) {
        // Part of the poll op, as in the bench: ops counts it once.
        commit(cluster, nodes.get(client % nodes.size()), commits);
      }
    }

    private void checkEntry(String key, long offset, long msg) {
      Long sentMsg = acked.getOrDefault(key, new TreeMap<>()).get(offset);
      if (sentMsg != null) {
        assertThat(msg).as("key %s offset %d", key, offset).isEqualTo(sentMsg);
      }
      assertThat(failed.getOrDefault(key, Set.of()))
          .as("key %s offset %d shows a msg whose send failed definitely", key, offset)
          .doesNotContain(msg);
    }

    /**
     * Every node serves the same logs: every acknowledged send at its offset, indefinite ones at
     * most once, nothing else, with no gaps (polls return only contiguous runs).
     */
    void assertEveryNodeServesEverything() {
      Set<String> keys = new TreeSet<>(nextMsg.keySet());
      Map<String, List<List<Long>>> first = pollAll(cluster, nodes.get(0), keys);
      for (String node : nodes) {
        assertThat(pollAll(cluster, node, keys)).as("logs on %s", node).isEqualTo(first);
      }
      for (String key : keys) {
        Map<Long, Long> held = new TreeMap<>();
        Set<Long> msgs = new TreeSet<>();
        for (List<Long> pair : first.getOrDefault(key, List.of())) {
          held.put(pair.get(0), pair.get(1));
          assertThat(msgs.add(pair.get(1))).as("key %s msg %d twice", key, pair.get(1)).isTrue();
          checkEntry(key, pair.get(0), pair.get(1));
          if (!acked.getOrDefault(key, new TreeMap<>()).containsKey(pair.get(0))) {
            assertThat(indefinite.getOrDefault(key, Set.of())).as("key %s: a msg never sent", key)
                .contains(pair.get(1));
            indefiniteInLogs++;
          }
        }
        assertThat(held).as("key %s", key).containsAllEntriesOf(acked.getOrDefault(key, new TreeMap<>()));
      }
    }
  }
}
