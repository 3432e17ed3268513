package glomers.solutions.txn;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.RawJson;
import glomers.solutions.incarnation.Incarnation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Challenges 6a-6c with one binary: totally available transactions over a key-value register.
 *
 * <p>A txn runs on the node that receives it, start to finish, and is answered at once: it never
 * waits for a peer and never aborts, so every txn succeeds even while partitioned. Its writes are
 * gathered on the side (its own reads see them) and, at the end, its final value for each key is
 * installed in one step. Those final writes, as one "commit", are then shipped to every other
 * node in batches and installed there in one step too.
 *
 * <p>Replicas agree through last-writer-wins: each commit carries a Lamport timestamp, and a key
 * keeps the value of the greatest (timestamp, origin index). A node stamps its own commit one
 * above every timestamp it has installed, so its own commit always wins locally. Every replica
 * eventually installs every commit, and the winner per key does not depend on arrival order, so
 * replicas converge once partitions heal.
 *
 * <p>Why this is read committed (and so read uncommitted):
 *
 * <ul>
 *   <li>No G1a: nothing ever aborts, so no one reads an aborted write.
 *   <li>No G1b: only a commit's final value per key leaves the txn, locally or to peers.
 *   <li>No G1c: every write-read or write-write dependency the checker can infer from a history
 *       says "T2 read a value T1 wrote" (values are unique per key, and its version order comes
 *       only from a txn reading a value and then writing the key). T2 could read it only once T1
 *       was installed on T2's node, which raised that node's clock to T1's timestamp at least; a
 *       txn that writes is stamped above the clock, so T2's stamp exceeds T1's. Stamps rise along
 *       every such edge, so those edges form no cycle. A read-only txn has no outgoing edges.
 * </ul>
 *
 * <p>The same stamping is what makes replicas agree with the version order the checker infers: a
 * txn that read v and then wrote v' outranks v's writer, so v' replaces v on every node. Stamps
 * counting only a node's own commits would let a quiet node's overwrite lose to an older value
 * on the busier node, and the replicas would never converge.
 *
 * <p>Messages: each node sends each peer at most one batch per {@link #BATCH_MILLIS} (new commits
 * plus an acknowledgement of the peer's commits; resends take the same slot), and nothing once
 * everything is acknowledged. With n nodes that is at most n(n-1) x 20 messages a second whatever
 * the txn rate: none for 6a (one node), and for 6b/6c (2 nodes, 1000 txns a second) 40 messages a
 * second, about 0.04 per txn.
 *
 * <p>Loss: a batch holds commits in order, from just after the last one the peer acknowledged.
 * If acknowledgements stall for {@link #RETRY_MILLIS} (a partition), sending goes back to the
 * acknowledged position, so commits dropped by a partition arrive after it heals.
 *
 * <p>Kills: a killed node comes back empty, with its commits numbered from 1 again. Batches carry
 * the sender's {@link Incarnation} and the one of the receiver their acknowledgement is for, so a
 * node that hears a peer's new incarnation starts that peer's numbering afresh, ignores the late
 * batches of its dead life, and sends it a snapshot: every key's value with its stamp, installed in
 * one step like a commit, and counted as all of the sender's commits so far. So a restarted node
 * catches up from any one peer it can reach, and its own new commits reach the others; what it
 * committed but had not sent before it died is lost, as it must be with its memory. It answers txns
 * from its first moment (total availability), on whatever it holds so far. A snapshot costs no
 * extra message: it travels in the batch that would go anyway.
 */
@Solution("txn")
final class Transactions {
  /** How long commits gather before a batch; also bounds how stale a peer's view gets. */
  static final long BATCH_MILLIS = 50;

  /** How long unacknowledged commits wait before being sent again; many batch round trips. */
  static final long RETRY_MILLIS = 500;

  /** Most commits in one batch, so catching up after a long partition keeps messages small. */
  static final int MAX_BATCH = 500;

  private static final RawJson NULL = new RawJson("null");
  private static final String READ = "\"r\"";
  private static final String WRITE = "\"w\"";

  /** Micro-ops are [f, key, value]; keys and values are kept as their JSON text and echoed. */
  @Message("txn")
  record Txn(List<List<RawJson>> txn) {}

  @Message("txn_ok")
  record TxnOk(List<List<RawJson>> txn) {}

  /** One txn's final writes: key (as JSON text) to value, with its place and stamp at its origin. */
  record Commit(long seq, long ts, Map<String, RawJson> writes) {}

  /** A key's value as a snapshot carries it: the value and the stamp of the commit it came from. */
  record Stamped(RawJson value, long ts, int origin) {}

  /**
   * Origin -> peer: the origin's commits in order from some point the peer has acknowledged, and
   * how many of the peer's own commits the origin has installed (the acknowledgement). {@code
   * life} is the origin's incarnation, {@code peerLife} the peer's one the acknowledgement and the
   * numbering are for (0 before the origin has heard from it). A {@code snapshot}, when not null,
   * is the origin's whole store, standing for its commits up to {@code snapshotUpTo}.
   */
  @Message("replicate")
  record Replicate(long life, long peerLife, Map<String, Stamped> snapshot, long snapshotUpTo,
      List<Commit> commits, long ack) {}

  /** A key's current value and the commit it came from, for last-writer-wins. */
  private record Version(RawJson value, long ts, int origin) {
    boolean olderThan(long otherTs, int otherOrigin) {
      return ts != otherTs ? ts < otherTs : origin < otherOrigin;
    }
  }

  /** What this node knows about one peer, in the peer's current life. */
  private static final class Link {
    final int index;
    long life;            // its incarnation these counts are for; 0 until heard from
    long sent;            // own commits sent to it (may be rewound to acked on a retry)
    long acked;           // own commits it has confirmed
    long waitingSince;    // when the oldest unconfirmed batch went out
    long installed;       // its commits installed here, in order without gaps
    boolean owesAck;      // it sent commits since we last told it how far we got
    boolean snapshotDue = true;   // it holds nothing of ours yet: send it our whole store
    long snapshotUpTo;    // own commits the last snapshot sent it stands for

    Link(int index) {
      this.index = index;
    }

    /** It came back empty (or is heard from for the first time) in incarnation {@code life}. */
    void restarted(long life) {
      this.life = life;
      sent = 0;
      acked = 0;
      installed = 0;
      owesAck = true;
      snapshotDue = true;
    }
  }

  private final Node node;
  private final int self;
  private final Map<String, Version> store = new HashMap<>();
  private final Map<String, Link> links = new LinkedHashMap<>();
  private long clock;

  // Own commits not yet confirmed by every peer: log.get(i) has sequence number trimmed + i + 1.
  private final List<Commit> log = new ArrayList<>();
  private long trimmed;

  /** This node's incarnation; 0 until lin-kv has answered, and nothing is sent until then. */
  private long life;

  /** Created at init, so the node's id and the cluster are known. */
  Transactions(Node node) {
    this.node = node;
    this.self = node.nodeIds().indexOf(node.id());
    for (String peer : node.peers()) {
      links.put(peer, new Link(node.nodeIds().indexOf(peer)));
    }
    if (!links.isEmpty()) {
      Incarnation.next(node).thenAccept(incarnation -> life = incarnation);
    }
  }

  @Handles
  TxnOk txn(Txn request) {
    Map<String, RawJson> writes = new LinkedHashMap<>();
    List<List<RawJson>> done = new ArrayList<>(request.txn().size());
    for (List<RawJson> op : request.txn()) {
      if (op == null || op.size() != 3 || op.get(0) == null || op.get(1) == null) {
        throw RpcError.malformedRequest("a micro-op is [\"r\"|\"w\", key, value], got " + op);
      }
      String key = op.get(1).text();
      switch (op.get(0).text()) {
        case READ -> done.add(Arrays.asList(op.get(0), op.get(1), read(writes, key)));
        case WRITE -> {
          writes.put(key, op.get(2) == null ? NULL : op.get(2));
          done.add(op);
        }
        default -> throw RpcError.malformedRequest("unknown micro-op " + op.get(0));
      }
    }
    if (!writes.isEmpty()) {
      commit(writes);
    }
    return new TxnOk(done);
  }

  /** The txn's own latest write of the key, else the installed value, else null. */
  private RawJson read(Map<String, RawJson> writes, String key) {
    RawJson own = writes.get(key);
    if (own != null) {
      return own;
    }
    Version installed = store.get(key);
    return installed == null ? NULL : installed.value();
  }

  private void commit(Map<String, RawJson> writes) {
    long ts = ++clock;   // above everything installed here, so it wins every key locally
    for (Map.Entry<String, RawJson> w : writes.entrySet()) {
      store.put(w.getKey(), new Version(w.getValue(), ts, self));
    }
    if (!links.isEmpty()) {
      log.add(new Commit(trimmed + log.size() + 1, ts, writes));
    }
  }

  @Handles
  void replicate(Replicate batch, Request from) {
    Link link = links.get(from.src());
    if (link == null) {
      node.log("replicate from unknown node " + from.src());
      return;
    }
    if (batch.life() < link.life) {
      return;   // from a life of the peer that has died since: its numbering is void
    }
    if (batch.life() > link.life) {
      link.restarted(batch.life());
    }
    if (batch.snapshot() != null) {
      installSnapshot(batch.snapshot(), link.index);
      link.installed = Math.max(link.installed, batch.snapshotUpTo());
      link.owesAck = true;
    }
    for (Commit commit : batch.commits()) {
      // Earlier ones are duplicates of a resend; later ones follow a lost batch and will come
      // again from our acknowledgement, so only the next in order is installed.
      if (commit.seq() == link.installed + 1) {
        install(commit, link.index);
        link.installed++;
      }
    }
    if (!batch.commits().isEmpty()) {
      link.owesAck = true;
    }
    // An acknowledgement for an earlier life of this node counts nothing it now holds.
    if (life > 0 && batch.peerLife() == life && batch.ack() > link.acked) {
      link.acked = batch.ack();
      link.sent = Math.max(link.sent, link.acked);
      link.waitingSince = node.nowMillis();
    }
  }

  /** Installs a peer's commit whole, within this one event-loop task: no txn sees half of it. */
  private void install(Commit commit, int origin) {
    clock = Math.max(clock, commit.ts());
    for (Map.Entry<String, RawJson> w : commit.writes().entrySet()) {
      Version current = store.get(w.getKey());
      if (current == null || current.olderThan(commit.ts(), origin)) {
        store.put(w.getKey(), new Version(w.getValue(), commit.ts(), origin));
      }
    }
  }

  /**
   * Installs a peer's whole store in one step, as a commit: every value with its own stamp, by
   * last-writer-wins, so the snapshot changes nothing that a later commit already replaced.
   */
  private void installSnapshot(Map<String, Stamped> snapshot, int from) {
    snapshot.forEach((key, stamped) -> {
      clock = Math.max(clock, stamped.ts());
      Version current = store.get(key);
      if (current == null || current.olderThan(stamped.ts(), stamped.origin())) {
        store.put(key, new Version(stamped.value(), stamped.ts(), stamped.origin()));
      }
    });
  }

  private Map<String, Stamped> snapshot() {
    Map<String, Stamped> out = new TreeMap<>();
    store.forEach((key, v) -> out.put(key, new Stamped(v.value(), v.ts(), v.origin())));
    return out;
  }

  @Every(millis = BATCH_MILLIS)
  void flush() {
    if (life == 0) {
      return;
    }
    long now = node.nowMillis();
    for (Map.Entry<String, Link> e : links.entrySet()) {
      Link link = e.getValue();
      if (link.sent > link.acked && now - link.waitingSince >= RETRY_MILLIS) {
        if (link.acked < link.snapshotUpTo) {
          link.snapshotDue = true;   // the snapshot or its acknowledgement was lost: a new one
        } else {
          link.sent = link.acked;    // a batch or its acknowledgement was lost: go back
        }
      }
      Map<String, Stamped> snapshot = null;
      if (link.snapshotDue) {
        // Everything installed here, own commits up to now included: the rest follows in order.
        snapshot = snapshot();
        link.snapshotUpTo = trimmed + log.size();
        link.sent = link.snapshotUpTo;
        link.snapshotDue = false;
        link.waitingSince = now;
      }
      List<Commit> batch = unsent(link);
      if (batch.isEmpty() && !link.owesAck && snapshot == null) {
        continue;
      }
      if (link.sent == link.acked) {
        link.waitingSince = now;
      }
      node.send(e.getKey(), new Replicate(life, link.life, snapshot, link.snapshotUpTo, batch,
          link.installed));
      link.sent += batch.size();
      link.owesAck = false;
    }
    trim();
  }

  private List<Commit> unsent(Link link) {
    int from = Math.toIntExact(link.sent - trimmed);
    int to = Math.min(log.size(), from + MAX_BATCH);
    return new ArrayList<>(log.subList(from, to));
  }

  /** Forgets commits every peer has confirmed. */
  private void trim() {
    long confirmed = Long.MAX_VALUE;
    for (Link link : links.values()) {
      confirmed = Math.min(confirmed, link.acked);
    }
    if (confirmed != Long.MAX_VALUE && confirmed > trimmed) {
      log.subList(0, Math.toIntExact(confirmed - trimmed)).clear();
      trimmed = confirmed;
    }
  }
}
