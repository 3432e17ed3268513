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
import java.util.concurrent.CompletionStage;

/**
 * Challenge 4: a grow-only counter kept in seq-kv.
 *
 * <p>Each node owns one key (its id), {@code [count, version]}, and is the only writer of it. An
 * add is acknowledged only once seq-kv holds it: adds go into the node's key by compare-and-set,
 * one CAS at a time, and the adds that arrive while one is out ride on the next. So a node that is
 * killed loses only adds it had not acknowledged, and its next life starts from what its key holds.
 * A periodic sync reads everyone else's key; a read answers with the node's own stored count plus
 * the highest count seen for each peer.
 *
 * <p>Why CAS, though the node is the key's only writer: a killed node's last CAS may still be on
 * its way when the next life reads the key, and land after it. Each CAS names the exact value it
 * replaces, so such a late one fails, or makes the new life's CAS fail, and nothing is counted on
 * top of a value that was overwritten. The version rises at every CAS, so no two values repeat and
 * a value read after a CAS with no answer tells whether that CAS was applied.
 *
 * <p>seq-kv may serve a node stale versions (Maelstrom issue #47), never older than the last it
 * touched. A CAS that changes the store moves this node to seq-kv's newest version, and the reads
 * after it cannot be older than that. So each sync first CASes its own key to the next version,
 * even with no add to carry, and the reads of the peers' keys that follow see every count
 * acknowledged before. seq-kv keeps that per node id, so a restarted node still sees at least
 * what its earlier life wrote.
 */
@Solution("g-counter")
final class GCounter {
  /**
   * Time between syncs. Each costs 2n messages in an n-node cluster; reads between syncs may lag
   * by up to this much. Final reads come 10 s after the last add.
   */
  static final long SYNC_MILLIS = 1000;

  /** The value of a key that was never written: count 0, version 0. */
  private static final List<Long> NEVER = List.of(0L, 0L);

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

  /** This node's key as last known to hold; null until read in this life. */
  private List<Long> stored;
  /** Adds received and not yet carried by a CAS, and their replies. */
  private long pending;
  private List<CompletableFuture<AddOk>> waiting = new ArrayList<>();
  private boolean writing;
  private boolean syncDue;
  /** Completes at this life's first sync; reads wait for it rather than answer from nothing. */
  private final CompletableFuture<Void> synced = new CompletableFuture<>();

  GCounter(Node node) {
    this.node = node;
    this.kv = Kv.seq(node, JsonType.LONG_LIST);
    sync();
  }

  @Handles
  CompletionStage<AddOk> add(Add add) {
    if (add.delta() < 0) {
      throw RpcError.malformedRequest("a grow-only counter cannot take " + add.delta());
    }
    CompletableFuture<AddOk> reply = new CompletableFuture<>();
    pending += add.delta();
    waiting.add(reply);
    store();
    return reply;
  }

  @Handles
  CompletionStage<ReadOk> read(Read read) {
    return synced.thenApply(done -> {
      long total = stored.get(0);
      for (long count : peerCounts.values()) {
        total += count;
      }
      return new ReadOk(total);
    });
  }

  @Every(millis = SYNC_MILLIS)
  void sync() {
    syncDue = true;
    store();
  }

  /** Puts the pending adds (or, for a sync, nothing) into this node's key; one CAS at a time. */
  private void store() {
    if (writing || (pending == 0 && waiting.isEmpty() && !syncDue)) {
      return;
    }
    writing = true;
    boolean sync = syncDue;
    syncDue = false;
    long batch = pending;
    List<CompletableFuture<AddOk>> replies = waiting;
    pending = 0;
    waiting = new ArrayList<>();
    load().thenCompose(ignored -> cas(batch))
        .thenCompose(ignored -> sync ? readPeers() : CompletableFuture.completedFuture(null))
        .whenComplete((done, failure) -> {
          writing = false;
          if (failure != null) {
            node.log("sync failed, retrying next period: " + failure);
          }
          if (sync && failure == null) {
            synced.complete(null);
          }
          replies.forEach(reply -> reply.complete(new AddOk()));
          store();
        });
  }

  /** What this node's key holds, read once per life. */
  private CompletableFuture<Void> load() {
    if (stored != null) {
      return CompletableFuture.completedFuture(null);
    }
    return kv.read(node.id()).handle((value, failure) -> {
      if (failure != null) {
        return load();
      }
      stored = value.orElse(NEVER);
      return CompletableFuture.<Void>completedFuture(null);
    }).thenCompose(next -> next);
  }

  /**
   * Adds {@code batch} to the key by CAS, until it is applied. After a failure or a CAS with no
   * answer, a read shows what the key holds: our own target value means the CAS went through.
   */
  private CompletableFuture<Void> cas(long batch) {
    List<Long> from = stored;
    List<Long> to = List.of(from.get(0) + batch, from.get(1) + 1);
    return kv.compareAndSet(node.id(), from, to, from.equals(NEVER)).handle((set, failure) -> {
      if (failure == null && set) {
        stored = to;
        return CompletableFuture.<Void>completedFuture(null);
      }
      return kv.read(node.id()).handle((value, readFailure) -> {
        if (readFailure == null && value.isPresent()) {
          List<Long> now = value.get();
          if (now.equals(to)) {
            stored = to;
            return CompletableFuture.<Void>completedFuture(null);
          }
          if (now.get(1) > stored.get(1)) {
            stored = now;   // a late CAS of an earlier life landed: build on it
          }
        }
        return cas(batch);
      }).thenCompose(next -> next);
    }).thenCompose(next -> next);
  }

  private CompletableFuture<Void> readPeers() {
    List<CompletableFuture<?>> reads = new ArrayList<>();
    for (String peer : node.peers()) {
      reads.add(kv.read(peer).thenAccept(value -> value.ifPresent(v -> record(peer, v))));
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new));
  }

  /** Counts only grow, so an older version seen later must not lower the total. */
  private void record(String peer, List<Long> countAndVersion) {
    peerCounts.merge(peer, countAndVersion.get(0), Math::max);
  }
}
