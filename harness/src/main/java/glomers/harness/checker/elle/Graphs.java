package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.NonCycle.key;
import static glomers.harness.checker.elle.RwRegisterChecker.*;

import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The version orders and the transaction dependency graph. Versions: the initial null precedes
 * every value ok or info txns finally wrote and ok txns externally read; within an ok txn, the
 * value it externally read precedes the value it finally wrote on that key. Edges come only from
 * direct version edges: ww (writers of v1 to writers of v2), rw (readers of v1 to writers of v2),
 * and wr (writer of v to its readers); only ok txns take part.
 */
final class Graphs extends TxnGraph {
  /** key -> version -> direct successors (keys and versions null-safe). */
  final Map<Object, Map<Object, Set<Object>>> versions = new HashMap<>();

  Graphs(List<Op> history, List<Txn> txns, List<Txn> oks, boolean realtime, boolean process) {
    super(history, txns, oks, realtime, process);
  }

  private static Object nk(Object v) {
    return key(v);
  }

  @Override
  void build(Map<String, List<Map<String, Object>>> anomalies) {
    // Initial-state layer.
    for (Txn t : txns) {
      if (t.op.type() == OpType.FAIL) {
        continue;
      }
      t.extWrites.forEach((k, v) -> link(versions, k, null, v));
      if (t.op.type() == OpType.OK) {
        t.extReads.forEach((k, v) -> link(versions, k, null, v));
      }
    }
    // Write-follows-read layer, kept apart until we know it is acyclic.
    Map<Object, Map<Object, Set<Object>>> wfr = new HashMap<>();
    for (Txn t : oks) {
      t.extReads.forEach(
          (k, v) -> {
            if (v != null && t.extWrites.containsKey(k)) {
              link(wfr, k, v, t.extWrites.get(k));
            }
          });
    }
    List<Map<String, Object>> cyclic = VersionCycles.find(wfr, oks);
    if (cyclic.isEmpty()) {
      wfr.forEach((k, g) -> g.forEach((v, succ) -> versions.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(v, x -> new HashSet<>()).addAll(succ)));
    } else {
      anomalies.put("cyclic-versions", cyclic);
    }
    buildTxnGraph();
  }

  private static void link(Map<Object, Map<Object, Set<Object>>> vg, Object k, Object from, Object to) {
    if (to == null || Objects.equals(from, to)) {
      return;
    }
    vg.computeIfAbsent(nk(k), x -> new HashMap<>()).computeIfAbsent(nk(from), x -> new HashSet<>()).add(nk(to));
  }

