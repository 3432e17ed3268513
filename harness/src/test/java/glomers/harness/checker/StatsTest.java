package glomers.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatsTest {
  private static HistoryBuilder mixed() {
    return new HistoryBuilder()
        .op(0, "broadcast", 1L, OpType.OK, 1L)
        .op(0, "broadcast", 2L, OpType.INFO, 2L)
        .op(1, "read", null, OpType.OK, List.of(1L))
        .op(1, "read", null, OpType.FAIL, null)
        .add(OpType.INVOKE, Op.NEMESIS, "start-partition", null, null, false)
        .add(OpType.INFO, Op.NEMESIS, "start-partition", "majority", null, false);
  }

  @Test
  void countsCompletionsOverallAndByFIgnoringInvokesAndNemesis() {
    Result r = new Stats(Set.of()).check(mixed().build());
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json())
        .containsEntry("count", 4L)
        .containsEntry("ok-count", 2L)
        .containsEntry("fail-count", 1L)
        .containsEntry("info-count", 1L);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> byF = (Map<String, Map<String, Object>>) r.json().get("by-f");
    assertThat(byF).containsOnlyKeys("broadcast", "read");
    assertThat(byF.get("read"))
        .containsEntry("valid?", true)
        .containsEntry("count", 2L)
        .containsEntry("ok-count", 1L)
        .containsEntry("fail-count", 1L)
        .containsEntry("info-count", 0L);
  }

  @Test
  void byNodeCountsCompletionsPerNodeOfEachProcessWorkerAndTheirShares() {
    // 3 workers on 2 nodes: worker 2 talks to n0; process 4 is worker 1 after a crash (4 mod 3)
    HistoryBuilder h = mixed().op(2, "read", null, OpType.OK, List.of(1L)).op(4, "read", null, OpType.OK, List.of(1L));
    Result r = new Stats(Set.of(), List.of("n0", "n1"), 3).check(h.build());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> byNode = (Map<String, Map<String, Object>>) r.json().get("by-node");
    assertThat(byNode.keySet()).containsExactly("n0", "n1");
    assertThat(byNode.get("n0")).containsEntry("count", 3L).containsEntry("share", 0.5);
    assertThat(byNode.get("n1")).containsEntry("count", 3L).containsEntry("share", 0.5);
    assertThat(new Stats(Set.of()).check(h.build()).json()).doesNotContainKey("by-node");
  }

  @Test
  void anFWithNoOkCompletionIsInvalid() {
    HistoryBuilder h = mixed().op(2, "generate", null, OpType.INFO, null).op(2, "generate", null, OpType.FAIL, null);
    Result r = new Stats(Set.of()).check(h.build());
    assertThat(r.valid()).isEqualTo(Validity.FALSE);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> byF = (Map<String, Map<String, Object>>) r.json().get("by-f");
    assertThat(byF.get("generate")).containsEntry("valid?", false);
    assertThat(byF.get("read")).containsEntry("valid?", true);
  }

  @Test
  void exemptFsMayNeverSucceed() {
    HistoryBuilder h = mixed().op(2, "crash", null, OpType.INFO, null);
    assertThat(new Stats(Set.of()).check(h.build()).valid()).isEqualTo(Validity.FALSE);
    assertThat(new Stats(Set.of("crash")).check(h.build()).valid()).isEqualTo(Validity.TRUE);
  }

  @Test
  void emptyHistoryIsValid() {
    Result r = new Stats(Set.of()).check(List.of());
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    assertThat(r.json()).containsEntry("count", 0L).containsEntry("by-f", Map.of());
  }
}
