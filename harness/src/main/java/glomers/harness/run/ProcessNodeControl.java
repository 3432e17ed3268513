package glomers.harness.run;

import glomers.harness.nemesis.NodeControl;
import glomers.harness.net.ClientConnection;
import glomers.harness.net.Network;
import glomers.harness.process.NodeProcess;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Kill and pause for node processes (docs/bench.md#kill-and-pause): SIGKILL, then a new process with
 * the same id and a fresh {@code init}; SIGSTOP and SIGCONT to the process tree. The run's map of
 * nodes is updated in place, so its teardown kills whichever process a node has last.
 */
final class ProcessNodeControl implements NodeControl {
  private final Map<String, NodeProcess> nodes;
  private final Network network;
  private final List<String> nodeIds;
  private final Duration initTimeout;
  private final LongSupplier sinceStart;

  /**
   * @param nodes the run's processes by node id, replaced here on a restart
   * @param sinceStart ns since the start of the test, for the lines in the node logs
   */
  ProcessNodeControl(Map<String, NodeProcess> nodes, Network network, List<String> nodeIds,
      Duration initTimeout, LongSupplier sinceStart) {
    this.nodes = nodes;
    this.network = network;
    this.nodeIds = nodeIds;
    this.initTimeout = initTimeout;
    this.sinceStart = sinceStart;
  }

  @Override
  public boolean concurrent() {
    return true;
  }

  @Override
  public String kill(String id) {
    NodeProcess node = nodes.get(id);
    if (!node.isAlive()) {
      return "already-dead";
    }
    node.killByNemesis(when());
    return "killed";
  }

  @Override
  public String start(String id) throws Exception {
    NodeProcess node = nodes.get(id);
    if (node.isAlive()) {
      return "already-running";
    }
    NodeProcess fresh = node.restart(when());
    nodes.put(id, fresh);
    try (ClientConnection client = ClientConnection.open(network, id)) {
      Map<String, Object> reply = client.call(NodeControl.init(id, nodeIds), initTimeout);
      if (!"init_ok".equals(reply.get("type"))) {
        throw new IllegalStateException("node " + id + " answered init after its restart with " + reply);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("node " + id + " did not answer init within " + initTimeout.toMillis()
          + " ms after its restart", e);
    }
    return "started";
  }

  @Override
  public String pause(String id) {
    NodeProcess node = nodes.get(id);
    if (!node.isAlive()) {
      return "not-running";
    }
    if (node.isPaused()) {
      return "already-paused";
    }
    signal(() -> node.pause(when()));
    return "paused";
  }

  @Override
  public String resume(String id) {
    NodeProcess node = nodes.get(id);
    if (!node.isAlive()) {
      return "not-running";
    }
    if (!node.isPaused()) {
      return "not-paused";
    }
    signal(() -> node.resume(when()));
    return "resumed";
  }

  private interface Signal {
    void send() throws Exception;
  }

  private static void signal(Signal signal) {
    try {
      signal.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private String when() {
    return String.format(Locale.ROOT, "at %.3f s", sinceStart.getAsLong() / 1e9);
  }
}
