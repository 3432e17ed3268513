package glomers.solutions.kafka;

import glomers.annotations.Message;
import glomers.runtime.Node;
import glomers.solutions.kafka.Logs.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Copies the log entries and committed offsets this node originates to every peer, in batches.
 *
 * <p>Why batches with piggybacked acks: a message per entry would cost as much as the sends
 * themselves. Instead each peer gets, in one batch, everything it has not acknowledged yet, and
 * the batch carries this node's acknowledgements of the peer's own entries. A batch goes out on
 * every {@link #tick} that has something new for the peer, or rides on a message that goes to the
 * peer anyway ({@link #outgoing}: kafka's forwarded sends and their replies). A batch lost to a
 * partition is harmless: the next one starts again from the last acknowledged position, and
 * receiving an entry twice changes nothing. An idle cluster sends nothing.
 *
 * <p>The same exchange tells whether a peer is reachable: a peer that has answered nothing for
 * {@link #SUSPECT_MILLIS} after being sent something that wants an answer is taken to be cut
 * off, and it is probed every {@link #PROBE_MILLIS} until it answers.
 *
 * <p>Kills. Batches carry the sender's incarnation ({@code life}) and the one of the receiver
 * they were numbered for ({@code peerLife}). A batch of a life that has died since is ignored
 * whole, entries included: they may be ones the dead life never got acknowledged, whose offsets
 * its next life hands out again. A peer heard in a new life lost everything, so its numbering
 * starts afresh both ways, and its stream from this node starts with a snapshot of every entry
 * this node holds (and every commit); {@code snapshotEnd} tells the restarted peer where that
 * snapshot ends, so it knows when it has caught up with this node ({@link #recovered}).
 */
final class Replication {
  /** Longer than any healthy answer (one tick plus a round trip), shorter than a client's patience. */
  static final long SUSPECT_MILLIS = 1000;

  /** How often an unreachable peer is probed. */
  static final long PROBE_MILLIS = 50;

  /** How long unacknowledged entries or commits wait before they go again. */
  static final long RESEND_MILLIS = 100;

  /** Caps one batch's size after a long partition; the rest follows on the next ticks. */
  static final int MAX_BATCH = 2000;

  /** Entries a peer holds are dropped from its queue in chunks of at least this many. */
  static final int TRIM_AT = 1024;

  /**
   * Node -> peer. {@code entries} are the sender's entries for this peer from position {@code
   * first} (0-based, in the order it queued them for the peer's current life); {@code commits}
   * are its committed offsets that changed after the commit version the receiver last
   * acknowledged, up to version {@code commitsUpTo}. {@code acked} and {@code commitsAcked}
   * acknowledge the receiver's entries and commit versions. A {@code probe} asks for an answer.
   */
  @Message("replicate")
  record Batch(long life, long peerLife, long first, List<Entry> entries, Map<String, Long> commits,
      long commitsUpTo, long acked, long commitsAcked, long snapshotEnd, boolean probe) {}

  /** What a restart of a peer means to the solution. */
  interface Restarts {
    /** {@code peer} is heard in a life after its first: it lost whatever it had not passed on. */
    void peerRestarted(String peer);
  }

  private static final class Peer {
    long life;                  // its incarnation these positions are for; 0 until heard from
    final List<Entry> queue = new ArrayList<>();   // ours for it, from position `dropped` on
    long dropped;
    long acked;                 // how many of the queue it holds
    long snapshotEnd;           // where the snapshot of this node at its restart ends
    long commitsAcked;          // our commit version it holds
    long held;                  // how many of its queue for us we hold
    long heldSnapshotEnd = -1;  // where its snapshot for our life ends; -1 until it said
    long commitsHeld;           // its commit version we hold
    boolean owesAnswer;         // it sent us something since our last batch
    boolean fresh;              // it must hear from us, though nothing new is queued
    long sentUpTo;              // queue position up to which a batch has carried entries
    long commitsSent;           // our commit version a batch has carried
    long sentAt = Long.MIN_VALUE / 2;
    long waitingSince = -1;     // since when we await an answer, -1 if we do not
    long lastProbe = Long.MIN_VALUE / 2;
    // Futures completed once the peer holds the entry at the key's position.
    final NavigableMap<Long, List<CompletableFuture<Void>>> waiting = new TreeMap<>();
  }

  private final Node node;
  private final Consumer<Entry> apply;
  private final Supplier<List<Entry>> everything;
  private final Restarts restarts;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<String, Long> committed = new HashMap<>();
  private final Map<String, Long> committedAt = new HashMap<>(); // key -> version of our change
  private long commitVersion;
  private long life;

  /**
   * {@code apply} receives every entry a peer sends, possibly more than once; {@code everything}
   * gives the entries this node holds, for a restarted peer's snapshot.
   */
  Replication(Node node, Consumer<Entry> apply, Supplier<List<Entry>> everything,
      Restarts restarts) {
    this.node = node;
    this.apply = apply;
    this.everything = everything;
    this.restarts = restarts;
    for (String peer : node.peers()) {
      peers.put(peer, new Peer());
    }
  }

  /**
   * This node's incarnation, known once lin-kv answered; nothing is sent before. Every peer is
   * told at the next tick, so the first exchange (in which each side takes the other's life) is
   * over before clients need it, and after a restart the peer sends its snapshot back.
   */
  void started(long incarnation) {
    life = incarnation;
    peers.values().forEach(p -> {
      p.fresh = true;
      if (incarnation > 1) {
        p.waitingSince = node.nowMillis();
      }
    });
  }

  long life() {
    return life;
  }

  /** After a restart: whether every peer's snapshot for this life has arrived whole. */
  boolean recovered() {
    if (life == 0) {
      return false;
    }
    if (life == 1) {
      return true;   // a first start: nobody holds anything of an earlier life
    }
    for (Peer p : peers.values()) {
      if (p.heldSnapshotEnd < 0 || p.held < p.heldSnapshotEnd) {
        return false;
      }
    }
    return true;
  }

  /**
   * Queues an entry this node originated for every peer; completes once some peer holds it (at
   * once without peers).
   */
  CompletableFuture<Void> publish(Entry entry) {
    CompletableFuture<Void> held = new CompletableFuture<>();
    if (peers.isEmpty()) {
      held.complete(null);
      return held;
    }
    for (Peer p : peers.values()) {
      long position = p.dropped + p.queue.size();
      p.queue.add(entry);
      p.fresh = true;
      p.waiting.computeIfAbsent(position, k -> new ArrayList<>()).add(held);
    }
    return held;
  }

  /**
   * Records a client's commit. Offsets only move forward, so commits from any node merge by
   * maximum and every node ends with the same map whatever the order they arrive in.
   */
  void commit(String key, long offset) {
    Long held = committed.get(key);
    if (held == null || offset > held) {
      committed.put(key, offset);
      committedAt.put(key, ++commitVersion);
      peers.values().forEach(p -> p.fresh = true);
    }
  }

  Map<String, Long> committed(List<String> keys) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (String key : keys) {
      Long offset = committed.get(key);
      if (offset != null) {
        out.put(key, offset);
      }
    }
    return out;
  }

  /** False once the peer has left something unanswered for {@link #SUSPECT_MILLIS}. */
  boolean reachable(String peer) {
    Peer p = peers.get(peer);
    return p == null || p.waitingSince < 0 || node.nowMillis() - p.waitingSince < SUSPECT_MILLIS;
  }

  /** Whether some peer is reachable, or there is none: whether an entry can be held twice now. */
  boolean anyReachable() {
    return peers.isEmpty() || peers.keySet().stream().anyMatch(this::reachable);
  }

  /** Notes that a request that wants an answer went to {@code peer}. */
  void expectAnswer(String peer) {
    Peer p = peers.get(peer);
    if (p != null && p.waitingSince < 0) {
      p.waitingSince = node.nowMillis();
    }
  }

  /**
   * Notes that a request sent to {@code peer} at {@code sentAt} got no answer in time. Other
   * messages heard since do not outweigh it: the link may be cut in one direction only.
   */
  void unanswered(String peer, long sentAt) {
    Peer p = peers.get(peer);
    if (p != null && (p.waitingSince < 0 || p.waitingSince > sentAt)) {
      p.waitingSince = sentAt;
    }
  }

  /** Notes that {@code peer} answered something: it is reachable. */
  void heard(String peer) {
    Peer p = peers.get(peer);
    if (p != null) {
      p.waitingSince = -1;
    }
  }

  /** Sends each peer what it lacks, this node's acks, or a probe; nothing if there is none. */
  void tick() {
    if (life == 0) {
      return;
    }
    long now = node.nowMillis();
    for (Map.Entry<String, Peer> e : peers.entrySet()) {
      String peer = e.getKey();
      Peer p = e.getValue();
      if (!reachable(peer)) {
        if (now - p.lastProbe >= PROBE_MILLIS) {
          // Only a probe, with our acks: entries would most likely be lost on the way.
          node.send(peer, batch(p, List.of(), Map.of(), true));
          p.lastProbe = now;
        }
        continue;
      }
      // What it has not acknowledged goes again after a while: the batch or its ack was lost.
      boolean content = unacked(p) || p.commitsAcked < commitVersion;
      boolean news = p.dropped + p.queue.size() > p.sentUpTo || commitVersion > p.commitsSent;
      boolean resend = content && now - p.sentAt >= RESEND_MILLIS;
      if (!news && !resend && !p.fresh && !p.owesAnswer) {
        continue;
      }
      node.send(peer, outgoing(peer));
      if (content) {
        expectAnswer(peer);
      }
    }
  }

  private boolean unacked(Peer p) {
    return p.acked < p.dropped + p.queue.size();
  }

  /**
   * The batch for {@code peer} now, to send alone or inside another message to it: everything it
   * has not acknowledged, our acks and our commits.
   */
  Batch outgoing(String peer) {
    Peer p = peers.get(peer);
    int start = (int) (p.acked - p.dropped);
    int end = Math.min(p.queue.size(), start + MAX_BATCH);
    Map<String, Long> commits = new LinkedHashMap<>();
    if (p.commitsAcked < commitVersion) {
      committedAt.forEach((key, version) -> {
        if (version > p.commitsAcked) {
          commits.put(key, committed.get(key));
        }
      });
    }
    return batch(p, List.copyOf(p.queue.subList(start, end)), commits, false);
  }

  private Batch batch(Peer p, List<Entry> entries, Map<String, Long> commits, boolean probe) {
    p.owesAnswer = false;
    p.fresh = false;
    if (!probe) {
      p.sentUpTo = Math.max(p.sentUpTo, p.acked + entries.size());
      p.commitsSent = commitVersion;
      p.sentAt = node.nowMillis();
    }
    return new Batch(life, p.life, p.acked, entries, commits, commitVersion, p.held, p.commitsHeld,
        p.snapshotEnd, probe);
  }

  /**
   * Takes in a peer's batch: its entries and commits, and its acks of ours. False if it came from
   * a life of the peer that has died since, and was ignored.
   */
  boolean receive(String from, Batch batch) {
    Peer p = peers.get(from);
    if (p == null) {
      node.log("replicate from " + from + ", which is not a peer; ignored");
      return false;
    }
    if (batch.life() < p.life) {
      return false;
    }
    if (batch.life() > p.life) {
      restarted(from, p, batch.life());
    }
    heard(from);
    for (Entry entry : batch.entries()) {
      apply.accept(entry);
    }
    batch.commits().forEach((key, offset) -> {
      Long held = committed.get(key);
      if (held == null || offset > held) {
        committed.put(key, offset);
      }
    });
    // Positions and acks count for this life of ours only; a peer that has not heard of it yet
    // numbers its batches for an earlier one.
    if (life > 0 && batch.peerLife() == life) {
      // A batch always starts at or before what we hold (it starts at our own ack), so holding
      // it means holding everything up to its end.
      if (batch.first() <= p.held) {
        p.held = Math.max(p.held, batch.first() + batch.entries().size());
      }
      p.heldSnapshotEnd = batch.snapshotEnd();
      p.commitsHeld = Math.max(p.commitsHeld, batch.commitsUpTo());
      p.acked = Math.max(p.acked, Math.min(batch.acked(), p.dropped + p.queue.size()));
      p.commitsAcked = Math.max(p.commitsAcked, Math.min(batch.commitsAcked(), commitVersion));
      release(p);
      trim(p);
    }
    if (!batch.entries().isEmpty() || !batch.commits().isEmpty() || batch.probe()) {
      p.owesAnswer = true;
    }
    return true;
  }

  /**
   * The peer is heard in a new life: it holds nothing of ours and numbers its own queue afresh.
   * Its queue from us becomes a snapshot of all we hold, and what waited for it to hold an entry
   * waits for the end of that snapshot, which holds the entry too.
   */
  private void restarted(String peer, Peer p, long newLife) {
    if (newLife > 1) {
      restarts.peerRestarted(peer);
    }
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    p.waiting.values().forEach(waiting::addAll);
    p.waiting.clear();
    p.life = newLife;
    p.queue.clear();
    p.queue.addAll(everything.get());
    p.dropped = 0;
    p.acked = 0;
    p.sentUpTo = 0;
    p.commitsSent = 0;
    p.snapshotEnd = p.queue.size();
    p.commitsAcked = 0;
    p.held = 0;
    p.heldSnapshotEnd = -1;
    p.commitsHeld = 0;
    p.owesAnswer = true;
    p.fresh = true;
    if (!waiting.isEmpty()) {
      p.waiting.put(Math.max(0, p.snapshotEnd - 1), waiting);
    }
  }

  /** Completes what waited for entries the peer now holds. */
  private static void release(Peer p) {
    while (!p.waiting.isEmpty() && p.waiting.firstKey() < p.acked) {
      p.waiting.pollFirstEntry().getValue().forEach(done -> done.complete(null));
    }
  }

  private static void trim(Peer p) {
    int held = (int) (p.acked - p.dropped);
    if (held >= TRIM_AT) {
      p.queue.subList(0, held).clear();
      p.dropped += held;
    }
  }
}
