package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.NonCycle.key;
import static glomers.harness.checker.elle.RwRegisterChecker.explained;

import glomers.harness.checker.elle.RwRegisterChecker.Mop;
import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The list-append anomalies found without the dependency graph: duplicate-elements,
 * incompatible-order, internal, future-read, G1a, G1b, dirty-update and lost-update.
 */
final class ListAppendNonCycle {
  private ListAppendNonCycle() {}

  static void check(List<Txn> txns, List<Txn> oks, ListVersions versions, Map<String, List<Map<String, Object>>> anomalies) {
    List<Map<String, Object>> duplicates = new ArrayList<>();
    List<Map<String, Object>> internal = new ArrayList<>();
    List<Map<String, Object>> futureRead = new ArrayList<>();
    for (Txn t : oks) {
      for (Mop m : t.mops) {
        if (m.f().equals("r") && m.value() instanceof List<?> list && list.size() > 1) {
          Map<String, Object> c = duplicates(t, m, list);
          if (c != null) {
            duplicates.add(c);
          }
        }
      }
      Map<String, Object> c = internal(t);
      if (c != null) {
        internal.add(c);
      }
      c = futureRead(t);
      if (c != null) {
        futureRead.add(c);
      }
    }
    put(anomalies, "duplicate-elements", duplicates);
    put(anomalies, "internal", internal);
    put(anomalies, "future-read", futureRead);
    put(anomalies, "incompatible-order", incompatible(oks, versions));
    abortedAndIntermediate(txns, oks, anomalies);
    put(anomalies, "dirty-update", dirtyUpdates(txns, versions));
    put(anomalies, "lost-update", lostUpdates(oks));
  }

