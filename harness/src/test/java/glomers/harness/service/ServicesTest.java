package glomers.harness.service;

import static org.assertj.core.api.Assertions.assertThat;

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
}
