package glomers.solutions.uniqueids;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;

/**
 * Challenge 2: globally unique ids, totally available. An id is this node's id plus a counter the
 * node never repeats, so no two nodes can collide and no node ever needs to ask another (it keeps
 * answering through any partition). All ids are strings so they compare with each other.
 */
@Solution("unique-ids")
final class UniqueIds {
  @Message("generate")
  record Generate() {}

  @Message("generate_ok")
  record Generated(String id) {}

  private final String prefix;
  private long issued;

  UniqueIds(Node node) {
    this.prefix = node.id() + "-";
  }

  @Handles
  Generated generate(Generate request) {
    return new Generated(prefix + ++issued);
  }
}
