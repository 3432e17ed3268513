package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.RwRegisterChecker.explained;

import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/** Cycles in a key's write-follows-read version order, which no real version order can have. */
final class VersionCycles {
  private VersionCycles() {}

  private static boolean ascending(Map<Object, Set<Object>> graph) {
    for (Map.Entry<Object, Set<Object>> e : graph.entrySet()) {
      if (!(e.getKey() instanceof Long from)) {
        return false;
      }
      for (Object to : e.getValue()) {
        if (!(to instanceof Long t) || t <= from) {
          return false;
        }
      }
    }
    return true;
  }

  static List<Map<String, Object>> find(Map<Object, Map<Object, Set<Object>>> wfr, List<Txn> oks) {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Map.Entry<Object, Map<Object, Set<Object>>> byKey : wfr.entrySet()) {
      if (ascending(byKey.getValue())) {
        continue; // every edge climbs in one total order, so there is no cycle to find
      }
      Graph<Object, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
      byKey.getValue().forEach(
          (v1, succ) -> {
            g.addVertex(v1);
            for (Object v2 : succ) {
              g.addVertex(v2);
              g.addEdge(v1, v2);
            }
          });
      for (Set<Object> scc : new KosarajuStrongConnectivityInspector<>(g).stronglyConnectedSets()) {
        if (scc.size() < 2) {
          continue;
        }
        Object key = Graphs.unwrap(byKey.getKey());
        List<Object> values = scc.stream().map(Graphs::unwrap).toList();
        StringBuilder text =
            new StringBuilder("cyclic-versions: on key " + Json.write(key) + ", transactions that read one value and then wrote another order the versions "
                + Json.write(values) + " in a cycle, so no version order exists. The write-follows-read inference was dropped for every key. Transactions involved:");
        for (Txn t : oks) {
          Object read = t.extReads.get(key);
          Object wrote = t.extWrites.get(key);
          if (read != null && wrote != null && values.contains(read) && values.contains(wrote) && !Objects.equals(read, wrote)) {
            text.append("\n  ").append(t.describe()).append(": read ").append(Json.write(read)).append(" before writing ").append(Json.write(wrote));
          }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("key", key);
        c.put("scc", values);
        c.put("sources", List.of("initial-state", "wfr-keys"));
        cases.add(explained(c, text.toString()));
      }
    }
    return cases;
  }
}
