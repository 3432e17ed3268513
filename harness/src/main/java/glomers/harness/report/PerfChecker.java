package glomers.harness.report;

import glomers.harness.checker.Checker;
import glomers.harness.checker.History;
import glomers.harness.checker.Result;
import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maelstrom's perf checker only draws plots and is always valid; here it gives the client latency
 * quantiles (ms) of ok ops, overall and per f, plus the achieved op rate.
 */
public final class PerfChecker implements Checker {
  static final double[] QUANTILES = {0, 0.5, 0.95, 0.99, 1};

  @Override
  public Result check(List<Op> history) {
    List<Double> all = new ArrayList<>();
    Map<String, List<Double>> byF = new TreeMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long invokes = 0;
    for (History.Pair pair : History.pairs(history.stream().filter(Op::isClient).toList())) {
      invokes++;
      first = Math.min(first, pair.invoke().time());
      last = Math.max(last, pair.invoke().time());
      if (pair.completion() != null && pair.completion().type() == OpType.OK) {
        double ms = pair.latencyNanos() / 1e6;
        all.add(ms);
        byF.computeIfAbsent(pair.invoke().f(), f -> new ArrayList<>()).add(ms);
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("latency-ms", quantiles(all));
    Map<String, Object> perF = new LinkedHashMap<>();
    byF.forEach((f, latencies) -> perF.put(f, quantiles(latencies)));
    details.put("latency-ms-by-f", perF);
    if (invokes > 1 && last > first) {
      details.put("rate-per-s", invokes / ((last - first) / 1e9));
    }
    return Result.of(Validity.TRUE, details);
  }

  static Map<String, Object> quantiles(List<Double> values) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (values.isEmpty()) {
      return out;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    for (double q : QUANTILES) {
      int index = (int) Math.min(sorted.size() - 1, Math.floor(sorted.size() * q));
      out.put(q == (long) q ? Long.toString((long) q) : Double.toString(q), Math.round(sorted.get(index) * 1000) / 1000.0);
    }
    return out;
  }
}
