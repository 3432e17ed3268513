package glomers.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoroutineTest {
  private final Scheduler sim = new Scheduler();
  private final List<String> trace = new ArrayList<>();

  @Test
  void coroutinesSleepOnVirtualTimeAndInterleaveOnlyWhereTheyWait() {
    Coroutine a = Coroutine.start(sim, "a", () -> {
      trace.add("a starts at " + sim.now());
      Coroutine.sleepUntil(100);
      trace.add("a wakes at " + sim.now());
    });
    Coroutine b = Coroutine.start(sim, "b", () -> {
      trace.add("b starts at " + sim.now());
      Coroutine.sleepUntil(50);
      trace.add("b wakes at " + sim.now());
      Coroutine.sleepUntil(10);
      trace.add("b does not wait for the past, at " + sim.now());
    });

    sim.runWhile(() -> !(a.finished() && b.finished()));

    assertThat(trace).containsExactly(
        "a starts at 0", "b starts at 0", "b wakes at 50", "b does not wait for the past, at 50", "a wakes at 100");
  }

  @Test
  void aSignalWakesEveryWaiterInOrderAndATimedWaitEndsAtItsDeadline() {
    Signal signal = new Signal(sim);
    Coroutine first = Coroutine.start(sim, "first", () -> {
      signal.await();
      trace.add("first woken at " + sim.now());
    });
    Coroutine second = Coroutine.start(sim, "second", () -> {
      signal.awaitUntil(1_000);
      trace.add("second woken at " + sim.now());
    });
    Coroutine late = Coroutine.start(sim, "late", () -> {
      Coroutine.sleepUntil(500);
      signal.awaitUntil(700);
      trace.add("late timed out at " + sim.now());
    });
    sim.at(300, signal::signalAll);

    sim.runWhile(() -> !(first.finished() && second.finished() && late.finished()));

    assertThat(trace).containsExactly("first woken at 300", "second woken at 300", "late timed out at 700");
  }

  @Test
  void cancellingUnwindsASuspendedCoroutineWithoutRunningTheRestOfIt() {
    Coroutine stuck = Coroutine.start(sim, "stuck", () -> {
      try {
        new Signal(sim).await();
        trace.add("resumed normally");
      } catch (Exception e) {
        trace.add("a client's catch (Exception e) must not see the cancellation");
      } finally {
        trace.add("finally ran");
      }
    });
    sim.runWhile(() -> true);
    assertThat(stuck.finished()).isFalse();

    stuck.cancel();

    assertThat(stuck.finished()).isTrue();
    assertThat(stuck.failure()).isNull();
    assertThat(trace).containsExactly("finally ran");
  }

  @Test
  void whatABodyThrowsIsKeptAsItsFailure() {
    Coroutine failing = Coroutine.start(sim, "failing", () -> {
      throw new IllegalStateException("boom");
    });

    sim.runWhile(() -> !failing.finished());

    assertThat(failing.failure()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
  }
}
