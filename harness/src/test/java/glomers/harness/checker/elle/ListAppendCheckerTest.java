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

/**
 * One small must-fail history per list-append anomaly, checked under the weakest model that
 * forbids it and passing under one that allows it.
 */
@SuppressWarnings("unchecked")
class ListAppendCheckerTest {
  static List<Object> r(long k, long... elements) {
    List<Object> list = new ArrayList<>();
    for (long e : elements) {
      list.add(e);
    }
    return Arrays.asList("r", k, list);
  }

  static List<Object> rNull(long k) {
    return Arrays.asList("r", k, null);
  }

  static List<Object> a(long k, long v) {
    return Arrays.asList("append", k, v);
  }

  @SafeVarargs
  static List<Object> txn(List<Object>... mops) {
    return new ArrayList<>(Arrays.asList(mops));
  }

  static List<Object> request(List<Object> txn) {
    List<Object> out = new ArrayList<>();
    for (Object m : txn) {
      List<?> mop = (List<?>) m;
      out.add(Arrays.asList(mop.get(0), mop.get(1), "r".equals(mop.get(0)) ? null : mop.get(2)));
    }
    return out;
  }

  /** Each txn runs alone, one after the other, each on its own process. */
  @SafeVarargs
  static List<Op> sequential(List<Object>... txns) {
    HistoryBuilder h = new HistoryBuilder();
    for (int i = 0; i < txns.length; i++) {
      h.invoke(i, "txn", request(txns[i])).ok(i, "txn", txns[i]);
    }
    return h.build();
  }

  /** All invoked, then all completed: no realtime order between them. */
  @SafeVarargs
  static List<Op> concurrent(List<Object>... txns) {
    HistoryBuilder h = new HistoryBuilder();
    related(h);
    for (int i = 0; i < txns.length; i++) {
      h.invoke(i, "txn", request(txns[i]));
    }
    for (int i = 0; i < txns.length; i++) {
      h.ok(i, "txn", txns[i]);
    }
    return h.build();
  }

  /** Two related txns on key 9, so the dependency graph is never empty. */
  static void related(HistoryBuilder b) {
    b.invoke(8, "txn", txn(a(9, 1))).ok(8, "txn", txn(a(9, 1)));
    b.invoke(9, "txn", request(txn(r(9, 1)))).ok(9, "txn", txn(r(9, 1)));
  }

  static Result check(String model, List<Op> history) {
    return new ListAppendChecker(List.of(model)).check(history);
  }

  static List<Map<String, Object>> cases(Result result, String type) {
    return ((Map<String, List<Map<String, Object>>>) result.json().get("anomalies")).get(type);
  }

  static String explanation(Result result, String type) {
    return (String) cases(result, type).get(0).get("explanation");
  }

  static List<String> types(Result result) {
    return (List<String>) result.json().get("anomaly-types");
  }

  /** Fails under {@code forbids} with {@code type} among the reported types; valid under {@code allows}. */
  static Result failsThenPasses(List<Op> history, String type, String forbids, String allows) {
    Result bad = check(forbids, history);
    assertThat(bad.valid()).as(type + " under " + forbids).isEqualTo(Validity.FALSE);
    assertThat(types(bad)).as(type + " under " + forbids).contains(type);
    assertThat(explanation(bad, type)).isNotBlank();
    Result ok = check(allows, history);
    assertThat(ok.valid()).as(type + " under " + allows + ": " + ok.json()).isEqualTo(Validity.TRUE);
    return bad;
  }

  @Test
  void aSerialHistoryIsStrictSerializable() {
    List<Op> h = sequential(txn(a(0, 1), rNull(1)), txn(r(0, 1), a(0, 2), a(1, 1)), txn(r(0, 1, 2), r(1, 1)));
    Result result = check("strict-serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(types(result)).isEmpty();
  }

  @Test
  void g0WhenAReaderSeesTwoTxnsAppendInOppositeOrders() {
    List<Op> h = concurrent(txn(a(0, 1), a(1, 1)), txn(a(0, 2), a(1, 2)), txn(r(0, 1, 2), r(1, 2, 1)));
    Result bad = failsThenPasses(h, "G0", "read-uncommitted", "causal");
    assertThat(explanation(bad, "G0")).contains("(ww)", "appended 2 to key 0 right after", "G0");
  }

  @Test
  void g0ProcessAndRealtime() {
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(a(0, 1))).ok(0, "txn", txn(a(0, 1)));
    b.invoke(0, "txn", txn(a(0, 2))).ok(0, "txn", txn(a(0, 2)));
    b.invoke(1, "txn", request(txn(r(0, 2, 1)))).ok(1, "txn", txn(r(0, 2, 1)));
    List<Op> h = b.build();
    failsThenPasses(h, "G0-process", "strong-session-read-uncommitted", "read-uncommitted");
    Result rt = failsThenPasses(h, "G0-realtime", "strong-read-uncommitted", "read-uncommitted");
    assertThat(explanation(rt, "G0-realtime")).contains("(realtime)", "(ww)");
  }

