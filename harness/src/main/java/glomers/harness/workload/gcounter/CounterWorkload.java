package glomers.harness.workload.gcounter;

import glomers.harness.checker.Checker;
import glomers.harness.checker.JsonValues;
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
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;

/**
 * Challenge #4 (g-counter) and Maelstrom's pn-counter: they share client and checker and differ only
 * in the generator, g-counter dropping pn-counter's negative adds.
 */
public final class CounterWorkload implements Workload {
  static final ReplySchema ADD_OK = ReplySchema.of("add_ok");
  static final ReplySchema READ_OK = ReplySchema.of("read_ok", "value", ReplySchema.Field.INT);

  private final boolean growOnly;

  private CounterWorkload(boolean growOnly) {
    this.growOnly = growOnly;
  }

  public static CounterWorkload gCounter() {
    return new CounterWorkload(true);
  }

  public static CounterWorkload pnCounter() {
    return new CounterWorkload(false);
  }

  /**
   * Add or read with even odds, deltas uniform in -5..4; g-counter filters that same stream, so its
   * deltas are 0..4 and only a third of its ops are adds.
   */
  @Override
  public Generator generator(WorkloadOptions options, Random random) {
    return worker -> {
      synchronized (random) {
        while (true) {
          if (!random.nextBoolean()) {
            return new Invocation("read", null);
          }
          long delta = random.nextInt(10) - 5;
          if (!growOnly || delta >= 0) {
            return new Invocation("add", delta);
          }
        }
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
    return invocation -> Rpc.indeterminate(invocation, () -> invoke(connection, invocation));
  }

  private static Completion invoke(Connection connection, Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    switch (invocation.f()) {
      case "add" -> {
        Rpc.call(connection, Rpc.request("add", "delta", invocation.value()), ADD_OK);
        return Completion.ok(invocation.value());
      }
      case "read" -> {
        Object value = JsonValues.canonical(Rpc.call(connection, Map.of("type", "read"), READ_OK).get("value"));
        if (value instanceof BigInteger big) {
          // Maelstrom coerces the read to a long, which throws; the op becomes indeterminate.
          throw new ArithmeticException("read value " + big + " is out of range for a long");
        }
        return Completion.ok(value);
      }
      default -> throw new IllegalArgumentException("Counters have no op " + invocation.f());
    }
  }

  @Override
  public Checker checker(WorkloadOptions options) {
    return new CounterChecker();
  }
}
