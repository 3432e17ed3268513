package glomers.harness.workload.kafka;

import glomers.harness.checker.Checker;
import glomers.harness.options.WorkloadOptions;
import glomers.harness.workload.Client;
import glomers.harness.net.Connection;
import glomers.harness.workload.FinalPhase;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Workload;
import java.util.Random;
import java.util.Set;
import java.util.function.LongSupplier;

/** Challenge #5: a replicated log per key, with offsets, polls and committed consumer offsets. */
public final class KafkaWorkload implements Workload {
  /** Filled by the main phase's completions; the final phase polls up to what it holds. */
  private final Progress progress = new Progress();

  @Override
  public Generator generator(WorkloadOptions options, Random random) {
    return generator(options, random, System::nanoTime);
  }

  @Override
  public Generator generator(WorkloadOptions options, Random random, LongSupplier clock) {
    return new KafkaGenerator(
        random, options.activeKeys(), options.maxWritesPerKey(), options.concurrency(), progress, clock);
  }

  @Override
  public boolean hasFinalPhase() {
    return true;
  }

  @Override
  public FinalPhase finalPhase(int worker, WorkloadOptions options, Random random) {
    return new KafkaFinalPhase(progress.targets(), random);
  }

  @Override
  public Client client(Connection connection, WorkloadOptions options) {
    return new KafkaClient(connection);
  }

  @Override
  public Checker checker(WorkloadOptions options) {
    return new KafkaChecker();
  }

  @Override
  public Set<String> statsExempt() {
    return Set.of("crash");
  }
}
