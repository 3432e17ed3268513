package glomers.harness.workload.uniqueids;

import glomers.harness.checker.Checker;
import glomers.harness.options.WorkloadOptions;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.net.Connection;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.ReplySchema;
import glomers.harness.workload.Rpc;
import glomers.harness.workload.Workload;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/** Challenge #2: {@code generate} must return globally unique ids, with no inter-node coordination. */
public final class UniqueIdsWorkload implements Workload {
  static final ReplySchema GENERATE_OK = ReplySchema.of("generate_ok", "id", ReplySchema.Field.ANY);

  @Override
  public boolean reusableClient() {
    return true;
  }

  @Override
  public Generator generator(WorkloadOptions options, Random random) {
    return worker -> new Invocation("generate", null);
  }

  @Override
  public Client client(Connection connection, WorkloadOptions options) {
    return invocation ->
        Rpc.withErrors(
            invocation,
            Set.of(),
            () -> Completion.ok(Rpc.call(connection, Map.of("type", "generate"), GENERATE_OK).get("id")));
  }

  @Override
  public Checker checker(WorkloadOptions options) {
    return new UniqueIdsChecker(options.nodes(), options.concurrency());
  }
}
