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
 */
final class Log {
  /** One value with its origin (node index) and 1-based sequence number at that origin. */
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
  private final long[] prefix;
  private final Set<Long> values = new LinkedHashSet<>();

  Log(int origins) {
    prefix = new long[origins];
    for (int i = 0; i < origins; i++) {
      byOrigin.add(new HashMap<>());
    }
  }

  /** Adds an entry; false if it was already known. */
  boolean add(Entry entry) {
    Map<Long, Long> seqs = byOrigin.get(entry.origin());
    if (seqs.putIfAbsent(entry.seq(), entry.value()) != null) {
      return false;
    }
    values.add(entry.value());
    long p = prefix[entry.origin()];
    while (seqs.containsKey(p + 1)) {
      p++;
    }
    prefix[entry.origin()] = p;
    return true;
  }

  /** Next sequence number for a value first received here. */
  long nextSeq(int origin) {
    return byOrigin.get(origin).size() + 1L;
  }

  long valueOf(int origin, long seq) {
    return byOrigin.get(origin).get(seq);
  }

  /** For each origin, how many of its values this node holds without a gap. */
  List<Long> prefixes() {
    List<Long> out = new ArrayList<>(prefix.length);
    for (long p : prefix) {
      out.add(p);
    }
    return out;
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
