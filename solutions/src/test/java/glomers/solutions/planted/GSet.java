package glomers.solutions.planted;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Maelstrom's g-set workload, which no Gossip Glomers challenge uses: a test-only solution so the
 * simulator runs every workload the bench has. Each node sends its whole set to every peer twice a
 * second, which repairs whatever a partition dropped.
 */
@Solution("g-set")
final class GSet {
  @Message("add")
  record Add(long element) {}

  @Message("add_ok")
  record AddOk() {}

  @Message("read")
  record Read() {}

  @Message("read_ok")
  record ReadOk(List<Long> value) {}

  @Message("replicate")
  record Replicate(List<Long> elements) {}

  private final Node node;
  private final TreeSet<Long> elements = new TreeSet<>();

  GSet(Node node) {
    this.node = node;
  }

  @Handles
  AddOk add(Add add) {
    elements.add(add.element());
    return new AddOk();
  }

  @Handles
  ReadOk read(Read read) {
    return new ReadOk(new ArrayList<>(elements));
  }

  @Handles
  void replicate(Replicate replicate) {
    elements.addAll(replicate.elements());
  }

  @Every(millis = 500)
  void gossip() {
    List<Long> all = new ArrayList<>(elements);
    for (String peer : node.peers()) {
      node.send(peer, new Replicate(all));
    }
  }
}
