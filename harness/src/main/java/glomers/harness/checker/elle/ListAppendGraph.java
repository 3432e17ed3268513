package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.NonCycle.key;
import static glomers.harness.checker.elle.RwRegisterChecker.*;

import glomers.harness.checker.elle.RwRegisterChecker.Mop;
import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.history.Op;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The list-append dependency graph over ok and info txns. For each append of e to k, with p the
 * element before e in k's version order (or the initial state): ww from p's appender to e's, and
 * rw from every ok txn whose read of k ended at p to e's appender. For each ok read of k ending
 * with e: wr from e's appender. The explainer tries ww, then wr, then rw, then order, as Elle's
 * combined list-append explainer does, so a pair related by both ww and wr is a ww step.
 */
final class ListAppendGraph extends TxnGraph {
  private final ListVersions versions;

  ListAppendGraph(List<Op> history, List<Txn> txns, List<Txn> vertices, boolean realtime, boolean process, ListVersions versions) {
    super(history, txns, vertices, realtime, process);
    this.versions = versions;
  }

  @Override
  void build(Map<String, List<Map<String, Object>>> anomalies) {
    int dataEdges = 0;
    // key -> previous element -> appenders that follow it, for one rw batch per reader group.
    Map<Object, Map<Object, List<Txn>>> after = new HashMap<>();
    for (int i = 0; i < oks.size(); i++) {
      Txn t = oks.get(i);
      for (int j = 0; j < t.mops.size(); j++) {
        Mop m = t.mops.get(j);
        Object k = key(m.key());
        if (m.f().equals("r")) {
          List<?> list = (List<?>) m.value();
          if (list != null && !list.isEmpty()) {
            Txn w = versions.writer(k, key(list.get(list.size() - 1)));
            if (w != null && w != t) {
              graph.add(w.vertex, t.vertex, WR);
              dataEdges++;
            }
          }
          continue;
        }
        Object prev = versions.previous(k, key(m.value()));
        if (prev != ListVersions.INIT) {
          Txn w = versions.writer(k, prev);
          if (w != null && w != t) {
            graph.add(w.vertex, t.vertex, WW);
            dataEdges++;
          }
        }
        List<Txn> ws = after.computeIfAbsent(k, x -> new HashMap<>()).computeIfAbsent(prev, x -> new ArrayList<>(2));
        if (ws.isEmpty() || ws.get(ws.size() - 1) != t) {
          ws.add(t);
        }
      }
    }
    for (Map.Entry<Object, Map<Object, List<Txn>>> byKey : after.entrySet()) {
      Map<Object, List<Txn>> kReaders = versions.readers.get(byKey.getKey());
      if (kReaders == null) {
        continue;
      }
      for (Map.Entry<Object, List<Txn>> e : byKey.getValue().entrySet()) {
        List<Txn> rs = kReaders.get(e.getKey());
        if (rs != null) {
          dataEdges += addRw(rs, e.getValue());
        }
      }
    }
    int orderEdges = orderEdges();
    empty = dataEdges == 0 && orderEdges == 0;
  }

  @Override
  Map<String, Object> explainPair(Txn a, Txn b) {
    for (Mop m : b.mops) {
      if (m.f().equals("append")) {
        Object k = key(m.key());
        Object prev = versions.previous(k, key(m.value()));
        if (prev != ListVersions.INIT && versions.writer(k, prev) == a) {
          return step("ww", m.key(), unwrap(prev), m.value());
        }
      }
    }
    for (Mop m : b.mops) {
      if (m.f().equals("r") && m.value() instanceof List<?> list && !list.isEmpty()) {
        Object last = list.get(list.size() - 1);
        if (versions.writer(key(m.key()), key(last)) == a) {
          return step("wr", m.key(), last, null);
        }
      }
    }
    for (Mop m : b.mops) {
      if (m.f().equals("append")) {
        Object k = key(m.key());
        Object prev = versions.previous(k, key(m.value()));
        if (ListVersions.readUpTo(a, k, prev)) {
          Map<String, Object> s = step("rw", m.key(), prev == ListVersions.INIT ? null : unwrap(prev), m.value());
          if (prev == ListVersions.INIT) {
            s.put("initial", true);
          }
          return s;
        }
      }
    }
    return orderStep(a, b);
  }

  @Override
  String dataStepText(Map<String, Object> step, String a, String b) {
    String k = Json.write(step.get("key"));
    return switch ((String) step.get("type")) {
      case "ww" -> a + " < " + b + " (ww): " + b + " appended " + Json.write(step.get("value'")) + " to key " + k
          + " right after " + a + "'s append of " + Json.write(step.get("value")) + ".";
      case "wr" -> a + " < " + b + " (wr): " + b + " read key " + k + " up to " + Json.write(step.get("value"))
          + ", which " + a + " appended.";
      default -> Boolean.TRUE.equals(step.get("initial"))
          ? a + " < " + b + " (rw): " + a + " read key " + k + " in its initial (empty) state, which " + b
              + " ended by appending " + Json.write(step.get("value'")) + "."
          : a + " < " + b + " (rw): " + a + "'s read of key " + k + " ended at " + Json.write(step.get("value")) + ", so it did not see "
              + b + "'s append of " + Json.write(step.get("value'")) + ", the next element.";
    };
  }
}
