package glomers.harness.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
  @Test
  void eventsRunInTimeOrderThenInTheOrderTheyWereScheduled() {
    Scheduler sim = new Scheduler();
    List<String> ran = new ArrayList<>();
    sim.at(20, () -> ran.add("b@20"));
    sim.at(10, () -> ran.add("a@10"));
    sim.at(20, () -> ran.add("c@20"));
    sim.at(5, () -> sim.at(20, () -> ran.add("d@20, scheduled last")));

    assertThat(sim.runWhile(() -> true)).isFalse();

    assertThat(ran).containsExactly("a@10", "b@20", "c@20", "d@20, scheduled last");
    assertThat(sim.now()).isEqualTo(20);
    assertThat(sim.clock().nanos()).isEqualTo(20);
    assertThat(sim.eventsRun()).isEqualTo(5);
  }

  @Test
  void anEventInThePastRunsNowAndACancelledOneNever() {
    Scheduler sim = new Scheduler();
    List<Long> times = new ArrayList<>();
    Scheduler.Event cancelled = sim.at(15, () -> times.add(-1L));
    sim.at(10, () -> {
      cancelled.cancel();
      sim.at(3, () -> times.add(sim.now()));
    });

    sim.runWhile(() -> true);

    assertThat(times).containsExactly(10L);
  }

  @Test
  void runWhileStopsWhenItsConditionFails() {
    Scheduler sim = new Scheduler();
    List<Integer> ran = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      sim.at(i, () -> ran.add(n));
    }

    assertThat(sim.runWhile(() -> ran.size() < 3)).isTrue();

    assertThat(ran).containsExactly(0, 1, 2);
  }
}
