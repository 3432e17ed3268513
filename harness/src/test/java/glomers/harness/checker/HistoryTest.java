package glomers.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  @Test
  void pairsInterleavedOpsByProcessInInvocationOrder() {
    List<Op> h = new HistoryBuilder()
        .invoke(0, "read", null)
        .invoke(1, "broadcast", 5L)
        .ok(1, "broadcast", 5L)
        .invoke(1, "read", null)
        .ok(0, "read", List.of(5L))
        .build();
    List<History.Pair> pairs = History.pairs(h);
    assertThat(pairs).hasSize(3);
    assertThat(pairs.get(0).invoke()).isSameAs(h.get(0));
    assertThat(pairs.get(0).completion()).isSameAs(h.get(4));
    assertThat(pairs.get(0).latencyNanos()).isEqualTo(4_000_000L);
    assertThat(pairs.get(1).completion()).isSameAs(h.get(2));
    assertThat(pairs.get(2).invoke()).isSameAs(h.get(3));
    assertThat(pairs.get(2).completion()).isNull();
    assertThat(History.invocations(h)).containsEntry(h.get(4), h.get(0)).hasSize(2);
  }

  @Test
  void jsonUsesJepsenNames() {
    Op nemesis = new Op(3, 7, OpType.INFO, Op.NEMESIS, "start-partition", "majority", null, false);
    assertThat(History.toJson(nemesis))
        .containsEntry("process", "nemesis")
        .containsEntry("type", "info")
        .doesNotContainKeys("error", "final?");
    Op finalRead = new Op(4, 9, OpType.FAIL, 2, "read", null, List.of("net-timeout"), true);
    assertThat(History.toJson(finalRead))
        .containsEntry("process", 2)
        .containsEntry("error", List.of("net-timeout"))
        .containsEntry("final?", true);
  }
}