  @Test
  void g1aWhenAReadHoldsAFailedAppend() {
    HistoryBuilder b = new HistoryBuilder();
    related(b);
    b.invoke(0, "txn", txn(a(0, 1))).fail(0, "txn", txn(a(0, 1)), List.of(30, "conflict"));
    b.invoke(1, "txn", request(txn(r(0, 1)))).ok(1, "txn", txn(r(0, 1)));
    Result bad = failsThenPasses(b.build(), "G1a", "read-committed", "read-uncommitted");
    assertThat(explanation(bad, "G1a")).contains("G1a (aborted read): op 7", "holds 1, appended only by op 5", "failed");
  }

  @Test
  void g1bWhenAReadEndsAtAnIntermediateAppend() {
    List<Op> h = concurrent(txn(a(0, 1), a(0, 2)), txn(r(0, 1)));
    Result bad = failsThenPasses(h, "G1b", "read-committed", "read-uncommitted");
    assertThat(explanation(bad, "G1b")).contains("ending with 1", "appended more to key 0");
  }

  @Test
  void g1cWhenTwoTxnsEachSeeTheOthersAppend() {
    List<Op> h = concurrent(txn(a(0, 1), r(1, 1)), txn(a(1, 1), r(0, 1)));
    Result bad = failsThenPasses(h, "G1c", "read-committed", "read-uncommitted");
    assertThat(explanation(bad, "G1c")).contains("(wr)", "read key 1 up to 1, which T");
  }

  @Test
  void g1cRealtimeWhenATxnReadsAnAppendInvokedAfterItCompleted() {
    List<Op> h = sequential(txn(r(0, 1)), txn(a(0, 1)));
    failsThenPasses(h, "G1c-realtime", "strong-read-committed", "read-committed");
  }

  @Test
  void processVariantsOfG1cAndGSingleItem() {
    HistoryBuilder b = new HistoryBuilder();
    related(b);
    b.invoke(0, "txn", request(txn(r(0, 1)))).ok(0, "txn", txn(r(0, 1)));
    b.invoke(0, "txn", txn(a(0, 1))).ok(0, "txn", txn(a(0, 1)));
    failsThenPasses(b.build(), "G1c-process", "strong-session-read-committed", "read-committed");

    HistoryBuilder c = new HistoryBuilder();
    related(c);
    c.invoke(0, "txn", txn(a(0, 1))).ok(0, "txn", txn(a(0, 1)));
    c.invoke(0, "txn", request(txn(rNull(0)))).ok(0, "txn", txn(rNull(0)));
    failsThenPasses(c.build(), "G-single-item-process", "strong-session-serializable", "serializable");
  }

  @Test
  void dirtyUpdateWhenACommittedAppendFollowsAFailedOne() {
    HistoryBuilder b = new HistoryBuilder();
    related(b);
    b.invoke(0, "txn", txn(a(0, 1))).fail(0, "txn", txn(a(0, 1)), List.of(30, "conflict"));
    b.invoke(1, "txn", txn(a(0, 2))).ok(1, "txn", txn(a(0, 2)));
    b.invoke(2, "txn", request(txn(r(0, 1, 2)))).ok(2, "txn", txn(r(0, 1, 2)));
    Result bad = failsThenPasses(b.build(), "dirty-update", "read-committed", "read-uncommitted");
    assertThat(cases(bad, "dirty-update").get(0)).containsEntry("key", 0L).containsEntry("values", List.of(1L, 2L));
  }

  @Test
  void futureReadWhenATxnReadsWhatItAppendsLater() {
    HistoryBuilder b = new HistoryBuilder();
    related(b);
    b.invoke(0, "txn", request(txn(r(0, 1), a(0, 1)))).ok(0, "txn", txn(r(0, 1), a(0, 1)));
    failsThenPasses(b.build(), "future-read", "read-committed", "read-uncommitted");
  }

