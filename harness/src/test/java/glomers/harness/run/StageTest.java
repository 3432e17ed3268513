package glomers.harness.run;

import glomers.harness.abort.Abort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The two stages' waits and tasks, which the one lifecycle relies on alike. */
class StageTest {
  private final Abort abort = new Abort();
  private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

  @Test
  void aSimulationRunsTasksBesideEachOtherOnVirtualTimeAndRunAllWaitsForTheLast() throws Exception {
    SimStage stage = new SimStage(null, abort);
    String crash = stage.play(() -> {
      stage.runAll(List.of(300L, 100L, 200L), t -> "sleeper-" + t, t -> {
        stage.sleepUntil(t);
        trace.add(t + " woke at " + stage.now());
      });
      trace.add("all done at " + stage.now());
    }, () -> "test");

    assertThat(crash).isNull();
    assertThat(trace).containsExactly("100 woke at 100", "200 woke at 200", "300 woke at 300", "all done at 300");
  }

  @Test
  void aSimulatedGateWakesItsWaiterOnTheChangeThatMakesItReadyOrGivesUpAtItsDeadline() throws Exception {
    SimStage stage = new SimStage(null, abort);
    List<Integer> items = new ArrayList<>();
    String crash = stage.play(() -> {
      Stage.Gate gate = stage.gate();
      Stage.Task producer = stage.spawn("producer", () -> {
        for (int i = 1; i <= 3; i++) {
          stage.sleepUntil(i * 100L);
          int item = i;
          gate.change(() -> items.add(item));
        }
      });
      assertThat(gate.awaitUntil(() -> items.size() == 2, Long.MAX_VALUE)).isTrue();
      trace.add("two at " + stage.now());
      assertThat(gate.awaitUntil(() -> items.size() == 5, 250)).isFalse();
      trace.add("gave up at " + stage.now());
      producer.join();
      trace.add("producer ended at " + stage.now());
    }, () -> "test");

    assertThat(crash).isNull();
    assertThat(trace).containsExactly("two at 200", "gave up at 250", "producer ended at 300");
  }

  @Test
  void aFailingTaskAbortsASimulationNamedAfterItAndFreezesItsTime() throws Exception {
    SimStage stage = new SimStage(null, abort);
    String crash = stage.play(() -> {
      stage.spawn("worker-3", () -> {
        stage.sleepUntil(50);
        throw new IllegalStateException("bad completion");
      });
      stage.sleepUntil(1_000);
      trace.add("not reached");
    }, () -> "main");

    assertThat(crash).isEqualTo("worker-3 failed: java.lang.IllegalStateException: bad completion");
    assertThat(trace).isEmpty();
    assertThat(stage.now()).isEqualTo(50);
    stage.close();
  }

  @Test
  void aSimulationWithNothingLeftToWakeItAbortsNamingThePhase() throws Exception {
    SimStage stage = new SimStage(null, abort);
    String crash = stage.play(() -> stage.gate().awaitUntil(() -> false, Long.MAX_VALUE), () -> "setup");

    assertThat(crash).startsWith("the simulation ran out of events at 0 ms of virtual time, in phase setup");
    stage.close();
  }

  @Test
  void aProcessRunsGateWakesOnAChangeFromAnotherTask() throws Exception {
    ProcessStage stage = new ProcessStage(abort);
    Stage.Gate gate = stage.gate();
    AtomicBoolean ready = new AtomicBoolean();
    stage.spawn("changer", () -> {
      stage.sleepUntil(stage.now() + 20_000_000L);
      gate.change(() -> ready.set(true));
    });

    assertThat(gate.awaitUntil(ready::get, Long.MAX_VALUE)).isTrue();
  }

  @Test
  void aProcessRunsWaitsThrowOnceAnotherTaskAborts() throws Exception {
    ProcessStage stage = new ProcessStage(abort);
    stage.spawn("worker-0", () -> {
      throw new IllegalStateException("bad completion");
    });

    assertThatThrownBy(() -> stage.gate().awaitUntil(() -> false, Long.MAX_VALUE))
        .isInstanceOf(Abort.AbortedException.class)
        .hasMessage("worker-0 failed: java.lang.IllegalStateException: bad completion");
    assertThatThrownBy(() -> stage.runAll(List.of(1, 2), i -> "item-" + i, i -> {}))
        .isInstanceOf(Abort.AbortedException.class);
  }

  @Test
  void aStoppedRunsSleepsReturnAtOnceAndSayItWasStopped() throws Exception {
    abort.stop("SIGINT");
    ProcessStage stage = new ProcessStage(abort);

    assertThat(stage.sleepUntil(stage.now() + 3_600_000_000_000L)).isFalse();
  }
}
