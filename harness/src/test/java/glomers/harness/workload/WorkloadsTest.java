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
  void everyWorkloadCarriesItsName() {
    for (String name : Workloads.names()) {
      assertThat(Workloads.byName(name).name()).isEqualTo(name);
    }
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertThatThrownBy(() -> Workloads.byName("gossip"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gossip")
        .hasMessageContaining("broadcast, echo, g-counter");
  }

  @Test
  void helpListsEachWorkloadsRequestTypes() {
    assertThat(Workloads.helpLines())
        .hasSize(10)
        .contains(
            "  echo: echo",
            "  kafka: send, poll, commit_offsets, list_committed_offsets",
            "  lin-kv: read, write, cas",
            "  txn-list-append: txn");
    assertThat(Workloads.requestTypes("unique-ids")).containsExactly("generate");
    assertThat(Workloads.requestTypes("gossip")).isEmpty();
  }
}
