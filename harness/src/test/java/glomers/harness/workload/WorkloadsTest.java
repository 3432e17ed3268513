package glomers.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.workload.broadcast.BroadcastWorkload;
import glomers.harness.workload.echo.EchoWorkload;
import glomers.harness.workload.gcounter.CounterWorkload;
import glomers.harness.workload.gset.GSetWorkload;
import glomers.harness.workload.kafka.KafkaWorkload;
import glomers.harness.workload.linkv.LinKvWorkload;
import glomers.harness.workload.txn.TxnListAppendWorkload;
import glomers.harness.workload.txn.TxnRwRegisterWorkload;
import glomers.harness.workload.uniqueids.UniqueIdsWorkload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
  void everyNameBuildsAFreshWorkloadOfItsOwn() {
    Map<String, Class<?>> expected = new LinkedHashMap<>();
    expected.put("broadcast", BroadcastWorkload.class);
    expected.put("echo", EchoWorkload.class);
    expected.put("g-counter", CounterWorkload.class);
    expected.put("g-set", GSetWorkload.class);
    expected.put("kafka", KafkaWorkload.class);
    expected.put("lin-kv", LinKvWorkload.class);
    expected.put("pn-counter", CounterWorkload.class);
    expected.put("txn-list-append", TxnListAppendWorkload.class);
    expected.put("txn-rw-register", TxnRwRegisterWorkload.class);
    expected.put("unique-ids", UniqueIdsWorkload.class);
    assertThat(Workloads.names()).containsExactlyElementsOf(expected.keySet());
    for (String name : Workloads.names()) {
      Workload workload = Workloads.byName(name);
      assertThat(workload).as(name).isInstanceOf(expected.get(name));
      // Kafka's keeps the main phase's progress for its final phase: each run needs its own.
      assertThat(Workloads.byName(name)).as(name).isNotSameAs(workload);
    }
    // The two counters share a class and differ in their generators: g-counter never subtracts.
    Random random = new Random(3);
    Generator gCounter = Workloads.byName("g-counter").generator(null, random);
    Generator pnCounter = Workloads.byName("pn-counter").generator(null, random);
    List<Object> gDeltas = new ArrayList<>();
    List<Object> pnDeltas = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      addDelta(gCounter.next(0), gDeltas);
      addDelta(pnCounter.next(0), pnDeltas);
    }
    assertThat(gDeltas).isNotEmpty().allMatch(d -> (Long) d >= 0);
    assertThat(pnDeltas).anyMatch(d -> (Long) d < 0);
  }

  private static void addDelta(Invocation op, List<Object> deltas) {
    if (op.f().equals("add")) {
      deltas.add(op.value());
    }
  }

  /** A typo's message offers only names the bench runs: each one it lists builds a workload. */
  @Test
  void aTypoListsOnlyWorkloadsThatExist() {
    assertThatThrownBy(() -> Workloads.byName("gossip"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown workload gossip; valid workloads are: broadcast, echo, g-counter, g-set, kafka, lin-kv,"
            + " pn-counter, txn-list-append, txn-rw-register, unique-ids");
    String message = "";
    try {
      Workloads.byName("txn-list-apend");
    } catch (IllegalArgumentException e) {
      message = e.getMessage();
    }
    List<String> offered = List.of(message.substring(message.indexOf(": ") + 2).split(", "));
    assertThat(offered).hasSize(10);
    for (String name : offered) {
      assertThat(Workloads.byName(name)).as(name).isNotNull();
    }
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
