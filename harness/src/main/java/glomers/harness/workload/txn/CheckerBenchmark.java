package glomers.harness.workload.txn;

import glomers.harness.checker.Result;
import glomers.harness.checker.elle.Anomalies;
import glomers.harness.checker.elle.RwRegisterChecker;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times the rw-register checker on a generated strict-serializable history: {@code processes}
 * clients with overlapping txns against one atomic store, each txn taking effect at its completion
 * (so inside its own interval), with a few definite failures and crashed-but-applied txns mixed in.
 * Usage: {@code CheckerBenchmark [txns (100000)] [processes (50)] [runs (5)] [seed (1)] [stale (0)]};
 * a positive {@code stale} makes that fraction of reads return the key's previous value, for timing
 * the search on a history full of anomalies.
 */
public final class CheckerBenchmark {
  private CheckerBenchmark() {}

  public static void main(String[] args) {
    run(args, "strict-serializable rw-register", new RwRegisterChecker(List.of("strict-serializable")), CheckerBenchmark::history);
  }

  /** How a txn benchmark generates its history from its arguments. */
  interface HistoryMaker {
    List<Op> history(int txns, int processes, Random random, double stale);
  }

  /**
   * The run both txn benchmarks share: reads {@code [txns (100000)] [processes (50)] [runs (5)] [seed (1)] [stale (0)]},
   * generates the history and times {@code checker} on it; without stale reads the verdict must be valid.
   */
  static void run(String[] args, String what, glomers.harness.checker.Checker checker, HistoryMaker maker) {
    int txns = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int processes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
    double stale = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    List<Op> history = maker.history(txns, processes, new Random(seed), stale);
    time(what, checker, history, txns, processes, runs, stale == 0);
  }

  /** Checks {@code history} {@code runs} times, printing wall and process CPU time of each run and the best. */
  static void time(String what, glomers.harness.checker.Checker checker, List<Op> history, int txns, int processes, int runs, boolean mustBeValid) {
    System.out.printf("history: %d txns, %d processes, %d ops%n", txns, processes, history.size());
    // After a real run the history has long been tenured; don't bill its promotion to the checker.
    System.gc();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    // Process CPU time (GC included) too: on a shared machine the wall time also measures the neighbours.
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      long gcStart = gcMillis();
      var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
      long allocated = threads.getCurrentThreadAllocatedBytes();
      Result result = checker.check(history);
      allocated = threads.getCurrentThreadAllocatedBytes() - allocated;
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      long gc = gcMillis() - gcStart;
      best = Math.min(best, seconds);
      bestCpu = Math.min(bestCpu, cpuSeconds);
      System.out.printf("run %d: %.3f s wall, %.3f s process CPU (GC %d ms, %d MB allocated), verdict %s %s%n",
          run, seconds, cpuSeconds, gc, allocated >> 20, result.valid().json(),
          result instanceof Anomalies a ? List.copyOf(a.anomalies().keySet()) : null);
      if (mustBeValid && result.valid() != glomers.harness.checker.Validity.TRUE) {
        System.out.println("UNEXPECTED: the generated history is serializable by construction");
        System.exit(1);
      }
    }
    System.out.printf("%s check of %d txns: best %.3f s wall, %.3f s process CPU (first run above)%n", what, txns, best, bestCpu);
  }

  static long gcMillis() {
    long total = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Applies one micro-op to a benchmark's store, returning the micro-op as completed. */
  interface Store {
    List<?> apply(List<?> mop);
  }

  /** A strict-serializable rw-register history (unless {@code stale} > 0). */
  static List<Op> history(int txns, int processes, Random random, double stale) {
    Map<Object, Object> previous = new HashMap<>();
    Map<Object, Object> store = new HashMap<>();
    return history(txns, processes, random, new WrTxnGenerator(random, 10, 4, 16), mop -> {
      if ("w".equals(mop.get(0))) {
        previous.put(mop.get(1), store.get(mop.get(1)));
        store.put(mop.get(1), mop.get(2));
        return mop;
      }
      Object value = random.nextDouble() < stale ? previous.get(mop.get(1)) : store.get(mop.get(1));
      return Arrays.asList("r", mop.get(1), value);
    });
  }

  /**
   * {@code processes} clients with overlapping txns from {@code generator} against {@code store},
   * each txn applied atomically when it completes; 1 % definitely fail, and 0.5 % are applied but
   * time out.
   */
  static List<Op> history(int txns, int processes, Random random, WrTxnGenerator generator, Store store) {
    List<Op> ops = new ArrayList<>();
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
        done.add(store.apply((List<?>) m));
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
