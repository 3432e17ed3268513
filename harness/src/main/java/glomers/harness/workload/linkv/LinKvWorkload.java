package glomers.harness.workload.linkv;

import glomers.harness.checker.Checker;
import glomers.harness.options.WorkloadOptions;
import glomers.harness.workload.Client;
import glomers.harness.net.Connection;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Workload;
import java.util.Random;

/**
 * Challenge #7's workload (Maelstrom's lin-kv): reads, writes and compare-and-sets on independent
 * integer keys, each key's history checked for linearizability as a CAS register. No final phase.
 */
public final class LinKvWorkload implements Workload {

  @Override
  public boolean reusableClient() {
    return true;
  }

  @Override
  public String usageProblem(WorkloadOptions options) {
    return LinKvGenerator.checkConcurrency(options.nodes().size(), options.concurrency());
  }

  @Override
  public Generator generator(WorkloadOptions options, Random random) {
    return new LinKvGenerator(random, options.nodes().size(), options.concurrency());
  }

  @Override
  public Client client(Connection connection, WorkloadOptions options) {
    return new LinKvClient(connection, options.latencyMillis());
  }

  @Override
  public Checker checker(WorkloadOptions options) {
    return new LinearizabilityChecker();
  }
}
