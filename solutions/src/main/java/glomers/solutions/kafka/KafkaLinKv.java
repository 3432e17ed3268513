package glomers.solutions.kafka;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.RawJson;
import glomers.runtime.kv.JsonType;
import glomers.runtime.kv.Kv;
import glomers.solutions.kafka.Logs.Entry;
import glomers.solutions.kafka.Protocol.CommitOffsets;
import glomers.solutions.kafka.Protocol.CommitOffsetsOk;
import glomers.solutions.kafka.Protocol.ListCommittedOffsets;
import glomers.solutions.kafka.Protocol.ListCommittedOffsetsOk;
import glomers.solutions.kafka.Protocol.Poll;
import glomers.solutions.kafka.Protocol.PollOk;
import glomers.solutions.kafka.Protocol.Send;
import glomers.solutions.kafka.Protocol.SendOk;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Challenge 5b as posed: every node may send to every key, and lin-kv hands out the offsets.
 *
 * <p>Each key has a counter in lin-kv, {@code [next offset, message at next offset - 1]}, and a
 * send takes an offset with compare-and-set from the value it believes current to the next one,
 * creating the key on the first send. A conflict (22) means the other node took that offset: read
 * the counter, learn the entry it names, and try again from there.
 *
 * <p>Why the counter carries the last message: a plain number would leave a hole when a CAS times
 * out after it was applied, because nobody would know which message owns that offset, and polls
 * answer only up to the first hole. With the message in the value, whoever moves the counter next
 * must first have read it, so learns the entry and passes it on; only the newest offset can still
 * be unknown, and that blocks nothing behind it.
 *
 * <p>Messages are stored on the nodes, not in lin-kv: a node keeps what it allocated or read and
 * copies it to the other node in {@link Replication} batches, and polls answer from the contiguous
 * run it holds, as in {@link Kafka}. Commits work as there too.
 *
 * <p>Cost: every send is a CAS (2 messages) on top of replication, and every conflict adds a read
 * and another CAS (4 more). A node's own sends to one key go one at a time, so conflicts only come
 * from the other node, which half the traffic to the hottest key still makes common: at least
 * 2 x 0.5 = 1 servers msgs-per-op with sends half the ops, 1.7 in the in-process busy run, where a
 * third of the sends met a conflict. Counts of CAS outcomes go to the node's log every {@link
 * #STATS_MILLIS}, when they changed.
 */
@Solution("kafka-lin-kv")
final class KafkaLinKv {
  static final long REPLICATE_MILLIS = 50;

  /** How often the CAS counts are logged, when they changed. */
  static final long STATS_MILLIS = 2000;

  /** Conflicts one send may meet before it gives up; each conflict means someone else won. */
  static final int MAX_ATTEMPTS = 50;

  private static final RawJson NOTHING = new RawJson("null");

  private final Node node;
  private final Kv<List<RawJson>> kv;
  private final Logs logs = new Logs();
  private final Replication replication;
  private final Map<String, CompletableFuture<SendOk>> sending = new HashMap<>();

  private long allocated;
  private long conflicts;
  private long retries;
  private long gaveUp;
  private long indefinite;
  private String lastStats = "";

  KafkaLinKv(Node node) {
    this.node = node;
    this.kv = Kv.lin(node, JsonType.listOf(JsonType.RAW));
    this.replication = new Replication(node, entry -> logs.put(entry.key(), entry.offset(), entry.msg()));
  }

  @Handles("send")
  CompletionStage<SendOk> send(Send request) {
    Send send = Protocol.withMsg(request);
    String key = send.key();
    CompletableFuture<SendOk> before = sending.get(key);
    CompletableFuture<SendOk> mine = before == null
        ? allocate(key, send.msg(), 1)
        : before.handle((ok, failure) -> null).thenCompose(ignored -> allocate(key, send.msg(), 1));
    sending.put(key, mine);
    mine.whenComplete((ok, failure) -> sending.remove(key, mine));
    return mine;
  }

  /** One CAS for the offset after the newest one this node knows of. */
  private CompletableFuture<SendOk> allocate(String key, RawJson msg, int attempt) {
    Entry last = logs.last(key);
    long offset = last == null ? 0 : last.offset() + 1;
    List<RawJson> from = last == null
        ? List.of(RawJson.of(0), NOTHING)          // never stored: creates the key if absent
        : List.of(RawJson.of(offset), last.msg());
    List<RawJson> to = List.of(RawJson.of(offset + 1), msg);
    return kv.compareAndSet(counter(key), from, to, true)
        .handle((set, failure) -> {
          if (failure != null) {
            // The CAS may have been applied: answer indefinitely, and look whether it was.
            indefinite++;
            refresh(key);
            throw new CompletionException(RpcError.from(failure));
          }
          if (set) {
            allocated++;
            learn(key, offset, msg);
            return CompletableFuture.completedFuture(new SendOk(offset));
          }
          conflicts++;
          if (attempt >= MAX_ATTEMPTS) {
            gaveUp++;
            // Every attempt failed definitely, so the send certainly did not happen.
            throw RpcError.temporarilyUnavailable(attempt + " CAS conflicts on key " + key);
          }
          retries++;
          return refresh(key).handle((ignored, readFailure) -> {
            if (readFailure != null) {
              throw RpcError.temporarilyUnavailable("cannot read the counter of key " + key);
            }
            return allocate(key, msg, attempt + 1);
          }).thenCompose(next -> next);
        })
        .thenCompose(next -> next);
  }

  /** Reads the key's counter and learns the entry it names. */
  private CompletableFuture<Void> refresh(String key) {
    return kv.read(counter(key)).thenAccept(value -> value.ifPresent(v -> {
      long next = Long.parseLong(v.get(0).text());
      if (next > 0) {
        learn(key, next - 1, v.get(1));
      }
    }));
  }

  /** An entry read from or written to lin-kv: hold it, and copy it to the peers if it is new. */
  private void learn(String key, long offset, RawJson msg) {
    if (logs.put(key, offset, msg)) {
      replication.publish(new Entry(key, offset, msg));
    }
  }

  private static String counter(String key) {
    return "kafka-offset-" + key;
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

  @Every(millis = STATS_MILLIS)
  void stats() {
    String stats = "lin-kv offsets: " + allocated + " allocated, " + conflicts + " cas conflicts, "
        + retries + " retries, " + gaveUp + " gave up, " + indefinite + " indefinite";
    if (!stats.equals(lastStats)) {
      node.log(stats);
      lastStats = stats;
    }
  }
}
