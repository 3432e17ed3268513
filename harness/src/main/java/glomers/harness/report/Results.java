package glomers.harness.report;

import glomers.harness.checker.Explained;
import glomers.harness.checker.Net;
import glomers.harness.checker.Perf;
import glomers.harness.checker.Result;
import glomers.harness.checker.Stats;
import glomers.harness.checker.Validity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's verdict and one typed result per checker, as Maelstrom's composed checker gives them
 * (docs/bench.md#checkers-and-verdict). Each entry is its checker's own record ({@link Perf.Latencies},
 * {@link Stats.Completions}...), or {@link Result.Failed} if that checker threw. It becomes JSON only
 * where it is written: {@link #json} for results.json and the report.
 *
 * @param exceptions the errors the nodes logged ({@link NodeLogs.Errors}), or a plain valid entry
 * @param net message counts ({@link Net}), or a plain valid entry when a run has none
 * @param workload the workload's checker's result
 * @param cutShort how the run was cut short, or null if it ended normally; no checker, so not in the verdict
 * @param valid every checker's verdict merged ({@link Validity#and})
 */
public record Results(Result perf, Result exceptions, Result stats, Result availability, Result net, Result workload,
    CutShort.Entry cutShort, Validity valid) {
  /** Maelstrom's {@code timeline} checker draws a picture and is always valid; the bench keeps its entry. */
  private static final Result TIMELINE = new Result.Valid();

  /** The checkers' results, with the verdict they give together. */
  public static Results of(Result perf, Result exceptions, Result stats, Result availability, Result net, Result workload) {
    Validity valid = Validity.TRUE;
    for (Result r : new Result[] {perf, TIMELINE, exceptions, stats, availability, net, workload}) {
      valid = valid.and(r.valid());
    }
    return new Results(perf, exceptions, stats, availability, net, workload, null, valid);
  }

  /** The same results for a run that was cut short; the verdict stays the checkers'. */
  public Results cutShort(CutShort.Entry cut) {
    return new Results(perf, exceptions, stats, availability, net, workload, cut, valid);
  }

  /** The checkers by their results.json names, in its order. */
  public Map<String, Result> byName() {
    Map<String, Result> all = new LinkedHashMap<>();
    all.put("perf", perf);
    all.put("timeline", TIMELINE);
    all.put("exceptions", exceptions);
    all.put("stats", stats);
    all.put("availability", availability);
    all.put("net", net);
    all.put("workload", workload);
    return all;
  }

  /** The workload's explanations in words, or null when its checker gives none. */
  public Explained explained() {
    return workload instanceof Explained e ? e : null;
  }

  /**
   * results.json, as Maelstrom's results.edn in JSON: one entry per checker, the merged verdict,
   * then {@code cut-short} if the run was.
   */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    byName().forEach((name, result) -> json.put(name, result.json()));
    json.putAll(Result.entry(valid));
    if (cutShort != null) {
      json.put("cut-short", cutShort.json());
    }
    return json;
  }
}
