package glomers.harness.workload.linkv;

import glomers.harness.checker.Checker;
import glomers.harness.cli.TestOptions;
import glomers.harness.workload.Client;
import glomers.harness.workload.Connection;
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
  public String usageProblem(TestOptions options) {
    return LinKvGenerator.checkConcurrency(options.nodes().size(), options.concurrency());
  }

  @Override
  public Generator generator(TestOptions options, Random random) {
    return new LinKvGenerator(random, options.nodes().size(), options.concurrency());
  }

  @Override
  public Client client(Connection connection, TestOptions options) {
    return new LinKvClient(connection, options.latencyMillis());
  }

  @Override
  public Checker checker(TestOptions options) {
    return new LinearizabilityChecker();
  }
}
