package glomers.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityTest {
  /** Nine ok ops and one of the given type, plus nemesis ops that must not count. */
  private static List<Op> nineOkAnd(OpType last) {
    HistoryBuilder h = new HistoryBuilder();
    for (int i = 0; i < 9; i++) {
      h.op(i, "generate", null, OpType.OK, (long) i);
    }
    h.add(OpType.INVOKE, Op.NEMESIS, "start-partition", null, null, false);
    h.add(OpType.INFO, Op.NEMESIS, "start-partition", "majority", null, false);
    return h.op(9, "generate", null, last, last == OpType.OK ? 9L : null).build();
  }

  @Test
  void unsetAlwaysPasses() {
    Result r = new Availability(null).check(nineOkAnd(OpType.INFO));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("ok-fraction", 0.9);
  }

  @Test
  void totalNeedsEveryOpOk() {
    assertThat(new Availability("total").check(nineOkAnd(OpType.OK)).valid()).isEqualTo(Validity.TRUE);
    assertThat(new Availability("total").check(nineOkAnd(OpType.OK)).json()).containsEntry("ok-fraction", 1.0);
    assertThat(new Availability("total").check(nineOkAnd(OpType.INFO)).valid()).isEqualTo(Validity.FALSE);
    assertThat(new Availability("total").check(nineOkAnd(OpType.FAIL)).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void anInvocationThatNeverCompletedCountsAgainst() {
    List<Op> h = new HistoryBuilder().op(0, "echo", "x", OpType.OK, "x").invoke(1, "echo", "y").build();
    assertThat(new Availability("total").check(h).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void fractionIsALowerBound() {
    assertThat(new Availability("0.8").check(nineOkAnd(OpType.INFO)).valid()).isEqualTo(Validity.TRUE);
    assertThat(new Availability("0.95").check(nineOkAnd(OpType.INFO)).valid()).isEqualTo(Validity.FALSE);
    assertThat(new Availability("0").check(nineOkAnd(OpType.FAIL)).valid()).isEqualTo(Validity.TRUE);
    assertThat(new Availability("1").check(nineOkAnd(OpType.FAIL)).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void fractionIsComparedInSinglePrecisionAsMaelstromDoes() {
    // 9/10 as a float is 0.89999998, just below the double 0.9.
    assertThat(new Availability("0.9").check(nineOkAnd(OpType.INFO)).valid()).isEqualTo(Validity.FALSE);
    assertThat(new Availability("0.89999").check(nineOkAnd(OpType.INFO)).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void noOpsMeansFullyAvailable() {
    Result r = new Availability("total").check(List.of());
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("ok-fraction", 1.0);
  }

  @Test
  void nonsenseRequirementThrows() {
    assertThatThrownBy(() -> new Availability("most").check(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Availability("1.5").check(List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aFractionExactlyAtTheRequirementPasses() {
    assertThat(new Availability("1").check(nineOkAnd(OpType.OK)).valid()).isEqualTo(Validity.TRUE);
    List<Op> half = new HistoryBuilder().op(0, "echo", "x", OpType.OK, "x").op(1, "echo", "y", OpType.FAIL, null).build();
    assertThat(new Availability("0.5").check(half).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void aRatioRequirementIsItsQuotient() {
    assertThat(new Availability("4/5").check(nineOkAnd(OpType.INFO)).valid()).isEqualTo(Validity.TRUE);
    assertThat(new Availability("19/20").check(nineOkAnd(OpType.INFO)).valid()).isEqualTo(Validity.FALSE);
  }
}
