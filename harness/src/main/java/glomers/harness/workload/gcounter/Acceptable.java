package glomers.harness.workload.gcounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of integers kept as disjoint closed ranges. Ranges that overlap or touch (b + 1 == c)
 * coalesce, as Maelstrom's open-range TreeRangeSet does, so [0,0] and [2,2] stay apart (1 is not
 * acceptable) while [0,0] and [1,1] become [0,1].
 */
final class Acceptable {
  private final TreeMap<Long, Long> ranges = new TreeMap<>();

  static Acceptable exactly(long value) {
    Acceptable set = new Acceptable();
    set.add(value, value);
    return set;
  }

  void add(long lo, long hi) {
    Map.Entry<Long, Long> below = ranges.floorEntry(lo);
    if (below != null && below.getValue() >= lo - 1) {
      lo = below.getKey();
      hi = Math.max(hi, below.getValue());
    }
    Map.Entry<Long, Long> next = ranges.ceilingEntry(lo);
    while (next != null && next.getKey() <= hi + 1) {
      hi = Math.max(hi, next.getValue());
      ranges.remove(next.getKey());
      next = ranges.ceilingEntry(lo);
    }
    ranges.put(lo, hi);
  }

  /** An indeterminate add of {@code delta} may or may not have happened: keep both outcomes. */
  void maybeAdd(long delta) {
    for (Map.Entry<Long, Long> r : new ArrayList<>(ranges.entrySet())) {
      add(r.getKey() + delta, r.getValue() + delta);
    }
  }

  boolean contains(long value) {
    Map.Entry<Long, Long> below = ranges.floorEntry(value);
    return below != null && below.getValue() >= value;
  }

  /** The ranges as {@code [[lo, hi], ...]}, ascending. */
  List<List<Long>> asList() {
    List<List<Long>> out = new ArrayList<>();
    ranges.forEach((lo, hi) -> out.add(List.of(lo, hi)));
    return out;
  }
}
