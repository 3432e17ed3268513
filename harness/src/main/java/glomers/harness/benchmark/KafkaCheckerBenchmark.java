package glomers.harness.benchmark;

import glomers.harness.checker.Checker;
import glomers.harness.checker.Perf;
import glomers.harness.checker.Result;
import glomers.harness.checker.Stats;
import glomers.harness.history.Op;
import glomers.harness.options.Faults;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.TestOptions;
import glomers.harness.report.Reports;
import glomers.harness.report.StoredRun;
import glomers.harness.workload.kafka.KafkaChecker;
import glomers.harness.workload.kafka.SyntheticHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a run folder (options.json, history.jsonl) holding a long, valid kafka history from {@link
 * SyntheticHistory}, for timing {@code maelstrom analyze} and the checkers on it. It sits above the
 * report layer, which writes the folder, so the workload's history maker need not.
 *
 * <p>Usage: {@code KafkaCheckerBenchmark DIR [OPS] [SEED]}, OPS invocations (default 1,000,000);
 * {@code KafkaCheckerBenchmark --time DIR [ROUNDS]} times the checkers alone on a stored run.
 */
public final class KafkaCheckerBenchmark {
  private KafkaCheckerBenchmark() {}

  /** Times each checker on a stored run's history, {@code rounds} times (the first warms the JIT). */
  private static void time(Path dir, int rounds) throws Exception {
    long start = System.nanoTime();
    List<Op> history = StoredRun.readHistory(dir);
    System.out.printf("read %d history entries in %.2f s%n", history.size(), (System.nanoTime() - start) / 1e9);
    Map<String, Checker> checkers = new LinkedHashMap<>();
    checkers.put("kafka", new KafkaChecker());
    checkers.put("perf", new Perf());
    checkers.put("stats", new Stats(Set.of("crash")));
    for (int round = 1; round <= rounds; round++) {
      for (Map.Entry<String, Checker> checker : checkers.entrySet()) {
        long t = System.nanoTime();
        long cpu = cpuNanos();
        long gc = gcMillis();
        Result result = checker.getValue().check(history);
        System.out.printf(
            "round %d: %s checker %.2f s wall, %.2f s CPU of which GC pauses %.2f s, verdict %s%n",
            round, checker.getKey(), (System.nanoTime() - t) / 1e9, (cpuNanos() - cpu) / 1e9, (gcMillis() - gc) / 1e3,
            result.valid().json());
      }
    }
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }

  private static long gcMillis() {
    long total = 0;
    for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("--time")) {
      time(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 3);
      return;
    }
    Path dir = Path.of(args[0]);
    long ops = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Files.createDirectories(dir);
    long start = System.nanoTime();
    List<Op> history = SyntheticHistory.generate(ops, seed);
    List<String> nodes = List.of("n0", "n1", "n2", "n3", "n4");
    TestOptions options =
        new TestOptions(
            "kafka", Path.of("synthetic"), nodes, SyntheticHistory.CONCURRENCY, (int) (ops / SyntheticHistory.RATE),
            SyntheticHistory.RATE, 0, "constant", Faults.NONE, 10,
            null, List.of("strict-serializable"), 10, 4, 16, null, SeqKvStaleness.UNIFORM, false, false, false, 1, seed,
            List.of());
    StoredRun.writeOptions(dir, options);
    Reports.writeHistory(dir, history);
    System.out.printf(
        "wrote %d history entries (%d ops) to %s in %.1f s%n", history.size(), history.size() / 2, dir, (System.nanoTime() - start) / 1e9);
  }
}
