package sample.broadcast;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.JsonName;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

@Solution("broadcast")
final class Broadcast {
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
  record Gossip(Set<Long> values, @JsonName("from") String sender) {}

  /** Never named by a handler: sent with node.rpc, so it still needs a codec. */
  @Message("sync_ok")
  record SyncOk(Set<Long> values) {}

  private final Node node;
  private final Set<Long> seen = new LinkedHashSet<>();

  Broadcast(Node node) {
    this.node = node;
  }

  @Handles("broadcast")
  AddOk add(Add add, Request request, Node node) {
    seen.add(add.message());
    node.log("add " + add.message() + " from " + request.src());
    return new AddOk();
  }

  @Handles("read")
  CompletionStage<ReadOk> read(Read read) {
    return CompletableFuture.completedFuture(new ReadOk(new ArrayList<>(seen)));
  }

  @Handles("topology")
  TopologyOk topology(Topology topology) {
    // A null reply means no reply at all.
    return topology.topology() == null ? null : new TopologyOk();
  }

  @Handles("gossip")
  void gossip(Gossip gossip, Node node) {
    seen.addAll(gossip.values());
    node.log("gossip from " + gossip.sender());
  }

  /** Receives a record without @Message: it takes the handler's type. */
  record Sync(long since) {}

  @Handles("sync")
  CompletableFuture<SyncOk> sync(Sync sync) {
    return CompletableFuture.completedFuture(new SyncOk(seen));
  }

  @Every(millis = 150)
  void spread() {
    for (String peer : node.peers()) {
      node.send(peer, new Gossip(seen, node.id()));
    }
  }

  @Every(millis = 1000)
  void tick(Node node) {
    node.log("tick");
  }
}
