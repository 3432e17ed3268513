package glomers.harness.checker.elle;

import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.workload.txn.WrTxnGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times the list-append checker under strict-serializable on a generated history: {@code
 * processes} clients with overlapping txns against one atomic store of lists, each txn applied at
 * its completion (so inside its own interval), 1 % definitely failed and 0.5 % applied but timed
 * out. Usage: {@code ListAppendCheckerBenchmark [txns (100000)] [processes (50)] [runs (5)] [seed
 * (1)] [stale (0)]}; a positive {@code stale} makes that fraction of non-empty reads miss their
 * last element, which a strict-serializable check must flag, for timing a history with anomalies.
 */
public final class ListAppendCheckerBenchmark {
  private ListAppendCheckerBenchmark() {}

  public static void main(String[] args) {
    int txns = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int processes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    double stale = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    List<Op> history = history(txns, processes, new Random(seed), stale);
    CheckerBenchmark.time("strict-serializable list-append", new ListAppendChecker(List.of("strict-serializable")), history,
        txns, processes, runs, stale == 0);
  }

  /** A strict-serializable history (unless {@code stale} > 0): each txn applies atomically when it completes. */
  static List<Op> history(int txns, int processes, Random random, double stale) {
    WrTxnGenerator generator = new WrTxnGenerator(random, 10, 4, 16, "append");
    List<Op> ops = new ArrayList<>();
    Map<Object, List<Object>> store = new HashMap<>();
    @SuppressWarnings("unchecked")
    List<Object>[] pending = new List[processes];
    int[] process = new int[processes];
    for (int i = 0; i < processes; i++) {
      process[i] = i;
    }
    int invoked = 0;
    int busy = 0;
    long time = 0;
    while (invoked < txns || busy > 0) {
      int slot = random.nextInt(processes);
      time += 1 + random.nextInt(1000);
      if (pending[slot] == null) {
        if (invoked == txns) {
          continue;
        }
        pending[slot] = generator.txn();
        ops.add(new Op(ops.size(), time, OpType.INVOKE, process[slot], "txn", pending[slot], null, false));
        invoked++;
        busy++;
        continue;
      }
      List<Object> txn = pending[slot];
      pending[slot] = null;
      busy--;
      double fate = random.nextDouble();
      if (fate < 0.01) {
        ops.add(new Op(ops.size(), time, OpType.FAIL, process[slot], "txn", txn, Arrays.asList("txn-conflict", null), false));
        continue;
      }
      List<Object> done = new ArrayList<>(txn.size());
      for (Object m : txn) {
        List<?> mop = (List<?>) m;
        List<Object> list = store.get(mop.get(1));
        if ("append".equals(mop.get(0))) {
          if (list == null) {
            list = new ArrayList<>();
            store.put(mop.get(1), list);
          }
          list.add(mop.get(2));
          done.add(mop);
        } else {
          List<Object> read = list == null ? null : new ArrayList<>(list);
          if (read != null && !read.isEmpty() && random.nextDouble() < stale) {
            read.remove(read.size() - 1);
          }
          done.add(Arrays.asList("r", mop.get(1), read));
        }
      }
      if (fate < 0.015) {
        // Applied, but the client never heard back.
        ops.add(new Op(ops.size(), time, OpType.INFO, process[slot], "txn", txn, List.of("net-timeout"), false));
        process[slot] += processes;
      } else {
        ops.add(new Op(ops.size(), time, OpType.OK, process[slot], "txn", done, null, false));
      }
    }
    return ops;
  }
}
