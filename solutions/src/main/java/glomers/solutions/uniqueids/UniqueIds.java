package glomers.solutions.uniqueids;

import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.solutions.incarnation.Incarnation;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Challenge 2: globally unique ids, totally available. An id is this node's id, its {@link
 * Incarnation} and a counter, {@code n1-3-17}: no two nodes can collide, and no node ever needs
 * to ask another, so it keeps answering through any partition. All ids are strings so they
 * compare with each other.
 *
 * <p>Why the incarnation: a node that is killed comes back with its counter at zero, and without
 * something that differs per start its ids would repeat the dead process's. The incarnation comes
 * from lin-kv once per start (services stay reachable through partitions); requests that arrive
 * before it are answered when it does.
 */
@Solution("unique-ids")
final class UniqueIds {
  @Message("generate")
  record Generate() {}

  @Message("generate_ok")
  record Generated(String id) {}

  private final CompletableFuture<String> prefix;
  private long issued;

  UniqueIds(Node node) {
    this.prefix = Incarnation.next(node).thenApply(incarnation -> node.id() + "-" + incarnation + "-");
  }

  @Handles
  CompletionStage<Generated> generate(Generate request) {
    // Continuations run in the order they were added, so waiting requests number in arrival order.
    return prefix.thenApply(p -> new Generated(p + ++issued));
  }
}
