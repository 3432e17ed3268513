package glomers.harness.workload.uniqueids;

import glomers.harness.checker.Checker;
import glomers.harness.checker.JsonValues;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's {@code unique-ids}: no id may be acknowledged twice. Ids are compared by strict JSON
 * equality (1, 1.0 and "1" are distinct). Jepsen orders ids to report their range, so ids that
 * cannot be ordered against each other (a number and a string, any object) make it throw, and the
 * verdict is unknown; this checker does the same rather than guess.
 */
public final class UniqueIdsChecker implements Checker {
  private static final int SHOWN_DUPLICATES = 48;

  /** An id acknowledged {@code count} times. */
  public record Duplicate(Object id, long count) {}

  /**
   * The counts, the most duplicated ids (up to 48, in id order) and the lowest and highest id
   * acknowledged (both null when none was).
   */
  public record Outcome(long attempted, long acknowledged, long duplicatedCount, List<Duplicate> duplicated, Object lowest,
      Object highest) implements Result {
    @Override
    public Validity valid() {
      return Validity.of(duplicatedCount == 0);
    }

    @Override
    public Map<String, Object> json() {
      List<List<Object>> shown = new ArrayList<>();
      duplicated.forEach(d -> shown.add(Arrays.asList(d.id(), d.count())));
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("attempted-count", attempted);
      details.put("acknowledged-count", acknowledged);
      details.put("duplicated-count", duplicatedCount);
      details.put("duplicated", shown);
      details.put("range", acknowledged == 0 ? null : Arrays.asList(lowest, highest));
      return Result.entry(valid(), details);
    }

    @Override
    public List<String> keyFigures() {
      return List.of("attempted-count: " + attempted, "duplicated-count: " + duplicatedCount);
    }
  }

  @Override
  public Outcome check(List<Op> history) {
    long attempted = 0;
    long acknowledged = 0;
    Map<Object, Long> counts = new HashMap<>();
    Object lowest = null;
    Object highest = null;
    for (Op op : history) {
      if (!op.isClient() || !"generate".equals(op.f())) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        attempted++;
      } else if (op.type() == OpType.OK) {
        Object id = JsonValues.canonical(op.value());
        if (acknowledged == 0) {
          lowest = id;
          highest = id;
        } else {
          // Both comparisons run for every id, so any incomparable pair with the extremes throws.
          if (JsonValues.compare(id, lowest) < 0) {
            lowest = id;
          }
          if (JsonValues.compare(id, highest) > 0) {
            highest = id;
          }
        }
        acknowledged++;
        counts.merge(id, 1L, Long::sum);
      }
    }
    List<Map.Entry<Object, Long>> duplicates = new ArrayList<>();
    for (Map.Entry<Object, Long> e : counts.entrySet()) {
      if (e.getValue() > 1) {
        duplicates.add(e);
      }
    }
    // Jepsen shows the most duplicated ids, and among equally duplicated ones the highest.
    duplicates.sort(
        Comparator.<Map.Entry<Object, Long>, Long>comparing(Map.Entry::getValue)
            .thenComparing(Map.Entry::getKey, JsonValues.ORDER)
            .reversed());
    List<Duplicate> shown = new ArrayList<>();
    for (Map.Entry<Object, Long> e : duplicates.subList(0, Math.min(SHOWN_DUPLICATES, duplicates.size()))) {
      shown.add(new Duplicate(e.getKey(), e.getValue()));
    }
    shown.sort(Comparator.comparing(Duplicate::id, JsonValues.ORDER));
    return new Outcome(attempted, acknowledged, duplicates.size(), shown, lowest, highest);
  }
}
