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

  /** Latency quantiles of ok ops, overall and per f (f in alphabetical order). */
  public record Latencies(Quantiles all, Map<String, Quantiles> byF) implements Result {
    @Override
    public Validity valid() {
      return Validity.TRUE;
    }

    @Override
    public Map<String, Object> json() {
      Map<String, Object> latencies = new LinkedHashMap<>();
      latencies.put("all", all.json());
      byF.forEach((f, q) -> latencies.put(f, q.json()));
      return Result.entry(Validity.TRUE, Map.of("ok-latency-ms", latencies));
    }
  }

  /** A count of ok ops and, when there are any, min, median, 95th and 99th percentile, max and mean in ms. */
  public record Quantiles(long count, double min, double median, double p95, double p99, double max, double mean) {
    /** {@code count}, then min, quantiles and max in milliseconds; only the count when empty. */
    public Map<String, Object> json() {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("count", count);
      if (count == 0) {
        return s;
      }
      s.put("0", min);
      s.put("0.5", median);
      s.put("0.95", p95);
      s.put("0.99", p99);
      s.put("1", max);
      s.put("mean", mean);
      return s;
    }
  }

  @Override
  public Latencies check(List<Op> history) {
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
    Map<String, Quantiles> quantiles = new LinkedHashMap<>();
    byF.forEach((f, h) -> quantiles.put(f, summary(h)));
    return new Latencies(summary(all), quantiles);
  }

  // Three significant digits: enough to tell 99 ms from 100 ms, small enough for every f.
  private static Histogram histogram() {
    return new Histogram(3);
  }

  static Quantiles summary(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Quantiles(0, 0, 0, 0, 0, 0, 0);
    }
    return new Quantiles(h.getTotalCount(), millis(h.getMinValue()), millis(h.getValueAtPercentile(PERCENTILES[0])),
        millis(h.getValueAtPercentile(PERCENTILES[1])), millis(h.getValueAtPercentile(PERCENTILES[2])),
        millis(h.getMaxValue()), Math.round(h.getMean()) / 1000.0);
  }

  private static double millis(long micros) {
    return micros / 1000.0;
  }
}
