package glomers.harness.checker.elle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class RwRegisterCheckerTest {
  static List<Object> r(long k, Long v) {
    return Arrays.asList("r", k, v);
  }

  static List<Object> w(long k, long v) {
    return Arrays.asList("w", k, v);
  }

  @SafeVarargs
  static List<Object> txn(List<Object>... mops) {
    return new ArrayList<>(Arrays.asList(mops));
  }

  /** The request a completed txn came from: reads back to null. */
  static List<Object> request(List<Object> txn) {
    List<Object> out = new ArrayList<>();
    for (Object m : txn) {
      List<?> mop = (List<?>) m;
      out.add(Arrays.asList(mop.get(0), mop.get(1), "r".equals(mop.get(0)) ? null : mop.get(2)));
    }
    return out;
  }

  /** Each txn runs alone, one after the other, on its own process. */
  static List<Op> sequential(List<Object>... txns) {
    HistoryBuilder h = new HistoryBuilder();
    for (int i = 0; i < txns.length; i++) {
      h.invoke(i, "txn", request(txns[i])).ok(i, "txn", txns[i]);
    }
    return h.build();
  }

  /** All txns invoked first, then all completed: no realtime order between them. */
  @SafeVarargs
  static List<Op> concurrent(List<Object>... txns) {
    HistoryBuilder h = new HistoryBuilder();
    for (int i = 0; i < txns.length; i++) {
      h.invoke(i, "txn", request(txns[i]));
    }
    for (int i = 0; i < txns.length; i++) {
      h.ok(i, "txn", txns[i]);
    }
    return h.build();
  }

  /** Two related txns on key 9, so the dependency graph is not empty (Elle reports that too). */
  static void related(HistoryBuilder b) {
    b.invoke(8, "txn", txn(w(9, 1))).ok(8, "txn", txn(w(9, 1)));
    b.invoke(9, "txn", request(txn(r(9, 1L)))).ok(9, "txn", txn(r(9, 1L)));
  }

  static Result check(String model, List<Op> history) {
    return new RwRegisterChecker(List.of(model)).check(history);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases(Result result, String type) {
    return ((Map<String, List<Map<String, Object>>>) result.json().get("anomalies")).get(type);
  }

  static String explanation(Result result, String type) {
    return (String) cases(result, type).get(0).get("explanation");
  }

  static List<Object> mop(String f, long k, Object v) {
    return Arrays.asList(f, k, v);
  }

  /** A cycle step as the checker reports it: wr steps have no value'. */
  static Map<String, Object> step(String type, Object key, Object value, Object... value2) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("type", type);
    step.put("key", key);
    step.put("value", value);
    if (value2.length > 0) {
      step.put("value'", value2[0]);
    }
    return step;
  }

  static Map<String, Object> txnJson(long index, int process, List<Object> mops) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("index", index);
    json.put("process", process);
    json.put("type", "ok");
    json.put("value", mops);
    return json;
  }

  /** n txns that each read key k as null, then the given txns, all concurrent. */
  @SafeVarargs
  static List<Op> nullReadersAnd(int n, long k, List<Object>... txns) {
    List<List<Object>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(txn(r(k, null)));
    }
    all.addAll(Arrays.asList(txns));
    return concurrent(all.toArray(List[]::new));
  }

  @Test
  void prohibitedListsHaveElleSizes() {
    assertThat(Models.prohibitedBy(List.of("read-uncommitted"))).hasSize(4);
    assertThat(Models.prohibitedBy(List.of("read-committed"))).hasSize(12);
    assertThat(Models.prohibitedBy(List.of("serializable"))).hasSize(31).contains("internal", "lost-update", "G2-item");
    assertThat(Models.prohibitedBy(List.of("strict-serializable"))).hasSize(57).contains("G-single-item-realtime");
    assertThat(Models.prohibitedBy(List.of("read-committed"))).doesNotContain("internal", "lost-update");
  }

  @Test
  void aSerialHistoryIsValid() {
    List<Op> h = sequential(txn(w(1, 1), r(2, null)), txn(r(1, 1L), w(1, 2)), txn(r(1, 2L), w(2, 1)), txn(r(2, 1L)));
    Result result = check("strict-serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(result.json()).containsEntry("anomaly-types", List.of()).containsEntry("anomalies", null);
  }

  @Test
  void g1cIsAReadCommittedViolationExplainedOpByOp() {
    // Each reads the other's write.
    List<Op> h = concurrent(txn(w(1, 1), r(2, 1L)), txn(w(2, 1), r(1, 1L)));
    Result result = check("read-committed", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G1c"));
    assertThat(explanation(result, "G1c"))
        .contains("op 2 (process 0, ok)", "op 3 (process 1, ok)", "T1 wrote 1=1 and T2 read it", "T2 wrote 2=1 and T1 read it", "G1c");
    assertThat(cases(result, "G1c").get(0).get("steps")).isEqualTo(List.of(step("wr", 1L, 1L), step("wr", 2L, 1L)));
    assertThat(result.json().get("not")).isEqualTo(java.util.Set.of("read-committed"));
    assertThat((java.util.Set<String>) result.json().get("also-not")).contains("serializable", "strict-serializable");
    assertThat(check("read-uncommitted", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aWriteCycleFailsReadUncommittedThroughPl1CycleExists() {
    // A reads y=1 then writes y=2; B reads x=1 then writes x=2: ww both ways (each beside a wr).
    List<Op> h = concurrent(txn(r(2, 1L), w(2, 2), w(1, 1)), txn(r(1, 1L), w(1, 2), w(2, 1)));
    Result result = check("read-uncommitted", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("PL-1-cycle-exists"));
    assertThat(explanation(result, "PL-1-cycle-exists")).contains("ww edges", "op 2", "op 3");
    assertThat(check("monotonic-writes", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void abortedReadIsG1a() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(1, 1))).fail(0, "txn", txn(w(1, 1)), List.of("txn-conflict", "no"));
    b.invoke(1, "txn", txn(r(1, null))).ok(1, "txn", txn(r(1, 1L)));
    related(b);
    Result result = check("read-committed", b.build());
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G1a"));
    assertThat(explanation(result, "G1a")).contains("op 3 (process 1, ok)", "read 1=1", "op 1 (process 0, fail)");
    assertThat(check("read-uncommitted", b.build()).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void intermediateReadIsG1b() {
    List<Op> h = concurrent(txn(w(1, 1), w(1, 2)), txn(r(1, 1L)), txn(w(9, 1)), txn(r(9, 1L)));
    Result result = check("read-committed", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G1b"));
    assertThat(explanation(result, "G1b")).contains("op 5 (process 1, ok)", "read 1=1", "op 4 (process 0, ok)", "overwrote with 1=2");
    assertThat(check("read-uncommitted", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void internalInconsistencyFailsSerializableOnly() {
    List<Op> h = sequential(txn(w(1, 1), r(1, 5L)), txn(w(9, 1)), txn(r(9, 1L)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("internal"));
    assertThat(explanation(result, "internal")).contains("op 1", "read 1=5", "1=1");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
    // An earlier null read sets no expectation.
    assertThat(check("serializable", sequential(txn(r(1, null), r(1, 5L)), txn(w(9, 1)), txn(r(9, 1L)))).json().get("anomaly-types")).isEqualTo(List.of());
  }

  @Test
  void lostUpdateFailsSerializableNotReadCommitted() {
    List<Op> h = concurrent(txn(r(1, null), w(1, 1)), txn(r(1, null), w(1, 2)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat((List<String>) result.json().get("anomaly-types")).contains("lost-update", "G2-item");
    assertThat(explanation(result, "lost-update")).contains("op 2", "op 3", "1=null");
    assertThat(explanation(result, "G2-item")).contains("(rw)", "G2-item");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void readSkewIsGSingleItem() {
    List<Op> h = concurrent(txn(w(1, 1), w(2, 1)), txn(r(1, 1L), r(2, null)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item"));
    assertThat(explanation(result, "G-single-item"))
        .contains("T1 = op 2 (process 0, ok)", "T1 wrote 1=1 and T2 read it", "T2 read 2=null and T1 wrote 2=1");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void writeSkewIsG2Item() {
    List<Op> h = concurrent(txn(r(1, null), w(2, 1)), txn(r(2, null), w(1, 1)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G2-item"));
    assertThat(explanation(result, "G2-item")).contains("op 2", "op 3", "(rw)");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void separatedAntiDependenciesAreGNonadjacentItem() {
    List<Op> h =
        concurrent(
            txn(r(1, null), r(4, 1L)), txn(w(1, 1), w(2, 1)), txn(r(2, 1L), r(3, null)), txn(w(3, 1), w(4, 1)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-nonadjacent-item"));
    // Found from the first txn to complete, whose cycle starts with an rw edge.
    assertThat(explanation(result, "G-nonadjacent-item")).contains("T1 = op 4", "T2 = op 5", "T3 = op 6", "T4 = op 7");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aStaleReadAfterACompletedWriteIsGSingleItemRealtime() {
    List<Op> h = sequential(txn(w(1, 1)), txn(r(1, null)));
    Result result = check("strict-serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item-realtime"));
    assertThat(explanation(result, "G-single-item-realtime"))
        .contains("(realtime): T1 completed (op 1) before T2 was invoked (op 2)", "T2 read 1=null");
    Map<String, Object> cycle = cases(result, "G-single-item-realtime").get(0);
    assertThat(cycle.get("steps")).isEqualTo(List.of(Map.of("type", "realtime"), step("rw", 1L, null, 1L)));
    assertThat(cycle.get("cycle"))
        .isEqualTo(List.of(txnJson(1, 0, List.of(w(1, 1))), txnJson(3, 1, List.of(r(1, null)))));
    assertThat(check("serializable", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void readingAValueWrittenLaterIsG1cRealtime() {
    List<Op> h = sequential(txn(r(1, 1L)), txn(w(1, 1)));
    Result result = check("strict-serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G1c-realtime"));
    assertThat(explanation(result, "G1c-realtime"))
        .contains("T1 = op 1 (process 0, ok)", "T2 = op 3 (process 1, ok)", "(realtime)", "(wr)");
    assertThat(check("serializable", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void searchesFollowTheImplicationOrder() {
    // Elle sorts by depth in the implication graph, so anomalies that imply others come first.
    List<String> names = CycleSearch.SPECS.stream().map(CycleSearch.Spec::name).toList();
    assertThat(names.indexOf("G0")).isLessThan(names.indexOf("G1c"));
    assertThat(names.indexOf("G-single-item")).isLessThan(names.indexOf("G-nonadjacent-item"));
    assertThat(names.indexOf("G-nonadjacent-item")).isLessThan(names.indexOf("G2-item"));
    assertThat(names.indexOf("G1c")).isLessThan(names.indexOf("G1c-realtime"));
  }

  @Test
  void cyclesThroughAReadersHubAreFoundAndExplainedAsDirectEdges() {
    // Eight readers of 1=null and five writers of key 1: 40 pairs, so the rw edges share a hub.
    // One reader also saw writer 1's write of key 2: a G-single-item cycle through the hub.
    List<List<Object>> txns = new ArrayList<>();
    txns.add(txn(r(1, null), r(2, 1L)));
    for (int i = 1; i < 8; i++) {
      txns.add(txn(r(1, null)));
    }
    txns.add(txn(w(1, 1), w(2, 1)));
    for (int v = 2; v <= 5; v++) {
      txns.add(txn(w(1, v)));
    }
    // A reader that also writes key 1 takes direct edges instead of the hub.
    txns.add(txn(r(1, null), w(1, 6)));
    Result result = check("serializable", concurrent(txns.toArray(List[]::new)));
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item"));
    assertThat(explanation(result, "G-single-item"))
        .contains("[[\"r\",1,null],[\"r\",2,1]]", "[[\"w\",1,1],[\"w\",2,1]]", "read 1=null", "(wr)");
  }

  @Test
  void sessionModelsUseProcessOrder() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(1, 1))).ok(0, "txn", txn(w(1, 1)));
    b.invoke(0, "txn", txn(r(1, null))).ok(0, "txn", txn(r(1, null)));
    Result result = check("strong-session-serializable", b.build());
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item-process"));
    assertThat(explanation(result, "G-single-item-process")).contains("(process): process 0 ran T1 before T2");
    assertThat(cases(result, "G-single-item-process").get(0).get("steps")).isEqualTo(List.of(Map.of("type", "process"), step("rw", 1L, null, 1L)));
    assertThat(check("serializable", b.build()).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void cyclicVersionsDropTheWriteFollowsReadLayer() {
    List<Op> h = concurrent(txn(r(1, 1L), w(1, 2)), txn(r(1, 2L), w(1, 1)));
    Result result = check("read-uncommitted", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("cyclic-versions"));
    assertThat(explanation(result, "cyclic-versions")).contains("key 1", "op 2", "op 3");
  }

  @Test
  void onlyFailedTxnsMakeAnEmptyGraph() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(1, 1))).fail(0, "txn", txn(w(1, 1)), Arrays.asList("txn-conflict", null));
    Result result = check("strict-serializable", b.build());
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("empty-transaction-graph"));
  }

  @Test
  void twoFinalWritersOfAReadValueAreUnknown() {
    List<Op> h = concurrent(txn(w(1, 1)), txn(w(1, 1)), txn(r(1, 1L)));
    assertThatThrownBy(() -> check("serializable", h))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one op: [3, 4]");
  }

  @Test
  void mixedKeyTypesAreUnknown() {
    List<Op> h = concurrent(txn(w(1, 1)), new ArrayList<>(List.of(Arrays.asList("r", "1", null))));
    assertThatThrownBy(() -> check("serializable", h)).isInstanceOf(IllegalStateException.class).hasMessageContaining("mix of different types");
  }

  @Test
  void stringKeysInEveryReplyToIntegerKeyRequestsAreMixedToo() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(1, 1))).ok(0, "txn", new ArrayList<>(List.of(List.of("w", "1", 1L))));
    assertThatThrownBy(() -> check("serializable", b.build())).hasMessageContaining("mix of different types");
  }

  @Test
  void unknownModelsAreRefused() {
    assertThatThrownBy(() -> check("bogus", sequential(txn(w(1, 1))))).hasMessageContaining("Unknown consistency model");
  }

  @Test
  void aComponentHoldingTwoKindsOfCycleReportsBoth() {
    // op 3 and op 4 read each other's writes (G1c); op 5 read op 3's write of 3 but missed its write of 4 (G-single-item).
    List<Op> h = concurrent(txn(w(1, 1), r(2, 1L), w(3, 1), w(4, 1)), txn(w(2, 1), r(1, 1L)), txn(r(3, 1L), r(4, null)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item", "G1c"));
    assertThat(explanation(result, "G1c")).contains("T1 = op 3", "T2 = op 4");
    assertThat(explanation(result, "G-single-item")).contains("T1 = op 3", "T2 = op 5", "T2 read 4=null and T1 wrote 4=1");
  }

  @Test
  void aCycleWithOneAntiDependencyIsFoundWhereShorterCyclesWithoutOnePassEveryTxn() {
    // Two G1c pairs (ops 4+5, 6+7); op 6 read op 4's write of 5 and missed its write of 6: a G-single-item cycle.
    List<Op> h =
        concurrent(
            txn(w(1, 1), r(2, 1L), w(5, 1), w(6, 1)),
            txn(w(2, 1), r(1, 1L)),
            txn(w(3, 1), r(4, 1L), r(5, 1L), r(6, null)),
            txn(w(4, 1), r(3, 1L)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item", "G1c"));
    assertThat(explanation(result, "G-single-item")).contains("T1 = op 4", "T2 = op 6", "(rw)");
  }

  @Test
  void aPlainG1cCycleIsReportedAsG1cEvenWhereRealtimeCyclesAreShorter() {
    HistoryBuilder b = new HistoryBuilder();
    // op 1 read 1=1, which op 3 wrote only after op 1 completed; op 3 read op 6's write likewise.
    b.invoke(0, "txn", request(txn(r(1, 1L)))).ok(0, "txn", txn(r(1, 1L)));
    b.invoke(1, "txn", request(txn(r(4, 1L), w(1, 1)))).ok(1, "txn", txn(r(4, 1L), w(1, 1)));
    // ops 6 and 7 read each other's writes.
    List<Object> t2 = txn(w(2, 1), r(3, 1L), w(4, 1));
    List<Object> t3 = txn(w(3, 1), r(2, 1L));
    b.invoke(2, "txn", request(t2)).invoke(3, "txn", request(t3)).ok(2, "txn", t2).ok(3, "txn", t3);
    Result result = check("strict-serializable", b.build());
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G1c"));
    assertThat(explanation(result, "G1c")).contains("T1 = op 6", "T2 = op 7").doesNotContain("(realtime)");
  }

  @Test
  void realtimeOrderReachesAcrossCompletionsThroughTheHubChain() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(5, 1)));
    b.invoke(1, "txn", txn(w(1, 1))).ok(1, "txn", txn(w(1, 1)));
    // A failed txn's invocation separates op 2's completion from op 4's: a new realtime hub.
    b.invoke(2, "txn", txn(w(9, 1)));
    b.ok(0, "txn", txn(w(5, 1)));
    b.invoke(3, "txn", request(txn(r(1, null)))).ok(3, "txn", txn(r(1, null)));
    b.fail(2, "txn", txn(w(9, 1)), List.of("txn-conflict"));
    Result result = check("strict-serializable", b.build());
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item-realtime"));
    assertThat(explanation(result, "G-single-item-realtime")).contains("T1 completed (op 2) before T2 was invoked (op 5)");
  }

  @Test
  void orderEdgesAloneMakeTheGraphNonEmpty() {
    List<Op> unrelated = sequential(txn(w(1, 1)), txn(w(2, 1)));
    Result realtime = check("strict-serializable", unrelated);
    assertThat(realtime.valid()).isEqualTo(Validity.TRUE);
    assertThat(realtime.json().get("anomaly-types")).isEqualTo(List.of());

    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(1, 1))).ok(0, "txn", txn(w(1, 1)));
    b.invoke(0, "txn", txn(w(2, 1))).ok(0, "txn", txn(w(2, 1)));
    assertThat(check("strong-session-serializable", b.build()).valid()).isEqualTo(Validity.TRUE);
    // Serializable uses no order edges at all: the same history relates nothing.
    assertThat(check("serializable", b.build()).json().get("anomaly-types")).isEqualTo(List.of("empty-transaction-graph"));
  }

  @Test
  void aReaderThatAlsoWritesTakesNoHubEdgeAndMakesNoFalseCycle() {
    // Eight readers of 1=null (one also writes 1=6) and five writers of key 1: 40 pairs, a hub, no cycle.
    List<Op> h = nullReadersAnd(7, 1, txn(r(1, null), w(1, 6)), txn(w(1, 1)), txn(w(1, 2)), txn(w(1, 3)), txn(w(1, 4)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of());
  }

  @Test
  void aCycleThroughAReaderThatAlsoWritesUsesItsDirectRwEdges() {
    // The reader-writer read 2=1 from the writer of 1=1 and missed that write of key 1.
    List<Op> h =
        nullReadersAnd(
            7, 1, txn(r(1, null), r(2, 1L), w(1, 6)), txn(w(1, 1), w(2, 1)), txn(w(1, 2)), txn(w(1, 3)), txn(w(1, 4)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item"));
    assertThat(explanation(result, "G-single-item")).contains("[[\"r\",1,null],[\"r\",2,1],[\"w\",1,6]]", "[[\"w\",1,1],[\"w\",2,1]]");
  }

  @Test
  void aCycleFromAPlainReaderToAReaderThatAlsoWritesUsesADirectRwEdge() {
    // The plain reader read 3=1 from the reader-writer and missed its write of 1=6.
    List<Op> h =
        nullReadersAnd(
            6, 1, txn(r(1, null), r(3, 1L)), txn(r(1, null), w(1, 6), w(3, 1)), txn(w(1, 1)), txn(w(1, 2)), txn(w(1, 3)), txn(w(1, 4)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item"));
    assertThat(explanation(result, "G-single-item")).contains("[[\"r\",1,null],[\"r\",3,1]]", "[[\"r\",1,null],[\"w\",1,6],[\"w\",3,1]]");
  }

  @Test
  void rwEdgesThroughAHubAloneMakeTheGraphNonEmpty() {
    // Two readers of 1=null and seventeen writers of key 1: 34 pairs, all through a hub.
    List<List<Object>> writers = new ArrayList<>();
    for (int v = 1; v <= 17; v++) {
      writers.add(txn(w(1, v)));
    }
    Result result = check("serializable", nullReadersAnd(2, 1, writers.toArray(List[]::new)));
    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of());
  }

  @Test
  void aCycleExistsFindingNamesTheSmallestCycleOfItsEdges() {
    // ww cycles op 5 <-> op 6 (keys 10, 11) and ops 7 -> 8 -> 9 -> 7 (keys 1-3), joined by rw edges (keys 20, 21).
    List<Op> h =
        concurrent(
            txn(r(11, 1L), w(11, 2), w(10, 1), r(20, null), w(21, 1)),
            txn(r(10, 1L), w(10, 2), w(11, 1)),
            txn(r(3, 1L), w(3, 2), w(1, 1), r(21, null), w(20, 1)),
            txn(r(1, 1L), w(1, 2), w(2, 1)),
            txn(r(2, 1L), w(2, 2), w(3, 1)));
    Result result = check("read-uncommitted", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("PL-1-cycle-exists"));
    assertThat(cases(result, "PL-1-cycle-exists")).hasSize(1);
    assertThat(cases(result, "PL-1-cycle-exists").get(0)).containsEntry("scc-size", 2).containsEntry("scc", List.of(5L, 6L));
  }

  /** ops 4 and 5 each wrote a value that a reader-writer (ops 6, 7) replaced with the other's: ww both ways, no wr. */
  static List<List<Object>> g0Txns() {
    return List.of(txn(w(1, 1), w(2, 2)), txn(w(2, 1), w(1, 2)), txn(r(1, 1L), w(1, 2)), txn(r(2, 1L), w(2, 2)));
  }

  @Test
  void writersOrderedOnlyByOthersReadsFormAG0Cycle() {
    Result result = check("read-uncommitted", concurrent(g0Txns().toArray(List[]::new)));
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G0"));
    assertThat(explanation(result, "G0"))
        .contains(
            "G0: a cycle of 2 transactions",
            "T1 = op 4",
            "T1 < T2 (ww): T1 wrote 1=1 and T2 wrote 1=2, the next version (a transaction read 1 and then wrote 2)",
            "T2 < T1 (ww): T2 wrote 2=1 and T1 wrote 2=2",
            "(G0, dirty write)");
    assertThat(cases(result, "G0").get(0).get("steps")).isEqualTo(List.of(step("ww", 1L, 1L, 2L), step("ww", 2L, 1L, 2L)));
  }

  @Test
  void aCycleExistsFindingIsDroppedWhenAnotherComponentsAnomalyRulesOutItsModel() {
    // Keys 10 and 11: a ww cycle named only G1c, so PL-1-cycle-exists; keys 1 and 2: a G0 cycle, which rules out PL-1.
    List<List<Object>> txns = new ArrayList<>(g0Txns());
    txns.add(txn(r(11, 1L), w(11, 2), w(10, 1)));
    txns.add(txn(r(10, 1L), w(10, 2), w(11, 1)));
    Result result = check("read-uncommitted", concurrent(txns.toArray(List[]::new)));
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G0"));
  }

  @Test
  void cyclicVersionsAreFoundAmongNonNumericValuesToo() {
    List<Op> h = concurrent(txn(r(1, null), mop("r", 2, "a"), mop("w", 2, "b")), txn(mop("r", 2, "b"), mop("w", 2, "a")));
    Result result = check("read-uncommitted", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("cyclic-versions"));
    assertThat(explanation(result, "cyclic-versions")).contains("key 2", "op 2", "op 3");
  }

  @Test
  void blindWritesAfterReadingAnotherKeyAreNoLostUpdate() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", request(txn(r(2, null), w(1, 1)))).ok(0, "txn", txn(r(2, null), w(1, 1)));
    b.invoke(1, "txn", request(txn(r(2, null), w(1, 2)))).ok(1, "txn", txn(r(2, null), w(1, 2)));
    related(b);
    assertThat(check("serializable", b.build()).json().get("anomaly-types")).isEqualTo(List.of());
  }

  @Test
  void aLostUpdateCountsEachTxnOnceHoweverOftenItWroteTheKey() {
    // Each txn's first read of key 1 counts, wherever it stands among its micro-ops.
    List<Op> h = concurrent(txn(r(1, null), w(1, 1), w(1, 2)), txn(w(5, 1), r(1, null), w(1, 3)));
    Result result = check("serializable", h);
    assertThat(cases(result, "lost-update")).hasSize(1);
    assertThat((List<Object>) cases(result, "lost-update").get(0).get("txns")).hasSize(2);
    assertThat(explanation(result, "lost-update")).contains("2 committed transactions");
  }

  @Test
  void anEarlierReadSetsTheExpectationForALaterOne() {
    List<Op> h = sequential(txn(r(1, 5L), r(1, 6L)), txn(w(9, 1)), txn(r(9, 1L)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("internal"));
    assertThat(explanation(result, "internal")).contains("read 1=6", "left 1=5");
    assertThat(cases(result, "internal").get(0)).containsEntry("expected", 5L);
  }

  @Test
  void aReadOfTheTxnsOwnWriteIsNotItsExternalRead() {
    // op 2 first read 1=null, so op 3's write of 1=2 follows it (rw), though op 2 later read back its own 1=1.
    List<Op> h = concurrent(txn(r(1, null), r(2, 1L), w(1, 1), r(1, 1L)), txn(w(2, 1), w(1, 2)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-single-item"));
    assertThat(explanation(result, "G-single-item")).contains("T1 read 1=null and T2 wrote 1=2");
  }

  @Test
  void onlyOkTxnsTakePartInTheGraph() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(1, 1))).fail(0, "txn", txn(w(1, 1)), List.of("txn-conflict"));
    b.invoke(1, "txn", txn(r(1, null))).ok(1, "txn", txn(r(1, 1L)));
    assertThat(check("read-committed", b.build()).json().get("anomaly-types")).isEqualTo(List.of("G1a", "empty-transaction-graph"));
  }

  @Test
  void aNonadjacentCycleIsFoundFromTheFirstTxnWhenItStartsWithAWrEdge() {
    List<Op> h =
        concurrent(
            txn(w(1, 1), w(2, 1)), txn(r(2, 1L), r(3, null)), txn(w(3, 1), w(4, 1)), txn(r(1, null), r(4, 1L)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-nonadjacent-item"));
    assertThat(explanation(result, "G-nonadjacent-item")).contains("T1 = op 4", "T2 = op 5", "T3 = op 6", "T4 = op 7");
  }

  @Test
  void aShorterCycleWhoseFirstAndLastEdgesAreRwDoesNotHideANonadjacentOne() {
    // As in separatedAntiDependenciesAreGNonadjacentItem, plus op 6 missing op 4's write of 7: the cycle
    // 4 -rw-> 5 -wr-> 6 -rw-> 4 is shorter, but its two rw edges meet at op 4.
    List<Op> h =
        concurrent(
            txn(r(1, null), r(4, 1L), w(7, 1)), txn(w(1, 1), w(2, 1)), txn(r(2, 1L), r(3, null), r(7, null)), txn(w(3, 1), w(4, 1)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-nonadjacent-item"));
    assertThat(explanation(result, "G-nonadjacent-item")).contains("T1 = op 4", "T2 = op 5", "T3 = op 6", "T4 = op 7");
  }

  @Test
  void aShorterCycleWithTwoAdjacentRwEdgesInsideDoesNotHideANonadjacentOne() {
    // As in separatedAntiDependenciesAreGNonadjacentItem (ops 6-9), plus 6 -wr-> 10 -rw-> 11 -rw-> 6: shorter, but a G2-item.
    List<Op> h =
        concurrent(
            txn(r(1, null), r(4, 1L), w(10, 1), w(12, 1)),
            txn(w(1, 1), w(2, 1)),
            txn(r(2, 1L), r(3, null)),
            txn(w(3, 1), w(4, 1)),
            txn(r(10, 1L), r(11, null)),
            txn(w(11, 1), r(12, null)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-nonadjacent-item"));
    assertThat(explanation(result, "G-nonadjacent-item")).contains("T1 = op 6", "T2 = op 7", "T3 = op 8", "T4 = op 9");
  }

  @Test
  void aPairRelatedByWrAndRwOneWayIsOneG1cCycleNotAlsoAGSingleItem() {
    // op 3 wrote 1=1 which op 4 read (wr), and read 2=null before op 4 wrote 2=1 (rw); op 4 -wr-> op 3 on key 3.
    List<Op> h = concurrent(txn(w(1, 1), r(2, null), r(3, 1L)), txn(r(1, 1L), w(2, 1), w(3, 1)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G1c"));
    assertThat(cases(result, "G1c")).hasSize(1);
  }

  @Test
  void aComponentHoldingAG1cPairAndANonadjacentCycleReportsBoth() {
    // ops 5-8 as in separatedAntiDependenciesAreGNonadjacentItem; op 6 and op 9 read each other's writes.
    List<Op> h =
        concurrent(
            txn(r(1, null), r(4, 1L)),
            txn(w(1, 1), w(2, 1), w(20, 1), r(21, 1L)),
            txn(r(2, 1L), r(3, null)),
            txn(w(3, 1), w(4, 1)),
            txn(r(20, 1L), w(21, 1)));
    Result result = check("serializable", h);
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G-nonadjacent-item", "G1c"));
    assertThat(explanation(result, "G1c")).contains("T1 = op 6", "T2 = op 9");
    assertThat(explanation(result, "G-nonadjacent-item")).contains("T1 = op 5", "T4 = op 8");
  }

  @Test
  void aGraphWhoseEdgesExactlyFillTheEdgeArraysIsSearched() {
    // A G1c pair (2 wr edges) and one write read by 1022 txns: 1024 edges, the arrays' first capacity.
    List<List<Object>> txns = new ArrayList<>();
    txns.add(txn(w(1, 1), r(2, 1L)));
    txns.add(txn(w(2, 1), r(1, 1L)));
    txns.add(txn(w(9, 1)));
    for (int i = 0; i < 1022; i++) {
      txns.add(txn(r(9, 1L)));
    }
    Result result = check("serializable", concurrent(txns.toArray(List[]::new)));
    assertThat(result.json().get("anomaly-types")).isEqualTo(List.of("G1c"));
  }
}
