package glomers.solutions.planted;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A correct broadcast that builds its messages with {@code Set.copyOf}, whose iteration order is
 * salted at each JVM launch: the codecs write sets sorted, so a seed must still replay in any JVM.
 */
@Solution("broadcast-set-copy-of")
final class SetCopyOfBroadcast {
  @Message("broadcast")
  record Add(long message) {}

  @Message("broadcast_ok")
  record AddOk() {}

  @Message("read")
  record Read() {}

  @Message("read_ok")
  record ReadOk(Set<Long> messages) {}

  @Message("topology")
  record Topology(Map<String, List<String>> topology) {}

  @Message("topology_ok")
  record TopologyOk() {}

  @Message("push")
  record Push(Set<Long> messages) {}

  private final Node node;
  private final Set<Long> seen = new HashSet<>();

  SetCopyOfBroadcast(Node node) {
    this.node = node;
  }

  @Handles
  AddOk add(Add add) {
    seen.add(add.message());
    return new AddOk();
  }

  @Handles
  ReadOk read(Read read) {
    return new ReadOk(Set.copyOf(seen));
  }

  @Handles
  TopologyOk topology(Topology topology) {
    return new TopologyOk();
  }

  @Every(millis = 200)
  void gossip() {
    Push push = new Push(Set.copyOf(seen));
    for (String peer : node.peers()) {
      node.send(peer, push);
    }
  }

  @Handles
  void push(Push push) {
    seen.addAll(push.messages());
  }
}
