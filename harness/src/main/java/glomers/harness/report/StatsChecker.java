package glomers.harness.report;

import glomers.harness.checker.Checker;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Jepsen's stats: completion counts overall and per f; invalid if some f never completed ok. */
public final class StatsChecker implements Checker {
  private final Set<String> exempt;

  public StatsChecker(Set<String> exempt) {
    this.exempt = exempt;
  }

  @Override
  public Result check(List<Op> history) {
    long[] total = new long[4];
    Map<String, long[]> byF = new TreeMap<>();
    for (Op op : history) {
      if (!op.isClient() || op.isInvoke()) {
        continue;
      }
      long[] counts = byF.computeIfAbsent(op.f(), f -> new long[4]);
      int slot = op.type().ordinal();
      counts[slot]++;
      counts[0]++;
      total[slot]++;
      total[0]++;
    }
    Validity valid = Validity.TRUE;
    Map<String, Object> perF = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> entry : byF.entrySet()) {
      boolean fValid = entry.getValue()[1] > 0 || exempt.contains(entry.getKey());
      valid = valid.and(Validity.of(fValid));
      Map<String, Object> counts = counts(entry.getValue());
      Map<String, Object> withValid = new LinkedHashMap<>();
      withValid.put("valid?", fValid);
      withValid.putAll(counts);
      perF.put(entry.getKey(), withValid);
    }
    Map<String, Object> details = counts(total);
    details.put("by-f", perF);
    return Result.of(valid, details);
  }

  private static Map<String, Object> counts(long[] counts) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("count", counts[0]);
    map.put("ok-count", counts[1]);
    map.put("fail-count", counts[2]);
    map.put("info-count", counts[3]);
    return map;
  }
}
