package glomers.harness.workload.echo;

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

/** Challenge #1: every {@code echo} must come back verbatim in {@code echo_ok}. */
public final class EchoWorkload implements Workload {
  static final ReplySchema ECHO_OK = ReplySchema.of("echo_ok", "echo", ReplySchema.Field.ANY);

  @Override
  public Generator generator(WorkloadOptions options, Random random) {
    return worker -> {
      synchronized (random) {
        return new Invocation("echo", "Please echo " + random.nextInt(128));
      }
    };
  }

  @Override
  public Client client(Connection connection, WorkloadOptions options) {
    return invocation ->
        Rpc.withErrors(
            invocation,
            Set.of(),
            () -> {
              Map<String, Object> request = Rpc.request("echo", "echo", invocation.value());
              // Maelstrom keeps the whole reply body as the completed value; the checker reads its echo.
              return Completion.ok(Rpc.call(connection, request, ECHO_OK));
            });
  }

  @Override
  public Checker checker(WorkloadOptions options) {
    return new EchoChecker();
  }
}
