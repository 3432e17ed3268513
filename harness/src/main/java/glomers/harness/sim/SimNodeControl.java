package glomers.harness.sim;

import glomers.harness.nemesis.NodeControl;
import glomers.harness.net.Network;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Kill and pause for simulated nodes (docs/bench.md#kill-and-pause), on virtual time: a kill drops
 * the node's instance and a start builds a new one and sends it {@code init} from a new client, in
 * the calling coroutine; a pause stops the node's event loop. One node after another, so a seed
 * replays exactly.
 */
public final class SimNodeControl implements NodeControl {
  private final Scheduler scheduler;
  private final Network network;
  private final SimNodes nodes;
  private final List<String> nodeIds;
  private final Duration initTimeout;

  public SimNodeControl(Scheduler scheduler, Network network, SimNodes nodes, List<String> nodeIds,
      Duration initTimeout) {
    this.scheduler = scheduler;
    this.network = network;
    this.nodes = nodes;
    this.nodeIds = nodeIds;
    this.initTimeout = initTimeout;
  }

  @Override
  public String kill(String node) {
    return nodes.kill(node);
  }

  @Override
  public String start(String node) {
    String done = nodes.start(node);
    if (!done.equals("started")) {
      return done;
    }
    SimConnection client = new SimConnection(scheduler, network, node);
    try {
      Map<String, Object> reply = client.call(NodeControl.init(node, nodeIds), initTimeout);
      if (!"init_ok".equals(reply.get("type"))) {
        throw new IllegalStateException("node " + node + " answered init after its restart with " + reply);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("node " + node + " did not answer init within " + initTimeout.toMillis()
          + " ms after its restart", e);
    } finally {
      client.close();
    }
    return done;
  }

  @Override
  public String pause(String node) {
    return nodes.pause(node);
  }

  @Override
  public String resume(String node) {
    return nodes.resume(node);
  }
}
