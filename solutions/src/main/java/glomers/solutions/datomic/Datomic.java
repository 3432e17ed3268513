package glomers.solutions.datomic;

import glomers.annotations.Every;
import glomers.annotations.Handles;
import glomers.annotations.Message;
import glomers.annotations.Solution;
import glomers.runtime.Node;
import glomers.runtime.RawJson;
import glomers.runtime.RpcError;
import glomers.runtime.kv.JsonType;
import glomers.runtime.kv.Kv;
import glomers.solutions.incarnation.Incarnation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Strict-serializable list-append transactions on any node, after chapter 5 of Maelstrom's
 * tutorial ("Datomic"): the database is a tree of immutable thunks in lww-kv, and one small
 * value in lin-kv, the root, names the thunk at its top.
 *
 * <p>A node runs txns in batches, one batch at a time: the txns that arrived while the previous
 * batch was out. It runs the whole batch, in arrival order, against the state under the root it
 * last knew ({@link Snapshot}); writes every thunk the batch changed under fresh ids, waiting until
 * lww-kv acknowledged each one; then compare-and-sets the root in lin-kv from the id it ran on to
 * the new one. If the CAS wins, the batch is committed and every txn of it is answered. If it
 * loses (22: another node committed first), nothing of the attempt is visible, since no root
 * names its thunks: the node learns the current root and runs the batch again on that state,
 * with the txns that arrived meanwhile. A batch of read-only txns needs no CAS: a linearizable
 * read that finds the root still naming the state they ran on is their commit point.
 *
 * <p>The root is {@code "<version>:<index thunk id>"}, the version one more at every commit. A
 * winner sends its new root and the thunks it wrote to its peers ({@link Committed}), which cache
 * them: a loser usually learns the new root that way, a hop after its CAS failed, and retries
 * without reading anything; it reads the root only if no news comes within a round trip (a
 * partition between the nodes). The news is only a hint, never trusted for correctness: the
 * next CAS or root read decides. A winner with more txns queued waits a round trip before racing
 * again, so the losers' retries, which heard of its commit a hop late, get their turn.
 *
 * <p>Kills: all of the database is in the services, so any nodes may be killed, all of them
 * included. A killed node's queued txns are lost unanswered (a CAS of theirs may have committed),
 * and its next life learns the root as a loser does. Thunk ids carry the node's {@link
 * Incarnation}, so a new life never reuses an id that an earlier one wrote.
 *
 * <p>Why strict serializable: the root's value sequence in lin-kv is the serial order. A committed
 * batch ran on exactly the state its CAS replaced (thunk ids are never reused, so an equal id is
 * an equal state; no ABA), so the batch's txns, in the order they ran, are a serial continuation
 * of everything committed before. The CAS (or, for a read-only batch, the read) is linearizable
 * and falls after every txn of the batch arrived and before any is answered, so the serial order
 * agrees with real time. Thunks written by a lost attempt are never named by a root, and readers
 * only follow ids from a root, so no one sees them.
 *
 * <p>Outcomes: a txn still uncommitted after {@link #GIVE_UP_MILLIS} of lost races fails with 30
 * (txn-conflict), which is definite, because every CAS that carried it failed definitely; a batch
 * whose thunks cannot be read or written fails with 11, also definite, as no CAS went out for it.
 * Only a CAS whose reply is lost leaves its batch unknown: it is answered with the CAS's own
 * error (a timeout, indefinite), and the node carries on from the root it knew, as a later CAS
 * (or its conflict) settles which root is current.
 */
@Solution("datomic")
final class Datomic {
  /** The lin-kv key that names the current database. */
  static final String ROOT = "root";

  /** How long a txn may keep losing races before it fails with txn-conflict. */
  static final long GIVE_UP_MILLIS = 1000;

  /** Longest wait for news or before racing again, however slow the last CAS was. */
  static final long MAX_WAIT_MILLIS = 10;

  /** How often the node logs its counts, when they changed. */
  static final long STATS_MILLIS = 2000;

  private static final RawJson NULL = new RawJson("null");
  private static final String READ = "\"r\"";
  private static final String APPEND = "\"append\"";

  /** Micro-ops are [f, key, value]; keys and elements are kept as their JSON text. */
  @Message("txn")
  record Txn(List<List<RawJson>> txn) {}

  @Message("txn_ok")
  record TxnOk(List<List<RawJson>> txn) {}

  /**
   * Winner -> peers, after its CAS: the new root and the thunks it names that are new, all
   * acknowledged by lww-kv. A hint only: a peer caches the thunks and runs its next batch on that
   * root, and its own CAS (or root read) still decides.
   */
  @Message("committed")
  record Committed(String root, String indexId, Map<String, String> index,
      Map<String, Map<String, List<RawJson>>> buckets) {}

  /** A txn waiting for its batch to commit. */
  private record Pending(List<List<RawJson>> ops, CompletableFuture<TxnOk> reply, long since) {}

  private final Node node;
  private final Kv<String> roots;
  private final Thunks<Map<String, String>> indexes;
  private final Thunks<Map<String, List<RawJson>>> buckets;
  private final List<Pending> queue = new ArrayList<>();
  private String root = Snapshot.EMPTY;
  private boolean busy;
  private Runnable waiting;
  private long casMillis;
  private String thunkPrefix;
  private long nextThunk;

  private long committed;
  private long batches;
  private long conflicts;
  private long stale;
  private long gaveUp;
  private long yields;
  private long failed;
  private long indefinite;
  private String lastStats = "";

  Datomic(Node node) {
    this.node = node;
    this.roots = Kv.lin(node, JsonType.STRING);
    this.indexes = new Thunks<>(Kv.lww(node, JsonType.mapOf(JsonType.STRING)));
    this.buckets = new Thunks<>(Kv.lww(node, JsonType.mapOf(JsonType.listOf(JsonType.RAW))));
    // No batch runs before this life's thunk ids are known: txns queue until then.
    busy = true;
    Incarnation.next(node).thenAccept(incarnation -> {
      thunkPrefix = node.id() + "-" + incarnation + "-";
      finishBatch();
    });
  }

  @Handles
  CompletionStage<TxnOk> txn(Txn request) {
    for (List<RawJson> op : request.txn()) {
      if (op == null || op.size() != 3 || op.get(0) == null || op.get(1) == null
          || !(op.get(0).text().equals(READ) || op.get(0).text().equals(APPEND))) {
        throw RpcError.malformedRequest("a micro-op is [\"r\"|\"append\", key, value], got " + op);
      }
    }
    Pending pending = new Pending(request.txn(), new CompletableFuture<>(), node.nowMillis());
    queue.add(pending);
    if (!busy) {
      startBatch();
    }
    return pending.reply();
  }

  private void startBatch() {
    busy = true;
    batches++;
    List<Pending> batch = new ArrayList<>(queue);
    queue.clear();
    attempt(batch);
  }

  /**
   * How an attempt ended: committed with these results, or lost, knowing the current root already
   * (a read-only batch's read returns it) or not (a lost CAS says only that it lost).
   */
  private record Outcome(List<TxnOk> results, boolean rootKnown, boolean wrote) {
    static final Outcome LOST = new Outcome(null, false, false);
    static final Outcome STALE = new Outcome(null, true, false);
  }

  /** Runs the batch on the state under {@link #root}, then tries to make that the new state. */
  private void attempt(List<Pending> batch) {
    String base = root;
    Snapshot.load(indexId(base), keys(batch), indexes, buckets).thenCompose(snapshot -> {
      List<TxnOk> results = new ArrayList<>(batch.size());
      for (Pending pending : batch) {
        results.add(run(pending.ops(), snapshot));
      }
      if (!snapshot.changed()) {
        // Read-only: committed if the root still names the state they read, at this read.
        return roots.read(ROOT).thenApply(current -> {
          String now = current.orElse(Snapshot.EMPTY);
          if (now.equals(base)) {
            return new Outcome(results, true, false);
          }
          stale++;
          learn(now);
          return Outcome.STALE;
        });
      }
      // Every thunk acknowledged first; only then may the root name them.
      return snapshot.save(this::newThunkId, indexes, buckets).thenCompose(saved -> {
        String next = (version(base) + 1) + ":" + saved.indexId();
        long sent = node.nowMillis();
        return roots.compareAndSet(ROOT, base, next, true).handle((won, failure) -> {
          casMillis = node.nowMillis() - sent;
          if (failure != null) {
            throw new Indefinite(RpcError.from(failure));
          }
          if (won) {
            learn(next);
            Committed news = new Committed(next, saved.indexId(), saved.index(), saved.buckets());
            node.peers().forEach(peer -> node.send(peer, news));
            return new Outcome(results, true, true);
          }
          conflicts++;
          // A peer's news may already name a newer root than the one this attempt ran on.
          return version(root) > version(base) ? Outcome.STALE : Outcome.LOST;
        });
      });
    }).whenComplete((outcome, failure) -> {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        RpcError error;
        if (cause instanceof Indefinite unknown) {
          indefinite += batch.size();
          error = unknown.error;
        } else {
          // No CAS went out for this attempt, and every earlier one failed definitely.
          failed += batch.size();
          error = RpcError.temporarilyUnavailable(RpcError.from(cause).text());
        }
        batch.forEach(pending -> pending.reply().completeExceptionally(error));
        finishBatch();
      } else if (outcome.results() != null) {
        committed += batch.size();
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).reply().complete(outcome.results().get(i));
        }
        if (outcome.wrote() && !node.peers().isEmpty() && !queue.isEmpty()) {
          // Peers that lost to this commit hear of it a hop from now and retry: let them go
          // first, or this node, always a hop ahead, would win every race it enters.
          yields++;
          node.after(roundTrip(), this::finishBatch);
        } else {
          finishBatch();
        }
      } else if (outcome.rootKnown()) {
        retry(batch);
      } else {
        awaitNews(batch);
      }
    });
  }

  /**
   * Lost a CAS race to a root not known yet: the winner's news is most likely on its way (it left
   * when the winner's CAS was answered, about when this one was), so wait a round trip for it
   * before reading the root, which a partition between the nodes would make necessary.
   */
  private void awaitNews(List<Pending> batch) {
    long lost = version(root);
    Runnable resume = new Runnable() {
      @Override
      public void run() {
        if (waiting == this) {
          waiting = null;
          if (version(root) > lost) {
            retry(batch);
          } else {
            readRootAndRetry(batch);
          }
        }
      }
    };
    waiting = resume;
    node.after(roundTrip(), resume);
  }

  /** The last CAS's round trip, as the wait for news or before racing again: 1 to 10 ms. */
  private Duration roundTrip() {
    return Duration.ofMillis(Math.clamp(casMillis, 1, MAX_WAIT_MILLIS));
  }

  /** Lost a CAS race: learn the current root, then run the batch again. */
  private void readRootAndRetry(List<Pending> batch) {
    roots.read(ROOT).whenComplete((current, failure) -> {
      if (failure != null) {
        // Nothing of this batch was committed (its CAS failed definitely): a definite failure.
        failed += batch.size();
        RpcError error = RpcError.temporarilyUnavailable("cannot read the root: " + RpcError.from(failure).text());
        batch.forEach(pending -> pending.reply().completeExceptionally(error));
        finishBatch();
        return;
      }
      learn(current.orElse(Snapshot.EMPTY));
      retry(batch);
    });
  }

  /** Fails the txns that waited too long, and runs the rest again with those that arrived since. */
  private void retry(List<Pending> batch) {
    long now = node.nowMillis();
    List<Pending> again = new ArrayList<>();
    for (Pending pending : batch) {
      if (now - pending.since() >= GIVE_UP_MILLIS) {
        gaveUp++;
        pending.reply().completeExceptionally(
            RpcError.txnConflict("lost every commit race for " + (now - pending.since()) + " ms"));
      } else {
        again.add(pending);
      }
    }
    again.addAll(queue);
    queue.clear();
    if (again.isEmpty()) {
      finishBatch();
    } else {
      attempt(again);
    }
  }

  private void finishBatch() {
    busy = false;
    if (!queue.isEmpty()) {
      startBatch();
    }
  }

  /** Runs one txn's micro-ops on the snapshot, which takes its appends. */
  private static TxnOk run(List<List<RawJson>> ops, Snapshot snapshot) {
    List<List<RawJson>> done = new ArrayList<>(ops.size());
    for (List<RawJson> op : ops) {
      String key = op.get(1).text();
      if (op.get(0).text().equals(READ)) {
        List<RawJson> list = snapshot.get(key);
        done.add(Arrays.asList(op.get(0), op.get(1), list == null ? NULL : json(list)));
      } else {
        snapshot.append(key, op.get(2) == null ? NULL : op.get(2));
        done.add(op);
      }
    }
    return new TxnOk(done);
  }

  private static RawJson json(List<RawJson> list) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(list.get(i).text());
    }
    return new RawJson(text.append(']').toString());
  }

  private static Set<String> keys(List<Pending> batch) {
    Set<String> keys = new LinkedHashSet<>();
    for (Pending pending : batch) {
      for (List<RawJson> op : pending.ops()) {
        keys.add(op.get(1).text());
      }
    }
    return keys;
  }

  @Handles
  void committed(Committed news) {
    indexes.remember(news.indexId(), news.index());
    news.buckets().forEach(buckets::remember);
    long before = version(root);
    learn(news.root());
    if (waiting != null && version(root) > before) {
      waiting.run();   // a lost batch was waiting for a newer root: here it is
    }
  }

  /**
   * Takes {@code candidate} as the root to run on if it is newer than the one known. Every root
   * was the value of the lin-kv key at some time, and each CAS raises the version by one, so the
   * higher version is the later value.
   */
  private void learn(String candidate) {
    if (version(candidate) > version(root)) {
      root = candidate;
    }
  }

  /** A root is "version:index thunk id"; the empty database is version 0 with no index. */
  static long version(String root) {
    return root.isEmpty() ? 0 : Long.parseLong(root.substring(0, root.indexOf(':')));
  }

  static String indexId(String root) {
    return root.isEmpty() ? Snapshot.EMPTY : root.substring(root.indexOf(':') + 1);
  }

  /**
   * Unique across this node's lives: a restarted node counts from 0 again, and without its
   * incarnation in the id it would overwrite thunks that committed roots still name.
   */
  private String newThunkId() {
    return thunkPrefix + nextThunk++;
  }

  /** A CAS with no answer: its batch may or may not have committed. */
  private static final class Indefinite extends RuntimeException {
    final RpcError error;

    Indefinite(RpcError error) {
      super(error.getMessage(), null, false, false);
      this.error = error;
    }
  }

  private static Throwable unwrap(Throwable failure) {
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  @Every(millis = STATS_MILLIS)
  void stats() {
    String stats = "datomic: " + committed + " txns committed in " + batches + " batches, "
        + conflicts + " cas conflicts, " + stale + " stale read-only, " + yields + " yields, " + gaveUp + " gave up, "
        + failed + " failed, " + indefinite + " indefinite; index thunks " + indexes.stats()
        + "; bucket thunks " + buckets.stats();
    if (!stats.equals(lastStats)) {
      node.log(stats);
      lastStats = stats;
    }
  }
}
