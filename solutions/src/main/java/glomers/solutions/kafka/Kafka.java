package glomers.solutions.kafka;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.solutions.kafka.Logs.Entry;
import glomers.solutions.kafka.Protocol.CommitOffsets;
import glomers.solutions.kafka.Protocol.CommitOffsetsOk;
import glomers.solutions.kafka.Protocol.ListCommittedOffsets;
import glomers.solutions.kafka.Protocol.ListCommittedOffsetsOk;
import glomers.solutions.kafka.Protocol.Poll;
import glomers.solutions.kafka.Protocol.PollOk;
import glomers.solutions.kafka.Protocol.Send;
import glomers.solutions.kafka.Protocol.SendOk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Challenges 5a and 5c: a log per key, with each key owned by one node.
 *
 * <p>Why owners: offsets must be dense and unique per key, so one party has to hand them out.
 * Making that party a node (a stable hash of the key over the sorted node ids) instead of a
 * compare-and-set on lin-kv means an offset costs nothing when the client talks to the owner, and
 * one forward (request and reply) when it does not. No lin-kv, so no CAS conflicts.
 *
 * <p>Why polls stay local: owners copy their logs to the other nodes in {@link Replication}
 * batches, and every node answers a poll from the contiguous run of each log it holds. That run
 * may lag the owner by a batch interval, which a poll may: a prefix is a valid answer, and the
 * client asks again from where it stopped, so it never skips or goes back. Commits are kept where
 * they arrive and travel in the same batches.
 *
 * <p>Messages per op, the bound for this design: a send lands on a non-owner with probability
 * (n-1)/n, whatever the key, because clients are spread evenly over the nodes; the forward and its
 * reply are 2 messages. Polls, commits and assigns cost none. Replication costs at most one batch
 * per node pair and direction per {@link #REPLICATE_MILLIS}, acks included. With sends about
 * half the ops, on the 5b/5c command (2 nodes, 1000 ops/s): 2 x 0.5 x 0.5 = 0.5 for forwards, plus
 * 2 x 20 batches/s / 1000 ops/s = 0.04, so about 0.54 servers msgs-per-op. One node (5a) sends
 * nothing to anyone.
 *
 * <p>Partitions: a forward that gets no reply may still have been appended by the owner, so the
 * client gets timeout (0), never a definite error; if the owner did append, the message shows up
 * in polls later, as an indefinite send may. A send for a key whose owner has not answered
 * anything for a while is refused at once with 11 (temporarily unavailable): it was never
 * forwarded, so it certainly did not happen, and the client is not kept waiting.
 */
@Solution("kafka")
final class Kafka {
  /** How often owners copy new entries to the other nodes: staleness of non-owner polls. */
  static final long REPLICATE_MILLIS = 50;

  private final Node node;
  private final List<String> owners;
  private final Logs logs = new Logs();
  private final Replication replication;

  Kafka(Node node) {
    this.node = node;
    this.owners = node.nodeIds().stream().sorted().toList();
    this.replication = new Replication(node, entry -> logs.put(entry.key(), entry.offset(), entry.msg()));
  }

  /** The node that assigns {@code key}'s offsets; the same answer on every node. */
  String owner(String key) {
    return owner(key, owners);
  }

  /** String hashes are fixed by the language, so every node computes the same owner. */
  static String owner(String key, List<String> sortedIds) {
    return sortedIds.get(Math.floorMod(key.hashCode(), sortedIds.size()));
  }

  /** From a client, or forwarded by a node that does not own the key. */
  @Handles("send")
  CompletionStage<SendOk> send(Send request) {
    Send send = Protocol.withMsg(request);
    String owner = owner(send.key());
    if (owner.equals(node.id())) {
      long offset = logs.append(send.key(), send.msg());
      replication.publish(new Entry(send.key(), offset, send.msg()));
      return CompletableFuture.completedFuture(new SendOk(offset));
    }
    if (!replication.reachable(owner)) {
      throw RpcError.temporarilyUnavailable(
          "key " + send.key() + " belongs to " + owner + ", which is unreachable; not forwarded");
    }
    replication.expectAnswer(owner);
    long sentAt = node.nowMillis();
    // A failed forward passes its error on: the owner's own errors are definite only when it did
    // not append, and a timeout stays a timeout (indefinite).
    return node.rpc(owner, send, SendOk.class).whenComplete((ok, failure) -> {
      if (failure == null) {
        replication.heard(owner);
        // The reply tells us the entry; hold it now rather than a batch later.
        logs.put(send.key(), ok.offset(), send.msg());
      } else if (RpcError.from(failure).code() == RpcError.TIMEOUT) {
        replication.unanswered(owner, sentAt);
      }
    });
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
  }

  @Every(millis = REPLICATE_MILLIS)
  void tick() {
    replication.tick();
  }
}
