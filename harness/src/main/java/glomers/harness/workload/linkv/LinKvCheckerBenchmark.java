package glomers.harness.workload.linkv;

import glomers.harness.checker.Validity;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.workload.Completion;
import glomers.harness.workload.Generator;
import glomers.harness.workload.Invocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * Times the lin-kv checker on generated linearizable histories: every ok op takes effect at one
 * instant inside its own interval on an atomic register, so the verdict must be true.
 *
 * <ul>
 *   <li>{@code partitions}: Maelstrom's generator for 5 nodes and 10 workers at 200 ops/s for 60 s
 *       (about 11,000 ops); a third of each 20 s the last two nodes are cut off, where reads fail,
 *       writes and cas fail or time out ({@code :info}), and half of the timed-out ones take effect
 *       anyway, later. Keys rotate as Maelstrom's do (almost all ops stay on key 0).
 *   <li>{@code one-key}: 100,000 ops from 10 closed-loop workers on key 0 (5 read, 5 write or cas),
 *       1 ms to 20 ms each, one write or cas in 500 timing out.
 *   <li>{@code hard}: 2,000 ops on key 0 where a third of the writes and cas time out, half of
 *       those taking effect: many concurrent {@code :info} ops the search may place anywhere.
 * </ul>
 *
 * <p>{@code hard-broken} and {@code partitions-broken} are the same histories with the last ok read of
 * key 0 returning a value nobody wrote, so the search must rule out every order before it.
 *
 * <p>Usage: {@code LinKvCheckerBenchmark [partitions|one-key|hard|hard-broken|partitions-broken] [runs (5)] [seed (1)]}.
 */
public final class LinKvCheckerBenchmark {
  private LinKvCheckerBenchmark() {}

