package glomers.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.options.SeqKvStaleness;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServicesTest {
  static Map<String, Object> req(Object... kv) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      map.put((String) kv[i], kv[i + 1]);
    }
    return map;
  }

  static Map<String, Object> read(Object key) {
    return req("type", "read", "key", key);
  }

  static Map<String, Object> write(Object key, Object value) {
    return req("type", "write", "key", key, "value", value);
  }

  static Map<String, Object> cas(Object key, Object from, Object to) {
    return req("type", "cas", "key", key, "from", from, "to", to);
  }

  @Test
  void linKvReadWriteCas() {
    LinKv kv = new LinKv();
    assertThat(kv.handle("n1", read("k"))).containsEntry("type", "error").containsEntry("code", 20L);
    assertThat(kv.handle("n1", cas("k", 1L, 2L))).containsEntry("code", 20L);
    assertThat(kv.handle("n1", write("k", 1L))).isEqualTo(Map.of("type", "write_ok"));
    assertThat(kv.handle("n2", read("k"))).isEqualTo(Map.of("type", "read_ok", "value", 1L));
    assertThat(kv.handle("n1", cas("k", 1.0, 2L)))
        .containsEntry("code", 22L)
        .containsEntry("text", "current value 1 is not 1.0");
    assertThat(kv.handle("n1", cas("k", 1L, 2L))).isEqualTo(Map.of("type", "cas_ok"));
    assertThat(kv.handle("n1", read("k"))).containsEntry("value", 2L);
    assertThat(kv.handle("n1", read(List.of(1L, "a")))).containsEntry("code", 20L);
    Map<String, Object> create = cas("new", 99L, 5L);
    create.put("create_if_not_exists", true);
    assertThat(kv.handle("n1", create)).isEqualTo(Map.of("type", "cas_ok"));
    assertThat(kv.handle("n1", read("new"))).containsEntry("value", 5L);
    assertThat(kv.handle("n1", create)).containsEntry("code", 22L);
    assertThat(kv.handle("n1", req("type", "delete", "key", "k"))).isNull();
    assertThat(kv.handle("n1", req("key", "k"))).isNull();
  }

  @Test
  void linTsoCountsFromZeroAcrossCallers() {
    LinTso tso = new LinTso();
    assertThat(tso.handle("n1", req("type", "ts"))).isEqualTo(Map.of("type", "ts_ok", "ts", 0L));
    assertThat(tso.handle("n2", req("type", "ts"))).isEqualTo(Map.of("type", "ts_ok", "ts", 1L));
    assertThat(tso.handle("n2", req("type", "read"))).isNull();
  }

  @Test
  void lwwKvReplicasNeverConvergeAndIgnoreCreate() {
    Set<Object> outcomes = new HashSet<>();
    for (int seed = 0; seed < 50; seed++) {
      LwwKv kv = new LwwKv(new Random(seed));
      kv.handle("n1", write("k", 1L));
      for (int i = 0; i < 10; i++) {
        Map<String, Object> r = kv.handle("n1", read("k"));
        outcomes.add(r.get("type").equals("error") ? r.get("code") : r.get("value"));
      }
      Map<String, Object> create = cas("other", 0L, 1L);
      create.put("create_if_not_exists", true);
      assertThat(kv.handle("n1", create)).containsEntry("code", 20L);
    }
    assertThat(outcomes).containsExactlyInAnyOrder(1L, 20L);
  }

  @Test
  void seqKvGivesReadYourWritesPerNode() {
    for (int seed = 0; seed < 50; seed++) {
      SeqKv kv = new SeqKv(new Random(seed));
      for (long v = 1; v <= 40; v++) {
        kv.handle("n1", write("k", v));
        assertThat(kv.handle("n1", read("k"))).containsEntry("value", v);
      }
    }
  }

  @Test
  void seqKvReadsAreStaleButMonotonicPerNodeWithinTheRing() {
    boolean sawStale = false;
    for (int seed = 0; seed < 50; seed++) {
      SeqKv kv = new SeqKv(new Random(seed));
      for (long v = 1; v <= 20; v++) {
        kv.handle("n1", write("k", v));
      }
      long seen = 0;
      for (int i = 0; i < 30; i++) {
        Map<String, Object> r = kv.handle("n2", read("k"));
        long value = r.containsKey("value") ? (Long) r.get("value") : 0;
        assertThat(value).isGreaterThanOrEqualTo(seen);
        seen = value;
        sawStale |= value < 20;
      }
    }
    assertThat(sawStale).isTrue();
  }

  @Test
  void seqKvKeepsThe32LatestVersionsAndWrapsOlderIndexes() {
    SeqKv kv = new SeqKv(new Random(1));
    for (long v = 1; v <= 40; v++) {
      kv.handle("n1", write("k", v));
    }
    assertThat(kv.last()).isEqualTo(40);
    assertThat(kv.versionAt(40)).containsEntry("k", 40L);
    assertThat(kv.versionAt(9)).containsEntry("k", 9L);
    assertThat(kv.versionAt(8)).containsEntry("k", 8L + 32);
    assertThat(kv.versionAt(0)).containsEntry("k", 32L);
  }

  @Test
  void seqKvAbsorbsAWriteOfAValueAStaleVersionHeld() {
    Set<Long> lasts = new HashSet<>();
    for (int seed = 0; seed < 100; seed++) {
      SeqKv kv = new SeqKv(new Random(seed));
      kv.handle("n1", write("k", 1L));
      kv.handle("n1", write("k", 2L));
      assertThat(kv.handle("n2", write("k", 1L))).isEqualTo(Map.of("type", "write_ok"));
      lasts.add(kv.last());
      long newest = (Long) kv.versionAt(kv.last()).get("k");
      assertThat(newest).isEqualTo(kv.last() == 2 ? 2L : 1L);
    }
    assertThat(lasts).containsExactlyInAnyOrder(2L, 3L);
  }

  @Test
  void seqKvCasMayFailOnAStaleOrTheNewestVersion() {
    Set<String> outcomes = new HashSet<>();
    for (int seed = 0; seed < 100; seed++) {
      SeqKv kv = new SeqKv(new Random(seed));
      kv.handle("n1", write("k", 1L));
      kv.handle("n1", write("k", 2L));
      Map<String, Object> r = kv.handle("n2", cas("k", 1L, 5L));
      assertThat(r.get("type")).isEqualTo("error");
      outcomes.add(r.get("code") + "@" + kv.last());
      assertThat(kv.versionAt(kv.last())).containsEntry("k", 2L);
    }
    // 20 on the empty first version, 22 on version 2 (nothing appended), 22 re-evaluated on the
    // newest after version 1 would have accepted it (an unchanged copy appended).
    assertThat(outcomes).containsExactlyInAnyOrder("20@2", "22@2", "22@3");
  }

  @Test
  void seqKvCasWithCreateAndUnknownTypes() {
    SeqKv kv = new SeqKv(new Random(3));
    Map<String, Object> create = cas("c", 0L, 1L);
    create.put("create_if_not_exists", true);
    assertThat(kv.handle("n1", create)).isEqualTo(Map.of("type", "cas_ok"));
    assertThat(kv.handle("n1", read("c"))).containsEntry("value", 1L);
    assertThat(kv.handle("n1", req("type", "ts"))).isNull();
  }

  private static SeqKv oldest() {
    return new SeqKv(new Random(0), SeqKvStaleness.OLDEST);
  }

  private static Object valueOf(Map<String, Object> reply) {
    return reply.containsKey("value") ? reply.get("value") : reply.get("code");
  }

  @Test
  void oldestServesTheCursorVersionNotANewerOne() {
    SeqKv kv = oldest();
    kv.handle("n1", write("k", 1L));
    kv.handle("n2", write("other", 1L)); // n2's cursor: version 2, where k = 1
    kv.handle("n1", write("k", 2L));
    kv.handle("n1", write("k", 3L));
    for (int i = 0; i < 20; i++) {
      assertThat(kv.handle("n2", read("k"))).containsEntry("value", 1L);
    }
    // A node that never called seq-kv has cursor 0: the empty store, for as long as it is retained.
    assertThat(kv.handle("n3", read("k"))).containsEntry("code", 20L);
    assertThat(kv.handle("n3", read("other"))).containsEntry("code", 20L);
    // Its own write moves a node to the newest version, and reads stay there.
    kv.handle("n2", write("other", 2L));
    assertThat(kv.handle("n2", read("k"))).containsEntry("value", 3L);
  }

  @Test
  void oldestFallsBackToTheOldestRetainedVersionOnceTheCursorFellOff() {
    SeqKv kv = oldest();
    for (long v = 1; v <= 40; v++) {
      kv.handle("n1", write("k", v));
    }
    // n2's cursor 0 has fallen off the ring of 32 (versions 9..40): the oldest retained is 9.
    assertThat(kv.handle("n2", read("k"))).containsEntry("value", 9L);
    kv.handle("n1", write("k", 41L));
    // Its cursor, version 9, fell off in turn (10..41 are retained): it gets version 10.
    assertThat(kv.handle("n2", read("k"))).containsEntry("value", 10L);
    assertThat(kv.handle("n2", read("k"))).containsEntry("value", 10L);
  }

  @Test
  void oldestNoOpsAreAnsweredFromTheStaleVersionAndMutationsGoToTheNewest() {
    SeqKv kv = oldest();
    kv.handle("n2", write("x", 0L)); // n2 at version 1: k missing
    kv.handle("n1", write("k", 1L));
    kv.handle("n1", write("k", 2L));
    // On n2's version k does not exist: a cas fails there with 20 and appends nothing.
    assertThat(kv.handle("n2", cas("k", 2L, 3L))).containsEntry("code", 20L);
    // A write that changes n2's version is a mutation: applied to the newest, which keeps x.
    assertThat(kv.handle("n2", write("k", 5L))).isEqualTo(Map.of("type", "write_ok"));
    assertThat(kv.versionAt(kv.last())).containsEntry("k", 5L).containsEntry("x", 0L);
    // A write of what n2's (stale) version already holds is absorbed, as Maelstrom's would be.
    kv.handle("n1", write("x", 7L));
    long before = kv.last();
    assertThat(kv.handle("n2", write("x", 0L))).isEqualTo(Map.of("type", "write_ok"));
    assertThat(kv.last()).isEqualTo(before);
    assertThat(kv.versionAt(kv.last())).containsEntry("x", 7L);
  }

  /**
   * A model of the ring under oldest: each request is tried on version max(cursor, oldest retained),
   * answered from it if that changes nothing, else applied to the newest and appended. Random
   * interleavings of three nodes' reads, writes and cas must match it, and each node's cursor never
   * goes back.
   */
  @Test
  void oldestMatchesItsModelAndIsPerNodeMonotonic() {
    for (int seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      SeqKv kv = oldest();
      List<Map<Object, Object>> versions = new java.util.ArrayList<>(List.of(Map.of()));
      Map<String, Integer> cursors = new java.util.HashMap<>();
      for (int step = 0; step < 300; step++) {
        String node = "n" + random.nextInt(3);
        String key = "k" + random.nextInt(2);
        int cursor = cursors.getOrDefault(node, 0);
        int last = versions.size() - 1;
        int tried = Math.max(cursor, last - 31);
        long value = random.nextInt(3);
        Map<String, Object> request =
            switch (random.nextInt(4)) {
              case 0, 1 -> read(key);
              case 2 -> write(key, value);
              default -> cas(key, (long) random.nextInt(3), value);
            };
        Kv.Outcome onStale = Kv.apply(versions.get(tried), request, true);
        Map<String, Object> expected;
        if (onStale.state() == versions.get(tried)) {
          expected = onStale.reply();
          cursors.put(node, tried);
        } else {
          Kv.Outcome onNewest = Kv.apply(versions.get(last), request, true);
          versions.add(onNewest.state());
          expected = onNewest.reply();
          cursors.put(node, last + 1);
        }

        assertThat(kv.handle(node, request)).as("seed %d step %d", seed, step).isEqualTo(expected);
        assertThat(kv.last()).isEqualTo(versions.size() - 1);
        assertThat(kv.versionAt(kv.last())).isEqualTo(versions.get(versions.size() - 1));
        assertThat(cursors.get(node)).isGreaterThanOrEqualTo(cursor);
      }
    }
  }

  @Test
  void uniformStillDrawsNewerVersionsThanOldestWould() {
    Set<Object> served = new HashSet<>();
    for (int seed = 0; seed < 50; seed++) {
      SeqKv kv = new SeqKv(new Random(seed), SeqKvStaleness.UNIFORM);
      kv.handle("n2", write("x", 0L));
      kv.handle("n1", write("k", 1L));
      kv.handle("n1", write("k", 2L));
      served.add(valueOf(kv.handle("n2", read("k"))));
    }
    assertThat(served).containsExactlyInAnyOrder(20L, 1L, 2L);
  }
}
