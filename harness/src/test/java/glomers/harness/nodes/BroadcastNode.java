package glomers.harness.nodes;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Broadcast by gossip to every peer. {@code --mode good} re-sends what a peer has not acknowledged
 * every 200 ms, so values survive partitions; {@code --mode fire-and-forget} sends each value once,
 * so values sent into a partition are lost.
 */
final class BroadcastNode extends TestNode {
  private final boolean retry;
  private final Set<Long> values = new TreeSet<>();
  private final Map<String, Set<Long>> unacked = new HashMap<>();

  BroadcastNode(String[] args) {
    retry = !"fire-and-forget".equals(option(args, "--mode", "good"));
    Thread.ofPlatform().daemon().start(this::gossipLoop);
  }

  private void gossipLoop() {
    while (true) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      if (retry) {
        synchronized (this) {
          unacked.forEach((peer, pending) -> {
            if (!pending.isEmpty()) {
              gossip(peer, pending);
            }
          });
        }
      }
    }
  }

  private void gossip(String peer, Set<Long> batch) {
    ObjectNode body = JSON.createObjectNode().put("type", "gossip");
    ArrayNode array = body.putArray("values");
    batch.forEach(array::add);
    send(peer, body);
  }

  @Override
  protected void handle(String src, ObjectNode body) {
    switch (body.get("type").asText()) {
      case "topology" -> reply(src, body, JSON.createObjectNode().put("type", "topology_ok"));
      case "broadcast" -> {
        long value = body.get("message").asLong();
        learn(Set.of(value), src);
        reply(src, body, JSON.createObjectNode().put("type", "broadcast_ok"));
      }
      case "read" -> {
        ObjectNode reply = JSON.createObjectNode().put("type", "read_ok");
        ArrayNode array = reply.putArray("messages");
        values.forEach(array::add);
        reply(src, body, reply);
      }
      case "gossip" -> {
        Set<Long> received = new HashSet<>();
        body.get("values").forEach(v -> received.add(v.asLong()));
        learn(received, src);
        ObjectNode ack = JSON.createObjectNode().put("type", "gossip_ok");
        ArrayNode array = ack.putArray("values");
        received.forEach(array::add);
        send(src, ack);
      }
      case "gossip_ok" -> {
        Set<Long> pending = unacked.get(src);
        if (pending != null) {
          body.get("values").forEach(v -> pending.remove(v.asLong()));
        }
      }
      default -> {}
    }
  }

  private void learn(Set<Long> incoming, String from) {
    Set<Long> fresh = new TreeSet<>(incoming);
    fresh.removeAll(values);
    if (fresh.isEmpty()) {
      return;
    }
    values.addAll(fresh);
    for (String peer : nodeIds) {
      if (peer.equals(nodeId) || peer.equals(from)) {
        continue;
      }
      if (retry) {
        unacked.computeIfAbsent(peer, p -> new TreeSet<>()).addAll(fresh);
      }
      gossip(peer, fresh);
    }
  }
}
