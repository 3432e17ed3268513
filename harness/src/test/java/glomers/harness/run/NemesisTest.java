package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.abort.Abort;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.nemesis.FaultSchedule;
import glomers.harness.nemesis.NodeControl;
import glomers.harness.net.Partitions;
import glomers.harness.options.Faults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class NemesisTest {
  private static final List<String> NODES = List.of("n0", "n1", "n2", "n3", "n4");

  /** A NodeControl that only remembers, as a process would answer: dead, paused or running. */
  private static class FakeNodes implements NodeControl {
    final List<String> calls = new ArrayList<>();
    final Map<String, String> state = new LinkedHashMap<>();
    String failStartOf;

    FakeNodes() {
      NODES.forEach(n -> state.put(n, "running"));
    }

    @Override
    public synchronized String kill(String node) {
      return move("kill", node, now -> !now.equals("dead"), "dead", "killed", "already-dead");
    }

    @Override
    public synchronized String start(String node) {
      String answer = move("start", node, "dead"::equals, "running", "started", "already-running");
      if (answer.equals("started") && node.equals(failStartOf)) {
        throw new IllegalStateException("node " + node + " did not answer init within 10000 ms after its restart");
      }
      return answer;
    }

    @Override
    public synchronized String pause(String node) {
      return move("pause", node, "running"::equals, "paused", "paused", "not-running");
    }

    @Override
    public synchronized String resume(String node) {
      return move("resume", node, "paused"::equals, "running", "resumed",
          state.get(node).equals("dead") ? "not-running" : "not-paused");
    }

    /**
     * Records the call; a node in a state {@code from} accepts moves to {@code to} and answers
     * {@code done}, any other answers {@code refused} and stays as it is.
     */
    private String move(String call, String node, Predicate<String> from, String to, String done, String refused) {
      calls.add(call + " " + node);
      if (!from.test(state.get(node))) {
        return refused;
      }
      state.put(node, to);
      return done;
    }
  }

  /** A nemesis on a virtual-time stage, recording into its own history. */
  private static final class Rig {
    final SimStage stage = new SimStage(null, new Abort());
    final HistoryRecorder history = new HistoryRecorder(stage::now);

    Nemesis nemesis(Faults faults, NodeControl control, List<FaultSchedule.Planned> plan) {
      return new Nemesis(new Partitions(), control, faults, NODES, history, plan);
    }

    /** Runs {@code nemesis} from 0 to {@code end} ns of virtual time; the ops it recorded. */
    List<Op> run(Nemesis nemesis, long end) throws InterruptedException {
      assertThat(stage.play(() -> nemesis.run(stage, 0, end), () -> "main")).isNull();
      return history.snapshot();
    }

    /** Runs {@code nemesis}'s recovery; the ops it recorded. */
    List<Op> recover(Nemesis nemesis) throws InterruptedException {
      assertThat(stage.play(() -> nemesis.recover(stage), () -> "recovery")).isNull();
      return history.snapshot();
    }
  }

  private static FaultSchedule.Planned op(long at, String f, Object value, List<String> targets) {
    return new FaultSchedule.Planned(at, f, value, targets, null);
  }

  @Test
  void partitionOpsAlternateAndAreRecordedAsInfoWithTheGrudge() throws Exception {
    Rig rig = new Rig();
    List<FaultSchedule.Planned> plan = FaultSchedule.partitions(new Random(2), NODES, 0.01, 200_000_000L);
    List<Op> ops = rig.run(rig.nemesis(Faults.partitionOnly(), null, plan), 10_000_000_000L);
    assertThat(ops.get(0).time()).as("the first op comes at the start").isZero();
    assertThat(ops.get(ops.size() - 1).time()).as("and the last before the plan's limit").isLessThan(200_000_000L);
    assertThat(ops).hasSize(2 * plan.size()).allMatch(op -> op.process() == Op.NEMESIS && op.type() == OpType.INFO);
    for (int i = 0; i < ops.size(); i += 2) {
      String f = (i / 2) % 2 == 0 ? "start-partition" : "stop-partition";
      assertThat(ops.get(i).f()).isEqualTo(f);
      assertThat(ops.get(i + 1).f()).isEqualTo(f);
      if (f.equals("start-partition")) {
        assertThat(Partitions.GRUDGE_SPECS).contains((String) ops.get(i).value());
        assertThat(((List<?>) ops.get(i + 1).value()).get(0)).isEqualTo("isolated");
        assertThat(((List<?>) ops.get(i + 1).value()).get(1)).isInstanceOf(Map.class);
      } else {
        assertThat(ops.get(i + 1).value()).isEqualTo("network-healed");
      }
    }
  }

  @Test
  void nodeFaultsCompleteWithEachNodesWordAndCountAsNemesisOpsForTheWorkerChoice() throws Exception {
    Rig rig = new Rig();
    Nemesis nemesis = rig.nemesis(new Faults(false, true, true, Faults.TARGETS), new FakeNodes(), List.of(
        op(0, "kill", "minority", List.of("n1", "n3")),
        op(0, "pause", null, List.of("n1", "n2")),
        op(0, "start", "all", NODES),
        op(0, "resume", "all", NODES),
        op(0, "kill", "minority-third", List.of())));
    AtomicInteger counted = new AtomicInteger();
    nemesis.onOp(counted::incrementAndGet);
    List<Op> ops = rig.run(nemesis, 10_000_000_000L);

    assertThat(counted).hasValue(5);
    assertThat(ops).hasSize(10).allMatch(op -> op.process() == Op.NEMESIS && op.type() == OpType.INFO);
    assertThat(ops.get(0).f()).isEqualTo("kill");
    assertThat(ops.get(0).value()).isEqualTo("minority");
    assertThat(ops.get(1).value()).isEqualTo(Map.of("n1", "killed", "n3", "killed"));
    assertThat(ops.get(2).value()).as("the random subset, Jepsen's nil").isNull();
    assertThat(ops.get(3).value()).isEqualTo(Map.of("n1", "not-running", "n2", "paused"));
    assertThat(ops.get(5).value()).isEqualTo(Map.of("n0", "already-running", "n1", "started", "n2", "already-running",
        "n3", "started", "n4", "already-running"));
    assertThat(new ArrayList<>(((Map<?, ?>) ops.get(5).value()).keySet())).as("in node order").isEqualTo(NODES);
    assertThat(ops.get(7).value()).isEqualTo(Map.of("n0", "not-paused", "n1", "not-paused", "n2", "resumed",
        "n3", "not-paused", "n4", "not-paused"));
    assertThat(ops.get(8).f()).isEqualTo("kill");
    assertThat(ops.get(9).value()).as("an empty target set does nothing").isEqualTo(Map.of());
    assertThat(ops).allMatch(op -> op.error() == null);
  }

  @Test
  void aStartThatFailsCompletesIndeterminateWithTheInvokedValueAndTheRunGoesOn() throws Exception {
    Rig rig = new Rig();
    FakeNodes nodes = new FakeNodes();
    nodes.failStartOf = "n2";
    List<Op> ops = rig.run(rig.nemesis(new Faults(false, true, false, Faults.TARGETS), nodes, List.of(
        op(0, "kill", "all", NODES), op(0, "start", "all", NODES), op(0, "kill", "one", List.of("n4")))), 10_000_000_000L);

    assertThat(ops.get(3).f()).isEqualTo("start");
    assertThat(ops.get(3).value()).isEqualTo("all");
    assertThat(ops.get(3).error()).isEqualTo("indeterminate: node n2 did not answer init within 10000 ms after its restart");
    assertThat(ops.get(5).value()).isEqualTo(Map.of("n4", "killed"));
  }

  @Test
  void recoveryHealsThenResumesThenStartsEveryNodeForTheFaultsOfTheRun() throws Exception {
    Rig rig = new Rig();
    FakeNodes nodes = new FakeNodes();
    nodes.state.put("n0", "dead");
    nodes.state.put("n1", "paused");
    assertThat(rig.recover(rig.nemesis(new Faults(true, true, true, Faults.TARGETS), nodes, List.of()))).extracting(Op::f)
        .containsExactly("stop-partition", "stop-partition", "resume", "resume", "start", "start");
    assertThat(nodes.state.values()).containsOnly("running");

    Rig second = new Rig();
    assertThat(second.recover(second.nemesis(new Faults(false, true, false, Faults.TARGETS), new FakeNodes(), List.of())))
        .extracting(Op::f).containsExactly("start", "start");
  }

  @Test
  void anOpDueWhileAnotherRanWaitsForItButNoneRunsPastTheLimit() throws Exception {
    Rig rig = new Rig();
    SimStage stage = rig.stage;
    List<String> order = new ArrayList<>();
    FakeNodes slow = new FakeNodes() {
      @Override
      public synchronized String kill(String node) {
        order.add("kill at " + stage.now());
        stage.sleepUntil(stage.now() + 50); // a kill that takes 50 ns of virtual time
        return super.kill(node);
      }
    };
    rig.run(rig.nemesis(new Faults(false, true, false, Faults.TARGETS), slow, List.of(
        op(0, "kill", "one", List.of("n0")), op(10, "kill", "one", List.of("n1")), op(60, "kill", "one", List.of("n2")),
        op(95, "kill", "one", List.of("n3")))), 120);
    // Due at 10, it ran at 50; due at 60, it ran at 100; due at 95 < 120 but it could only run at 150.
    assertThat(order).containsExactly("kill at 0", "kill at 50", "kill at 100");
  }
}
