package glomers.harness.run;

import glomers.harness.options.TestOptions;
import glomers.harness.history.OpType;
import glomers.harness.workload.Client;
import glomers.harness.workload.Completion;
import glomers.harness.net.Connection;
import glomers.harness.workload.Invocation;
import glomers.harness.workload.Workload;
import java.util.function.Function;

/**
 * One client worker. Worker i talks to nodes[i mod n] for the whole run; it starts as process i and,
 * like Jepsen, becomes process + concurrency after an indeterminate op, with a new connection unless
 * the workload's client is reusable. Process runs and simulations share it, so both record ops alike.
 */
final class Worker {
  final int index;
  final String node;
  private final TestOptions options;
  private final Workload workload;
  private final HistoryRecorder history;
  private final Function<String, Connection> connect;
  int process;
  Connection connection;
  private Client client;

  /** {@code connect} opens a fresh client connection to the node it is given. */
  Worker(int index, TestOptions options, Workload workload, HistoryRecorder history,
      Function<String, Connection> connect) {
    this.index = index;
    this.process = index;
    this.options = options;
    this.workload = workload;
    this.history = history;
    this.connect = connect;
    this.node = options.nodes().get(index % options.nodes().size());
    connect();
  }

  private void connect() {
    connection = connect.apply(node);
    client = workload.client(connection, options);
  }

  /** Invokes one op and records its invocation and completion; never throws for the op's own failures. */
  Completion perform(Invocation invocation) {
    history.client(process, connection.id(), node);
    history.record(OpType.INVOKE, process, invocation.f(), invocation.value(), null, invocation.finalPhase());
    Completion completion;
    try {
      completion = client.invoke(invocation);
      if (completion == null || completion.type() == OpType.INVOKE) {
        completion = Completion.info(invocation.value(), "indeterminate: client returned " + completion);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      completion = Completion.info(invocation.value(), "indeterminate: interrupted");
    } catch (Exception e) {
      completion = Completion.info(invocation.value(), "indeterminate: " + e.getMessage());
    }
    history.record(
        completion.type(), process, invocation.f(), completion.value(), completion.error(), invocation.finalPhase());
    if (completion.type() == OpType.INFO) {
      process += options.concurrency();
      if (!workload.reusableClient()) {
        connection.close();
        connect();
      }
    }
    return completion;
  }
}