  @Test
  void internalWhenAReadMissesTheTxnsOwnAppend() {
    HistoryBuilder b = new HistoryBuilder();
    related(b);
    b.invoke(0, "txn", request(txn(a(0, 1), r(0)))).ok(0, "txn", txn(a(0, 1), r(0)));
    Result bad = failsThenPasses(b.build(), "internal", "serializable", "read-committed");
    assertThat(explanation(bad, "internal")).contains("appended [1], so the read should end with those");
    assertThat(cases(bad, "internal").get(0)).containsEntry("expected", List.of("...", 1L));
  }

  @Test
  void internalChecksReadsAgainstAnEarlierReadPlusOwnAppends() {
    HistoryBuilder b = new HistoryBuilder();
    related(b);
    List<Object> t = txn(r(0, 5), a(0, 6), r(0, 5, 7));
    b.invoke(1, "txn", txn(a(0, 5), a(0, 7))).info(1, "txn", txn(a(0, 5), a(0, 7)), List.of("net-timeout"));
    b.invoke(0, "txn", request(t)).ok(0, "txn", t);
    assertThat(types(check("serializable", b.build()))).contains("internal");
    // A read right after a null read is unchecked; after null and an own append it must be exactly that append.
    HistoryBuilder ok = new HistoryBuilder();
    related(ok);
    List<Object> fine = txn(rNull(0), rNull(0), a(0, 1), r(0, 1));
    ok.invoke(0, "txn", request(fine)).ok(0, "txn", fine);
    assertThat(check("serializable", ok.build()).json().get("anomaly-types").toString()).doesNotContain("internal");
  }

  @Test
  void gSingleItemWhenOneReaderMissesOneOfTwoAppends() {
    List<Op> h = concurrent(txn(a(0, 1), a(1, 1)), txn(r(0, 1), rNull(1)));
    Result bad = failsThenPasses(h, "G-single-item", "consistent-view", "read-committed");
    assertThat(explanation(bad, "G-single-item")).contains("in its initial (empty) state", "(wr)");
  }

