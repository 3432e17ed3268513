package glomers.harness.report;

import glomers.harness.checker.Availability;
import glomers.harness.checker.Checker;
import glomers.harness.checker.Perf;
import glomers.harness.checker.Result;
import glomers.harness.checker.Stats;
import glomers.harness.checker.Validity;
import glomers.harness.options.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.net.NetStats;
import glomers.harness.workload.Workload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maelstrom's composed checker (docs/bench.md#checkers-and-verdict): one entry per sub-checker, then the merged verdict. */
public final class Analysis {
  private Analysis() {}

  public static Map<String, Object> compose(
      TestOptions options, Workload workload, List<Op> history, NetStats net) {
    long opCount = history.stream().filter(op -> op.isClient() && op.isInvoke()).count();
    return compose(options, workload, history, net.toResult(opCount), Map.of("valid?", true));
  }

  /** As above, with the {@code exceptions} entry given: the nodes' logged errors ({@link NodeLogs#scan}). */
  public static Map<String, Object> compose(
      TestOptions options, Workload workload, List<Op> history, NetStats net, Map<String, Object> exceptions) {
    long opCount = history.stream().filter(op -> op.isClient() && op.isInvoke()).count();
    return compose(options, workload, history, net.toResult(opCount), exceptions);
  }

  /** As above with the {@code net} result given: {@code analyze} reuses the run's own. */
  public static Map<String, Object> compose(
      TestOptions options, Workload workload, List<Op> history, Map<String, Object> netResult) {
    return compose(options, workload, history, netResult, Map.of("valid?", true));
  }

  /**
   * As above with both the {@code net} and the {@code exceptions} result given. Node errors are
   * counted there but always valid (docs/bench.md#node-errors).
   */
  public static Map<String, Object> compose(
      TestOptions options, Workload workload, List<Op> history, Map<String, Object> netResult,
      Map<String, Object> exceptions) {
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("perf", run(new Perf(), history));
    results.put("timeline", Map.of("valid?", true));
    results.put("exceptions", exceptions);
    results.put("stats", run(new Stats(workload.statsExempt(), options.nodes(), options.concurrency()), history));
    results.put("availability", run(new Availability(options.availability()), history));
    results.put("net", netResult);
    Checker workloadChecker;
    try {
      workloadChecker = workload.checker(options);
    } catch (RuntimeException e) {
      workloadChecker = h -> {
        throw e;
      };
    }
    results.put("workload", run(workloadChecker, history));
    Validity valid = Validity.TRUE;
    for (Object sub : results.values()) {
      valid = valid.and(validityOf(sub));
    }
    results.put("valid?", valid.json());
    return results;
  }

  private static Map<String, Object> run(Checker checker, List<Op> history) {
    try {
      Result result = checker.check(history);
      return result.toJson();
    } catch (RuntimeException | StackOverflowError e) {
      Map<String, Object> failed = new LinkedHashMap<>();
      failed.put("valid?", "unknown");
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      failed.put("error", trace.toString());
      return failed;
    }
  }

  static Validity validityOf(Object checkerResult) {
    if (checkerResult instanceof Map<?, ?> map) {
      Object valid = map.get("valid?");
      if (Boolean.TRUE.equals(valid)) {
        return Validity.TRUE;
      }
      if (Boolean.FALSE.equals(valid)) {
        return Validity.FALSE;
      }
      return Validity.UNKNOWN;
    }
    return Validity.TRUE;
  }

  public static Validity validity(Map<String, Object> results) {
    return validityOf(results);
  }
}
