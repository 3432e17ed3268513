package glomers.solutions.planted;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A broadcast with a planted bug, for the simulator's seed search to find. Each value goes from its
 * origin straight to every peer and is resent until acknowledged, which survives partitions; but one
 * gossip message in a thousand is forgotten as soon as it is sent, so when a partition drops that
 * one, its value never reaches that peer. Without a partition the bug cannot show, and with one it
 * shows only when the partition happens to cut that message's path at that moment.
 */
@Solution("broadcast-lossy")
final class LossyBroadcast {
  static final long RETRY_MILLIS = 500;
  static final int FORGET_ONE_IN = 1000;

  @Message("broadcast")
  record Add(long message) {}

  @Message("broadcast_ok")
  record AddOk() {}

  @Message("read")
  record Read() {}

  @Message("read_ok")
  record ReadOk(List<Long> messages) {}

  @Message("topology")
  record Topology(Map<String, List<String>> topology) {}

  @Message("topology_ok")
  record TopologyOk() {}

  @Message("gossip")
  record Gossip(long value) {}

  @Message("gossip_ok")
  record GossipOk(long value) {}

  private final Node node;
  private final Set<Long> values = new LinkedHashSet<>();
  /** Per peer, the values it has not acknowledged yet. */
  private final Map<String, Set<Long>> unacked = new LinkedHashMap<>();

  LossyBroadcast(Node node) {
    this.node = node;
    for (String peer : node.peers()) {
      unacked.put(peer, new LinkedHashSet<>());
    }
  }

  @Handles
  TopologyOk topology(Topology ignored) {
    return new TopologyOk();
  }

  @Handles
  AddOk add(Add add) {
    if (values.add(add.message())) {
      for (String peer : node.peers()) {
        node.send(peer, new Gossip(add.message()));
        if (!forgets(peer, add.message())) {
          unacked.get(peer).add(add.message());
        }
      }
    }
    return new AddOk();
  }

  /** The bug: about one (peer, value) gossip in a thousand, picked by a hash, is never resent. */
  private boolean forgets(String peer, long value) {
    long h = (node.id() + "/" + peer + "/" + value).hashCode() * 0x9E3779B97F4A7C15L;
    return Math.floorMod(h >>> 24, FORGET_ONE_IN) == 0;
  }

  @Handles
  ReadOk read(Read read) {
    return new ReadOk(new ArrayList<>(values));
  }

  @Handles
  void gossip(Gossip gossip, glomers.runtime.Request from) {
    values.add(gossip.value());
    node.send(from.src(), new GossipOk(gossip.value()));
  }

  @Handles
  void gossipOk(GossipOk ok, glomers.runtime.Request from) {
    unacked.get(from.src()).remove(ok.value());
  }

  @Every(millis = RETRY_MILLIS)
  void retry() {
    unacked.forEach((peer, pending) -> pending.forEach(value -> node.send(peer, new Gossip(value))));
  }
}