  @Test
  void aStaleNullReadAfterAnAcknowledgedAppendIsGSingleItemRealtime() {
    List<Op> h = sequential(txn(a(0, 1)), txn(rNull(0)), txn(r(9)), txn(a(9, 1)));
    failsThenPasses(h, "G-single-item-realtime", "strict-serializable", "serializable");
    assertThat(check("read-committed", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void gNonadjacentItemWithTwoSeparatedAntiDependencies() {
    List<Op> h =
        concurrent(
            txn(rNull(0), r(3, 1)), txn(a(0, 1), a(1, 1)), txn(r(1, 1), rNull(2)), txn(a(2, 1), a(3, 1)));
    failsThenPasses(h, "G-nonadjacent-item", "snapshot-isolation", "consistent-view");
  }

  @Test
  void g2ItemIsWriteSkew() {
    List<Op> h = concurrent(txn(rNull(0), a(1, 1)), txn(rNull(1), a(0, 1)));
    Result bad = failsThenPasses(h, "G2-item", "repeatable-read", "snapshot-isolation");
    assertThat(explanation(bad, "G2-item")).contains("(rw)", "(rw)");
  }

  @Test
  void lostUpdateWhenTwoTxnsAppendAfterReadingTheSameState() {
    List<Op> h = concurrent(txn(r(0), a(0, 1)), txn(r(0), a(0, 2)));
    Result bad = failsThenPasses(h, "lost-update", "cursor-stability", "read-committed");
    assertThat(explanation(bad, "lost-update")).contains("2 committed transactions each read key 0 = []");
    // null and [] are different first reads.
    List<Op> apart = concurrent(txn(r(0), a(0, 1)), txn(rNull(0), a(0, 2)));
    assertThat(types(check("serializable", apart))).doesNotContain("lost-update");
  }

  @Test
  void duplicateElements() {
    List<Op> h = concurrent(txn(a(0, 1)), txn(r(0, 1, 1)));
    Result bad = failsThenPasses(h, "duplicate-elements", "read-uncommitted", "causal");
    assertThat(cases(bad, "duplicate-elements").get(0)).containsEntry("duplicates", Map.of(1L, 2));
  }

  @Test
  void incompatibleOrderShowsBothReadsAndWhereTheyDiverge() {
    List<Op> h = concurrent(txn(a(0, 1)), txn(a(0, 2)), txn(a(0, 3)), txn(r(0, 1, 2)), txn(r(0, 1, 3, 2)));
    Result bad = failsThenPasses(h, "incompatible-order", "read-committed", "read-uncommitted");
    Map<String, Object> c = cases(bad, "incompatible-order").get(0);
    assertThat(c).containsEntry("key", 0L).containsEntry("values", List.of(List.of(1L, 2L), List.of(1L, 3L, 2L)));
    assertThat(c).containsEntry("diverge-at", 1);
    assertThat((String) c.get("explanation"))
        .contains("  op 12 read  [1, 2]\n  op 13 read  [1, 3, 2]\n                  ^ position 1: 2 vs 3\n");
  }

  @Test
  void versionOrderComesFromTheLongestReadAndUnreadAppendsFollowIt() {
    // Reads [1] and [1 2] agree; 3 was never read, so it follows 2: ww 2->3, rw from the [1 2] reader.
    List<Op> h = concurrent(txn(a(0, 1)), txn(a(0, 2)), txn(r(0, 1)), txn(r(0, 1, 2), a(0, 3)), txn(r(0, 1, 2)), txn(a(0, 3 + 1)));
    ListVersions v = new ListVersions(RwRegisterChecker.parse(h, "append"));
    assertThat(v.incompatible).isEmpty();
    assertThat(Arrays.asList(v.orders.get(0L).values)).containsExactly(1L, 2L);
    assertThat(v.previous(0L, 3L)).isEqualTo(2L);
    assertThat(v.previous(0L, 1L)).isSameAs(ListVersions.INIT);
    assertThat(v.previous(0L, 2L)).isEqualTo(1L);
    // One append and no read: that element is the order.
    List<Op> single = concurrent(txn(a(5, 7)));
    assertThat(Arrays.asList(new ListVersions(RwRegisterChecker.parse(single, "append")).orders.get(5L).values)).containsExactly(7L);
    // Disagreeing reads: the first non-prefix pair by length is reported, and the longest still orders.
    List<Op> bad = concurrent(txn(a(0, 1)), txn(a(0, 2)), txn(r(0, 2)), txn(r(0, 1, 2)));
    ListVersions w = new ListVersions(RwRegisterChecker.parse(bad, "append"));
    assertThat(w.incompatible.get(0L)).containsExactly(List.of(2L), List.of(1L, 2L));
    assertThat(Arrays.asList(w.orders.get(0L).values)).containsExactly(1L, 2L);
  }

  @Test
  void infoAppendsTakePartInTheGraph() {
    // An info txn's append, read by an ok txn it also reads after: a G1c cycle through the info txn.
    HistoryBuilder b = new HistoryBuilder();
    b.invoke(0, "txn", txn(a(0, 1), r(1))).info(0, "txn", txn(a(0, 1), rNull(1)), List.of("net-timeout"));
    b.invoke(1, "txn", request(txn(r(0, 1), a(1, 1)))).ok(1, "txn", txn(r(0, 1), a(1, 1)));
    b.invoke(2, "txn", request(txn(r(1, 1)))).ok(2, "txn", txn(r(1, 1)));
    Result result = check("strict-serializable", b.build());
    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    // wr from the info txn: without it the graph would still have 1->2, so check the edge directly.
    List<Op> h = b.build();
    List<RwRegisterChecker.Txn> txns = RwRegisterChecker.parse(h, "append");
    ListVersions v = new ListVersions(txns);
    assertThat(v.writer(0L, 1L).op.index()).isEqualTo(1);
  }

  @Test
  void aLostAcknowledgedAppendIsPlacedAfterTheLastReadElementAndShowsUpAsARealtimeCycle() {
    // 2 was acknowledged, then never seen: it goes after 3, the last element read, so T4 -ww-> T2,
    // while T2 completed before T4 was invoked.
    List<Op> h = sequential(txn(a(0, 1)), txn(a(0, 2)), txn(r(0, 1)), txn(a(0, 3)), txn(r(0, 1, 3)));
    Result strict = check("strict-serializable", h);
    assertThat(strict.valid()).isEqualTo(Validity.FALSE);
    assertThat(types(strict)).contains("G0-realtime");
    assertThat(check("serializable", h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void anEmptyGraphIsUnknownNotFalse() {
    List<Op> h = sequential(txn(a(0, 1)));
    Result result = check("strict-serializable", h);
    assertThat(result.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(types(result)).containsExactly("empty-transaction-graph");
  }

  @Test
  void anElementNobodyAppendedInTheLongestReadMakesTheCheckThrow() {
    List<Op> h = sequential(txn(a(0, 1)), txn(r(0, 1, 42)));
    assertThatThrownBy(() -> check("strict-serializable", h)).hasMessageContaining("No transaction wrote 0 42");
  }
}
