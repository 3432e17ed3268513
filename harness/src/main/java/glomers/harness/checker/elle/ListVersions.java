package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.NonCycle.key;

import glomers.harness.checker.elle.RwRegisterChecker.Mop;
import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * List-append version orders. Every distinct non-empty list an ok txn read of a key, sorted by
 * length, should be a prefix of the next; the longest (without repeats) is the key's version order.
 * A key nobody read non-empty but with exactly one append gets that element as its order. An
 * append never read comes after the last element of the order (after the initial state if there is
 * none). Also the indexes the graph and the non-cycle checks share: who appended each element, and
 * which ok txns read each key up to which last element.
 */
final class ListVersions {
  /** The initial state of a key, as a "previous element". */
  static final Object INIT = new Object() {
    @Override
    public String toString() {
      return "initial state";
    }
  };

  /** A key's version order: its elements and each one's position. */
  static final class Order {
    final Object[] values;
    final Map<Object, Integer> index;

    Order(List<Object> values) {
      this.values = values.toArray();
      this.index = new HashMap<>(values.size() * 2);
      for (int i = 0; i < this.values.length; i++) {
        index.put(key(this.values[i]), i);
      }
    }
  }

  /** key -> distinct non-empty lists ok txns read, sorted by length (stable). */
  final Map<Object, List<List<Object>>> sorted = new HashMap<>();
  /** key -> the first pair of sorted reads where one is not a prefix of the next. */
  final Map<Object, List<List<Object>>> incompatible = new LinkedHashMap<>();
  /** key -> version order, from reads or a single append by an ok or info txn. */
  final Map<Object, Order> orders = new HashMap<>();
  /** key -> element -> the txn of any type that appended it (failed ones matter only to dirty-update). */
  final Map<Object, Map<Object, Txn>> allWriters = new HashMap<>();
  /** key -> last element read (or INIT for null and []) -> ok txns that read it, each once. */
  final Map<Object, Map<Object, List<Txn>>> readers = new HashMap<>();

  ListVersions(List<Txn> txns) {
    Map<Object, Set<List<Object>>> seen = new HashMap<>();
    // key -> the one element appended, or TOO_MANY; over ok+info txns and over all txns.
    Map<Object, Object> singles = new HashMap<>();
    for (int i = 0; i < txns.size(); i++) {
      Txn t = txns.get(i);
      OpType type = t.op.type();
      boolean possible = type != OpType.FAIL;
      for (int j = 0; j < t.mops.size(); j++) {
        Mop m = t.mops.get(j);
        Object k = key(m.key());
        if (m.f().equals("r")) {
          if (type != OpType.OK) {
            continue;
          }
          List<?> list = (List<?>) m.value();
          if (list != null && !list.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object> l = (List<Object>) list;
            seen.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(l);
          }
          Object last = list == null || list.isEmpty() ? INIT : key(list.get(list.size() - 1));
          List<Txn> rs = readers.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(last, x -> new ArrayList<>(2));
          if (rs.isEmpty() || rs.get(rs.size() - 1) != t) {
            rs.add(t);
          }
          continue;
        }
        Object v = key(m.value());
        Txn before = allWriters.computeIfAbsent(k, x -> new HashMap<>()).putIfAbsent(v, t);
        if (before != null) {
          throw new IllegalStateException(
              "value " + RwRegisterChecker.kv(m.key(), m.value()) + " appended to key " + m.key() + " multiple times (ops "
                  + before.op.index() + " and " + t.op.index() + "): appended values must be unique per key");
        }
        if (possible) {
          singles.merge(k, v, (a, b) -> TOO_MANY);
        }
      }
    }
    seen.forEach(
        (k, lists) -> {
          List<List<Object>> byLength = new ArrayList<>(lists);
          byLength.sort((a, b) -> Integer.compare(a.size(), b.size()));
          sorted.put(k, byLength);
          for (int i = 0; i + 1 < byLength.size(); i++) {
            if (!isPrefix(byLength.get(i), byLength.get(i + 1))) {
              incompatible.put(k, List.of(byLength.get(i), byLength.get(i + 1)));
              break;
            }
          }
          List<Object> longest = byLength.get(byLength.size() - 1);
          orders.put(k, new Order(new ArrayList<>(new LinkedHashSet<>(longest))));
        });
    singles.forEach(
        (k, v) -> {
          if (v != TOO_MANY && !orders.containsKey(k)) {
            orders.put(k, new Order(List.of(v)));
          }
        });
  }

  private static final Object TOO_MANY = new Object();

  static boolean isPrefix(List<?> a, List<?> b) {
    if (a.size() > b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Objects.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** The first position where a and b differ (a's length if a is a proper prefix of b). */
  static int divergence(List<?> a, List<?> b) {
    int i = 0;
    while (i < a.size() && i < b.size() && Objects.equals(a.get(i), b.get(i))) {
      i++;
    }
    return i;
  }

  /** The element appended just before v on k (null-safe key form), or INIT. */
  Object previous(Object k, Object v) {
    Order order = orders.get(k);
    if (order == null) {
      return INIT;
    }
    Integer at = order.index.get(v);
    if (at == null) {
      return order.values.length == 0 ? INIT : key(order.values[order.values.length - 1]);
    }
    return at == 0 ? INIT : key(order.values[at - 1]);
  }

  /** The ok or info txn that appended v to k, or null. */
  Txn writer(Object k, Object v) {
    Map<Object, Txn> byValue = allWriters.get(k);
    Txn t = byValue == null ? null : byValue.get(v);
    return t == null || t.op.type() == OpType.FAIL ? null : t;
  }

  /** Whether ok txn t read key k up to last element {@code last} (INIT: read null or []). */
  static boolean readUpTo(Txn t, Object k, Object last) {
    if (t.op.type() != OpType.OK) {
      return false;
    }
    for (Mop m : t.mops) {
      if (m.f().equals("r") && Objects.equals(key(m.key()), k)) {
        List<?> list = (List<?>) m.value();
        Object end = list == null || list.isEmpty() ? INIT : key(list.get(list.size() - 1));
        if (end.equals(last)) {
          return true;
        }
      }
    }
    return false;
  }
}
