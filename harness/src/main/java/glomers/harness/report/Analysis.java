package glomers.harness.report;

import glomers.harness.checker.Availability;
import glomers.harness.checker.Checker;
import glomers.harness.checker.Net;
import glomers.harness.checker.Perf;
import glomers.harness.checker.Result;
import glomers.harness.checker.Stats;
import glomers.harness.options.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.net.NetStats;
import glomers.harness.workload.Workload;
import java.util.List;

/** Maelstrom's composed checker (docs/bench.md#checkers-and-verdict): one result per sub-checker, then the merged verdict. */
public final class Analysis {
  private Analysis() {}

  /** With the message counts of the run's journal, and no node errors. */
  public static Results compose(TestOptions options, Workload workload, List<Op> history, NetStats net) {
    return compose(options, workload, history, net, new Result.Valid());
  }

  /** As above, with the {@code exceptions} entry given: the nodes' logged errors ({@link NodeLogs#scan}). */
  public static Results compose(
      TestOptions options, Workload workload, List<Op> history, NetStats net, Result exceptions) {
    long opCount = history.stream().filter(op -> op.isClient() && op.isInvoke()).count();
    return compose(options, workload, history, Net.of(net.counts(), opCount), exceptions);
  }

  /**
   * As above with the {@code net} result given ({@code analyze} reuses the run's own). Node errors
   * are counted but always valid (docs/bench.md#node-errors).
   */
  public static Results compose(
      TestOptions options, Workload workload, List<Op> history, Result net, Result exceptions) {
    Result perf = run(new Perf(), history);
    Result stats = run(new Stats(workload.statsExempt(), options.nodes(), options.concurrency()), history);
    Result availability = run(new Availability(options.availability()), history);
    Checker workloadChecker;
    try {
      workloadChecker = workload.checker(options);
    } catch (RuntimeException e) {
      workloadChecker = h -> {
        throw e;
      };
    }
    return Results.of(perf, exceptions, stats, availability, net, run(workloadChecker, history));
  }

  private static Result run(Checker checker, List<Op> history) {
    try {
      return checker.check(history);
    } catch (RuntimeException | StackOverflowError e) {
      return Result.Failed.of(e);
    }
  }
}
