package glomers.harness.workload.gset;

import glomers.harness.checker.Checker;
import glomers.harness.checker.SetFull;
import glomers.harness.options.WorkloadOptions;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.net.Connection;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.MalformedResponseException;
import glomers.harness.workload.ReplySchema;
import glomers.harness.workload.Rpc;
import glomers.harness.workload.RpcError;
import glomers.harness.workload.Workload;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;

/** Maelstrom's grow-only set: added elements must show up, and stay, in every node's reads. */
public final class GSetWorkload implements Workload {
  static final ReplySchema ADD_OK = ReplySchema.of("add_ok");
  static final ReplySchema READ_OK = ReplySchema.of("read_ok", "value", ReplySchema.Field.LIST);

  /** Add or read with even odds; elements count 0, 1, 2, ... in generation order. */
  @Override
  public Generator generator(WorkloadOptions options, Random random) {
    return new Generator() {
      private long nextElement;

      @Override
      public synchronized Invocation next(int worker) {
        return random.nextBoolean() ? new Invocation("add", nextElement++) : new Invocation("read", null);
      }
    };
  }

  @Override
  public boolean hasFinalPhase() {
    return true;
  }

  /** Maelstrom does not tag g-set's final reads as final; set-full does not need it. */
  @Override
  public List<Invocation> finalOps(int worker, WorkloadOptions options) {
    return List.of(new Invocation("read", null));
  }

  @Override
  public Client client(Connection connection, WorkloadOptions options) {
    return invocation -> Rpc.indeterminate(invocation, () -> invoke(connection, invocation));
  }

  private static Completion invoke(Connection connection, Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    switch (invocation.f()) {
      case "add" -> {
        Rpc.call(connection, Rpc.request("add", "element", invocation.value()), ADD_OK);
        return Completion.ok(invocation.value());
      }
      case "read" -> {
        return Completion.ok(Rpc.call(connection, Map.of("type", "read"), READ_OK).get("value"));
      }
      default -> throw new IllegalArgumentException("g-set has no op " + invocation.f());
    }
  }

  @Override
  public Checker checker(WorkloadOptions options) {
    return new SetFull("add");
  }
}
