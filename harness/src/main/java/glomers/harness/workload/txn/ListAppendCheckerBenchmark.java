package glomers.harness.workload.txn;

import glomers.harness.checker.elle.ListAppendChecker;
import glomers.harness.history.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times the list-append checker under strict-serializable on a generated history: {@code
 * processes} clients with overlapping txns against one atomic store of lists, as {@link
 * CheckerBenchmark} builds them. Usage: {@code ListAppendCheckerBenchmark [txns (100000)] [processes (50)] [runs (5)] [seed
 * (1)] [stale (0)]}; a positive {@code stale} makes that fraction of non-empty reads miss their
 * last element, which a strict-serializable check must flag, for timing a history with anomalies.
 */
public final class ListAppendCheckerBenchmark {
  private ListAppendCheckerBenchmark() {}

  public static void main(String[] args) {
    CheckerBenchmark.run(args, "strict-serializable list-append", new ListAppendChecker(List.of("strict-serializable")),
        ListAppendCheckerBenchmark::history);
  }

  /** A strict-serializable list-append history (unless {@code stale} > 0). */
  static List<Op> history(int txns, int processes, Random random, double stale) {
    Map<Object, List<Object>> store = new HashMap<>();
    return CheckerBenchmark.history(txns, processes, random, new WrTxnGenerator(random, 10, 4, 16, "append"), mop -> {
      List<Object> list = store.get(mop.get(1));
      if ("append".equals(mop.get(0))) {
        store.computeIfAbsent(mop.get(1), k -> new ArrayList<>()).add(mop.get(2));
        return mop;
      }
      List<Object> read = list == null ? null : new ArrayList<>(list);
      if (read != null && !read.isEmpty() && random.nextDouble() < stale) {
        read.remove(read.size() - 1);
      }
      return Arrays.asList("r", mop.get(1), read);
    });
  }
}
