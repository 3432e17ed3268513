package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.RwRegisterChecker.explained;

import glomers.harness.checker.Checker;
import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Elle's list-append check: version orders from the longest read of each key, the non-cycle
 * anomalies (duplicate-elements, incompatible-order, internal, future-read, G1a, G1b, dirty-update,
 * lost-update), then cycles in the ww/wr/rw graph over ok and info txns (plus realtime or process
 * order when a model needs it), found by the cycle search rw-register uses. Unlike Maelstrom's
 * rw-register, nothing wraps Elle's result here: an empty transaction graph alone is unknown.
 */
public final class ListAppendChecker implements Checker {
  private final List<String> models;

  public ListAppendChecker(List<String> models) {
    this.models = List.copyOf(models);
  }

  @Override
  public Anomalies check(List<Op> history) {
    Set<String> prohibited = Models.prohibitedBy(models);
    Set<String> reportable = new TreeSet<>(prohibited);
    reportable.add("empty-transaction-graph");
    reportable.add("cycle-search-timeout");
    boolean realtime = prohibited.stream().anyMatch(a -> a.endsWith("-realtime"));
    boolean process = !realtime && prohibited.stream().anyMatch(a -> a.endsWith("-process"));

    List<Txn> txns = RwRegisterChecker.parse(history, "append");
    List<Txn> oks = new ArrayList<>();
    List<Txn> possible = new ArrayList<>();
    for (Txn t : txns) {
      if (t.op.type() == OpType.OK) {
        oks.add(t);
      }
      if (t.op.type() != OpType.FAIL) {
        possible.add(t);
      }
    }
    ListVersions versions = new ListVersions(txns);
    Map<String, List<Map<String, Object>>> anomalies = new TreeMap<>();
    ListAppendNonCycle.check(txns, oks, versions, anomalies);

    ListAppendGraph graph = new ListAppendGraph(history, txns, possible, realtime, process, versions);
    graph.build(anomalies);
    if (graph.empty) {
      anomalies.put(
          "empty-transaction-graph",
          List.of(explained(new LinkedHashMap<>(),
              "No transaction is related to another by any dependency (wr, ww, rw or order): nothing could be checked.")));
    }
    new CycleSearch(graph).run(anomalies);
    return RwRegisterChecker.result(anomalies, reportable, Set.of("empty-transaction-graph", "cycle-search-timeout"));
  }
}
