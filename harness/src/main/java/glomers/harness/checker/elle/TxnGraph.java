package glomers.harness.checker.elle;

import static glomers.harness.checker.elle.RwRegisterChecker.*;

import glomers.harness.checker.elle.RwRegisterChecker.Txn;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the cycle search needs of a transaction dependency graph, whatever the data type: the
 * transactions that are its vertices, the edges (ww, wr, rw, plus realtime or process order), and
 * an explainer that says why one transaction precedes another. The register and list-append
 * checkers differ only in how they infer versions, which edges that gives, and in which order their
 * explainer tries the edge kinds; the order graphs, the rw hub and the cycle search are shared.
 */
abstract class TxnGraph {
  final List<Op> history;
  final List<Txn> txns;
  /** The graph's transaction vertices, vertex i being {@code oks.get(i)} (ok txns, plus info ones for list-append). */
  final List<Txn> oks;
  final boolean realtime;
  final boolean process;
  final Digraph graph;
  boolean empty;

  TxnGraph(List<Op> history, List<Txn> txns, List<Txn> vertices, boolean realtime, boolean process) {
    this.history = history;
    this.txns = txns;
    this.oks = vertices;
    this.realtime = realtime;
    this.process = process;
    for (int i = 0; i < vertices.size(); i++) {
      vertices.get(i).vertex = i;
    }
    graph = new Digraph(vertices.size());
  }

  /** Builds the graph, adding any anomaly found on the way (such as cyclic-versions). */
  abstract void build(Map<String, List<Map<String, Object>>> anomalies);

  /** Why a precedes b, in this data type's explainer order; null if nothing relates them. */
  abstract Map<String, Object> explainPair(Txn a, Txn b);

  /** One sentence for a wr, ww or rw step from a to b. */
  abstract String dataStepText(Map<String, Object> step, String a, String b);

  /** The order edge (realtime or process) from a to b, if the graph has one; else null. */
  Map<String, Object> orderStep(Txn a, Txn b) {
    if (realtime && a.op.type() == OpType.OK && b.invoke != null && a.op.index() < b.invoke.index()) {
      return step("realtime", null, null, null);
    }
    if (process && a.op.process() == b.op.process() && a.op.index() < b.op.index()) {
      return step("process", null, null, null);
    }
    return null;
  }

  static Map<String, Object> step(String type, Object key, Object value, Object value2) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("type", type);
    if (key != null || !type.equals("realtime") && !type.equals("process")) {
      s.put("key", key);
      s.put("value", value);
      if (!type.equals("wr")) {
        s.put("value'", value2);
      }
    }
    return s;
  }

  /** Adds the order edges the models need; the number of order relations, for the empty-graph test. */
  int orderEdges() {
    return realtime ? realtimeChain() : process ? processOrder() : 0;
  }

  // Above this many reader x writer pairs, a hub vertex stands in for the direct rw edges.
  static final int HUB_THRESHOLD_VALUE = 32;

  /** rw edges from every txn in r1 to every txn in w2 (self-pairs dropped); the number of relations. */
  int addRw(List<Txn> r1, List<Txn> w2) {
    int edges = 0;
    if ((long) r1.size() * w2.size() <= HUB_THRESHOLD_VALUE) {
      for (Txn r : r1) {
        for (Txn w : w2) {
          if (r != w) {
            graph.add(r.vertex, w.vertex, RW);
            edges++;
          }
        }
      }
    } else {
      // Every reader precedes every writer: a hub keeps that linear. Txns that both read v1 and
      // wrote a successor get direct edges instead, so the hub never leads a txn back to itself.
      // Ordered: edges are added by iterating it, and their order must not follow identity hashes.
      Set<Txn> both = new java.util.LinkedHashSet<>();
      Set<Txn> writersHere = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
      writersHere.addAll(w2);
      for (Txn r : r1) {
        if (writersHere.contains(r)) {
          both.add(r);
        }
      }
      int hub = graph.addVertex();
      for (Txn r : r1) {
        if (both.contains(r)) {
          for (Txn w : w2) {
            if (w != r) {
              graph.add(r.vertex, w.vertex, RW);
            }
          }
        } else {
          graph.add(r.vertex, hub, RW_IN);
          for (Txn w : both) {
            graph.add(r.vertex, w.vertex, RW);
          }
        }
      }
      for (Txn w : w2) {
        if (!both.contains(w)) {
          graph.add(hub, w.vertex, RW_OUT);
        }
      }
      edges += r1.size() * w2.size();
    }
    return edges;
  }

  static Object unwrap(Object v) {
    return v == null || v.getClass().isAnonymousClass() ? null : v;
  }

  /**
   * Realtime order as a chain of hub vertices: each ok completion feeds the current hub, each later
   * invocation of an ok txn hangs off it. A txn reaches another through the chain exactly when it
   * completed before the other was invoked, with O(n) edges instead of O(n^2).
   */
  private int realtimeChain() {
    // History positions -> the txn invoked / completed ok there.
    Txn[] invokedAt = new Txn[history.size()];
    Txn[] completedAt = new Txn[history.size()];
    for (Txn t : txns) {
      if (t.invokeAt >= 0) {
        invokedAt[t.invokeAt] = t;
      }
      if (t.vertex >= 0 && t.op.type() == OpType.OK) {
        completedAt[t.completeAt] = t;
      }
    }
    int orderEdges = 0;
    int hub = -1;
    boolean invokedSinceHub = true;
    for (int at = 0; at < invokedAt.length; at++) {
      if (invokedAt[at] != null) {
        invokedSinceHub = true;
        if (hub >= 0) {
          orderEdges++;
          if (invokedAt[at].vertex >= 0) {
            graph.add(hub, invokedAt[at].vertex, RT_OUT);
          }
        }
      } else if (completedAt[at] != null) {
        if (invokedSinceHub) {
          int next = graph.addVertex();
          if (hub >= 0) {
            graph.add(hub, next, RT_CHAIN);
          }
          hub = next;
          invokedSinceHub = false;
        }
        graph.add(completedAt[at].vertex, hub, RT_IN);
      }
    }
    return orderEdges;
  }

  private int processOrder() {
    Map<Integer, Txn> last = new HashMap<>();
    int edges = 0;
    for (Txn t : oks) {
      Txn prev = last.put(t.op.process(), t);
      if (prev != null) {
        graph.add(prev.vertex, t.vertex, PROC);
        edges++;
      }
    }
    return edges;
  }

}
