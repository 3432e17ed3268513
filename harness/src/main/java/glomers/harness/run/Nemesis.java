package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.net.Partitions;
import glomers.harness.log.Log;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The partition nemesis (docs/bench.md#nemesis-schedule): start and stop alternate, the first at the start of
 * the main phase, each later one a uniform [0, 2 interval) after the previous one was due.
 *
 * <p>This is the run's one fault step, for both run modes: the {@link Lifecycle} runs {@link #run}
 * as a task beside the main phase's ops and calls {@link #heal} before the final phase. A new fault
 * is an op here; one that acts on nodes (kill, pause) also needs a {@link Stage} method, which
 * each stage implements for its nodes.
 */
public final class Nemesis {
  private final Partitions partitions;
  private final List<String> nodes;
  private final Random random;
  private final HistoryRecorder history;
  private final double intervalSeconds;
  private volatile Runnable onOp = () -> {};

  Nemesis(
      Partitions partitions,
      List<String> nodes,
      Random random,
      HistoryRecorder history,
      double intervalSeconds) {
    this.partitions = partitions;
    this.nodes = nodes;
    this.random = random;
    this.history = history;
    this.intervalSeconds = intervalSeconds;
  }

  /** Offsets (ns from the main phase start) at which nemesis ops fire before {@code limitNanos}. */
  static List<Long> schedule(Random random, double intervalSeconds, long limitNanos) {
    List<Long> times = new ArrayList<>();
    long at = 0;
    while (at < limitNanos) {
      times.add(at);
      at += (long) (random.nextDouble() * 2 * intervalSeconds * 1e9);
    }
    return times;
  }

  /** Called at each of the main phase's nemesis ops: Jepsen's choice of worker counts them (OpSchedule). */
  void onOp(Runnable onOp) {
    this.onOp = onOp;
  }

  /** Runs the schedule on {@code stage} from {@code startNanos} until {@code endNanos}, or until the run is stopped. */
  void run(Stage stage, long startNanos, long endNanos) throws Abort.AbortedException, InterruptedException {
    boolean start = true;
    for (long at = startNanos; at < endNanos; at += gapNanos()) {
      if (!stage.sleepUntil(at)) {
        return;
      }
      op(start);
      start = !start;
    }
  }

  /** One op of the main phase's schedule: a partition if {@code start}, else a heal. */
  private void op(boolean start) {
    onOp.run();
    if (start) {
      startPartition();
    } else {
      heal();
    }
  }

  /** The time from one nemesis op to the next: uniform in [0, 2 interval). */
  private long gapNanos() {
    return (long) (random.nextDouble() * 2 * intervalSeconds * 1e9);
  }

  void startPartition() {
    String spec = Partitions.GRUDGE_SPECS.get(random.nextInt(Partitions.GRUDGE_SPECS.size()));
    history.record(OpType.INFO, Op.NEMESIS, "start-partition", spec, null, false);
    Map<String, Set<String>> grudge = Partitions.grudge(spec, nodes, random);
    partitions.add(grudge);
    Map<String, Object> printable = new LinkedHashMap<>();
    grudge.forEach((dest, srcs) -> printable.put(dest, List.copyOf(srcs)));
    history.record(OpType.INFO, Op.NEMESIS, "start-partition", List.of("isolated", printable), null, false);
    Log.info("nemesis: start-partition " + spec + " " + printable);
  }

  void heal() {
    history.record(OpType.INFO, Op.NEMESIS, "stop-partition", null, null, false);
    partitions.heal();
    history.record(OpType.INFO, Op.NEMESIS, "stop-partition", "network-healed", null, false);
    Log.info("nemesis: stop-partition, network healed");
  }
}
