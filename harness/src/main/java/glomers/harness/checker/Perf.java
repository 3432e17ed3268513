package glomers.harness.checker;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Client latency summary. Maelstrom's perf checker only draws plots and is always valid; this one
 * reports, instead of plots, latency quantiles (ms) of {@code :ok} ops overall and per f, which is
 * what the plots are read for. It never affects the verdict.
 */
public final class Perf implements Checker {
  private static final double[] PERCENTILES = {50, 95, 99};
  private static final String[] KEYS = {"0.5", "0.95", "0.99"};

  @Override
  public Result check(List<Op> history) {
    Histogram all = histogram();
    Map<String, Histogram> byF = new TreeMap<>();
    for (History.Pair pair : History.pairs(history)) {
      Op done = pair.completion();
      if (!pair.invoke().isClient() || done == null || done.type() != OpType.OK) {
        continue;
      }
      long micros = Math.max(0, pair.latencyNanos() / 1000);
      all.recordValue(micros);
      byF.computeIfAbsent(pair.invoke().f(), f -> histogram()).recordValue(micros);
    }
    Map<String, Object> latencies = new LinkedHashMap<>();
    latencies.put("all", summary(all));
    byF.forEach((f, h) -> latencies.put(f, summary(h)));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("ok-latency-ms", latencies);
    return Result.of(Validity.TRUE, details);
  }

  // Three significant digits: enough to tell 99 ms from 100 ms, small enough for every f.
  private static Histogram histogram() {
    return new Histogram(3);
  }

  /** {@code count}, then min, quantiles and max in milliseconds; only the count when empty. */
  static Map<String, Object> summary(Histogram h) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("count", h.getTotalCount());
    if (h.getTotalCount() == 0) {
      return s;
    }
    s.put("0", millis(h.getMinValue()));
    for (int i = 0; i < PERCENTILES.length; i++) {
      s.put(KEYS[i], millis(h.getValueAtPercentile(PERCENTILES[i])));
    }
    s.put("1", millis(h.getMaxValue()));
    s.put("mean", Math.round(h.getMean()) / 1000.0);
    return s;
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
