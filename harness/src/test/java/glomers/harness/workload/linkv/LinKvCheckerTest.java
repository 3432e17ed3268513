package glomers.harness.workload.linkv;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinKvCheckerTest {
  private static List<Object> r(long k, Object v) {
    return Arrays.asList(k, v);
  }

  private static List<Object> w(long k, long v) {
    return List.of(k, v);
  }

  private static List<Object> cas(long k, long from, long to) {
    return List.of(k, List.of(from, to));
  }

  private static Result check(List<Op> history) {
    return new LinearizabilityChecker().check(history);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> key(Result result, String key) {
    return (Map<String, Object>) ((Map<String, Object>) result.json().get("results")).get(key);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> lin(Result result, String key) {
    return (Map<String, Object>) key(result, key).get("linearizable");
  }

  @Test
  void sequentialReadsOfTheLastWriteAreLinearizable() {
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L))
        .op(0, "cas", cas(0, 1, 2), glomers.harness.history.OpType.OK, cas(0, 1, 2))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 2L))
        .build();
    Result result = check(h);
    assertThat(result.valid()).isEqualTo(Validity.TRUE);
    assertThat(result.json().get("failures")).isEqualTo(List.of());
    assertThat(key(result, "0").get("valid?")).isEqualTo(true);
  }

  @Test
  void aStaleReadFails() {
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .op(0, "write", w(0, 2), glomers.harness.history.OpType.OK, w(0, 2))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L))
        .build();
    Result result = check(h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("failures")).isEqualTo(List.of(0L));
    Map<String, Object> lin = lin(result, "0");
    assertThat(lin.get("linearized-prefix")).isEqualTo(List.of(0L, 2L));
    assertThat(((Map<?, ?>) lin.get("op")).get("index")).isEqualTo(5L);
    assertThat(lin.get("value-after-prefix")).isEqualTo(2L);
    assertThat((String) lin.get("explanation")).contains("read of 1 (ok) by process 1", "register holds 2",
        "No other op was in flight");
  }

  @Test
  void aLostWriteFails() {
    // A write acknowledged, then a cas that only works if the write never happened.
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .op(0, "write", w(0, 3), glomers.harness.history.OpType.OK, w(0, 3))
        .op(1, "cas", cas(0, 1, 4), glomers.harness.history.OpType.OK, cas(0, 1, 4))
        .build();
    assertThat(check(h).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void aCasOnANeverWrittenKeyOrAgainstTheWrongValueFails() {
    assertThat(check(new HistoryBuilder()
        .op(0, "cas", cas(3, 0, 1), glomers.harness.history.OpType.OK, cas(3, 0, 1)).build()).valid())
        .isEqualTo(Validity.FALSE);
    Result wrong = check(new HistoryBuilder()
        .op(0, "write", w(0, 2), glomers.harness.history.OpType.OK, w(0, 2))
        .op(1, "cas", cas(0, 1, 4), glomers.harness.history.OpType.OK, cas(0, 1, 4))
        .build());
    assertThat(wrong.valid()).isEqualTo(Validity.FALSE);
    assertThat((String) lin(wrong, "0").get("explanation")).contains("cas from 1 to 4", "must have held 1");
  }

  @Test
  void aFailedCasMustNotHaveTakenEffect() {
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .invoke(1, "cas", cas(0, 1, 4)).fail(1, "cas", cas(0, 1, 4), List.of("precondition-failed", "no"))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 4L))
        .build();
    assertThat(check(h).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void readingAValueNobodyWroteFailsButNullNeverDoes() {
    assertThat(check(new HistoryBuilder()
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 0L)).build()).valid())
        .isEqualTo(Validity.FALSE);
    assertThat(check(new HistoryBuilder()
        .op(0, "write", w(0, 2), glomers.harness.history.OpType.OK, w(0, 2))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, null))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 2L))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, null)).build()).valid())
        .isEqualTo(Validity.TRUE);
  }

  @Test
  void valuesOfAnotherJsonTypeAreDifferentValues() {
    assertThat(check(new HistoryBuilder()
        .op(0, "write", w(0, 3), glomers.harness.history.OpType.OK, w(0, 3))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 3.0)).build()).valid())
        .isEqualTo(Validity.FALSE);
    assertThat(check(new HistoryBuilder()
        .op(0, "write", w(0, 3), glomers.harness.history.OpType.OK, w(0, 3))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, "3")).build()).valid())
        .isEqualTo(Validity.FALSE);
  }

  @Test
  void concurrentOpsMayTakeEffectInEitherOrder() {
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .invoke(0, "write", w(0, 2))
        .invoke(1, "read", r(0, null))
        .ok(1, "read", r(0, 1L))
        .invoke(1, "read", r(0, null))
        .ok(1, "read", r(0, 2L))
        .ok(0, "write", w(0, 2))
        .build();
    assertThat(check(h).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void anInfoWriteMayTakeEffectLongAfterItTimedOut() {
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .invoke(1, "write", w(0, 2)).info(1, "write", w(0, 2), List.of("net-timeout"))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 2L))
        .build();
    assertThat(check(h).valid()).isEqualTo(Validity.TRUE);
    // ... but once it took effect it stays: reading 1 again needs another write of 1.
    List<Op> back = new java.util.ArrayList<>(h);
    back.addAll(new HistoryBuilder().at(100).op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L)).build()
        .stream().map(op -> op.withIndex(op.index() + h.size())).toList());
    assertThat(check(back).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void anInfoCasMayNeverTakeEffect() {
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .invoke(1, "cas", cas(0, 1, 3)).info(1, "cas", cas(0, 1, 3), List.of("net-timeout"))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L))
        .op(0, "write", w(0, 4), glomers.harness.history.OpType.OK, w(0, 4))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 4L))
        .build();
    assertThat(check(h).valid()).isEqualTo(Validity.TRUE);
    // An invocation that never completed counts the same.
    List<Op> pending = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .invoke(1, "cas", cas(0, 1, 3))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L))
        .op(2, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 3L))
        .build();
    assertThat(check(pending).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void keysAreCheckedApartAndOnlyFalseKeysAreFailures() {
    List<Op> h = new HistoryBuilder()
        .op(0, "write", w(0, 1), glomers.harness.history.OpType.OK, w(0, 1))
        .op(1, "write", w(1, 2), glomers.harness.history.OpType.OK, w(1, 2))
        .op(1, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 1L))
        .op(0, "read", r(1, null), glomers.harness.history.OpType.OK, r(1, 1L))
        .add(glomers.harness.history.OpType.INFO, Op.NEMESIS, "start-partition", "majority", null, false)
        .build();
    Result result = check(h);
    assertThat(result.valid()).isEqualTo(Validity.FALSE);
    assertThat(result.json().get("failures")).isEqualTo(List.of(1L));
    assertThat(key(result, "0").get("valid?")).isEqualTo(true);
    assertThat(List.copyOf(((Map<?, ?>) result.json().get("results")).keySet())).isEqualTo(List.of("0", "1"));
  }

  @Test
  void aSearchOverItsBudgetIsUnknownNeverValid() {
    HistoryBuilder b = new HistoryBuilder();
    for (int p = 0; p < 12; p++) {
      b.invoke(p, "write", w(0, p % 5));
    }
    for (int p = 0; p < 12; p++) {
      b.info(p, "write", w(0, p % 5), List.of("net-timeout"));
    }
    b.op(20, "read", r(0, null), glomers.harness.history.OpType.OK, r(0, 7L));
    Result result = new LinearizabilityChecker(new CasRegisterSearch.Budget(50, 1_000_000)).check(b.build());
    assertThat(result.valid()).isEqualTo(Validity.UNKNOWN);
    assertThat(result.json().get("failures")).isEqualTo(List.of());
    assertThat((String) lin(result, "0").get("cause")).contains("budget");
    // With the default budget the search proves it: nobody wrote 7.
    assertThat(check(b.build()).valid()).isEqualTo(Validity.FALSE);
  }
}
