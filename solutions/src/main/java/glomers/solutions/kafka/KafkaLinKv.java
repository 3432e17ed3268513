package glomers.solutions.kafka;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.RawJson;
import glomers.runtime.Request;
import glomers.runtime.RpcError;
import glomers.runtime.kv.JsonType;
import glomers.runtime.kv.Kv;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Challenge 5b as posed: every node may send to every key, and lin-kv hands out the offsets.
 *
 * <p>Each key has a counter in lin-kv, {@code [next offset, messages of the current chunk]}: the
 * log is cut into chunks of {@link #CHUNK} offsets, and the counter holds the messages of the
 * chunk that offset next - 1 falls in. A send takes an offset with compare-and-set from the value
 * it believes current to the next one, creating the key on the first send. A conflict (22) means
 * another node took that offset: read the counter, learn the entries it holds, and try again from
 * there. The send that starts a new chunk first writes the full one under its own key
 * ({@code kafka-chunk-<key>-<n>}), so every offset ever handed out is in lin-kv with its message:
 * in the counter, or in a chunk written before the counter moved past it.
 *
 * <p>Why the messages live in lin-kv: a send is acknowledged once its CAS succeeded, and then
 * lin-kv holds it, whatever nodes are killed. Nodes keep what they allocated or read and copy it
 * to the others in {@link Replication} batches, and polls answer from the contiguous run they
 * hold, as in {@link Kafka}. After a kill, a node's copy may lack entries: its own, if it is the
 * one restarted, or those a restarted peer allocated and had not copied yet. So after any restart
 * (its own, or one it hears of) a node reads each key's counter, and the chunks it lacks, once,
 * before it answers a poll of that key. In a run without kills that never happens.
 *
 * <p>Commits are acknowledged once lin-kv holds them too: each node writes the offsets it is told
 * under {@code kafka-commit-<key>-<node>}, one write per key at a time and none for an offset no
 * higher than one already stored, then copies them to its peers. A node that holds no commit of a
 * key reads every node's key for it.
 *
 * <p>Cost: every send is a CAS (2 messages) on top of replication, and every conflict adds a read
 * and another CAS (4 more). A node's own sends to one key go one at a time, so conflicts only come
 * from the other node, which half the traffic to the hottest key still makes common. Commits add a
 * write (2 messages) per key whose committed offset rose. Counts of CAS outcomes go to the node's
 * log every {@link #STATS_MILLIS}, when they changed.
 */
@Solution("kafka-lin-kv")
final class KafkaLinKv {
  static final long REPLICATE_MILLIS = 50;

  /** How often the CAS counts are logged, when they changed. */
  static final long STATS_MILLIS = 2000;

  /** Conflicts one send may meet before it gives up; each conflict means someone else won. */
  static final int MAX_ATTEMPTS = 50;

  /** Offsets per chunk; Maelstrom's default of 16 sends per key keeps a key's log in its counter. */
  static final int CHUNK = 32;

  private final Node node;
  private final Kv<List<RawJson>> kv;
  private final Kv<Long> commits;
  private final Logs logs = new Logs();
  private final Replication replication;
  private final Map<String, CompletableFuture<SendOk>> sending = new HashMap<>();
  private final CompletableFuture<Void> started = new CompletableFuture<>();
  // Full chunks this node has written: their content is final, so once is enough.
  private final java.util.Set<String> chunksWritten = new java.util.HashSet<>();

  // Reads from lin-kv after restarts: the restarts seen so far, and per key how many of them its
  // last read came after, with the read under way.
  private long restarts;
  private final Map<String, Long> syncedAfter = new HashMap<>();
  private final Map<String, CompletableFuture<Void>> syncing = new HashMap<>();

  // Committed offsets lin-kv holds (written here or copied from a peer, which wrote them first),
  // and the write under way per key.
  private final Map<String, Long> storedCommits = new HashMap<>();
  private final Map<String, CompletableFuture<Void>> committing = new HashMap<>();

  private long allocated;
  private long conflicts;
  private long retries;
  private long gaveUp;
  private long indefinite;
  private String lastStats = "";

  KafkaLinKv(Node node) {
    this.node = node;
    this.kv = Kv.lin(node, JsonType.listOf(JsonType.RAW));
    this.commits = Kv.lin(node, JsonType.LONG);
    this.replication = new Replication(node, entry -> logs.put(entry.key(), entry.offset(), entry.msg()),
        logs::entries, peer -> restarts++);
    Incarnation.next(node).thenAccept(life -> {
      replication.started(life);
      if (life > 1) {
        restarts++;   // this node's own restart: its copy starts empty
      }
      started.complete(null);
    });
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
    long offset = logs.end(key);
    long base = chunkBase(offset);
    for (long i = base; i < offset; i++) {
      if (!logs.holds(key, i)) {
        // The counter's chunk is not all here (a gap from replication): read it first.
        return refresh(key).thenCompose(ignored -> allocate(key, msg, attempt));
      }
    }
    List<RawJson> from = counter(key, base, offset);
    boolean full = offset > 0 && offset % CHUNK == 0;
    List<RawJson> to = new ArrayList<>();
    to.add(RawJson.of(offset + 1));
    if (!full) {
      to.addAll(from.subList(1, from.size()));
    }
    to.add(msg);
    String chunk = chunkKey(key, offset / CHUNK - 1);
    CompletableFuture<Void> chunkStored = full && !chunksWritten.contains(chunk)
        ? kv.write(chunk, from.subList(1, from.size())).thenRun(() -> chunksWritten.add(chunk))
        : CompletableFuture.completedFuture(null);
    return chunkStored
        .thenCompose(stored -> kv.compareAndSet(counterKey(key), from, to, offset == 0))
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

  /** The chunk that offset {@code next - 1} falls in starts here. */
  private static long chunkBase(long next) {
    return next == 0 ? 0 : (next - 1) / CHUNK * CHUNK;
  }

  /** The counter's value when {@code next} is the next offset, from the messages held here. */
  private List<RawJson> counter(String key, long base, long next) {
    List<RawJson> value = new ArrayList<>();
    value.add(RawJson.of(next));
    for (long i = base; i < next; i++) {
      value.add(logs.get(key, i));
    }
    return value;
  }

  /** Reads the key's counter and learns the entries its chunk holds. */
  private CompletableFuture<Long> refresh(String key) {
    return kv.read(counterKey(key)).thenApply(value -> {
      if (value.isEmpty()) {
        return 0L;
      }
      long next = Long.parseLong(value.get().get(0).text());
      long base = chunkBase(next);
      for (int i = 1; i < value.get().size(); i++) {
        learn(key, base + i - 1, value.get().get(i));
      }
      return next;
    });
  }

  /**
   * Reads what lin-kv holds of the key that this node lacks: the counter, then each earlier chunk
   * with an offset missing here.
   */
  private CompletableFuture<Void> sync(String key) {
    long after = restarts;
    return refresh(key).thenCompose(next -> {
      List<CompletableFuture<Void>> chunks = new ArrayList<>();
      for (long chunk = 0; chunk < chunkBase(next) / CHUNK; chunk++) {
        long first = chunk * CHUNK;
        boolean missing = false;
        for (long i = first; i < first + CHUNK; i++) {
          missing |= !logs.holds(key, i);
        }
        if (missing) {
          chunks.add(kv.read(chunkKey(key, chunk)).thenAccept(msgs -> msgs.ifPresent(list -> {
            for (int i = 0; i < list.size(); i++) {
              learn(key, first + i, list.get(i));
            }
          })));
        }
      }
      return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new));
    }).thenRun(() -> syncedAfter.merge(key, after, Math::max));
  }

  /** An entry read from or written to lin-kv: hold it, and copy it to the peers if it is new. */
  private void learn(String key, long offset, RawJson msg) {
    if (logs.put(key, offset, msg)) {
      replication.publish(new Entry(key, offset, Protocol.orJsonNull(msg)));
    }
  }

  private static String counterKey(String key) {
    return "kafka-offset-" + key;
  }

  private static String chunkKey(String key, long chunk) {
    return "kafka-chunk-" + key + "-" + chunk;
  }

  /**
   * After a restart, each key is read from lin-kv once before a poll of it is answered; until its
   * incarnation is known a node cannot tell whether it restarted, so polls wait for it.
   */
  @Handles("poll")
  CompletionStage<PollOk> poll(Poll poll) {
    return started.thenCompose(ignored -> answer(poll));
  }

  private CompletionStage<PollOk> answer(Poll poll) {
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    if (restarts > 0) {
      for (String key : poll.offsets().keySet()) {
        if (syncedAfter.getOrDefault(key, 0L) < restarts) {
          reads.add(syncing.computeIfAbsent(key, k -> {
            CompletableFuture<Void> read = sync(k);
            read.whenComplete((done, failure) -> syncing.remove(k));
            return read;
          }));
        }
      }
    }
    if (reads.isEmpty()) {
      return CompletableFuture.completedFuture(new PollOk(logs.poll(poll.offsets())));
    }
    // A failed read leaves the key as it was: the poll still answers with what is held.
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
        .handle((done, failure) -> new PollOk(logs.poll(poll.offsets())));
  }

  /** Answered once lin-kv holds every offset that rose. */
  @Handles("commit_offsets")
  CompletionStage<CommitOffsetsOk> commit(CommitOffsets commit) {
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    commit.offsets().forEach((key, offset) -> {
      if (offset != null) {
        writes.add(storeCommit(key, offset));
      }
    });
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
        .thenApply(done -> new CommitOffsetsOk());
  }

  /** Writes this node's commit of {@code key}, after the one under way, unless one as high is stored. */
  private CompletableFuture<Void> storeCommit(String key, long offset) {
    CompletableFuture<Void> before = committing.getOrDefault(key, CompletableFuture.completedFuture(null));
    CompletableFuture<Void> mine = before.handle((done, failure) -> null).thenCompose(ignored -> {
      if (storedCommits.getOrDefault(key, -1L) >= offset) {
        return CompletableFuture.completedFuture(null);
      }
      return writeCommit(key, offset);
    });
    committing.put(key, mine);
    mine.whenComplete((done, failure) -> committing.remove(key, mine));
    return mine;
  }

  /**
   * Writes until lin-kv acknowledges: the write is idempotent, and a commit must not fail, or the
   * client's poll fails with it after its offsets moved on, and its next poll skips. lin-kv
   * answers every request; only a paused node misses answers, and it asks again.
   */
  private CompletableFuture<Void> writeCommit(String key, long offset) {
    return commits.write(commitKey(key, node.id()), offset).handle((done, failure) -> {
      if (failure != null) {
        return writeCommit(key, offset);
      }
      storedCommits.merge(key, offset, Math::max);
      replication.commit(key, offset);
      return CompletableFuture.<Void>completedFuture(null);
    }).thenCompose(next -> next);
  }

  private static String commitKey(String key, String node) {
    return "kafka-commit-" + key + "-" + node;
  }

  /** From the commits held here; a key with none is read from every node's key in lin-kv. */
  @Handles("list_committed_offsets")
  CompletionStage<ListCommittedOffsetsOk> listCommitted(ListCommittedOffsets list) {
    Map<String, Long> held = replication.committed(list.keys());
    List<CompletableFuture<Void>> reads = new ArrayList<>();
    Map<String, Long> read = new LinkedHashMap<>();
    for (String key : list.keys()) {
      if (!held.containsKey(key)) {
        for (String id : node.nodeIds()) {
          reads.add(commits.read(commitKey(key, id))
              .thenAccept(value -> value.ifPresent(offset -> read.merge(key, offset, Math::max))));
        }
      }
    }
    if (reads.isEmpty()) {
      return CompletableFuture.completedFuture(new ListCommittedOffsetsOk(held));
    }
    return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
      Map<String, Long> out = new LinkedHashMap<>(held);
      read.forEach((key, offset) -> {
        out.put(key, offset);
        replication.commit(key, offset);
        storedCommits.merge(key, offset, Math::max);
      });
      return new ListCommittedOffsetsOk(out);
    });
  }

  @Handles("replicate")
  void replicate(Replication.Batch batch, Request from) {
    replication.receive(from.src(), batch);
    // What a peer copies here it wrote to lin-kv before: stored.
    batch.commits().forEach((key, offset) -> storedCommits.merge(key, offset, Math::max));
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
