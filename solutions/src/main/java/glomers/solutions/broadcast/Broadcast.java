package glomers.solutions.broadcast;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.solutions.broadcast.Log.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Challenges 3a-3e with one binary: values travel origin -> hub -> everyone.
 *
 * <p>Why a hub: every value must reach all n-1 other nodes, and a message to a node can carry any
 * number of values. Funnelling values through one node (n0) lets it send one batch to each node
 * per {@link #FLUSH_MILLIS}, so the cluster pays about n-1 messages per batch instead of per value,
 * plus one push per value from its origin. Latency is two hops plus the batching wait.
 *
 * <p>Why no per-message acks: a lost push or flush must be repaired, but acks would double the
 * message count. Instead hub flushes are numbered ("rounds"): a node that sees a gap in the rounds
 * (or a heartbeat round it lacks) asks the hub for a repair, and an origin re-pushes values it has
 * not yet seen come back in a flush. Healthy runs send no repair traffic at all.
 *
 * <p>The topology Maelstrom suggests is acknowledged and ignored: any node can reach any other.
 */
@Solution("broadcast")
final class Broadcast {
  /**
   * How long the hub gathers values before sending a batch. Longer means fewer messages (n-1 per
   * batch) and more latency (up to one interval). 180 ms keeps 25 nodes at 100 ms per hop under 2
   * messages per operation with a worst case of about 2 hops + 180 ms.
   */
  static final long FLUSH_MILLIS = 180;

  /**
   * How often unacknowledged pushes and unrepaired gaps are retried. Must exceed a round trip plus
   * {@link #FLUSH_MILLIS}, or healthy values get pushed twice.
   */
  static final long RETRY_MILLIS = 1000;

  /**
   * When the hub has had nothing to send for this long it repeats its latest round number, so a
   * node that lost the last flush before a quiet spell still notices the gap.
   */
  static final long HEARTBEAT_MILLIS = 2000;

  @Message("broadcast")
  record Add(long message) {}

  @Message("broadcast_ok")
  record AddOk() {}

  @Message("read")
  record Read() {}

  @Message("read_ok")
  record ReadOk(List<Long> messages) {}

  @Message("topology")
  record Topology(Map<String, List<String>> topology) {}

  @Message("topology_ok")
  record TopologyOk() {}

  /** Origin -> hub: values first received by the sender. Entries are [origin, seq, value]. */
  @Message("push")
  record Push(List<List<Long>> entries) {}

  /** Hub -> every node: the values that reached the hub since the previous round. */
  @Message("flush")
  record Flush(long round, List<List<Long>> entries) {}

  /** Node -> hub: "I missed rounds; this is what I hold", as per-origin prefix lengths. */
  @Message("repair")
  record Repair(List<Long> have) {}

  /** Hub -> every node, when it has had nothing to send for a while: the latest round. */
  @Message("heartbeat")
  record Heartbeat(long round) {}

  /**
   * Hub -> node: what a repair asked for, the round it brings the node up to, and the hub's own
   * prefixes, which acknowledge the node's pushes whose flush it lost.
   */
  @Message("patch")
  record Patch(long round, List<List<Long>> entries, List<Long> held) {}

  private final Node node;
  private final Log log;
  private final int self;
  private final String hub;
  private final boolean isHub;

  // Origin side: own sequence numbers not yet seen in a flush or patch, with when they were pushed.
  private final Map<Long, Long> unacked = new LinkedHashMap<>();

  // Receiving side: rounds held without a gap, the highest round heard of, and since when a gap
  // has been open (-1 if none).
  private long roundsHeld;
  private long roundsSeen;
  private long gapSince = -1;

  // Hub side: the round being gathered and when the last flush went out.
  private final List<Entry> pending = new ArrayList<>();
  private long round;
  private long lastFlushAt;

  /** Created at init, so the node's id and the cluster are known. */
  Broadcast(Node node) {
    this.node = node;
    this.log = new Log(node.nodeIds().size());
    this.self = node.nodeIds().indexOf(node.id());
    this.hub = node.nodeIds().get(0);
    this.isHub = node.id().equals(hub);
    this.lastFlushAt = node.nowMillis();
  }

  @Handles
  TopologyOk topology(Topology ignored) {
    return new TopologyOk();
  }

  @Handles
  AddOk add(Add add) {
    Entry entry = new Entry(self, log.nextSeq(self), add.message());
    log.add(entry);
    if (isHub) {
      pending.add(entry);
    } else {
      unacked.put(entry.seq(), node.nowMillis());
      node.send(hub, new Push(List.of(entry.toWire())));
    }
    return new AddOk();
  }

  @Handles
  ReadOk read(Read read) {
    return new ReadOk(log.values());
  }

  @Handles
  void push(Push push) {
    for (List<Long> wire : push.entries()) {
      Entry entry = Entry.fromWire(wire);
      if (log.add(entry)) {
        pending.add(entry);
      }
    }
  }

  @Handles
  void flush(Flush flush) {
    receive(flush.entries());
    roundsSeen = Math.max(roundsSeen, flush.round());
    if (flush.round() == roundsHeld + 1) {
      roundsHeld = flush.round();
    }
    noteGap();
  }

  @Handles
  void heartbeat(Heartbeat heartbeat) {
    roundsSeen = Math.max(roundsSeen, heartbeat.round());
    noteGap();
  }

  @Handles
  void patch(Patch patch) {
    receive(patch.entries());
    if (self < patch.held().size()) {
      long held = patch.held().get(self);
      unacked.keySet().removeIf(seq -> seq <= held);
    }
    roundsSeen = Math.max(roundsSeen, patch.round());
    roundsHeld = Math.max(roundsHeld, patch.round());
    noteGap();
  }

  @Handles
  void repair(Repair repair, Request from) {
    List<List<Long>> entries = new ArrayList<>();
    for (Entry entry : log.missingFrom(repair.have())) {
      entries.add(entry.toWire());
    }
    // The hub's whole log goes out, pending values included, so the node holds every round so far.
    node.send(from.src(), new Patch(round, entries, log.prefixes()));
  }

  private void receive(List<List<Long>> wire) {
    for (List<Long> triple : wire) {
      Entry entry = Entry.fromWire(triple);
      log.add(entry);
      if (entry.origin() == self) {
        unacked.remove(entry.seq());
      }
    }
  }

  private void noteGap() {
    if (roundsHeld >= roundsSeen) {
      gapSince = -1;
    } else if (gapSince < 0) {
      gapSince = node.nowMillis();
    }
  }

  @Every(millis = FLUSH_MILLIS)
  void gather() {
    if (!isHub) {
      return;
    }
    long now = node.nowMillis();
    if (!pending.isEmpty()) {
      round++;
      List<List<Long>> entries = new ArrayList<>(pending.size());
      for (Entry entry : pending) {
        entries.add(entry.toWire());
      }
      pending.clear();
      sendToPeers(new Flush(round, entries));
      lastFlushAt = now;
    } else if (round > 0 && now - lastFlushAt >= HEARTBEAT_MILLIS) {
      sendToPeers(new Heartbeat(round));
      lastFlushAt = now;
    }
  }

  private void sendToPeers(Record message) {
    for (String peer : node.peers()) {
      node.send(peer, message);
    }
  }

  @Every(millis = RETRY_MILLIS)
  void retry() {
    if (isHub) {
      return;
    }
    long now = node.nowMillis();
    List<List<Long>> overdue = new ArrayList<>();
    for (Map.Entry<Long, Long> e : unacked.entrySet()) {
      if (now - e.getValue() >= RETRY_MILLIS) {
        long seq = e.getKey();
        overdue.add(new Entry(self, seq, log.valueOf(self, seq)).toWire());
        e.setValue(now);
      }
    }
    if (!overdue.isEmpty()) {
      node.send(hub, new Push(overdue));
    }
    // A gap that outlived one retry interval is a lost flush, not a reordered one.
    if (gapSince >= 0 && now - gapSince >= RETRY_MILLIS) {
      node.send(hub, new Repair(log.prefixes()));
      gapSince = now;
    }
  }
}
