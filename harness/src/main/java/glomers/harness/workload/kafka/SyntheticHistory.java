package glomers.harness.workload.kafka;

import glomers.harness.checker.Checker;
import glomers.harness.checker.Perf;
import glomers.harness.checker.Result;
import glomers.harness.checker.Stats;
import glomers.harness.cli.TestOptions;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.nemesis.Faults;
import glomers.harness.report.Reports;
import glomers.harness.report.StoredRun;
import glomers.harness.service.SeqKv;
import glomers.harness.workload.Completion;
import glomers.harness.workload.Connection;
import glomers.harness.workload.FinalPhase;
import glomers.harness.workload.Invocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Writes a run folder holding a long, valid kafka history for timing the checker: the real
 * generator, clients and final phase against an in-memory log, on a simulated clock. Workers
 * overlap: each op takes effect when invoked and completes at a later step, so the history is
 * concurrent yet linearizable. A few sends time out (taking effect or not), which recycles the
 * worker's process and client as crashes do.
 *
 * <p>Usage: {@code SyntheticHistory DIR [OPS] [SEED]}, OPS invocations (default 1,000,000); {@code
 * SyntheticHistory --time DIR [ROUNDS]} times the checkers alone on a stored run.
 */
public final class SyntheticHistory {
  private static final int CONCURRENCY = 10;
  private static final double RATE = 1000;
  private static final int BATCH = 16;

  /** One shared log; connections see it synchronously. */
  private static final class Broker {
    final Map<String, List<Object>> logs = new HashMap<>();
    final Random random;

    Broker(Random random) {
      this.random = random;
    }

    Connection connection(int id) {
      return new Connection() {
        @Override
        public String id() {
          return "c" + id;
        }

        @Override
        public String node() {
          return "n" + (id % 5);
        }

        @Override
        public Map<String, Object> call(Map<String, Object> body, Duration timeout) throws TimeoutException {
          return handle(body);
        }
      };
    }

    Map<String, Object> handle(Map<String, Object> body) throws TimeoutException {
      Map<String, Object> reply = new LinkedHashMap<>();
      reply.put("in_reply_to", 1L);
      switch ((String) body.get("type")) {
        case "send" -> {
          boolean lost = random.nextInt(1000) == 0;
          if (lost && random.nextBoolean()) {
            throw new TimeoutException();
          }
          List<Object> log = logs.computeIfAbsent((String) body.get("key"), k -> new ArrayList<>());
          log.add(body.get("msg"));
          if (lost) {
            throw new TimeoutException();
          }
          reply.put("type", "send_ok");
          reply.put("offset", (long) log.size() - 1);
        }
        case "poll" -> {
          Map<String, Object> msgs = new LinkedHashMap<>();
          ((Map<?, ?>) body.get("offsets"))
              .forEach(
                  (key, from) -> {
                    List<Object> log = logs.getOrDefault(key, List.of());
                    List<Object> pairs = new ArrayList<>();
                    for (long o = (Long) from; o < log.size() && pairs.size() < BATCH; o++) {
                      pairs.add(List.of(o, log.get((int) o)));
                    }
                    msgs.put((String) key, pairs);
                  });
          reply.put("type", "poll_ok");
          reply.put("msgs", msgs);
        }
        case "commit_offsets" -> reply.put("type", "commit_offsets_ok");
        case "list_committed_offsets" -> {
          reply.put("type", "list_committed_offsets_ok");
          reply.put("offsets", Map.of());
        }
        default -> throw new IllegalArgumentException(body.toString());
      }
      return reply;
    }
  }

  private final class Worker {
    final int index;
    int process;
    KafkaClient client;
    Invocation pending;
    Completion result;

    Worker(int index) {
      this.index = index;
      this.process = index;
      connect();
    }

    void connect() {
      client = new KafkaClient(broker.connection(nextConnection++));
    }

    void invoke(Invocation invocation) {
      record(OpType.INVOKE, process, invocation, invocation.value(), null);
      try {
        result = client.invoke(invocation);
      } catch (Exception e) {
        result = Completion.info(invocation.value(), "indeterminate: " + e.getMessage());
      }
      pending = invocation;
    }

    Completion complete() {
      Completion done = result;
      record(done.type(), process, pending, done.value(), done.error());
      pending = null;
      if (done.type() == OpType.INFO) {
        process += CONCURRENCY;
        connect();
      }
      return done;
    }
  }

  private final Broker broker;
  private final List<Op> history = new ArrayList<>();
  private long now;
  private int nextConnection;

  private SyntheticHistory(Random random) {
    this.broker = new Broker(new Random(random.nextLong()));
  }

  private void record(OpType type, int process, Invocation invocation, Object value, Object error) {
    history.add(new Op(history.size(), now, type, process, invocation.f(), value, error, invocation.finalPhase()));
  }

  private List<Op> generate(long ops, Random random) {
    Progress progress = new Progress();
    KafkaGenerator generator = new KafkaGenerator(new Random(random.nextLong()), 10, 16, CONCURRENCY, progress, () -> now);
    List<Worker> workers = new ArrayList<>();
    for (int i = 0; i < CONCURRENCY; i++) {
      workers.add(new Worker(i));
    }
    double meanGap = 1e9 / RATE;
    long invoked = 0;
    while (invoked < ops) {
      now += (long) (random.nextDouble() * meanGap) + 1;
      Worker worker = workers.get(random.nextInt(CONCURRENCY));
      if (worker.pending != null) {
        Invocation invocation = worker.pending;
        generator.completed(worker.index, invocation, worker.complete());
      } else {
        worker.invoke(generator.next(worker.index));
        invoked++;
      }
    }
    for (Worker worker : workers) {
      if (worker.pending != null) {
        now += 1000;
        Invocation invocation = worker.pending;
        generator.completed(worker.index, invocation, worker.complete());
      }
    }
    now += 10_000_000_000L;
    for (Worker worker : workers) {
      FinalPhase phase = new KafkaFinalPhase(progress.targets(), new Random(random.nextLong()));
      FinalPhase.Step step;
      while ((step = phase.next(now)) != null) {
        now += Math.max(1, step.delayNanos());
        worker.invoke(step.invocation());
        now += 1_000_000;
        phase.completed(step.invocation(), worker.complete());
      }
    }
    return history;
  }

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
            "round %d: %s checker %.2f s wall, %.2f s CPU of which GC pauses %.2f s, valid? %s%n",
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
    List<Op> history = new SyntheticHistory(new Random(seed)).generate(ops, new Random(seed));
    List<String> nodes = List.of("n0", "n1", "n2", "n3", "n4");
    TestOptions options =
        new TestOptions(
            "kafka", Path.of("synthetic"), nodes, CONCURRENCY, (int) (ops / RATE), RATE, 0, "constant", Faults.NONE, 10,
            null, List.of("strict-serializable"), 10, 4, 16, null, SeqKv.Staleness.UNIFORM, false, false, false, 1, seed,
            List.of());
    StoredRun.writeOptions(dir, options);
    Reports.writeHistory(dir, history);
    System.out.printf(
        "wrote %d history entries (%d ops) to %s in %.1f s%n", history.size(), history.size() / 2, dir, (System.nanoTime() - start) / 1e9);
  }
}
