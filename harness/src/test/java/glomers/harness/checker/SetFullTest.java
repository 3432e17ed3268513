package glomers.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetFullTest {
  private static final long MS = 1_000_000L;

  private static Result check(HistoryBuilder h) {
    return new SetFull("broadcast").check(h.build());
  }

  private static Map<String, Object> latencies(long q0, long q50, long q95, long q99, long q100) {
    return Map.of("0", q0, "0.5", q50, "0.95", q95, "0.99", q99, "1", q100);
  }

  @Test
  void elementSeenByEveryLaterReadIsStableWithZeroLatency() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L).at(1).ok(0, "broadcast", 0L)
        .at(2).invoke(1, "read", null).at(3).ok(1, "read", List.of(0L)));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json())
        .containsEntry("attempt-count", 1L)
        .containsEntry("stable-count", 1L)
        .containsEntry("lost-count", 0L)
        .containsEntry("never-read-count", 0L)
        .containsEntry("stale-count", 0L)
        .containsEntry("stable-latencies", latencies(0, 0, 0, 0, 0))
        .containsEntry("duplicated-count", 0L)
        .doesNotContainKey("lost-latencies");
  }

  @Test
  void lostElementIsInvalid() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L).at(1).ok(0, "broadcast", 0L)
        .at(2).invoke(1, "read", null).at(3).ok(1, "read", List.of(0L))
        .at(4).invoke(1, "read", null).at(5).ok(1, "read", List.of()));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat(r.json())
        .containsEntry("lost-count", 1L)
        .containsEntry("lost", List.of(0L))
        .containsEntry("stable-count", 0L)
        // Lost 1 ns after the last read that saw it began (2 ms), counted from known (1 ms): 1 ms.
        .containsEntry("lost-latencies", latencies(1, 1, 1, 1, 1));
  }

  @Test
  void oneLostElementAmongStableOnesStillFails() {
    Result r = check(new HistoryBuilder()
        .at(0).op(0, "broadcast", 0L, OpType.OK, 0L)
        .op(0, "broadcast", 1L, OpType.OK, 1L)
        .op(1, "read", null, OpType.OK, List.of(0L, 1L))
        .op(2, "read", null, OpType.OK, List.of(1L)));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat(r.json()).containsEntry("lost", List.of(0L)).containsEntry("stable-count", 1L);
  }

  @Test
  void elementNoReadSawAfterItWasKnownIsNeverReadAndNothingStableIsUnknown() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L).at(1).ok(0, "broadcast", 0L));
    assertThat(r.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(r.json()).containsEntry("never-read-count", 1L).containsEntry("never-read", List.of(0L));
  }

  @Test
  void absentReadConcurrentWithTheAddIsNotLoss() {
    // The read began before the broadcast was acknowledged, so it may have linearized before it.
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L)
        .at(1).invoke(1, "read", null)
        .at(2).ok(0, "broadcast", 0L)
        .at(3).ok(1, "read", List.of()));
    assertThat(r.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(r.json()).containsEntry("never-read", List.of(0L)).containsEntry("lost-count", 0L);
  }

  @Test
  void unacknowledgedElementNeverSeenIsNeverReadNotLost() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L).at(5000).info(0, "broadcast", 0L, List.of("net-timeout"))
        .op(1, "read", null, OpType.OK, List.of())
        .op(1, "broadcast", 1L, OpType.OK, 1L)
        .op(1, "read", null, OpType.OK, List.of(1L)));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("never-read", List.of(0L)).containsEntry("stable-count", 1L);
  }

  @Test
  void indeterminateBroadcastSeenByAReadBecomesKnown() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 7L).at(5000).info(0, "broadcast", 7L, List.of("net-timeout"))
        .at(6000).op(1, "read", null, OpType.OK, List.of(7L))
        .at(7000).op(1, "read", null, OpType.OK, List.of()));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat(r.json()).containsEntry("lost", List.of(7L));
  }

  @Test
  void staleElementLatencyRunsFromKnownToJustAfterTheLastAbsentRead() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L).at(10).ok(0, "broadcast", 0L)
        .at(20).invoke(1, "read", null).at(25).ok(1, "read", List.of())
        .at(100).invoke(1, "read", null).at(110).ok(1, "read", List.of(0L)));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json())
        .containsEntry("stale-count", 1L)
        .containsEntry("stale", List.of(0L))
        .containsEntry("stable-latencies", latencies(10, 10, 10, 10, 10));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> worst = (List<Map<String, Object>>) r.json().get("worst-stale");
    assertThat(worst).hasSize(1);
    assertThat(worst.get(0)).containsEntry("element", 0L).containsEntry("stable-latency", 10L);
    Map<String, Object> lastAbsent = new HashMap<>();
    lastAbsent.putAll(Map.of("index", 2L, "time", 20 * MS, "type", "invoke", "process", 1, "f", "read"));
    lastAbsent.put("value", null);
    assertThat(worst.get(0).get("last-absent")).isEqualTo(lastAbsent);
  }

  @Test
  void latencyIsFlooredToMillisecondsAfterAddingOneNanosecond() {
    HistoryBuilder justUnder = new HistoryBuilder()
        .atNanos(0).invoke(0, "broadcast", 0L).atNanos(10 * MS).ok(0, "broadcast", 0L)
        .atNanos(11 * MS - 2).invoke(1, "read", null).atNanos(12 * MS).ok(1, "read", List.of())
        .atNanos(20 * MS).invoke(1, "read", null).atNanos(21 * MS).ok(1, "read", List.of(0L));
    Result under = check(justUnder);
    assertThat(under.json()).containsEntry("stale-count", 0L).containsEntry("stable-latencies", latencies(0, 0, 0, 0, 0));

    HistoryBuilder exactly = new HistoryBuilder()
        .atNanos(0).invoke(0, "broadcast", 0L).atNanos(10 * MS).ok(0, "broadcast", 0L)
        .atNanos(11 * MS - 1).invoke(1, "read", null).atNanos(12 * MS).ok(1, "read", List.of())
        .atNanos(20 * MS).invoke(1, "read", null).atNanos(21 * MS).ok(1, "read", List.of(0L));
    assertThat(check(exactly).json()).containsEntry("stale-count", 1L).containsEntry("stable-latencies", latencies(1, 1, 1, 1, 1));
  }

  @Test
  void absentReadInvokedBeforeKnownGivesZeroLatency() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L)
        .at(1).invoke(1, "read", null)
        .at(50).ok(0, "broadcast", 0L)
        .at(51).ok(1, "read", List.of())
        .at(60).op(1, "read", null, OpType.OK, List.of(0L)));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("stale-count", 0L).containsEntry("stable-latencies", latencies(0, 0, 0, 0, 0));
  }

  @Test
  void readsAreOrderedByInvocationNotCompletion() {
    // The absent read began first but finished last: it is older than the present read, so stable.
    Result r = check(new HistoryBuilder()
        .at(0).op(0, "broadcast", 0L, OpType.OK, 0L)
        .at(10).invoke(1, "read", null)
        .at(20).invoke(2, "read", null)
        .at(30).ok(2, "read", List.of(0L))
        .at(40).ok(1, "read", List.of()));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("stable-count", 1L).containsEntry("stable-latencies", latencies(9, 9, 9, 9, 9));
  }

  @Test
  void valuesNeverBroadcastAndFailedOrIndeterminateReadsAreIgnored() {
    Result r = check(new HistoryBuilder()
        .op(0, "broadcast", 0L, OpType.OK, 0L)
        .op(1, "read", null, OpType.OK, List.of(0L, 99L, "junk"))
        .op(1, "read", null, OpType.FAIL, null)
        .op(1, "read", null, OpType.INFO, null)
        .add(OpType.INVOKE, Op.NEMESIS, "start-partition", null, null, false)
        .add(OpType.INFO, Op.NEMESIS, "start-partition", "majority", null, false));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("attempt-count", 1L).containsEntry("stable-count", 1L);
  }

  @Test
  void readValuesAreComparedAsJsonNotAsNumbers() {
    Result r = check(new HistoryBuilder()
        .op(0, "broadcast", 1L, OpType.OK, 1L)
        .op(1, "read", null, OpType.OK, List.of(1))
        .op(1, "read", null, OpType.OK, List.of(1.0)));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void nullReadMeansEmpty() {
    Result r = check(new HistoryBuilder()
        .op(0, "broadcast", 0L, OpType.OK, 0L)
        .op(1, "read", null, OpType.OK, List.of(0L))
        .op(1, "read", null, OpType.OK, null));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void nonCollectionReadThrows() {
    assertThatThrownBy(() -> check(new HistoryBuilder()
        .op(0, "broadcast", 0L, OpType.OK, 0L)
        .op(1, "read", null, OpType.OK, 5L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void worstStaleKeepsTheEightLargestLatencies() {
    HistoryBuilder h = new HistoryBuilder();
    // Element k is acknowledged at 1000k ms and first missed by a read begun k ms later.
    // Known at 1000k + 1 ms, so its stable latency is k ms; each read sees every earlier element.
    List<Object> earlier = new ArrayList<>();
    for (long k = 0; k < 10; k++) {
      h.at(1000 * k).op(0, "broadcast", k, OpType.OK, k);
      h.at(1000 * k + k + 1).op(1, "read", null, OpType.OK, List.copyOf(earlier));
      earlier.add(k);
    }
    h.at(20_000).op(1, "read", null, OpType.OK, earlier);
    Result r = check(h);
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> worst = (List<Map<String, Object>>) r.json().get("worst-stale");
    assertThat(worst).extracting(m -> m.get("element")).containsExactly(9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L);
    assertThat(r.json())
        .containsEntry("stale-count", 9L)
        .containsEntry("stable-latencies", latencies(0, 5, 9, 9, 9));
  }

  @Test
  void quantilesIndexTheSortedSampleAtFloorOfNTimesP() {
    assertThat(SetFull.quantiles(List.of(5L, 1L, 3L)).json()).isEqualTo(latencies(1, 3, 5, 5, 5));
    assertThat(SetFull.quantiles(List.of(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L)).json()).isEqualTo(latencies(1, 6, 10, 10, 10));
    List<Long> hundred = new ArrayList<>();
    for (long i = 1; i <= 100; i++) {
      hundred.add(i);
    }
    assertThat(SetFull.quantiles(hundred).json()).isEqualTo(latencies(1, 51, 96, 100, 100));
  }

  @Test
  void gSetAddsAreTrackedUnderTheirOwnName() {
    Result r = new SetFull("add").check(new HistoryBuilder()
        .op(0, "add", 0L, OpType.OK, 0L)
        .op(1, "read", null, OpType.OK, List.of(0L))
        .op(1, "read", null, OpType.OK, List.of())
        .build());
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void theLatestInvokedAbsentReadCountsEvenWhenItCompletesFirst() {
    // p2's read began after p1's, so it is the last read that missed the element: stable 3 ms in.
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L).at(1).ok(0, "broadcast", 0L)
        .at(2).invoke(1, "read", null).at(3).invoke(2, "read", null)
        .at(4).ok(2, "read", List.of()).at(5).ok(1, "read", List.of())
        .at(10).invoke(1, "read", null).at(11).ok(1, "read", List.of(0L)));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("stable-count", 1L).containsEntry("stable-latencies", latencies(2, 2, 2, 2, 2));
  }

  @Test
  void theLatestInvokedPresentReadCountsEvenWhenItCompletesFirst() {
    Result r = check(new HistoryBuilder()
        .at(0).invoke(0, "broadcast", 0L).at(1).ok(0, "broadcast", 0L)
        .at(2).invoke(1, "read", null).at(3).invoke(2, "read", null)
        .at(4).ok(2, "read", List.of(0L)).at(5).ok(1, "read", List.of(0L))
        .at(10).invoke(1, "read", null).at(11).ok(1, "read", List.of()));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat(r.json()).containsEntry("lost-count", 1L).containsEntry("lost-latencies", latencies(2, 2, 2, 2, 2));
  }

  @Test
  void aValueAddedTwiceIsOneAttemptTrackedFromItsLatestAdd() {
    Result r = check(new HistoryBuilder()
        .op(0, "broadcast", 0L, OpType.OK, 0L)
        .op(0, "broadcast", 0L, OpType.OK, 0L)
        .op(1, "read", null, OpType.OK, List.of(0L)));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("attempt-count", 1L).containsEntry("stable-count", 1L).containsEntry("never-read-count", 0L);
  }

  @Test
  void anAddIsKnownFromItsAcknowledgementEvenWhenTheCompletionCarriesNoValue() {
    // The element comes from the invocation: once acknowledged, a later read without it is a loss.
    Result r = check(new HistoryBuilder()
        .op(0, "broadcast", 0L, OpType.OK, null)
        .op(1, "read", null, OpType.OK, List.of()));
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat(r.json()).containsEntry("lost", List.of(0L));
  }

  @Test
  void elementsAreReportedInValueOrder() {
    Result r = check(new HistoryBuilder()
        .op(0, "broadcast", 2L, OpType.OK, 2L)
        .op(0, "broadcast", 0L, OpType.OK, 0L)
        .op(0, "broadcast", 1L, OpType.OK, 1L));
    assertThat(r.json()).containsEntry("never-read", List.of(0L, 1L, 2L));
  }

  @Test
  void worstStaleIsOrderedByLatencyNotByValue() {
    // Element 0 (known at 1 ms) and element 1 (known at 3 ms) are both missed by a read begun at 5 ms.
    Result r = check(new HistoryBuilder()
        .at(0).op(0, "broadcast", 0L, OpType.OK, 0L)
        .at(2).op(0, "broadcast", 1L, OpType.OK, 1L)
        .at(5).op(1, "read", null, OpType.OK, List.of())
        .at(10).op(1, "read", null, OpType.OK, List.of(0L, 1L)));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("stale", List.of(0L, 1L));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> worst = (List<Map<String, Object>>) r.json().get("worst-stale");
    assertThat(worst).extracting(m -> m.get("element")).containsExactly(0L, 1L);
    assertThat(worst).extracting(m -> m.get("stable-latency")).containsExactly(4L, 2L);
  }
}
