package glomers.harness.checker.elle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
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
    return ((Map<String, List<Map<String, Object>>>) result.details().get("anomalies")).get(type);
  }

  static String explanation(Result result, String type) {
    return (String) cases(result, type).get(0).get("explanation");
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
    assertThat(result.details()).containsEntry("anomaly-types", List.of()).containsEntry("anomalies", null);
  }

  @Test
  void g1cIsAReadCommittedViolationExplainedOpByOp() {
    // Each reads the other's write.
    List<Op> h = concurrent(txn(w(1, 1), r(2, 1L)), txn(w(2, 1), r(1, 1L)));
    Result result = check("read-committed", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G1c"));
    assertThat(explanation(result, "G1c"))
        .contains("op 2 (process 0, ok)", "op 3 (process 1, ok)", "T1 wrote 1=1 and T2 read it", "T2 wrote 2=1 and T1 read it", "G1c");
    assertThat(result.details().get("not")).isEqualTo(java.util.Set.of("read-committed"));
    assertThat((java.util.Set<String>) result.details().get("also-not")).contains("serializable", "strict-serializable");
    assertThat(check("read-uncommitted", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aWriteCycleFailsReadUncommittedThroughPl1CycleExists() {
    // A reads y=1 then writes y=2; B reads x=1 then writes x=2: ww both ways (each beside a wr).
    List<Op> h = concurrent(txn(r(2, 1L), w(2, 2), w(1, 1)), txn(r(1, 1L), w(1, 2), w(2, 1)));
    Result result = check("read-uncommitted", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("PL-1-cycle-exists"));
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
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G1a"));
    assertThat(explanation(result, "G1a")).contains("op 3 (process 1, ok)", "read 1=1", "op 1 (process 0, fail)");
    assertThat(check("read-uncommitted", b.build()).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void intermediateReadIsG1b() {
    List<Op> h = concurrent(txn(w(1, 1), w(1, 2)), txn(r(1, 1L)), txn(w(9, 1)), txn(r(9, 1L)));
    Result result = check("read-committed", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G1b"));
    assertThat(explanation(result, "G1b")).contains("op 5 (process 1, ok)", "read 1=1", "op 4 (process 0, ok)", "overwrote with 1=2");
    assertThat(check("read-uncommitted", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void internalInconsistencyFailsSerializableOnly() {
    List<Op> h = sequential(txn(w(1, 1), r(1, 5L)), txn(w(9, 1)), txn(r(9, 1L)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("internal"));
    assertThat(explanation(result, "internal")).contains("op 1", "read 1=5", "1=1");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
    // An earlier null read sets no expectation.
    assertThat(check("serializable", sequential(txn(r(1, null), r(1, 5L)), txn(w(9, 1)), txn(r(9, 1L)))).details().get("anomaly-types")).isEqualTo(List.of());
  }

  @Test
  void lostUpdateFailsSerializableNotReadCommitted() {
    List<Op> h = concurrent(txn(r(1, null), w(1, 1)), txn(r(1, null), w(1, 2)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat((List<String>) result.details().get("anomaly-types")).contains("lost-update", "G2-item");
    assertThat(explanation(result, "lost-update")).contains("op 2", "op 3", "1=null");
    assertThat(explanation(result, "G2-item")).contains("(rw)", "G2-item");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void readSkewIsGSingleItem() {
    List<Op> h = concurrent(txn(w(1, 1), w(2, 1)), txn(r(1, 1L), r(2, null)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G-single-item"));
    assertThat(explanation(result, "G-single-item"))
        .contains("T1 = op 2 (process 0, ok)", "T1 wrote 1=1 and T2 read it", "T2 read 2=null and T1 wrote 2=1");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void writeSkewIsG2Item() {
    List<Op> h = concurrent(txn(r(1, null), w(2, 1)), txn(r(2, null), w(1, 1)));
    Result result = check("serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G2-item"));
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
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G-nonadjacent-item"));
    assertThat(explanation(result, "G-nonadjacent-item")).contains("op 4", "op 5", "op 6", "op 7");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aStaleReadAfterACompletedWriteIsGSingleItemRealtime() {
    List<Op> h = sequential(txn(w(1, 1)), txn(r(1, null)));
    Result result = check("strict-serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G-single-item-realtime"));
    assertThat(explanation(result, "G-single-item-realtime"))
        .contains("(realtime): T1 completed (op 1) before T2 was invoked (op 2)", "T2 read 1=null");
    assertThat(check("serializable", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void readingAValueWrittenLaterIsG1cRealtime() {
    List<Op> h = sequential(txn(r(1, 1L)), txn(w(1, 1)));
    Result result = check("strict-serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G1c-realtime"));
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
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G-single-item"));
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
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("G-single-item-process"));
    assertThat(explanation(result, "G-single-item-process")).contains("(process): process 0 ran T1 before T2");
    assertThat(check("serializable", b.build()).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void cyclicVersionsDropTheWriteFollowsReadLayer() {
    List<Op> h = concurrent(txn(r(1, 1L), w(1, 2)), txn(r(1, 2L), w(1, 1)));
    Result result = check("read-uncommitted", h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("cyclic-versions"));
    assertThat(explanation(result, "cyclic-versions")).contains("key 1", "op 2", "op 3");
  }

  @Test
  void onlyFailedTxnsMakeAnEmptyGraph() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(w(1, 1))).fail(0, "txn", txn(w(1, 1)), Arrays.asList("txn-conflict", null));
    Result result = check("strict-serializable", b.build());
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.details().get("anomaly-types")).isEqualTo(List.of("empty-transaction-graph"));
  }

  @Test
  void twoFinalWritersOfAReadValueAreUnknown() {
    List<Op> h = concurrent(txn(w(1, 1)), txn(w(1, 1)), txn(r(1, 1L)));
    assertThatThrownBy(() -> check("serializable", h)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than one op");
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
}
