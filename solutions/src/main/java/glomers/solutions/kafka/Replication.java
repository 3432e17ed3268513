package glomers.solutions.kafka;

import glomers.annotations.Message;
import glomers.runtime.Node;
import glomers.solutions.kafka.Logs.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies the log entries and committed offsets this node originates to every peer, in batches.
 *
 * <p>Why batches with piggybacked acks: a message per entry would cost as much as the sends
 * themselves. Instead each {@link #tick} sends a peer one batch holding everything the peer has
 * not acknowledged yet, and the batch carries this node's acknowledgements of the peer's own
 * entries. A batch lost to a partition is harmless: the next one starts again from the last
 * acknowledged position, and receiving an entry twice changes nothing. While the peer's entries
 * keep coming, one batch per peer per tick is all it costs, acks included; an idle cluster sends
 * nothing.
 *
 * <p>The same exchange tells whether a peer is reachable: a peer that has answered nothing for
 * {@link #SUSPECT_MILLIS} after being sent something that wants an answer is taken to be cut
 * off, and it is probed every tick until it answers.
 */
final class Replication {
  /** Longer than any healthy answer (one tick plus a round trip), shorter than a client's patience. */
  static final long SUSPECT_MILLIS = 1000;

  /** Caps one batch's size after a long partition; the rest follows on the next ticks. */
  static final int MAX_BATCH = 2000;

  /** Entries every peer holds are dropped from the outbox in chunks of at least this many. */
  static final int TRIM_AT = 1024;

  /**
   * Node -> peer. {@code entries} are the sender's own entries from number {@code first} (0-based,
   * in the order it originated them); {@code commits} are its committed offsets that changed after
   * the commit version the receiver last acknowledged, up to version {@code commitsUpTo}. {@code
   * acked} and {@code commitsAcked} acknowledge the receiver's entries and commit versions. A
   * {@code probe} asks for an answer.
   */
  @Message("replicate")
  record Batch(long first, List<Entry> entries, Map<String, Long> commits, long commitsUpTo,
      long acked, long commitsAcked, boolean probe) {}

  private static final class Peer {
    long entriesAcked;      // how many of our entries the peer holds
    long commitsAcked;      // our commit version the peer holds
    long entriesHeld;       // how many of the peer's entries we hold
    long commitsHeld;       // the peer's commit version we hold
    boolean owesAnswer;     // the peer sent us something since our last batch
    long waitingSince = -1; // since when we await an answer, -1 if we do not
  }

  private final Node node;
  private final Consumer<Entry> apply;
  private final List<Entry> outbox = new ArrayList<>(); // our entries from number `dropped` on
  private long dropped;
  private final Map<String, Peer> peers = new LinkedHashMap<>();
  private final Map<String, Long> committed = new HashMap<>();
  private final Map<String, Long> committedAt = new HashMap<>(); // key -> version of our change
  private long commitVersion;

  /** {@code apply} receives every entry a peer sends, possibly more than once. */
  Replication(Node node, Consumer<Entry> apply) {
    this.node = node;
    this.apply = apply;
    for (String peer : node.peers()) {
      peers.put(peer, new Peer());
    }
  }

  /** Queues an entry this node originated for every peer. */
  void publish(Entry entry) {
    if (!peers.isEmpty()) {
      outbox.add(entry);
    }
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
    for (Map.Entry<String, Peer> e : peers.entrySet()) {
      String peer = e.getKey();
      Peer p = e.getValue();
      long from = p.entriesAcked;
      if (!reachable(peer)) {
        // Only a probe, with our acks: entries would most likely be lost on the way.
        node.send(peer, new Batch(from, List.of(), Map.of(), p.commitsAcked, p.entriesHeld,
            p.commitsHeld, true));
        p.owesAnswer = false;
        continue;
      }
      int start = (int) (from - dropped);
      int end = Math.min(outbox.size(), start + MAX_BATCH);
      Map<String, Long> commits = new LinkedHashMap<>();
      if (p.commitsAcked < commitVersion) {
        committedAt.forEach((key, version) -> {
          if (version > p.commitsAcked) {
            commits.put(key, committed.get(key));
          }
        });
      }
      boolean content = start < end || !commits.isEmpty();
      if (!content && !p.owesAnswer) {
        continue;
      }
      node.send(peer, new Batch(from, List.copyOf(outbox.subList(start, end)), commits,
          commitVersion, p.entriesHeld, p.commitsHeld, false));
      p.owesAnswer = false;
      if (content) {
        expectAnswer(peer);
      }
    }
  }

  private void trim() {
    long everywhere = Long.MAX_VALUE;
    for (Peer p : peers.values()) {
      everywhere = Math.min(everywhere, p.entriesAcked);
    }
    int held = (int) (everywhere - dropped);
    if (held >= TRIM_AT) {
      outbox.subList(0, held).clear();
      dropped += held;
    }
  }

  /** Takes in a peer's batch: its entries and commits, and its acks of ours. */
  void receive(String from, Batch batch) {
    Peer p = peers.get(from);
    if (p == null) {
      node.log("replicate from " + from + ", which is not a peer; ignored");
      return;
    }
    heard(from);
    for (Entry entry : batch.entries()) {
      apply.accept(entry);
    }
    // A batch always starts at or before what we hold (it starts at our own ack), so holding it
    // means holding everything up to its end.
    if (batch.first() <= p.entriesHeld) {
      p.entriesHeld = Math.max(p.entriesHeld, batch.first() + batch.entries().size());
    }
    batch.commits().forEach((key, offset) -> {
      Long held = committed.get(key);
      if (held == null || offset > held) {
        committed.put(key, offset);
      }
    });
    p.commitsHeld = Math.max(p.commitsHeld, batch.commitsUpTo());
    p.entriesAcked = Math.max(p.entriesAcked, Math.min(batch.acked(), dropped + outbox.size()));
    trim();
    p.commitsAcked = Math.max(p.commitsAcked, Math.min(batch.commitsAcked(), commitVersion));
    if (!batch.entries().isEmpty() || !batch.commits().isEmpty() || batch.probe()) {
      p.owesAnswer = true;
    }
  }
}
