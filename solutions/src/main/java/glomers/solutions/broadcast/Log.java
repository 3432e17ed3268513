package glomers.solutions.broadcast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every value this node knows, filed by the node that first received it (its origin) and the
 * sequence number the origin gave it. Per-origin sequence numbers make "what do you lack?" a
 * vector of prefix lengths instead of a set difference over all values.
 *
 * <p>An origin is one life of a node, numbered {@code index + n * (incarnation - 1)} for a node at
 * {@code index} of n: a restarted node numbers its values from 1 again, under a new origin, so they
 * never collide with those of its earlier lives. The vectors grow as origins appear.
 */
final class Log {
  /** One value with its origin and 1-based sequence number at that origin. */
  record Entry(int origin, long seq, long value) {
    List<Long> toWire() {
      return List.of((long) origin, seq, value);
    }

    static Entry fromWire(List<Long> triple) {
      if (triple == null || triple.size() != 3) {
        throw new IllegalArgumentException("entry must be [origin, seq, value], got " + triple);
      }
      return new Entry(Math.toIntExact(triple.get(0)), triple.get(1), triple.get(2));
    }
  }

  private final List<Map<Long, Long>> byOrigin = new ArrayList<>();
  private final List<Long> prefix = new ArrayList<>();
  private final Set<Long> values = new LinkedHashSet<>();

  Log(int origins) {
    seqs(origins - 1);
  }

  /** The origin's values by sequence number, growing the vectors up to it. */
  private Map<Long, Long> seqs(int origin) {
    while (byOrigin.size() <= origin) {
      byOrigin.add(new HashMap<>());
      prefix.add(0L);
    }
    return byOrigin.get(origin);
  }

  /** Adds an entry; false if it was already known. */
  boolean add(Entry entry) {
    Map<Long, Long> seqs = seqs(entry.origin());
    if (seqs.putIfAbsent(entry.seq(), entry.value()) != null) {
      return false;
    }
    values.add(entry.value());
    long p = prefix.get(entry.origin());
    while (seqs.containsKey(p + 1)) {
      p++;
    }
    prefix.set(entry.origin(), p);
    return true;
  }

  /** Next sequence number for a value first received here. */
  long nextSeq(int origin) {
    return seqs(origin).size() + 1L;
  }

  long valueOf(int origin, long seq) {
    return byOrigin.get(origin).get(seq);
  }

  /** For each origin, how many of its values this node holds without a gap. */
  List<Long> prefixes() {
    return new ArrayList<>(prefix);
  }

  /** The entries a node whose prefixes are {@code theirs} does not hold. */
  List<Entry> missingFrom(List<Long> theirs) {
    List<Entry> missing = new ArrayList<>();
    for (int origin = 0; origin < byOrigin.size(); origin++) {
      long known = origin < theirs.size() ? theirs.get(origin) : 0;
      for (Map.Entry<Long, Long> e : byOrigin.get(origin).entrySet()) {
        if (e.getKey() > known) {
          missing.add(new Entry(origin, e.getKey(), e.getValue()));
        }
      }
    }
    return missing;
  }

  List<Long> values() {
    return new ArrayList<>(values);
  }
}
