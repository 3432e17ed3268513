package glomers.solutions.datomic;

import glomers.runtime.RawJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The database as one root names it, loaded as far as a batch of txns needs, and the batch's
 * changes to it, which become new thunks.
 *
 * <p>The tree has two levels of thunks: the <em>index</em> (the thunk the root names) maps each
 * bucket name to the id of that bucket's thunk, and a <em>bucket</em> maps each of its keys (as
 * JSON text) to the key's list. Integer keys share a bucket with their {@link #SPAN} neighbours,
 * so the handful of keys a workload touches at a time sit in one or two buckets, and keys it has
 * moved on from sit in buckets nobody rewrites. A commit writes a new thunk for every bucket it
 * changed and a new index; every other bucket is shared, by id, with the previous state.
 */
final class Snapshot {
  /** Consecutive integer keys per bucket. */
  static final long SPAN = 16;

  /** Buckets for keys that are not integers, spread by hash. */
  static final int HASHED = 64;

  /** The id the root has before anything was committed: the empty database. */
  static final String EMPTY = "";

  private final String id;
  private final Map<String, String> index;
  private final Map<String, Map<String, List<RawJson>>> buckets = new HashMap<>();
  private final Set<String> changed = new TreeSet<>();

  private Snapshot(String id, Map<String, String> index) {
    this.id = id;
    this.index = index;
  }

  /** The database under root {@code id}, with the buckets of {@code keys} loaded. */
  static CompletableFuture<Snapshot> load(
      String id, Collection<String> keys, Thunks<Map<String, String>> indexes,
      Thunks<Map<String, List<RawJson>>> bucketThunks) {
    CompletableFuture<Map<String, String>> index =
        id.equals(EMPTY) ? CompletableFuture.completedFuture(Map.of()) : indexes.get(id);
    return index.thenCompose(names -> {
      Snapshot snapshot = new Snapshot(id, names);
      List<CompletableFuture<Void>> loads = new ArrayList<>();
      for (String bucket : new TreeSet<>(keys.stream().map(Snapshot::bucket).toList())) {
        String bucketId = names.get(bucket);
        if (bucketId != null) {
          loads.add(bucketThunks.get(bucketId).thenAccept(b -> snapshot.buckets.put(bucket, b)));
        }
      }
      return CompletableFuture.allOf(loads.toArray(CompletableFuture[]::new))
          .thenApply(done -> snapshot);
    });
  }

  static String bucket(String key) {
    try {
      return "b" + Math.floorDiv(Long.parseLong(key), SPAN);
    } catch (NumberFormatException notAnInteger) {
      return "h" + Math.floorMod(key.hashCode(), HASHED);
    }
  }

  String id() {
    return id;
  }

  /** The key's list as this state (with the batch's changes so far) has it, or null. */
  List<RawJson> get(String key) {
    Map<String, List<RawJson>> bucket = buckets.get(bucket(key));
    return bucket == null ? null : bucket.get(key);
  }

  void append(String key, RawJson element) {
    String name = bucket(key);
    Map<String, List<RawJson>> bucket = buckets.get(name);
    if (changed.add(name)) {
      // Loaded thunks are shared with the cache and immutable: change a copy.
      bucket = bucket == null ? new LinkedHashMap<>() : new LinkedHashMap<>(bucket);
      buckets.put(name, bucket);
    }
    List<RawJson> list = bucket.get(key);
    List<RawJson> longer = new ArrayList<>(list == null ? 0 : list.size() + 1);
    if (list != null) {
      longer.addAll(list);
    }
    longer.add(element);
    bucket.put(key, List.copyOf(longer));
  }

  boolean changed() {
    return !changed.isEmpty();
  }

  /** The thunks a commit wrote: the new index and each changed bucket, by id. */
  record Saved(String indexId, Map<String, String> index, Map<String, Map<String, List<RawJson>>> buckets) {}

  /**
   * Writes the changed buckets and a new index as new thunks, and completes once the store
   * acknowledged every one of them: only then may a root point at the new index.
   */
  CompletableFuture<Saved> save(
      Supplier<String> newId, Thunks<Map<String, String>> indexes,
      Thunks<Map<String, List<RawJson>>> bucketThunks) {
    Map<String, String> next = new LinkedHashMap<>(index);
    Map<String, Map<String, List<RawJson>>> written = new LinkedHashMap<>();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (String name : changed) {
      String bucketId = newId.get();
      next.put(name, bucketId);
      // Insertion order, not Map.copyOf's per-JVM salted order: a --sim run must repeat byte for byte.
      Map<String, List<RawJson>> bucket = Collections.unmodifiableMap(buckets.get(name));
      written.put(bucketId, bucket);
      writes.add(bucketThunks.put(bucketId, bucket));
    }
    String indexId = newId.get();
    Map<String, String> newIndex = Collections.unmodifiableMap(next);
    writes.add(indexes.put(indexId, newIndex));
    Saved saved = new Saved(indexId, newIndex, written);
    return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(done -> saved);
  }
}
