package glomers.harness.workload.txn;

import glomers.harness.checker.Checker;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.elle.Models;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What Maelstrom's two txn workloads share: one {@code txn} RPC of micro-ops per op, no final
 * phase, a reusable client, nothing idempotent (a timeout or an indefinite error is {@code :info},
 * a definite error {@code :fail}), and an Elle checker judged against {@code --consistency-models}.
 * They differ in the write micro-op ({@code w} or {@code append}), what a read returns, and the
 * checker.
 */
abstract sealed class TxnWorkload implements Workload permits TxnRwRegisterWorkload, TxnListAppendWorkload {
  private static final ReplySchema TXN_OK = ReplySchema.of("txn_ok", "txn", ReplySchema.Field.LIST);

  private final String write;

  /** {@code write} names the write micro-op: {@code "w"} or {@code "append"}. */
  TxnWorkload(String write) {
    this.write = write;
  }

  /** Why a read's value cannot be what this workload's reads return, or null if it can. */
  abstract String readProblem(Object value);

  /**
   * Whether a reply's key may be of another JSON type than the request's and still pass here;
   * Maelstrom keeps such a reply and leaves it to the checker.
   */
  abstract boolean keyTypeLeftToChecker();

  /** The workload's Elle checker for models that are all known. */
  abstract Checker checker(List<String> consistencyModels);

  /** How a write reads in a problem: "writes 3 but the request wrote 4". */
  abstract String describeWrite(Object got, Object asked);

  @Override
  public final boolean reusableClient() {
    return true;
  }

  @Override
  public final Generator generator(WorkloadOptions options, Random random) {
    return new WrTxnGenerator(random, options.activeKeys(), options.maxTxnLength(), options.maxWritesPerKey(), write);
  }

  @Override
  public final Client client(Connection connection, WorkloadOptions options) {
    return invocation -> Rpc.withErrors(invocation, Set.of(), () -> invoke(connection, invocation));
  }

  private Completion invoke(Connection connection, Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    @SuppressWarnings("unchecked")
    List<Object> request = (List<Object>) invocation.value();
    Map<String, Object> body = Rpc.request("txn", "txn", request);
    Map<String, Object> reply = Rpc.call(connection, body, TXN_OK);
    return Completion.ok(completed(connection.node(), body, reply, request));
  }

  /**
   * The reply's micro-ops, each checked against the request: same count, function and key, writes
   * echoed unchanged, reads of the workload's kind. Maelstrom takes most of this as the node sent it;
   * the bench refuses a reply that answers another transaction, since the checker would then judge
   * operations nobody asked for. Either way the op ends {@code :info} with a message naming node and
   * reply.
   */
  private List<Object> completed(String node, Map<String, Object> body, Map<String, Object> reply, List<Object> request)
      throws MalformedResponseException {
    Object txn = reply.get("txn");
    List<String> problems = new ArrayList<>();
    List<Object> out = new ArrayList<>();
    if (!(txn instanceof List<?> mops)) {
      problems.add("txn should be an array of micro-ops but is " + txn);
    } else {
      if (mops.size() != request.size()) {
        problems.add("txn has " + mops.size() + " micro-ops but the request had " + request.size());
      }
      for (int i = 0; i < mops.size(); i++) {
        Object mop = mops.get(i);
        if (!(mop instanceof List<?> m) || m.size() != 3 || !("r".equals(m.get(0)) || write.equals(m.get(0)))) {
          problems.add("micro-op " + i + " should be [\"r\"|\"" + write + "\", key, value] but is " + mop);
          continue;
        }
        String readProblem = "r".equals(m.get(0)) ? readProblem(m.get(2)) : null;
        if (readProblem != null) {
          problems.add("micro-op " + i + " " + readProblem);
          continue;
        }
        out.add(new ArrayList<>(m));
        if (i >= request.size()) {
          continue;
        }
        List<?> asked = (List<?>) request.get(i);
        Object askedKey = JsonValues.canonical(asked.get(1));
        Object key = JsonValues.canonical(m.get(1));
        if (!Objects.equals(asked.get(0), m.get(0))) {
          problems.add("micro-op " + i + " is a " + m.get(0) + " but the request's is a " + asked.get(0));
        } else if (keyTypeLeftToChecker() && !sameKind(askedKey, key)) {
          // Kept as Maelstrom keeps it; the checker then refuses mixed key types (unknown).
        } else if (!Objects.equals(askedKey, key)) {
          problems.add("micro-op " + i + " has key " + m.get(1) + " but the request's key is " + asked.get(1));
        } else if (write.equals(m.get(0))
            && !Objects.equals(JsonValues.canonical(asked.get(2)), JsonValues.canonical(m.get(2)))) {
          problems.add("micro-op " + i + " " + describeWrite(m.get(2), asked.get(2)));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new MalformedResponseException(
          "Malformed RPC response. Maelstrom sent node " + node + " the request " + body + " and received " + reply
              + ". This is malformed because: " + String.join("; ", problems));
    }
    return out;
  }

  private static boolean sameKind(Object a, Object b) {
    return a == null || b == null ? a == b : a.getClass() == b.getClass();
  }

  @Override
  public final Checker checker(WorkloadOptions options) {
    for (String model : options.consistencyModels()) {
      if (!Models.isKnown(model)) {
        throw new IllegalArgumentException("Unknown consistency model " + model);
      }
    }
    return checker(options.consistencyModels());
  }
}
