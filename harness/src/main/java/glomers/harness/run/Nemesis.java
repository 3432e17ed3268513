package glomers.harness.run;

import glomers.harness.abort.Abort;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.log.Log;
import glomers.harness.nemesis.FaultSchedule;
import glomers.harness.nemesis.NodeControl;
import glomers.harness.net.Partitions;
import glomers.harness.options.Faults;
import glomers.harness.options.TestOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The nemesis (docs/bench.md#nemesis-schedule): carries out the {@link FaultSchedule} of a main
 * phase, one op at a time as Jepsen's single nemesis thread does (an op due while another is still
 * running waits for it), records each op in the history, and before a final phase undoes every fault.
 * Partitions act on the network; kill and pause go through the stage's {@link NodeControl}.
 *
 * <p>This is the run's one fault step, for both run modes: the {@link Lifecycle} runs {@link #run}
 * as a task beside the main phase's ops and calls {@link #recover} before the final phase.
 */
public final class Nemesis {
  private final Partitions partitions;
  private final NodeControl control;
  private final Faults faults;
  private final List<String> nodes;
  private final HistoryRecorder history;
  private final List<FaultSchedule.Planned> plan;
  private volatile Runnable onOp = () -> {};

  Nemesis(Partitions partitions, NodeControl control, Faults faults, List<String> nodes, HistoryRecorder history,
      List<FaultSchedule.Planned> plan) {
    this.partitions = partitions;
    this.control = control;
    this.faults = faults;
    this.nodes = nodes;
    this.history = history;
    this.plan = plan;
  }

  /** The run's nemesis, its plan drawn from the run's seed; null if the run injects no fault. */
  static Nemesis of(TestOptions options, Partitions partitions, NodeControl control, Randoms randoms,
      HistoryRecorder history) {
    Faults faults = options.nemesis();
    if (!faults.any()) {
      return null;
    }
    List<FaultSchedule.Planned> plan = FaultSchedule.plan(faults, options.nodes(), options.nemesisIntervalSeconds(),
        TimeUnit.SECONDS.toNanos(options.timeLimitSeconds()), randoms.nemesis(), randoms.nodeFaults());
    return new Nemesis(partitions, control, faults, options.nodes(), history, plan);
  }

  /** Called at each of the main phase's nemesis ops: Jepsen's choice of worker counts them (OpSchedule). */
  void onOp(Runnable onOp) {
    this.onOp = onOp;
  }

  /** Runs the plan on {@code stage} from {@code startNanos} until {@code endNanos}, or until the run is stopped. */
  void run(Stage stage, long startNanos, long endNanos) throws Abort.AbortedException, InterruptedException {
    for (FaultSchedule.Planned op : plan) {
      // An op that fell due while a slow one ran (a restart waiting for init) runs late, but never past the limit.
      if (!stage.sleepUntil(startNanos + op.atNanos()) || stage.now() >= endNanos) {
        return;
      }
      apply(stage, op);
    }
  }

  /** One op of the plan. */
  private void apply(Stage stage, FaultSchedule.Planned op) throws Abort.AbortedException, InterruptedException {
    onOp.run();
    switch (op.f()) {
      case "start-partition" -> startPartition((String) op.value(), op.grudge());
      case "stop-partition" -> heal();
      default -> nodeFault(stage, op.f(), op.value(), op.targets());
    }
  }

  /**
   * Before a final phase, as Jepsen's final generator: heal the network, resume every node, start
   * every killed one, each for the faults the run injects.
   */
  void recover(Stage stage) throws Abort.AbortedException, InterruptedException {
    if (faults.partition()) {
      heal();
    }
    if (faults.pause()) {
      nodeFault(stage, "resume", "all", nodes);
    }
    if (faults.kill()) {
      nodeFault(stage, "start", "all", nodes);
    }
  }

  private void startPartition(String spec, Map<String, Set<String>> grudge) {
    history.record(OpType.INFO, Op.NEMESIS, "start-partition", spec, null, false);
    partitions.add(grudge);
    Map<String, Object> printable = new LinkedHashMap<>();
    grudge.forEach((dest, srcs) -> printable.put(dest, List.copyOf(srcs)));
    history.record(OpType.INFO, Op.NEMESIS, "start-partition", List.of("isolated", printable), null, false);
    Log.info("nemesis: start-partition " + spec + " " + printable);
  }

  private void heal() {
    history.record(OpType.INFO, Op.NEMESIS, "stop-partition", null, null, false);
    partitions.heal();
    history.record(OpType.INFO, Op.NEMESIS, "stop-partition", "network-healed", null, false);
    Log.info("nemesis: stop-partition, network healed");
  }

  /**
   * A kill, start, pause or resume of {@code targets}: completed with each node's word, or, if it
   * failed for any node (a restarted node that did not answer init), with the invoked value and the
   * error, as Jepsen completes a nemesis op that threw; the run goes on either way.
   */
  private void nodeFault(Stage stage, String f, Object value, List<String> targets)
      throws Abort.AbortedException, InterruptedException {
    history.record(OpType.INFO, Op.NEMESIS, f, value, null, false);
    String[] words = new String[targets.size()];
    String[] failures = new String[targets.size()];
    if (control.concurrent() && targets.size() > 1) {
      List<Integer> indexes = IntStream.range(0, targets.size()).boxed().toList();
      stage.runAll(indexes, i -> "nemesis-" + f + "-" + targets.get(i), i -> act(f, targets.get(i), words, failures, i));
    } else {
      for (int i = 0; i < targets.size(); i++) {
        act(f, targets.get(i), words, failures, i);
      }
    }
    Map<String, Object> done = new LinkedHashMap<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      if (failures[i] != null || words[i] == null) {
        failed.add(failures[i] != null ? failures[i] : targets.get(i) + ": not done, the run was interrupted");
      } else {
        done.put(targets.get(i), words[i]);
      }
    }
    String spec = value == null ? "subset" : value.toString();
    if (failed.isEmpty()) {
      history.record(OpType.INFO, Op.NEMESIS, f, done, null, false);
      Log.info("nemesis: " + f + " " + spec + " " + done);
    } else {
      String error = "indeterminate: " + String.join("; ", failed);
      history.record(OpType.INFO, Op.NEMESIS, f, value, error, false);
      Log.info("nemesis: " + f + " " + spec + " " + done + ", failed: " + String.join("; ", failed));
    }
  }

  private void act(String f, String node, String[] words, String[] failures, int index) {
    try {
      words[index] = switch (f) {
        case "kill" -> control.kill(node);
        case "start" -> control.start(node);
        case "pause" -> control.pause(node);
        case "resume" -> control.resume(node);
        default -> throw new IllegalArgumentException("unknown nemesis op " + f);
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failures[index] = node + ": interrupted";
    } catch (Exception e) {
      failures[index] = e.getMessage() == null ? node + ": " + e : e.getMessage();
    }
  }

  /** The plan this nemesis carries out, for tests. */
  List<FaultSchedule.Planned> plan() {
    return plan;
  }
}