  public static void main(String[] args) {
    String mode = args.length > 0 ? args[0] : "partitions";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    List<Op> history = switch (mode) {
      case "partitions" -> partitions(new Random(seed));
      case "one-key" -> oneKey(new Random(seed), 100_000, 500);
      case "hard" -> oneKey(new Random(seed), 2_000, 3);
      case "hard-broken", "partitions-broken" -> broken(mode.startsWith("hard") ? oneKey(new Random(seed), 2_000, 3) : partitions(new Random(seed)));
      default -> throw new IllegalArgumentException("mode is partitions, one-key, hard, hard-broken or partitions-broken, not " + mode);
    };
    boolean expectValid = !mode.endsWith("-broken");
    Map<Object, Long> perKey = new HashMap<>();
    long infos = 0;
    for (Op op : history) {
      if (op.isInvoke()) {
        perKey.merge(((List<?>) op.value()).get(0), 1L, Long::sum);
      } else if (op.type() == OpType.INFO) {
        infos++;
      }
    }
    System.out.printf("history %s: %d ops (%d invocations, %d :info), %d keys, key 0 has %d invocations%n",
        mode, history.size(), history.size() / 2, infos, perKey.size(), perKey.getOrDefault(0L, 0L));
    System.gc();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double best = Double.MAX_VALUE;
    double bestCpu = Double.MAX_VALUE;
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      long cpuStart = os.getProcessCpuTime();
      LinearizabilityChecker.Keys result = new LinearizabilityChecker().check(history);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
      best = Math.min(best, seconds);
      bestCpu = Math.min(bestCpu, cpu);
      long steps = 0;
      for (LinearizabilityChecker.KeyVerdict key : result.keys().values()) {
        steps += key.check().outcome() == null ? 0 : key.check().outcome().steps();
      }
      System.out.printf("run %d: %.3f s wall, %.3f s process CPU, %d model steps, verdict %s%n",
          run, seconds, cpu, steps, result.valid().json());
      if (expectValid && result.valid() != Validity.TRUE) {
        System.out.println("UNEXPECTED: the generated history is linearizable by construction");
        System.exit(1);
      }
      if (!expectValid && result.valid() == Validity.TRUE) {
        System.out.println("UNEXPECTED: the history has a read of a value nobody wrote");
        System.exit(1);
      }
    }
    System.out.printf("lin-kv check (%s, %d ops): best %.3f s wall, %.3f s process CPU%n", mode, history.size(), best, bestCpu);
  }

  /** The history with its last ok read of key 0 returning 7, a value nobody writes. */
  static List<Op> broken(List<Op> history) {
    List<Op> out = new ArrayList<>(history);
    for (int i = out.size() - 1; i >= 0; i--) {
      Op op = out.get(i);
      if (op.type() == OpType.OK && op.f().equals("read") && Objects.equals(((List<?>) op.value()).get(0), 0L)) {
        out.set(i, new Op(op.index(), op.time(), op.type(), op.process(), op.f(), List.of(0L, 7L), null, false));
        break;
      }
    }
    return out;
  }

  /** A simulated run: events in time order; each ok op takes effect at one instant inside its interval. */
  private static final class Sim {
    record Event(long time, long seq, Runnable action) {}

    final PriorityQueue<Event> queue =
        new PriorityQueue<>((x, y) -> x.time != y.time ? Long.compare(x.time, y.time) : Long.compare(x.seq, y.seq));
    final List<Op> history = new ArrayList<>();
    final Map<Object, Object> register = new HashMap<>();
    long seq;
    long now;

    void at(long time, Runnable action) {
      queue.add(new Event(time, seq++, action));
    }

    void record(OpType type, int process, String f, Object value, Object error) {
      history.add(new Op(history.size(), now * 1000, type, process, f, value, error, false));
    }

    /** Performs every event up to {@code time}, so the generator sees completions before it picks the next op. */
    void runUntil(long time) {
      while (!queue.isEmpty() && queue.peek().time <= time) {
        Event e = queue.poll();
        now = e.time;
        e.action.run();
      }
    }

    void run() {
      while (!queue.isEmpty()) {
        Event e = queue.poll();
        now = e.time;
        e.action.run();
      }
    }

    /** Applies op to the register now; returns its completion (cas against another value fails). */
    Completion apply(Invocation op) {
      List<?> t = (List<?>) op.value();
      Object key = t.get(0);
      Object current = register.get(key);
      return switch (op.f()) {
        case "read" -> Completion.ok(Arrays.asList(key, current));
        case "write" -> {
          register.put(key, t.get(1));
          yield Completion.ok(op.value());
        }
        default -> {
          List<?> ft = (List<?>) t.get(1);
          if (current == null) {
            yield Completion.fail(op.value(), List.of("key-does-not-exist", "no key"));
          }
          if (!Objects.equals(current, ft.get(0))) {
            yield Completion.fail(op.value(), List.of("precondition-failed", "mismatch"));
          }
          register.put(key, ft.get(1));
          yield Completion.ok(op.value());
        }
      };
    }
  }

  /** Maelstrom's generator, 5 nodes, 10 workers, 200 ops/s for 60 s, partitions cutting n3 and n4 off. Times in microseconds. */
  static List<Op> partitions(Random random) {
    int workers = 10;
    Generator gen = new LinKvGenerator(random, 5, workers);
    Sim sim = new Sim();
    int[] process = new int[workers];
    long[] free = new long[workers];
    for (int w = 0; w < workers; w++) {
      process[w] = w;
    }
    long end = 60_000_000L;
    long lastStart = 0;
    for (long slot = 0; slot < end; slot += 5_000) {
      int w = 0;
      for (int i = 1; i < workers; i++) {
        if (free[i] < free[w]) {
          w = i;
        }
      }
      long start = Math.max(Math.max(slot, free[w]), lastStart);
      lastStart = start;
      if (start >= end) {
        break;
      }
      sim.runUntil(start);
      Invocation op = gen.next(w);
      int worker = w;
      boolean cut = (start / 20_000_000L) % 3 != 0 && start % 20_000_000L > 10_000_000L && (w % 5) >= 3;
      long latency = 1_000 + random.nextInt(20_000);
      if (cut) {
        boolean timeout = !op.f().equals("read") && random.nextBoolean();
        latency = timeout ? 1_000_000 : latency;
        long done = start + latency;
        free[w] = done;
        boolean applied = timeout && random.nextBoolean();
        long applyAt = start + random.nextInt(2_000_000);
        int p = process[w];
        sim.at(start, () -> sim.record(OpType.INVOKE, p, op.f(), op.value(), null));
        if (applied) {
          sim.at(applyAt, () -> sim.apply(op));
        }
        if (timeout) {
          process[w] += workers;
          sim.at(done, () -> {
            sim.record(OpType.INFO, p, op.f(), op.value(), List.of("net-timeout"));
            gen.completed(worker, op, Completion.info(op.value(), List.of("net-timeout")));
          });
        } else {
          sim.at(done, () -> sim.record(OpType.FAIL, p, op.f(), op.value(), List.of("temporarily-unavailable", "cut off")));
        }
        continue;
      }
      simulateOk(sim, random, op, process[w], start, latency);
      free[w] = start + latency;
    }
    sim.run();
    return sim.history;
  }

  private static void simulateOk(Sim sim, Random random, Invocation op, int p, long start, long latency) {
    long applyAt = start + 1 + (long) (random.nextDouble() * (latency - 2));
    Completion[] result = new Completion[1];
    sim.at(start, () -> sim.record(OpType.INVOKE, p, op.f(), op.value(), null));
    sim.at(applyAt, () -> result[0] = sim.apply(op));
    sim.at(start + latency, () -> sim.record(result[0].type(), p, op.f(), result[0].value(), result[0].error()));
  }

  /** {@code ops} ops from 10 closed-loop workers on key 0; one write or cas in {@code infoOneIn} times out. */
  static List<Op> oneKey(Random random, int ops, int infoOneIn) {
    int workers = 10;
    Sim sim = new Sim();
    int[] process = new int[workers];
    long[] free = new long[workers];
    for (int w = 0; w < workers; w++) {
      process[w] = w;
    }
    for (int i = 0; i < ops; i++) {
      int w = 0;
      for (int j = 1; j < workers; j++) {
        if (free[j] < free[w]) {
          w = j;
        }
      }
      long start = free[w] + random.nextInt(1_000);
      Invocation op;
      if (w < 5) {
        op = new Invocation("read", Arrays.asList(0L, null));
      } else if (random.nextInt(3) == 0) {
        op = new Invocation("write", List.of(0L, (long) random.nextInt(5)));
      } else {
        op = new Invocation("cas", List.of(0L, List.of((long) random.nextInt(5), (long) random.nextInt(5))));
      }
      long latency = 1_000 + random.nextInt(19_000);
      int p = process[w];
      if (w >= 5 && random.nextInt(infoOneIn) == 0) {
        long done = start + 50_000 + random.nextInt(50_000);
        sim.at(start, () -> sim.record(OpType.INVOKE, p, op.f(), op.value(), null));
        if (random.nextBoolean()) {
          sim.at(start + random.nextInt(200_000), () -> sim.apply(op));
        }
        sim.at(done, () -> sim.record(OpType.INFO, p, op.f(), op.value(), List.of("net-timeout")));
        process[w] += workers;
        free[w] = done;
        continue;
      }
      simulateOk(sim, random, op, p, start, latency);
      free[w] = start + latency;
    }
    sim.run();
    return sim.history;
  }
}
