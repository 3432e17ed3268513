package glomers.harness.workload.broadcast;

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
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Challenges #3a-3e: every broadcast value must reach, and stay on, every node. */
public final class BroadcastWorkload implements Workload {
  static final ReplySchema TOPOLOGY_OK = ReplySchema.of("topology_ok");
  static final ReplySchema BROADCAST_OK = ReplySchema.of("broadcast_ok");
  static final ReplySchema READ_OK = ReplySchema.of("read_ok", "messages", ReplySchema.Field.LIST);

  /** A failed read changed nothing, so a read that timed out can safely count as failed. */
  private static final Set<String> IDEMPOTENT = Set.of("read");

  /**
   * Sends the node its neighbours and waits for {@code topology_ok}; anything else (an error reply,
   * a malformed reply, no reply in 5 s) throws, and the run must abort as Maelstrom's does.
   */
  @Override
  public void setup(Connection connection, WorkloadOptions options) throws Exception {
    Map<String, Object> request =
        Rpc.request("topology", "topology", Topology.of(topologyName(options), options.nodes()));
    try {
      Rpc.call(connection, request, TOPOLOGY_OK);
    } catch (TimeoutException e) {
      throw new TimeoutException("Node " + connection.node() + " did not answer topology with topology_ok within 5 s");
    } catch (RpcError e) {
      throw new IllegalStateException("Node " + connection.node() + " answered topology with an error: " + e.body(), e);
    }
  }

  private static String topologyName(WorkloadOptions options) {
    return options.topology() == null ? "grid" : options.topology();
  }

  /** Broadcast or read with even odds; broadcast values count 0, 1, 2, ... in generation order. */
  @Override
  public Generator generator(WorkloadOptions options, Random random) {
    return new Generator() {
      private long nextValue;

      @Override
      public synchronized Invocation next(int worker) {
        return random.nextBoolean() ? new Invocation("broadcast", nextValue++) : new Invocation("read", null);
      }
    };
  }

  @Override
  public boolean hasFinalPhase() {
    return true;
  }

  @Override
  public List<Invocation> finalOps(int worker, WorkloadOptions options) {
    return List.of(new Invocation("read", null, true));
  }

  @Override
  public Client client(Connection connection, WorkloadOptions options) {
    return invocation -> Rpc.withErrors(invocation, IDEMPOTENT, () -> invoke(connection, invocation));
  }

  private static Completion invoke(Connection connection, Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    switch (invocation.f()) {
      case "broadcast" -> {
        Rpc.call(connection, Rpc.request("broadcast", "message", invocation.value()), BROADCAST_OK);
        return Completion.ok(invocation.value());
      }
      case "read" -> {
        return Completion.ok(Rpc.call(connection, Map.of("type", "read"), READ_OK).get("messages"));
      }
      default -> throw new IllegalArgumentException("broadcast has no op " + invocation.f());
    }
  }

  @Override
  public Checker checker(WorkloadOptions options) {
    return new SetFull("broadcast");
  }
}
