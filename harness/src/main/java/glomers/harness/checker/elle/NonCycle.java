package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.RwRegisterChecker.explained;
import static glomers.harness.checker.elle.RwRegisterChecker.kv;

import glomers.harness.checker.elle.RwRegisterChecker.Mop;
import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The anomalies found without the dependency graph: internal, G1a, G1b and lost-update. */
final class NonCycle {
  private NonCycle() {}

  static void check(List<Txn> txns, List<Txn> oks, Map<String, List<Map<String, Object>>> anomalies) {
    List<Map<String, Object>> internal = new ArrayList<>();
    for (int i = 0; i < oks.size(); i++) {
      Txn t = oks.get(i);
      Map<String, Object> c = internal(t);
      if (c != null) {
        internal.add(c);
      }
    }
    put(anomalies, "internal", internal);

    // key -> value -> the failed txn that wrote it / the txn that overwrote it within itself. Both
    // are rare, so reads look up two small maps without allocating.
    Map<Object, Map<Object, Txn>> failed = new HashMap<>();
    Map<Object, Map<Object, Txn>> intermediate = new HashMap<>();
    for (int i = 0; i < txns.size(); i++) {
      Txn t = txns.get(i);
      Small last = null;
      for (int j = 0; j < t.mops.size(); j++) {
        Mop m = t.mops.get(j);
        if (!m.f().equals("w")) {
          continue;
        }
        if (t.op.type() == OpType.FAIL) {
          failed.computeIfAbsent(key(m.key()), k -> new HashMap<>()).put(key(m.value()), t);
        }
        if (last == null) {
          last = new Small();
        } else if (last.containsKey(m.key())) {
          intermediate.computeIfAbsent(key(m.key()), k -> new HashMap<>()).put(key(last.get(m.key())), t);
        }
        last.put(m.key(), m.value());
      }
    }
    List<Map<String, Object>> g1a = new ArrayList<>();
    List<Map<String, Object>> g1b = new ArrayList<>();
    if (!failed.isEmpty() || !intermediate.isEmpty()) {
      for (Txn t : oks) {
        for (Mop m : t.mops) {
          if (!m.f().equals("r")) {
            continue;
          }
          Txn writer = lookup(failed, m);
          if (writer != null) {
            g1a.add(
                explained(
                    readCase(t, m, writer),
                    "G1a (aborted read): " + t.describe() + " read " + kv(m.key(), m.value()) + ", but that value was written only by "
                        + writer.describe() + ", which failed with " + writer.op.error() + " and so never took effect."));
          }
          writer = lookup(intermediate, m);
          if (writer != null && writer != t) {
            g1b.add(
                explained(
                    readCase(t, m, writer),
                    "G1b (intermediate read): " + t.describe() + " read " + kv(m.key(), m.value()) + ", which "
                        + writer.describe() + " wrote and then overwrote with " + kv(m.key(), writer.extWrites.get(m.key()))
                        + " in the same transaction: another transaction saw a state that never committed."));
          }
        }
      }
    }
    put(anomalies, "G1a", g1a);
    put(anomalies, "G1b", g1b);

    // key -> first-read value -> ok txns that read it and then wrote the key.
    Map<Object, Map<Object, List<Txn>>> readThenWrote = new LinkedHashMap<>();
    for (Txn t : oks) {
      List<Mop> mops = t.mops;
      for (int i = 0; i < mops.size(); i++) {
        Mop m = mops.get(i);
        if (!m.f().equals("w")) {
          continue;
        }
        // A write counts once per key, and only after a read of that key (its first read).
        int read = firstRead(mops, i);
        if (read >= 0 && !writtenBetween(mops, read, i)) {
          readThenWrote
              .computeIfAbsent(m.key(), k -> new LinkedHashMap<>())
              .computeIfAbsent(key(mops.get(read).value()), v -> new ArrayList<>())
              .add(t);
        }
      }
    }
    List<Map<String, Object>> lost = new ArrayList<>();
    readThenWrote.forEach(
        (k, byValue) ->
            byValue.forEach(
                (v, ts) -> {
                  if (ts.size() >= 2) {
                    Object value = v == NULL ? null : v;
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("key", k);
                    c.put("value", value);
                    c.put("txns", ts.stream().map(Txn::json).toList());
                    StringBuilder text = new StringBuilder("lost-update: " + ts.size() + " committed transactions each read "
                        + kv(k, value) + " and then wrote key " + k + ", so all but one update was lost:");
                    ts.forEach(t -> text.append("\n  ").append(t.describe()));
                    lost.add(explained(c, text.toString()));
                  }
                }));
    put(anomalies, "lost-update", lost);
  }

  /** Index of the first read of mop i's key before i, or -1. */
  private static int firstRead(List<Mop> mops, int i) {
    for (int j = 0; j < i; j++) {
      if (mops.get(j).f().equals("r") && Objects.equals(mops.get(j).key(), mops.get(i).key())) {
        return j;
      }
    }
    return -1;
  }

  private static boolean writtenBetween(List<Mop> mops, int from, int to) {
    for (int j = from + 1; j < to; j++) {
      if (mops.get(j).f().equals("w") && Objects.equals(mops.get(j).key(), mops.get(to).key())) {
        return true;
      }
    }
    return false;
  }

  /** The first read in {@code t} that contradicts its own earlier read or write of that key. */
  private static Map<String, Object> internal(Txn t) {
    Small state = new Small();
    for (Mop m : t.mops) {
      if (m.f().equals("w")) {
        state.put(m.key(), m.value());
      } else {
        Object expected = state.get(m.key());
        // An earlier null read sets no expectation.
        if (expected != null && !Objects.equals(expected, m.value())) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("op", t.json());
          c.put("mop", m.json());
          c.put("expected", expected);
          return explained(c, "internal: " + t.describe() + " read " + kv(m.key(), m.value()) + ", but its own earlier micro-ops had left "
              + kv(m.key(), expected) + ".");
        }
        state.put(m.key(), m.value());
      }
    }
    return null;
  }

  private static Txn lookup(Map<Object, Map<Object, Txn>> index, Mop read) {
    Map<Object, Txn> byValue = index.get(key(read.key()));
    return byValue == null ? null : byValue.get(key(read.value()));
  }

  private static Map<String, Object> readCase(Txn t, Mop m, Txn writer) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("op", t.json());
    c.put("mop", m.json());
    c.put("writer", writer.json());
    return c;
  }

  private static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  /** Null-safe map key. */
  static Object key(Object v) {
    return v == null ? NULL : v;
  }

  private static void put(Map<String, List<Map<String, Object>>> anomalies, String type, List<Map<String, Object>> cases) {
    if (!cases.isEmpty()) {
      anomalies.put(type, cases);
    }
  }
}
