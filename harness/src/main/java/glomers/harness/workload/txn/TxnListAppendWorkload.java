package glomers.harness.workload.txn;

import glomers.harness.checker.Checker;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.elle.ListAppendChecker;
import glomers.harness.checker.elle.Models;
import glomers.harness.cli.TestOptions;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.workload.Connection;
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
 * Txn-list-append (the Datomic challenge): transactions of reads {@code ["r", k, null]} and
 * appends {@code ["append", k, v]}, checked by an Elle-style list-append checker against
 * {@code --consistency-models}. Client outcomes are txn-rw-register's: nothing is idempotent, so a
 * timeout or an indefinite error is {@code :info} and a definite error {@code :fail}.
 */
public final class TxnListAppendWorkload implements Workload {
  static final ReplySchema TXN_OK = ReplySchema.of("txn_ok", "txn", ReplySchema.Field.LIST);

  @Override
  public String name() {
    return "txn-list-append";
  }

  @Override
  public boolean reusableClient() {
    return true;
  }

  @Override
  public Generator generator(TestOptions options, Random random) {
    return new WrTxnGenerator(random, options.activeKeys(), options.maxTxnLength(), options.maxWritesPerKey(), "append");
  }

  @Override
  public boolean hasFinalPhase() {
    return false;
  }

  @Override
  public Client client(Connection connection, TestOptions options) {
    return invocation -> Rpc.withErrors(invocation, Set.of(), () -> invoke(connection, invocation));
  }

  static Completion invoke(Connection connection, Invocation invocation)
      throws RpcError, TimeoutException, InterruptedException, MalformedResponseException {
    @SuppressWarnings("unchecked")
    List<Object> request = (List<Object>) invocation.value();
    Map<String, Object> body = Rpc.request("txn", "txn", request);
    Map<String, Object> reply = Rpc.call(connection, body, TXN_OK);
    return Completion.ok(completed(connection.node(), body, reply, request));
  }

  /**
   * The reply's micro-ops, each checked against the request: same count, function and key, appends
   * echoed unchanged, reads a list or null. Maelstrom's schema refuses a read that is not a list;
   * the rest (length, keys, appended values) it takes as the node sent them, while the bench
   * refuses a reply that answers another transaction, since the checker would then judge appends
   * nobody asked for. Either way the op ends {@code :info} with a message naming node and reply.
   */
  static List<Object> completed(String node, Map<String, Object> body, Map<String, Object> reply, List<Object> request)
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
        if (!(mop instanceof List<?> m) || m.size() != 3 || !("r".equals(m.get(0)) || "append".equals(m.get(0)))) {
          problems.add("micro-op " + i + " should be [\"r\"|\"append\", key, value] but is " + mop);
          continue;
        }
        if ("r".equals(m.get(0)) && m.get(2) != null && !(m.get(2) instanceof List<?>)) {
          problems.add("micro-op " + i + " reads " + m.get(2) + ", which is neither a list nor null");
          continue;
        }
        out.add(new ArrayList<>(m));
        if (i >= request.size()) {
          continue;
        }
        List<?> asked = (List<?>) request.get(i);
        Object key = JsonValues.canonical(m.get(1));
        if (!Objects.equals(asked.get(0), m.get(0))) {
          problems.add("micro-op " + i + " is a " + m.get(0) + " but the request's is a " + asked.get(0));
        } else if (!Objects.equals(JsonValues.canonical(asked.get(1)), key)) {
          problems.add("micro-op " + i + " has key " + m.get(1) + " but the request's key is " + asked.get(1));
        } else if ("append".equals(m.get(0)) && !Objects.equals(JsonValues.canonical(asked.get(2)), JsonValues.canonical(m.get(2)))) {
          problems.add("micro-op " + i + " appends " + m.get(2) + " but the request appended " + asked.get(2));
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

  @Override
  public Checker checker(TestOptions options) {
    for (String model : options.consistencyModels()) {
      if (!Models.isKnown(model)) {
        throw new IllegalArgumentException("Unknown consistency model " + model);
      }
    }
    return new ListAppendChecker(options.consistencyModels());
  }
}
