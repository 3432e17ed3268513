package glomers.solutions.kafka;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.RawJson;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.solutions.incarnation.Incarnation;
import glomers.solutions.kafka.Logs.Entry;
import glomers.solutions.kafka.Protocol.CommitOffsets;
import glomers.solutions.kafka.Protocol.CommitOffsetsOk;
import glomers.solutions.kafka.Protocol.ListCommittedOffsets;
import glomers.solutions.kafka.Protocol.ListCommittedOffsetsOk;
import glomers.solutions.kafka.Protocol.Poll;
import glomers.solutions.kafka.Protocol.PollOk;
import glomers.solutions.kafka.Protocol.Send;
import glomers.solutions.kafka.Protocol.SendOk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Challenges 5a and 5c: a log per key, with each key owned by one node.
 *
 * <p>Why owners: offsets must be dense and unique per key, so one party has to hand them out.
 * Making that party a node (a stable hash of the key over the sorted node ids) instead of a
 * compare-and-set on lin-kv means an offset costs nothing when the client talks to the owner, and
 * one forward (request and reply) when it does not. No lin-kv for offsets, so no CAS conflicts.
 *
 * <p>Why polls stay local: owners copy their logs to the other nodes in {@link Replication}
 * batches, and every node answers a poll from the contiguous run of each log it holds. That run
 * may lag the owner by a batch, which a poll may: a prefix is a valid answer, and the client asks
 * again from where it stopped, so it never skips or goes back. Commits are kept where they arrive
 * and travel in the same batches.
 *
 * <p>Kills: an acknowledged send is on two nodes. A forwarded send is: the owner's reply carries
 * it (with every entry of the owner that the forwarder has not acknowledged, so the forwarder's
 * copy has no gap before it), and the forwarder holds it before it answers. A send to the owner
 * itself is answered only once a peer acknowledged holding it, and the owner's polls show its own
 * appends only from then on, so no client sees a message that would die with the owner. The
 * batches that carry those entries and acks ride on the forwards and their replies whenever there
 * are some, and go alone at the next {@link #REPLICATE_MILLIS} tick otherwise. A restarted node
 * has no log: it hands out no offset until every peer has sent it, in a snapshot, all it holds;
 * its keys then go on after the last offset a peer holds, acknowledged or not (a peer's polls
 * may have shown it). What only the dead owner held was neither acknowledged nor polled, and its
 * offsets are handed out again. A second kill before a restarted node has its snapshot back may
 * lose what only the other node held.
 *
 * <p>Messages per op, the bound for this design: a send lands on a non-owner with probability
 * (n-1)/n, whatever the key, because clients are spread evenly over the nodes; the forward and its
 * reply are 2 messages. Polls, commits and assigns cost none. Batches cost at most one per node
 * pair and direction per tick, acks included, fewer when they ride on forwards. With sends about
 * half the ops, on the 5b/5c command (2 nodes, 1000 ops/s): 2 x 0.5 x 0.5 = 0.5 for forwards, plus
 * the batches that find nothing to ride on. One node (5a) sends nothing to anyone.
 *
 * <p>Partitions: a forward that gets no reply may still have been appended by the owner, so the
 * client gets timeout (0), never a definite error; if the owner did append, the message shows up
 * in polls later, as an indefinite send may. A send for a key whose owner has not answered
 * anything for a while is refused at once with 11 (temporarily unavailable): it was never
 * forwarded, so it certainly did not happen, and the client is not kept waiting. Likewise a send
 * to an owner that has heard nothing from any peer for a while: it is not appended. A send to an
 * owner whose peer does not acknowledge it within {@link #ANSWER_MILLIS} is answered with a
 * timeout: it is in the owner's log and may yet show.
 */
@Solution("kafka")
final class Kafka {
  /** Longest wait between batches to a peer with something to send; the rest ride on forwards. */
  static final long REPLICATE_MILLIS = 10;

  /**
   * How long a send may wait for a peer's acknowledgement (or, after a restart, for the snapshots)
   * before it is answered without one; within Maelstrom's 5 s client timeout, since a reply to a
   * client that gave up makes Maelstrom stop reading the node.
   */
  static final long ANSWER_MILLIS = 2000;

  /** How long an owner that is still recovering keeps a forward waiting, within its 1 s rpc. */
  static final long FORWARD_WAIT_MILLIS = 500;

  /** Non-owner -> owner: a client's send, with a batch of the forwarder's own entries and acks. */
  @Message("forward")
  record Forward(String key, RawJson msg, Replication.Batch batch) {}

  /** Owner -> forwarder: the offset, and a batch holding the entry and all unacknowledged ones. */
  @Message("forward_ok")
  record ForwardOk(long offset, Replication.Batch batch) {}

  private final Node node;
  private final List<String> owners;
  private final Logs logs = new Logs();
  private final Replication replication;
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  Kafka(Node node) {
    this.node = node;
    this.owners = node.nodeIds().stream().sorted().toList();
    this.replication = new Replication(node, entry -> logs.put(entry.key(), entry.offset(), entry.msg()),
        logs::entries, peer -> {});
    if (node.peers().isEmpty()) {
      started.complete(null);   // alone: nothing to copy, so no incarnation needed
      ready.complete(null);
    } else {
      Incarnation.next(node).thenAccept(life -> {
        replication.started(life);
        started.complete(null);
        checkReady();
      });
    }
  }

  /** The node that assigns {@code key}'s offsets; the same answer on every node. */
  String owner(String key) {
    return owner(key, owners);
  }

  /** String hashes are fixed by the language, so every node computes the same owner. */
  static String owner(String key, List<String> sortedIds) {
    return sortedIds.get(Math.floorMod(key.hashCode(), sortedIds.size()));
  }

  /** From a client. */
  @Handles("send")
  CompletionStage<SendOk> send(Send request) {
    Send send = Protocol.withMsg(request);
    String owner = owner(send.key());
    if (owner.equals(node.id())) {
      return appendDurably(send.key(), send.msg());
    }
    return started.thenCompose(ignored -> forward(owner, send));
  }

  /**
   * Appends a client's send here, the owner, once ready, and answers once a peer holds it. Within
   * {@link #ANSWER_MILLIS}: before the append with 11 (nothing happened), after it with a timeout.
   */
  private CompletableFuture<SendOk> appendDurably(String key, RawJson msg) {
    CompletableFuture<SendOk> reply = new CompletableFuture<>();
    boolean[] appended = {false};
    ready.thenRun(() -> {
      if (reply.isDone()) {
        return;
      }
      if (!replication.anyReachable()) {
        // Nobody could hold a copy: refused before anything was appended, so definitely.
        reply.completeExceptionally(RpcError.temporarilyUnavailable(
            node.id() + " owns key " + key + " but reaches no peer to hold a copy; not appended"));
        return;
      }
      appended[0] = true;
      long offset = append(key, msg).offset();
      durable(key, offset).thenRun(() -> reply.complete(new SendOk(offset)));
    });
    node.after(Duration.ofMillis(ANSWER_MILLIS), () -> reply.completeExceptionally(appended[0]
        ? RpcError.timeout("no peer acknowledged the message within " + ANSWER_MILLIS + " ms")
        : RpcError.temporarilyUnavailable(node.id() + " is still catching up after a restart")));
    return reply;
  }

  private Entry append(String key, RawJson msg) {
    long offset = logs.append(key, msg);
    return new Entry(key, offset, Protocol.orJsonNull(msg));
  }

  /** Publishes the entry just appended; completes when a peer holds it, and then shows it. */
  private CompletableFuture<Void> durable(String key, long offset) {
    CompletableFuture<Void> held =
        replication.publish(new Entry(key, offset, logs.get(key, offset)));
    return held.thenRun(() -> logs.durableThrough(key, offset));
  }

  private CompletableFuture<SendOk> forward(String owner, Send send) {
    if (!replication.reachable(owner)) {
      throw RpcError.temporarilyUnavailable(
          "key " + send.key() + " belongs to " + owner + ", which is unreachable; not forwarded");
    }
    replication.expectAnswer(owner);
    long sentAt = node.nowMillis();
    Forward forward = new Forward(send.key(), send.msg(), replication.outgoing(owner));
    // A failed forward passes its error on: the owner's own errors are definite only when it did
    // not append, and a timeout stays a timeout (indefinite).
    return node.rpc(owner, forward, ForwardOk.class).handle((ok, failure) -> {
      if (failure != null) {
        if (RpcError.from(failure).code() == RpcError.TIMEOUT) {
          replication.unanswered(owner, sentAt);
        } else {
          replication.heard(owner);
        }
        throw RpcError.from(failure);
      }
      if (!replication.receive(owner, ok.batch())) {
        // Its offset may be handed out again by the owner's next life: not acknowledged.
        throw RpcError.timeout("answered by a life of " + owner + " that has ended since");
      }
      checkReady();
      // The reply's batch holds the entry; hold it even if the batch was cut short.
      logs.put(send.key(), ok.offset(), send.msg());
      return new SendOk(ok.offset());
    });
  }

  /** From a non-owner: append, and answer with a batch that gives the forwarder a copy. */
  @Handles
  CompletionStage<ForwardOk> forward(Forward forward, Request from) {
    if (!replication.receive(from.src(), forward.batch())) {
      throw RpcError.temporarilyUnavailable("forwarded by a life of " + from.src() + " that has ended");
    }
    checkReady();
    if (!owner(forward.key()).equals(node.id())) {
      throw RpcError.temporarilyUnavailable("key " + forward.key() + " is not owned by " + node.id());
    }
    CompletableFuture<ForwardOk> reply = new CompletableFuture<>();
    ready.thenRun(() -> {
      if (!reply.isDone()) {
        long offset = append(forward.key(), forward.msg()).offset();
        durable(forward.key(), offset);
        reply.complete(new ForwardOk(offset, replication.outgoing(from.src())));
      }
    });
    node.after(Duration.ofMillis(FORWARD_WAIT_MILLIS), () -> reply.completeExceptionally(
        RpcError.temporarilyUnavailable(node.id() + " is still catching up after a restart")));
    return reply;
  }

  @Handles("poll")
  PollOk poll(Poll poll) {
    return new PollOk(logs.poll(poll.offsets()));
  }

  /** Never fails: a failed commit after a good poll would drop the poll and make clients skip. */
  @Handles("commit_offsets")
  CommitOffsetsOk commit(CommitOffsets commit) {
    commit.offsets().forEach(replication::commit);
    return new CommitOffsetsOk();
  }

  @Handles("list_committed_offsets")
  ListCommittedOffsetsOk listCommitted(ListCommittedOffsets list) {
    return new ListCommittedOffsetsOk(replication.committed(list.keys()));
  }

  @Handles("replicate")
  void replicate(Replication.Batch batch, Request from) {
    replication.receive(from.src(), batch);
    checkReady();
  }

  @Every(millis = REPLICATE_MILLIS)
  void tick() {
    replication.tick();
  }

  /**
   * A restarted owner may hand out offsets once every peer's snapshot is in; its keys go on after
   * the last offset a peer holds. Those copies have no gap: every batch starts at what the peer
   * has acknowledged, and an owner queues its entries in offset order, so a peer holds a prefix
   * of each of the owner's keys.
   */
  private void checkReady() {
    if (!ready.isDone() && replication.recovered()) {
      ready.complete(null);
    }
  }
}
