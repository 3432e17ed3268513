package glomers.solutions.incarnation;

import glomers.runtime.Node;
import glomers.runtime.kv.JsonType;
import glomers.runtime.kv.Kv;
import java.util.concurrent.CompletableFuture;

/**
 * A number for this start of a node, higher than any an earlier start of the same node id got.
 *
 * <p>Why: a killed node comes back as a new process with the same id and no memory, so a counter
 * it keeps (of ids handed out, of values it originated, of thunks it wrote) starts again from zero,
 * and whatever it numbers repeats what the dead process numbered. Tagging those numbers with the
 * incarnation keeps them apart, and peers that see a higher incarnation know the node restarted.
 *
 * <p>Why lin-kv: the number must outlive the process, so it lives in a service, under one key per
 * node ({@code incarnation-<id>}), raised by compare-and-set, so two starts never get the same
 * number. The clock would be free, but a node's clock only measures intervals and says nothing
 * across processes. On a node's first start this costs one CAS (2 messages), which creates the key;
 * later starts read it first. A CAS whose reply is lost may have taken a number that nobody uses;
 * that only leaves a gap.
 */
public final class Incarnation {
  private final Node node;
  private final Kv<Long> kv;
  private final String key;

  private Incarnation(Node node) {
    this.node = node;
    this.kv = Kv.lin(node, JsonType.LONG);
    this.key = "incarnation-" + node.id();
  }

  /**
   * Completes with this start's number, 1 on the node's first start; retries until lin-kv answers,
   * so it never fails.
   */
  public static CompletableFuture<Long> next(Node node) {
    return new Incarnation(node).claim(0);
  }

  /** Raises the key from {@code seen} to the next number; on a conflict, reads and tries again. */
  private CompletableFuture<Long> claim(long seen) {
    return kv.compareAndSet(key, seen, seen + 1, seen == 0)
        .handle((won, failure) -> {
          if (failure == null && won) {
            return CompletableFuture.completedFuture(seen + 1);
          }
          if (failure != null) {
            node.log("incarnation: cas failed (" + failure.getMessage() + "); reading again");
          }
          return kv.read(key).handle((value, readFailure) ->
                  readFailure != null ? claim(seen) : claim(value.orElse(0L)))
              .thenCompose(next -> next);
        })
        .thenCompose(next -> next);
  }
}
