package glomers.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WorkloadsTest {
  @Test
  void knowsAllTenMaelstromNames() {
    assertThat(Workloads.names())
        .containsExactly(
            "broadcast", "echo", "g-counter", "g-set", "kafka", "lin-kv", "pn-counter",
            "txn-list-append", "txn-rw-register", "unique-ids");
  }

  @Test
  void implementedWorkloadsCarryTheirName() {
    for (String name : Workloads.names()) {
      if (Workloads.isImplemented(name)) {
        assertThat(Workloads.byName(name).name()).isEqualTo(name);
      }
    }
    assertThat(Workloads.names().stream().filter(Workloads::isImplemented))
        .containsExactly(
            "broadcast", "echo", "g-counter", "g-set", "kafka", "pn-counter", "txn-list-append", "txn-rw-register", "unique-ids");
  }

  @Test
  void unimplementedNamesSaySo() {
    assertThatThrownBy(() -> Workloads.byName("lin-kv"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("not implemented yet");
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertThatThrownBy(() -> Workloads.byName("gossip"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gossip")
        .hasMessageContaining("broadcast, echo, g-counter");
  }

  @Test
  void helpListsEachWorkloadsRequestTypesAndWhichAreMissing() {
    assertThat(Workloads.helpLines())
        .hasSize(10)
        .contains(
            "  echo: echo",
            "  kafka: send, poll, commit_offsets, list_committed_offsets",
            "  lin-kv: read, write, cas (not implemented in this bench)",
            "  txn-list-append: txn");
    assertThat(Workloads.requestTypes("unique-ids")).containsExactly("generate");
    assertThat(Workloads.requestTypes("gossip")).isEmpty();
  }
}
