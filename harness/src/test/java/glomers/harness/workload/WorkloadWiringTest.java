package glomers.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.checker.elle.RwRegisterChecker;
import glomers.harness.cli.TestOptions;
import glomers.harness.service.SeqKv;
import glomers.harness.workload.kafka.KafkaChecker;
import glomers.harness.workload.uniqueids.UniqueIdsChecker;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each workload hands the run the parts Maelstrom's workload of that name has. */
class WorkloadWiringTest {
  private static TestOptions options(String workload, List<String> models) {
    return new TestOptions(
        workload, null, List.of("n0"), 1, 20, 10, 0, "constant", false, 10, null,
        models, null, 4, 16, "grid", SeqKv.Staleness.UNIFORM, false, false, false, 1, 1L, List.of());
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
}
