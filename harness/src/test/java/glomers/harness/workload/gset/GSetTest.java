package glomers.harness.workload.gset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.Validity;
import glomers.harness.history.OpType;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.workload.FakeConnection;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GSetTest {
  private final GSetWorkload workload = new GSetWorkload();

  @Test
  void generatorAddsSuccessiveElementsHalfTheTime() {
    Generator g = workload.generator(null, new Random(9));
    long expected = 0;
    for (int i = 0; i < 4000; i++) {
      Invocation op = g.next(i % 2);
      if (op.f().equals("add")) {
        assertThat(op.value()).isEqualTo(expected++);
      } else {
        assertThat(op).isEqualTo(new Invocation("read", null));
      }
    }
    assertThat(expected).isBetween(1800L, 2200L);
    assertThat(workload.finalOps(0, null)).containsExactly(new Invocation("read", null));
  }

  @Test
  void clientAddsAndReadsAndNeverFails() throws Exception {
    FakeConnection node =
        new FakeConnection()
            .reply(Map.of("type", "add_ok"))
            .reply(Map.of("type", "read_ok", "value", List.of(0L)))
            .reply(Map.of("type", "error", "code", 11L))
            .timeout();
    Client client = workload.client(node, null);
    assertThat(client.invoke(new Invocation("add", 0L))).isEqualTo(Completion.ok(0L));
    assertThat(client.invoke(new Invocation("read", null))).isEqualTo(Completion.ok(List.of(0L)));
    assertThat(client.invoke(new Invocation("add", 1L)).type()).isEqualTo(OpType.INFO);
    assertThat(client.invoke(new Invocation("read", null)).type()).isEqualTo(OpType.INFO);
    assertThat(node.requests.subList(0, 2))
        .containsExactly(Map.of("type", "add", "element", 0L), Map.of("type", "read"));
  }

  @Test
  void readOkUsesValueNotMessages() {
    FakeConnection node = new FakeConnection().reply(Map.of("type", "read_ok", "messages", List.of()));
    assertThatThrownBy(() -> workload.client(node, null).invoke(new Invocation("read", null)))
        .isInstanceOf(MalformedResponseException.class);
  }

  @Test
  void checkerIsSetFullOverAdds() {
    var ok = new HistoryBuilder()
        .op(0, "add", 0L, OpType.OK, 0L)
        .op(1, "read", null, OpType.OK, List.of(0L))
        .build();
    assertThat(workload.checker(null).check(ok).valid()).isEqualTo(Validity.TRUE);
    var lost = new HistoryBuilder()
        .op(0, "add", 0L, OpType.OK, 0L)
        .op(1, "read", null, OpType.OK, List.of(0L))
        .op(2, "read", null, OpType.OK, List.of())
        .build();
    assertThat(workload.checker(null).check(lost).valid()).isEqualTo(Validity.FALSE);
  }
}
