package glomers.harness.workload.gcounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.OpType;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FakeConnection;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CounterTest {
  @Test
  void pnCounterMixesAddsOfMinusFiveToFourWithReads() {
    Generator g = CounterWorkload.pnCounter().generator(null, new Random(1));
    Map<Object, Integer> deltas = new HashMap<>();
    int reads = 0;
    for (int i = 0; i < 10_000; i++) {
      Invocation op = g.next(i % 3);
      if (op.f().equals("read")) {
        reads++;
      } else {
        deltas.merge(op.value(), 1, Integer::sum);
      }
    }
    assertThat(deltas.keySet()).containsExactlyInAnyOrder(-5L, -4L, -3L, -2L, -1L, 0L, 1L, 2L, 3L, 4L);
    assertThat(reads).isBetween(4700, 5300);
  }

  @Test
  void gCounterDropsNegativeAddsFromTheSameStream() {
    Generator g = CounterWorkload.gCounter().generator(null, new Random(1));
    Map<Object, Integer> deltas = new HashMap<>();
    int reads = 0;
    for (int i = 0; i < 9_000; i++) {
      Invocation op = g.next(0);
      if (op.f().equals("read")) {
        reads++;
      } else {
        deltas.merge(op.value(), 1, Integer::sum);
      }
    }
    assertThat(deltas.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L, 4L);
    // Two thirds reads: half the stream is reads, a quarter is discarded negative adds.
    assertThat(reads).isBetween(5700, 6300);
  }

  @Test
  void finalReads() {
    assertThat(CounterWorkload.gCounter().finalOps(0, null)).containsExactly(new Invocation("read", null, true));
    assertThat(CounterWorkload.gCounter().hasFinalPhase()).isTrue();
  }

  @Test
  void clientAddsAndReads() throws Exception {
    FakeConnection node =
        new FakeConnection().reply(Map.of("type", "add_ok")).reply(Map.of("type", "read_ok", "value", 12));
    Client client = CounterWorkload.gCounter().client(node, null);
    assertThat(client.invoke(new Invocation("add", 3L))).isEqualTo(Completion.ok(3L));
    assertThat(client.invoke(new Invocation("read", null))).isEqualTo(Completion.ok(12L));
    assertThat(node.requests).containsExactly(Map.of("type", "add", "delta", 3L), Map.of("type", "read"));
  }

  @Test
  void everyFailureIsIndeterminateEvenDefiniteErrors() throws Exception {
    FakeConnection node =
        new FakeConnection()
            .reply(Map.of("type", "error", "code", 22L, "text", "cas failed"))
            .timeout()
            .timeout();
    Client client = CounterWorkload.pnCounter().client(node, null);
    Completion definite = client.invoke(new Invocation("add", -2L));
    assertThat(definite.type()).isEqualTo(OpType.INFO);
    assertThat(definite.value()).isEqualTo(-2L);
    assertThat(client.invoke(new Invocation("add", 4L)))
        .isEqualTo(Completion.info(4L, "indeterminate: Client read timeout"));
    assertThat(client.invoke(new Invocation("read", null)).type()).isEqualTo(OpType.INFO);
  }

  @Test
  void readMustBeAnIntegerAndNothingElse() {
    for (Map<String, Object> bad :
        List.<Map<String, Object>>of(
            Map.of("type", "read_ok", "value", 1.0),
            Map.of("type", "read_ok", "value", "1"),
            Map.of("type", "read_ok", "value", 1L, "node", "n0"),
            Map.of("type", "read_ok"))) {
      FakeConnection node = new FakeConnection().reply(bad);
      assertThatThrownBy(() -> CounterWorkload.gCounter().client(node, null).invoke(new Invocation("read", null)))
          .isInstanceOf(MalformedResponseException.class);
    }
  }

  @Test
  void readBeyondLongRangeIsAnException() {
    FakeConnection node =
        new FakeConnection().reply(Map.of("type", "read_ok", "value", BigInteger.TWO.pow(70)));
    assertThatThrownBy(() -> CounterWorkload.gCounter().client(node, null).invoke(new Invocation("read", null)))
        .isInstanceOf(ArithmeticException.class);
  }

  // The checker.

  private static HistoryBuilder adds(long... okDeltas) {
    HistoryBuilder h = new HistoryBuilder();
    for (long d : okDeltas) {
      h.op(0, "add", d, OpType.OK, d);
    }
    return h;
  }

  private static HistoryBuilder infoAdd(HistoryBuilder h, int process, long delta) {
    return h.invoke(process, "add", delta).info(process, "add", delta, "indeterminate: Client read timeout");
  }

  private static HistoryBuilder finalRead(HistoryBuilder h, int process, Object value) {
    h.add(OpType.INVOKE, process, "read", null, null, true);
    return h.add(OpType.OK, process, "read", value, null, true);
  }

  private static Result check(HistoryBuilder h) {
    return new CounterChecker().check(h.build());
  }

  @Test
  void finalReadsOfTheAcknowledgedSumPass() {
    HistoryBuilder h = adds(1, 2, 4);
    finalRead(h, 1, 7L);
    finalRead(h, 2, 7L);
    Result r = check(h);
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json())
        .containsEntry("errors", List.of())
        .containsEntry("final-reads", List.of(7L, 7L))
        .containsEntry("acceptable", List.of(List.of(7L, 7L)));
  }

  @Test
  void finalReadOffByOneFails() {
    HistoryBuilder h = adds(1, 2, 4);
    finalRead(h, 1, 7L);
    finalRead(h, 2, 6L);
    Result r = check(h);
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> errors = (List<Map<String, Object>>) r.json().get("errors");
    assertThat(errors).singleElement().satisfies(op -> {
      assertThat(op).containsEntry("value", 6L).containsEntry("process", 2).containsEntry("final?", true);
    });
  }

  @Test
  void indeterminateAddsWidenTheAcceptableSetBySubsetSums() {
    // S = 10; info adds 2 and 3 allow 10, 12, 13 and 15, and nothing in between.
    for (long read = 9; read <= 16; read++) {
      HistoryBuilder h = adds(10);
      infoAdd(h, 1, 2);
      infoAdd(h, 2, 3);
      finalRead(h, 3, read);
      Result r = check(h);
      boolean expected = read == 10 || read == 12 || read == 13 || read == 15;
      assertThat(r.valid()).as("read %d", read).isEqualTo(Validity.of(expected));
      assertThat(r.json().get("acceptable"))
          .isEqualTo(List.of(List.of(10L, 10L), List.of(12L, 13L), List.of(15L, 15L)));
    }
  }

  @Test
  void adjacentRangesMergeButGapsStay() {
    HistoryBuilder h = adds(5);
    infoAdd(h, 1, 1);
    infoAdd(h, 2, 1);
    finalRead(h, 3, 7L);
    assertThat(check(h).json().get("acceptable")).isEqualTo(List.of(List.of(5L, 7L)));

    HistoryBuilder gap = adds(0);
    infoAdd(gap, 1, 4);
    infoAdd(gap, 2, 4);
    finalRead(gap, 3, 4L);
    Result r = check(gap);
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json().get("acceptable"))
        .isEqualTo(List.of(List.of(0L, 0L), List.of(4L, 4L), List.of(8L, 8L)));
  }

  @Test
  void negativeIndeterminateDeltas() {
    // S = 0; info -3 and 2 allow -3, -1, 0, 2.
    HistoryBuilder h = adds();
    infoAdd(h, 1, -3);
    infoAdd(h, 2, 2);
    finalRead(h, 3, 1L);
    Result r = check(h);
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat(r.json().get("acceptable"))
        .isEqualTo(List.of(List.of(-3L, -3L), List.of(-1L, 0L), List.of(2L, 2L)));
  }

  @Test
  void failedAddsAndNonFinalOrUnsuccessfulReadsAreIgnored() {
    HistoryBuilder h = adds(3);
    h.invoke(1, "add", 4L).fail(1, "add", 4L, List.of("abort", "no"));
    h.op(2, "read", null, OpType.OK, 99L);
    h.add(OpType.INVOKE, 4, "read", null, null, true);
    h.add(OpType.INFO, 4, "read", null, "indeterminate: Client read timeout", true);
    finalRead(h, 5, 3L);
    Result r = check(h);
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("final-reads", List.of(3L));
  }

  @Test
  void fractionalFinalReadThrows() {
    HistoryBuilder h = adds(1);
    finalRead(h, 1, 1.0);
    assertThatThrownBy(() -> check(h)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noFinalReadsIsVacuouslyValid() {
    Result r = check(adds(1));
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("final-reads", List.of());
  }
}
