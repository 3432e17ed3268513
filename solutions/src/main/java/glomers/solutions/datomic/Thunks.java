package glomers.solutions.datomic;

import glomers.runtime.RpcError;
import glomers.runtime.kv.Kv;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Immutable values stored once under a unique id in an eventually consistent store, and cached
 * here by id.
 *
 * <p>Because an id is written once and never changed, any copy of it that a read returns is the
 * value, and a cached copy never goes stale. What a read can do is miss: Maelstrom's lww-kv keeps
 * two replicas that never converge and serves each request from one at random, so a thunk that
 * was written (and acknowledged) may still be "not found" on a given read. A miss therefore means
 * "ask again", never "absent": every id this node asks for was acknowledged by its writer before
 * any root pointed at it.
 */
final class Thunks<V> {
  /** Reads of one id before giving up; with two replicas a miss is a coin flip, 2^-40 for all. */
  static final int MAX_READS = 40;

  /** Thunks kept per node; a txn needs only the current index and the buckets it touches. */
  static final int CACHE_SIZE = 2048;

  private final Kv<V> kv;
  private final Map<String, V> cache = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
      return size() > CACHE_SIZE;
    }
  };
  private long reads;
  private long misses;
  private long writes;

  Thunks(Kv<V> kv) {
    this.kv = kv;
  }

  /** The thunk's value: from the cache, else read until a replica has it. */
  CompletableFuture<V> get(String id) {
    V cached = cache.get(id);
    return cached != null ? CompletableFuture.completedFuture(cached) : read(id, 1);
  }

  private CompletableFuture<V> read(String id, int attempt) {
    reads++;
    return kv.read(id).handle((value, failure) -> {
      if (failure == null && value.isPresent()) {
        cache.put(id, value.get());
        return CompletableFuture.completedFuture(value.get());
      }
      misses++; // not on this replica (yet), or the read timed out: the id exists, so ask again
      if (attempt >= MAX_READS) {
        throw RpcError.temporarilyUnavailable("thunk " + id + " not readable after " + attempt + " reads");
      }
      return read(id, attempt + 1);
    }).thenCompose(next -> next);
  }

  /** Stores a new thunk; completes once the store acknowledged it, and only then caches it. */
  CompletableFuture<Void> put(String id, V value) {
    writes++;
    return kv.write(id, value).thenRun(() -> cache.put(id, value));
  }

  /**
   * Caches a thunk a peer wrote and had acknowledged (it tells only after its root won), so this
   * node need not read it.
   */
  void remember(String id, V value) {
    cache.putIfAbsent(id, value);
  }

  String stats() {
    return reads + " reads (" + misses + " missed), " + writes + " writes";
  }
}
