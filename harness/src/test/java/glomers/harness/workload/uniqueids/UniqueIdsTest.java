package glomers.harness.workload.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FakeConnection;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UniqueIdsTest {
  private final UniqueIdsWorkload workload = new UniqueIdsWorkload();

  @Test
  void clientReturnsTheIdAndTimeoutsAreIndeterminate() throws Exception {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "generate_ok", "id", "n1-7")).timeout();
    var client = workload.client(node, null);
    assertThat(client.invoke(new Invocation("generate", null))).isEqualTo(Completion.ok("n1-7"));
    assertThat(node.requests.get(0)).isEqualTo(Map.of("type", "generate"));
    assertThat(client.invoke(new Invocation("generate", null)))
        .isEqualTo(Completion.info(null, List.of("net-timeout")));
    assertThat(workload.reusableClient()).isTrue();
  }

  @Test
  void clientRejectsExtraKeys() {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "generate_ok", "id", 1L, "node", "n1"));
    assertThatThrownBy(() -> workload.client(node, null).invoke(new Invocation("generate", null)))
        .isInstanceOf(MalformedResponseException.class);
  }

  private static UniqueIdsChecker.Outcome check(Object... ids) {
    HistoryBuilder h = new HistoryBuilder();
    for (int i = 0; i < ids.length; i++) {
      h.op(i, "generate", null, OpType.OK, ids[i]);
    }
    return new UniqueIdsChecker().check(h.build());
  }

  @Test
  void distinctIdsPass() {
    Result r = check(3L, 1L, 2L);
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json())
        .containsEntry("attempted-count", 3L)
        .containsEntry("acknowledged-count", 3L)
        .containsEntry("duplicated-count", 0L)
        .containsEntry("range", List.of(1L, 3L));
  }

  @Test
  void duplicateIdFails() {
    Result r = check("a", "b", "a", "c", "a", "b");
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    assertThat(r.json())
        .containsEntry("duplicated-count", 2L)
        .containsEntry("duplicated", List.of(List.of("a", 3L), List.of("b", 2L)))
        .containsEntry("range", List.of("a", "c"));
  }

  @Test
  void aRepeatedIdIsExplainedByTheRestartBetweenItsTwoUses() {
    HistoryBuilder h = new HistoryBuilder();
    h.at(100).op(0, "generate", null, OpType.OK, "n0-1");
    h.op(1, "generate", null, OpType.OK, "n1-1");
    h.at(1000).add(OpType.INFO, Op.NEMESIS, "kill", "one", null, false);
    h.add(OpType.INFO, Op.NEMESIS, "kill", Map.of("n0", "killed"), null, false);
    h.at(2000).add(OpType.INFO, Op.NEMESIS, "start", "all", null, false);
    h.add(OpType.INFO, Op.NEMESIS, "start", Map.of("n0", "started", "n1", "already-running"), null, false);
    h.at(3000).op(0, "generate", null, OpType.OK, "n0-1");
    UniqueIdsChecker.Outcome r = new UniqueIdsChecker(List.of("n0", "n1"), 2).check(h.build());

    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    UniqueIdsChecker.Repeat repeat = r.repeats().get(0);
    assertThat(repeat.id()).isEqualTo("n0-1");
    assertThat(List.of(repeat.firstOp(), repeat.secondOp())).isEqualTo(List.of(1L, 9L));
    Map<?, ?> anomaly = (Map<?, ?>) ((List<?>) ((Map<?, ?>) r.json().get("anomalies")).get("duplicated-id")).get(0);
    assertThat(anomaly.get("ops")).as("as results.json has it").isEqualTo(List.of(1L, 9L));
    assertThat(anomaly.get("explanation")).isEqualTo(repeat.explanation());
    assertThat(repeat.explanation()).isEqualTo(
        "id \"n0-1\" was acknowledged twice: op 1 (process 0, served by n0, completed at 0.101 s), and op 9"
            + " (process 0, served by n0, completed at 3.001 s). Between the two, the nemesis killed n0 (op 5, at"
            + " 1.001 s) and started n0 again (op 7, at 2.001 s): a new incarnation begins with none of the old one's"
            + " memory, so a node that counts from its start hands out the same ids again unless something changes"
            + " with each incarnation.");
  }

  @Test
  void aRepeatedIdWithNoRestartBetweenSaysSo() {
    HistoryBuilder h = new HistoryBuilder();
    h.op(0, "generate", null, OpType.OK, 7L);
    h.op(1, "generate", null, OpType.OK, 7L);
    // A restart after the second use explains nothing.
    h.add(OpType.INFO, Op.NEMESIS, "start", Map.of("n0", "started"), null, false);
    h.op(1, "generate", null, OpType.OK, 8L);
    UniqueIdsChecker.Outcome r = new UniqueIdsChecker(List.of("n0", "n1"), 2).check(h.build());

    assertThat(r.repeats().get(0).explanation()).startsWith("id 7 was acknowledged twice: op 1 (process 0, served by n0")
        .contains("op 3 (process 1, served by n1").endsWith("No node was started again between the two: two nodes (or"
            + " one) made the same id while running.");
    assertThat(check(1L, 2L).repeats()).isEmpty();
    assertThat(check(1L, 2L).json()).doesNotContainKey("anomalies");
  }

  @Test
  void showsAtMost48DuplicatesTheMostDuplicatedAndThenTheHighest() {
    List<Object> ids = new ArrayList<>();
    for (long id = 0; id < 60; id++) {
      ids.add(id);
      ids.add(id);
    }
    ids.add(5L);
    Result r = check(ids.toArray());
    assertThat(r.json()).containsEntry("duplicated-count", 60L);
    @SuppressWarnings("unchecked")
    List<List<Object>> shown = (List<List<Object>>) r.json().get("duplicated");
    assertThat(shown).hasSize(48);
    assertThat(shown.get(0)).isEqualTo(List.of(5L, 3L));
    assertThat(shown.get(1)).isEqualTo(List.of(13L, 2L));
    assertThat(shown.get(47)).isEqualTo(List.of(59L, 2L));
  }

  @Test
  void integerRepresentationsOfOneNumberAreTheSameId() {
    assertThat(check(1L, 1, BigInteger.ONE).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void oneAndOnePointZeroAreDistinctIds() {
    assertThat(check(1L, 1.0).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void arraysAreComparedByValue() {
    assertThat(check(List.of(1L, 2L), List.of(1L, 3L)).valid()).isEqualTo(Validity.TRUE);
    assertThat(check(List.of(1L, 2L), List.of(1L, 2L)).valid()).isEqualTo(Validity.FALSE);
  }

  @Test
  void incomparableIdsThrow() {
    assertThatThrownBy(() -> check(1L, "1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> check("x", Map.of("a", 1L))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyOkCompletionsAreAcknowledged() {
    Result r = new UniqueIdsChecker().check(new HistoryBuilder()
        .op(0, "generate", null, OpType.OK, 5L)
        .invoke(1, "generate", null)
        .info(1, "generate", null, List.of("net-timeout"))
        .invoke(2, "generate", null)
        .fail(2, "generate", null, Arrays.asList("abort", null))
        .build());
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("attempted-count", 3L).containsEntry("acknowledged-count", 1L);
  }

  @Test
  void noAcknowledgementsHaveNoRange() {
    Result r = new UniqueIdsChecker().check(List.of());
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("range", null);
  }
}
