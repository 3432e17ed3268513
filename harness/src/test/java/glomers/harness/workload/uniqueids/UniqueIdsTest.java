package glomers.harness.workload.uniqueids;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
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

  private static Result check(Object... ids) {
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
