package glomers.solutions.gcounter;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.RpcError;
import glomers.runtime.kv.JsonType;
import glomers.runtime.kv.Kv;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Challenge 4: a grow-only counter kept in seq-kv.
 *
 * <p>Each node owns one key (its id) and is the only writer of it, so no compare-and-set and no
 * retry loop is needed: an add bumps the node's own count, and a periodic sync publishes it and
 * reads everyone else's. A read answers with the node's own count plus the highest count seen for
 * each peer.
 *
 * <p>seq-kv may serve a node stale versions (Maelstrom issue #47). A write that changes the store
 * moves this node to seq-kv's newest version, and the reads after it cannot be older than that.
 * So each sync writes {@code [count, nonce]} with a fresh nonce: the write always changes the
 * store, even when the count did not, and the reads that follow see every count written before.
 */
@Solution("g-counter")
final class GCounter {
  /**
   * Time between syncs. Each costs 2n messages in an n-node cluster, whatever the op rate; reads
   * between syncs may lag by up to this much. Final reads come 10 s after the last add.
   */
  static final long SYNC_MILLIS = 1000;

  @Message("add")
  record Add(long delta) {}

  @Message("add_ok")
  record AddOk() {}

  @Message("read")
  record Read() {}

  @Message("read_ok")
  record ReadOk(long value) {}

  private final Node node;
  private final Kv<List<Long>> kv;
  private final Map<String, Long> peerCounts = new HashMap<>();
  private long own;
  private long nonce;
  private boolean syncing;

  GCounter(Node node) {
    this.node = node;
    this.kv = Kv.seq(node, JsonType.LONG_LIST);
  }

  @Handles
  AddOk add(Add add) {
    if (add.delta() < 0) {
      throw RpcError.malformedRequest("a grow-only counter cannot take " + add.delta());
    }
    own += add.delta();
    return new AddOk();
  }

  @Handles
  ReadOk read(Read read) {
    long total = own;
    for (long count : peerCounts.values()) {
      total += count;
    }
    return new ReadOk(total);
  }

  @Every(millis = SYNC_MILLIS)
  void sync() {
    // One sync at a time: a slow one (seq-kv at high latency) must not pile up behind itself.
    if (syncing) {
      return;
    }
    syncing = true;
    kv.write(node.id(), List.of(own, ++nonce))
        .thenCompose(written -> readPeers())
        .whenComplete((done, failure) -> {
          syncing = false;
          if (failure != null) {
            node.log("sync failed, retrying next period: " + failure);
          }
        });
  }

  private CompletableFuture<Void> readPeers() {
    List<CompletableFuture<?>> reads = new ArrayList<>();
    for (String peer : node.peers()) {
      reads.add(kv.read(peer).thenAccept(value -> value.ifPresent(v -> record(peer, v))));
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
  }

  /** Counts only grow, so an older version seen later must not lower the total. */
  private void record(String peer, List<Long> countAndNonce) {
    peerCounts.merge(peer, countAndNonce.get(0), Math::max);
  }
}
