package glomers.solutions.planted;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;

/**
 * A unique-ids node with a planted bug that only a kill shows (Maelstrom issue #93): each id is the
 * node's id and a counter kept in memory that starts at 0 with every start of the node. It passes
 * every run without faults and under partitions; after a restart it hands out its ids again.
 */
@Solution("unique-ids-from-zero")
final class IdsFromZero {
  @Message("generate")
  record Generate() {}

  @Message("generate_ok")
  record Generated(String id) {}

  private final String prefix;
  private long next;

  IdsFromZero(Node node) {
    this.prefix = node.id() + "-";
  }

  @Handles
  Generated generate(Generate request) {
    return new Generated(prefix + next++);
  }
}
