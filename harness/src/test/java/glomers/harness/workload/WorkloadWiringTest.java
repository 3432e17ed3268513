package glomers.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.SetFull;
import glomers.harness.checker.elle.RwRegisterChecker;
import glomers.harness.options.TestOptions;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.Faults;
import glomers.harness.workload.echo.EchoChecker;
import glomers.harness.workload.gcounter.CounterChecker;
import glomers.harness.workload.kafka.KafkaChecker;
import glomers.harness.workload.uniqueids.UniqueIdsChecker;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each workload hands the run the parts Maelstrom's workload of that name has. */
class WorkloadWiringTest {
  private static TestOptions options(String workload, List<String> models) {
    return new TestOptions(
        workload, null, List.of("n0"), 1, 20, 10, 0, "constant", Faults.NONE, 10, null,
        models, null, 4, 16, "grid", SeqKvStaleness.UNIFORM, false, false, false, 1, 1L, List.of());
  }

  @Test
  void linKvKeepsItsClientHasNoFinalPhaseAndNeedsWholeGroupsOfTwoN() {
    Workload linKv = Workloads.byName("lin-kv");
    TestOptions one = options("lin-kv", List.of());
    assertThat(linKv.reusableClient()).isTrue();
    assertThat(linKv.hasFinalPhase()).isFalse();
    assertThat(linKv.usageProblem(one)).contains("multiple of 2n = 2");
    TestOptions two = new TestOptions(
        "lin-kv", null, List.of("n0"), 2, 20, 10, 0, "constant", Faults.NONE, 10, null,
        List.of(), null, 4, 16, "grid", SeqKvStaleness.UNIFORM, false, false, false, 1, 1L, List.of());
    assertThat(linKv.usageProblem(two)).isNull();
    assertThat(linKv.checker(two)).isInstanceOf(glomers.harness.workload.linkv.LinearizabilityChecker.class);
    assertThat(linKv.generator(two, new Random(1)).next(0).f()).isEqualTo("read");
    assertThat(linKv.client(null, two)).isNotNull();
    assertThat(Workloads.byName("echo").usageProblem(one)).isNull();
  }

  @Test
  void kafkaHasAFinalPhaseAFreshClientAfterInfoAndExemptsCrash() {
    Workload kafka = Workloads.byName("kafka");
    TestOptions options = options("kafka", List.of());
    assertThat(kafka.reusableClient()).isFalse();
    assertThat(kafka.hasFinalPhase()).isTrue();
    assertThat(kafka.statsExempt()).containsExactly("crash");
    assertThat(kafka.checker(options)).isInstanceOf(KafkaChecker.class);
    assertThat(kafka.generator(options, new Random(1)).getClass().getSimpleName()).isEqualTo("KafkaGenerator");
    assertThat(kafka.finalPhase(0, options, new Random(1)).getClass().getSimpleName()).isEqualTo("KafkaFinalPhase");
    assertThat(kafka.client(new FakeConnection(), options).getClass().getSimpleName()).isEqualTo("KafkaClient");
  }

  @Test
  void uniqueIdsOnlyGeneratesAndKeepsItsClient() throws Exception {
    Workload ids = Workloads.byName("unique-ids");
    TestOptions options = options("unique-ids", List.of());
    assertThat(ids.reusableClient()).isTrue();
    assertThat(ids.hasFinalPhase()).isFalse();
    assertThat(ids.statsExempt()).isEmpty();
    assertThat(ids.checker(options)).isInstanceOf(UniqueIdsChecker.class);
    assertThat(ids.generator(options, new Random(1)).next(3)).isEqualTo(new Invocation("generate", null));
  }

  @Test
  void txnRwRegisterChecksTheNamedModelsAndRejectsUnknownOnes() {
    Workload txn = Workloads.byName("txn-rw-register");
    assertThat(txn.reusableClient()).isTrue();
    assertThat(txn.hasFinalPhase()).isFalse();
    TestOptions options = options("txn-rw-register", List.of("read-committed"));
    assertThat(txn.checker(options)).isInstanceOf(RwRegisterChecker.class);
    Invocation op = txn.generator(options, new Random(1)).next(0);
    assertThat(op.f()).isEqualTo("txn");
    assertThat((List<?>) op.value()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
    assertThatThrownBy(() -> txn.checker(options("txn-rw-register", List.of("read-committed", "bogus"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Unknown consistency model bogus");
  }

  @Test
  void setsAndCountersOpenAFreshClientPerOpAndEndWithOneRead() {
    // Maelstrom tags the final reads of broadcast and the counters, not g-set's.
    List<List<Object>> expected =
        List.of(
            List.of("broadcast", new Invocation("read", null, true), SetFull.class),
            List.of("g-set", new Invocation("read", null), SetFull.class),
            List.of("g-counter", new Invocation("read", null, true), CounterChecker.class),
            List.of("pn-counter", new Invocation("read", null, true), CounterChecker.class));
    for (List<Object> e : expected) {
      String name = (String) e.get(0);
      Workload workload = Workloads.byName(name);
      TestOptions options = options(name, List.of());
      assertThat(workload.reusableClient()).as(name).isFalse();
      assertThat(workload.hasFinalPhase()).as(name).isTrue();
      assertThat(workload.checker(options)).as(name).isInstanceOf((Class<?>) e.get(2));
      FinalPhase phase = workload.finalPhase(0, options, new Random(1));
      assertThat(phase.next(0)).as(name).isEqualTo(new FinalPhase.Step(0, (Invocation) e.get(1)));
      assertThat(phase.next(0)).as(name).isNull();
    }
  }

  @Test
  void echoHasNoFinalPhaseAndChecksItsEchoes() {
    Workload echo = Workloads.byName("echo");
    TestOptions options = options("echo", List.of());
    assertThat(echo.hasFinalPhase()).isFalse();
    assertThat(echo.finalPhase(0, options, new Random(1)).next(0)).isNull();
    assertThat(echo.checker(options)).isInstanceOf(EchoChecker.class);
  }

  @Test
  void aListedFinalPhasePerformsItsOpsInOrderBackToBack() {
    Invocation first = new Invocation("read", null, true);
    Invocation second = new Invocation("read", 2L, true);
    FinalPhase phase = FinalPhase.of(List.of(first, second));
    assertThat(phase.next(0)).isEqualTo(new FinalPhase.Step(0, first));
    assertThat(phase.next(5)).isEqualTo(new FinalPhase.Step(0, second));
    assertThat(phase.next(9)).isNull();
  }
}