  private void buildTxnGraph() {
    // (key, value) -> ok txns that externally wrote / read it.
    Map<Object, Map<Object, List<Txn>>> writers = new HashMap<>();
    Map<Object, Map<Object, List<Txn>>> readers = new HashMap<>();
    for (Txn t : oks) {
      t.extWrites.forEach((k, v) -> writers.computeIfAbsent(nk(k), x -> new HashMap<>()).computeIfAbsent(nk(v), x -> new ArrayList<>(1)).add(t));
      t.extReads.forEach((k, v) -> readers.computeIfAbsent(nk(k), x -> new HashMap<>()).computeIfAbsent(nk(v), x -> new ArrayList<>(2)).add(t));
    }
    int dataEdges = 0;
    for (Map.Entry<Object, Map<Object, List<Txn>>> byKey : readers.entrySet()) {
      Map<Object, List<Txn>> kWriters = writers.getOrDefault(byKey.getKey(), Map.of());
      for (Map.Entry<Object, List<Txn>> byValue : byKey.getValue().entrySet()) {
        List<Txn> ws = kWriters.get(byValue.getKey());
        if (ws == null) {
          continue;
        }
        if (ws.size() > 1) {
          throw new IllegalArgumentException(
              "Key " + Json.write(unwrap(byKey.getKey())) + " had value " + Json.write(unwrap(byValue.getKey()))
                  + " written by more than one op: " + ws.stream().map(w -> w.op.index()).toList());
        }
        Txn w = ws.get(0);
        List<Txn> rs = byValue.getValue();
        for (int i = 0; i < rs.size(); i++) {
          Txn r = rs.get(i);
          if (r != w) {
            graph.add(w.vertex, r.vertex, WR);
            dataEdges++;
          }
        }
      }
    }
    for (Map.Entry<Object, Map<Object, Set<Object>>> byKey : versions.entrySet()) {
      Map<Object, List<Txn>> kWriters = writers.getOrDefault(byKey.getKey(), Map.of());
      Map<Object, List<Txn>> kReaders = readers.getOrDefault(byKey.getKey(), Map.of());
      for (Map.Entry<Object, Set<Object>> edge : byKey.getValue().entrySet()) {
        List<Txn> w1 = kWriters.getOrDefault(edge.getKey(), List.of());
        List<Txn> r1 = kReaders.getOrDefault(edge.getKey(), List.of());
        List<Txn> w2 = new ArrayList<>();
        for (Object v2 : edge.getValue()) {
          for (Txn w : kWriters.getOrDefault(v2, List.of())) {
            w2.add(w);
            for (Txn a : w1) {
              if (a != w) {
                graph.add(a.vertex, w.vertex, WW);
                dataEdges++;
              }
            }
          }
        }
        if (r1.isEmpty() || w2.isEmpty()) {
          continue;
        }
        dataEdges += addRw(r1, w2);
      }
    }
    int orderEdges = orderEdges();
    empty = dataEdges == 0 && orderEdges == 0;
  }

  /** Whether v1 directly precedes v2 on key k in the version order. */
  boolean precedes(Object k, Object v1, Object v2) {
    Map<Object, Set<Object>> g = versions.get(nk(k));
    if (g == null) {
      return false;
    }
    Set<Object> succ = g.get(nk(v1));
    return succ != null && succ.contains(nk(v2));
  }

  /** Why a precedes b, by Elle's preference: wr, ww, rw, then realtime or process order; null if not. */
  @Override
  Map<String, Object> explainPair(Txn a, Txn b) {
    for (int i = 0; i < a.extWrites.size(); i++) {
      Object k = a.extWrites.key(i);
      if (b.extReads.containsKey(k) && Objects.equals(b.extReads.get(k), a.extWrites.value(i))) {
        return step("wr", k, a.extWrites.value(i), null);
      }
    }
    for (int i = 0; i < a.extWrites.size(); i++) {
      Object k = a.extWrites.key(i);
      if (b.extWrites.containsKey(k) && precedes(k, a.extWrites.value(i), b.extWrites.get(k))) {
        return step("ww", k, a.extWrites.value(i), b.extWrites.get(k));
      }
    }
    for (int i = 0; i < a.extReads.size(); i++) {
      Object k = a.extReads.key(i);
      if (b.extWrites.containsKey(k) && precedes(k, a.extReads.value(i), b.extWrites.get(k))) {
        return step("rw", k, a.extReads.value(i), b.extWrites.get(k));
      }
    }
    return orderStep(a, b);
  }

  @Override
  String dataStepText(Map<String, Object> step, String a, String b) {
    Object k = step.get("key");
    return switch ((String) step.get("type")) {
      case "wr" -> a + " < " + b + " (wr): " + a + " wrote " + kv(k, step.get("value")) + " and " + b + " read it.";
      case "ww" -> a + " < " + b + " (ww): " + a + " wrote " + kv(k, step.get("value")) + " and " + b + " wrote "
          + kv(k, step.get("value'")) + ", the next version (a transaction read " + Json.write(step.get("value")) + " and then wrote "
          + Json.write(step.get("value'")) + ").";
      default -> a + " < " + b + " (rw): " + a + " read " + kv(k, step.get("value")) + " and " + b + " wrote "
          + kv(k, step.get("value'")) + ", a later version, so " + a + " did not see " + b + "'s write.";
    };
  }

}