  private static Map<String, Object> duplicates(Txn t, Mop m, List<?> list) {
    if (distinct(list)) {
      return null;
    }
    Map<Object, Integer> counts = new HashMap<>();
    Map<Object, Integer> dups = null;
    for (Object e : list) {
      int n = counts.merge(key(e), 1, Integer::sum);
      if (n > 1) {
        if (dups == null) {
          dups = new TreeMap<>((a, b) -> String.valueOf(a).compareTo(String.valueOf(b)));
        }
        dups.put(key(e), n);
      }
    }
    if (dups == null) {
      return null;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("op", t.json());
    c.put("mop", m.json());
    Map<Object, Object> shown = new LinkedHashMap<>();
    StringBuilder which = new StringBuilder();
    dups.forEach(
        (e, n) -> {
          shown.put(Graphs.unwrap(e), n);
          which.append(which.length() == 0 ? "" : ", ").append(Json.write(Graphs.unwrap(e))).append(" ").append(n).append(" times");
        });
    c.put("duplicates", shown);
    return explained(c, "duplicate-elements: " + t.describe() + " read key " + Json.write(m.key()) + " = " + Json.write(m.value())
        + ", which holds " + which + "; every value is appended once, so the list should hold it at most once.");
  }

  /** Whether no element repeats; quadratic, but reads hold at most a few dozen elements, and it allocates nothing. */
  private static boolean distinct(List<?> list) {
    int n = list.size();
    if (n > 64) {
      return new java.util.HashSet<>(list).size() == n;
    }
    for (int i = 1; i < n; i++) {
      Object e = list.get(i);
      for (int j = 0; j < i; j++) {
        if (Objects.equals(e, list.get(j))) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether some key has two or more micro-ops in t: only then can t contradict itself. */
  private static boolean repeatsAKey(Txn t) {
    for (int i = 1; i < t.mops.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (Objects.equals(t.mops.get(i).key(), t.mops.get(j).key())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Elle's op-int-case: a read must match the txn's own earlier read plus its appends since. */
  private static Map<String, Object> internal(Txn t) {
    if (!repeatsAKey(t)) {
      return null;
    }
    // key -> expected state; a list starting with UNKNOWN_PREFIX expects only that suffix.
    Map<Object, List<Object>> state = new HashMap<>();
    for (Mop m : t.mops) {
      Object k = key(m.key());
      if (m.f().equals("append")) {
        List<Object> s = state.containsKey(k) ? state.get(k) : List.of(UNKNOWN_PREFIX);
        List<Object> next = new ArrayList<>(s == null ? List.of() : s);
        next.add(m.value());
        state.put(k, next);
        continue;
      }
      List<Object> s = state.get(k);
      List<?> v = (List<?>) m.value();
      if (s != null) {
        boolean bad;
        if (!s.isEmpty() && s.get(0) == UNKNOWN_PREFIX) {
          int n = v == null ? 0 : v.size();
          int i = n + 1 - s.size();
          bad = i < 0 || !s.subList(1, s.size()).equals(v.subList(i, n));
        } else {
          bad = !Objects.equals(s, v);
        }
        if (bad) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("op", t.json());
          c.put("mop", m.json());
          List<Object> expected = new ArrayList<>();
          s.forEach(e -> expected.add(e == UNKNOWN_PREFIX ? "..." : e));
          c.put("expected", expected);
          boolean suffix = !s.isEmpty() && s.get(0) == UNKNOWN_PREFIX;
          return explained(c, "internal: " + t.describe() + " read key " + Json.write(m.key()) + " = " + Json.write(v)
              + ", but its own earlier micro-ops " + (suffix ? "appended " + Json.write(s.subList(1, s.size())) + ", so the read should end with those"
                  : "left " + Json.write(s) + ", so the read should be exactly that") + ".");
        }
      }
      if (v == null) {
        state.put(k, null);
      } else {
        @SuppressWarnings("unchecked")
        List<Object> read = (List<Object>) v;
        state.put(k, read);
      }
    }
    return null;
  }

  private static final Object UNKNOWN_PREFIX = new Object();

  /** A read of an element the same txn appends later. */
  private static Map<String, Object> futureRead(Txn t) {
    if (!repeatsAKey(t)) {
      return null;
    }
    for (int i = 0; i < t.mops.size(); i++) {
      Mop a = t.mops.get(i);
      if (!a.f().equals("append")) {
        continue;
      }
      for (int j = 0; j < i; j++) {
        Mop r = t.mops.get(j);
        if (r.f().equals("r") && Objects.equals(r.key(), a.key()) && r.value() instanceof List<?> list && list.contains(a.value())) {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("op", t.json());
          c.put("mop", r.json());
          c.put("element", a.value());
          return explained(c, "future-read: " + t.describe() + " read key " + Json.write(r.key()) + " = " + Json.write(list)
              + ", which already holds " + Json.write(a.value()) + ", an element the same transaction appends only later.");
        }
      }
    }
    return null;
  }

  private static List<Map<String, Object>> incompatible(List<Txn> oks, ListVersions versions) {
    List<Map<String, Object>> cases = new ArrayList<>();
    if (versions.incompatible.isEmpty()) {
      return cases;
    }
    versions.incompatible.forEach(
        (k, pair) -> {
          List<Object> a = pair.get(0);
          List<Object> b = pair.get(1);
          Txn ra = readerOf(oks, k, a);
          Txn rb = readerOf(oks, k, b);
          int at = ListVersions.divergence(a, b);
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("key", Graphs.unwrap(k));
          c.put("values", List.of(a, b));
          c.put("diverge-at", at);
          c.put("reads", List.of(ra.json(), rb.json()));
          String ea = at < a.size() ? Json.write(a.get(at)) : "(nothing: the read ends)";
          String eb = at < b.size() ? Json.write(b.get(at)) : "(nothing: the read ends)";
          String left = "op " + ra.op.index() + " read";
          String right = "op " + rb.op.index() + " read";
          int width = Math.max(left.length(), right.length());
          // Element columns padded alike, so the two reads line up and a caret marks where they part.
          int columns = Math.max(a.size(), b.size());
          int[] cell = new int[columns];
          for (int i = 0; i < columns; i++) {
            cell[i] = Math.max(i < a.size() ? Json.write(a.get(i)).length() : 0, i < b.size() ? Json.write(b.get(i)).length() : 0);
          }
          int caret = 2 + width + 2 + 1;
          for (int i = 0; i < at; i++) {
            caret += cell[i] + 2;
          }
          String text = "incompatible-order: two reads of key " + Json.write(Graphs.unwrap(k))
              + " disagree on the order of its appends; the shorter should be a prefix of the longer, but they diverge at position "
              + at + " (counting from 0):\n"
              + "  " + pad(left, width) + "  " + aligned(a, cell) + "\n"
              + "  " + pad(right, width) + "  " + aligned(b, cell) + "\n"
              + " ".repeat(caret) + "^ position " + at + ": " + ea + " vs " + eb + "\n"
              + "Readers:\n  " + ra.describe() + "\n  " + rb.describe();
          cases.add(explained(c, text));
        });
    return cases;
  }

  private static String aligned(List<Object> list, int[] cell) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      String e = Json.write(list.get(i));
      out.append(i == 0 ? "" : ", ").append(e);
      if (i + 1 < list.size()) {
        out.append(" ".repeat(cell[i] - e.length()));
      }
    }
    return out.append("]").toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  private static Txn readerOf(List<Txn> oks, Object k, List<Object> value) {
    for (Txn t : oks) {
      for (Mop m : t.mops) {
        if (m.f().equals("r") && Objects.equals(key(m.key()), k) && value.equals(m.value())) {
          return t;
        }
      }
    }
    throw new IllegalStateException("no ok read of " + value);
  }

  private static void abortedAndIntermediate(List<Txn> txns, List<Txn> oks, Map<String, List<Map<String, Object>>> anomalies) {
    // key -> element -> the failed txn that appended it / the txn that appended more to that key after it.
    Map<Object, Map<Object, Txn>> failed = new HashMap<>();
    Map<Object, Map<Object, Txn>> intermediate = new HashMap<>();
    for (Txn t : txns) {
      Small last = null;
      for (Mop m : t.mops) {
        if (!m.f().equals("append")) {
          continue;
        }
        Object k = key(m.key());
        if (t.op.type() == OpType.FAIL) {
          failed.computeIfAbsent(k, x -> new HashMap<>()).put(key(m.value()), t);
        }
        if (last == null) {
          last = new Small();
        } else if (last.containsKey(k)) {
          intermediate.computeIfAbsent(k, x -> new HashMap<>()).put(last.get(k), t);
        }
        last.put(k, key(m.value()));
      }
    }
    List<Map<String, Object>> g1a = new ArrayList<>();
    List<Map<String, Object>> g1b = new ArrayList<>();
    if (failed.isEmpty() && intermediate.isEmpty()) {
      return;
    }
    for (Txn t : oks) {
      for (Mop m : t.mops) {
        if (!m.f().equals("r") || !(m.value() instanceof List<?> list) || list.isEmpty()) {
          continue;
        }
        Object k = key(m.key());
        Map<Object, Txn> kFailed = failed.get(k);
        if (kFailed != null) {
          for (Object e : list) {
            Txn writer = kFailed.get(key(e));
            if (writer != null) {
              Map<String, Object> c = readCase(t, m, writer);
              c.put("element", e);
              g1a.add(explained(c, "G1a (aborted read): " + t.describe() + " read key " + Json.write(m.key()) + " = " + Json.write(list)
                  + ", which holds " + Json.write(e) + ", appended only by " + writer.describe() + ", which failed with "
                  + writer.op.error() + " and so never took effect."));
            }
          }
        }
        Map<Object, Txn> kIntermediate = intermediate.get(k);
        Object lastElement = list.get(list.size() - 1);
        Txn writer = kIntermediate == null ? null : kIntermediate.get(key(lastElement));
        if (writer != null && writer != t) {
          Map<String, Object> c = readCase(t, m, writer);
          c.put("element", lastElement);
          g1b.add(explained(c, "G1b (intermediate read): " + t.describe() + " read key " + Json.write(m.key()) + " = " + Json.write(list)
              + ", ending with " + Json.write(lastElement) + ", but " + writer.describe() + " appended more to key "
              + Json.write(m.key()) + " after that element in the same transaction: another transaction saw a state that never committed."));
        }
      }
    }
    put(anomalies, "G1a", g1a);
    put(anomalies, "G1b", g1b);
  }

  /** Along each key's version order, a failed txn's element later followed by an ok txn's. */
  private static List<Map<String, Object>> dirtyUpdates(List<Txn> txns, ListVersions versions) {
    List<Map<String, Object>> cases = new ArrayList<>();
    // Orders from reads only: Elle's dirty-update counts appends in invocations and completions
    // alike, so no key ever has a "single append" there. (A one-element order could not show a
    // dirty update anyway.)
    Map<Object, Object[]> orders = new HashMap<>();
    versions.orders.forEach(
        (k, o) -> {
          if (versions.sorted.containsKey(k)) {
            orders.put(k, o.values);
          }
        });
    boolean anyFailed = false;
    for (Txn t : txns) {
      anyFailed |= t.op.type() == OpType.FAIL;
    }
    for (Map.Entry<Object, Object[]> e : orders.entrySet()) {
      Object k = e.getKey();
      Object[] order = e.getValue();
      Map<Object, Txn> kWriters = versions.allWriters.getOrDefault(k, Map.of());
      OpType t1Type = OpType.OK;
      Txn t1 = null;
      int from = 0; // the version range since t1's element
      for (int i = 0; i < order.length; i++) {
        Object v = order[i];
        Txn t2 = kWriters.get(key(v));
        if (t2 == null) {
          // Elle asserts here; the assertion escapes and the whole result becomes unknown.
          throw new IllegalStateException("No transaction wrote " + Json.write(Graphs.unwrap(k)) + " " + Json.write(Graphs.unwrap(v))
              + ": a read of that key returned an element no txn appended");
        }
        if (!anyFailed) {
          continue;
        }
        OpType t2Type = t2.op.type();
        if (t2Type == OpType.INFO || t1Type == OpType.FAIL && t2Type == OpType.FAIL) {
          continue; // we can't say, or still aborted: the range grows
        }
        if (t1Type == OpType.FAIL && t2Type == OpType.OK) {
          List<Object> vs = new ArrayList<>();
          for (int j = from; j <= i; j++) {
            vs.add(Graphs.unwrap(order[j]));
          }
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("key", Graphs.unwrap(k));
          c.put("values", vs);
          c.put("txns", List.of(t1.json(), "...", t2.json()));
          cases.add(explained(c, "dirty-update: on key " + Json.write(Graphs.unwrap(k)) + ", the version order " + Json.write(vs)
              + " runs from an element appended by a failed transaction to one appended by a committed one:\n  "
              + t1.describe() + "\n  " + t2.describe()
              + "\nThe committed transaction updated state that an aborted one wrote."));
        }
        t1 = t2;
        t1Type = t2Type;
        from = i;
      }
    }
    return cases;
  }

  /** Two or more ok txns whose first read of a key gave the same value, each appending to it afterwards. */
  private static List<Map<String, Object>> lostUpdates(List<Txn> oks) {
    Map<Object, Map<Object, List<Txn>>> byKey = new HashMap<>();
    for (Txn t : oks) {
      if (!repeatsAKey(t)) {
        continue; // a read then an append of one key needs two micro-ops on it
      }
      Small reads = null;
      List<Object> written = null;
      for (Mop m : t.mops) {
        Object k = key(m.key());
        if (m.f().equals("r")) {
          if (reads == null) {
            reads = new Small();
          }
          if (!reads.containsKey(k)) {
            reads.put(k, key(m.value()));
          }
          continue;
        }
        if (reads == null || !reads.containsKey(k) || written != null && written.contains(k)) {
          continue;
        }
        if (written == null) {
          written = new ArrayList<>(2);
        }
        written.add(k);
        byKey.computeIfAbsent(k, x -> new LinkedHashMap<>()).computeIfAbsent(reads.get(k), x -> new ArrayList<>(2)).add(t);
      }
    }
    List<Map<String, Object>> cases = new ArrayList<>();
    byKey.forEach(
        (k, byValue) ->
            byValue.forEach(
                (v, ts) -> {
                  if (ts.size() >= 2) {
                    Object value = Graphs.unwrap(v);
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("key", Graphs.unwrap(k));
                    c.put("value", value);
                    c.put("txns", ts.stream().map(Txn::json).toList());
                    StringBuilder text = new StringBuilder("lost-update: " + ts.size() + " committed transactions each read key "
                        + Json.write(Graphs.unwrap(k)) + " = " + Json.write(value) + " and then appended to it, so each appended without seeing the others:");
                    ts.forEach(t -> text.append("\n  ").append(t.describe()));
                    cases.add(explained(c, text.toString()));
                  }
                }));
    return cases;
  }

  private static Map<String, Object> readCase(Txn t, Mop m, Txn writer) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("op", t.json());
    c.put("mop", m.json());
    c.put("writer", writer.json());
    return c;
  }

  private static void put(Map<String, List<Map<String, Object>>> anomalies, String type, List<Map<String, Object>> cases) {
    if (!cases.isEmpty()) {
      anomalies.put(type, cases);
    }
  }
}
