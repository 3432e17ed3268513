package glomers.solutions.planted;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A broadcast whose messages depend on identity hash codes, for {@code --check-determinism} and the
 * seed search's replay to catch: each node keeps its peers in a {@code HashMap} keyed by objects
 * without a hashCode of their own and gossips to them in that map's order, which changes with the
 * JVM. Its planted bug, so that a seed search has failing seeds to replay: every tenth value a
 * client broadcasts to a node is acknowledged and forgotten, lost in every run.
 */
@Solution("broadcast-identity-order")
final class IdentityOrderBroadcast {
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
  record Gossip(List<Long> messages) {}

  /** A peer as an object with the identity hash of Object: the flaw under test. */
  private static final class Peer {
    final String id;

    Peer(String id) {
      this.id = id;
    }
  }

  private final Node node;
  private final List<Long> own = new ArrayList<>();
  private final List<Long> all = new ArrayList<>();
  private Map<Peer, Integer> peers;
  private int added;

  IdentityOrderBroadcast(Node node) {
    this.node = node;
  }

  @Handles
  AddOk add(Add add) {
    if (++added % 10 != 0) {
      own.add(add.message());
      all.add(add.message());
    }
    return new AddOk();
  }

  @Handles
  ReadOk read(Read read) {
    return new ReadOk(List.copyOf(all));
  }

  @Handles
  TopologyOk topology(Topology topology) {
    return new TopologyOk();
  }

  @Every(millis = 100)
  void gossip() {
    if (peers == null) { // made on the simulation's thread, like any state a handler builds
      peers = new HashMap<>();
      for (String id : node.peers()) {
        peers.put(new Peer(id), 0);
      }
    }
    for (Peer peer : peers.keySet()) { // the flaw: identity-hash order
      node.send(peer.id, new Gossip(List.copyOf(own)));
    }
  }

  @Handles
  void heard(Gossip gossip) {
    for (long value : gossip.messages()) {
      if (!all.contains(value)) {
        all.add(value);
      }
    }
  }
}
