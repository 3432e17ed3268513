package glomers.runtime.internal;

import glomers.runtime.Node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimersTest {
  private final NodeFixture fixture = NodeFixture.initialised(new TestSolution(), "n1", "n1");
  private final List<String> fired = new ArrayList<>();

  private Runnable record(String name) {
    return () -> fired.add(name + "@" + fixture.node.nowMillis());
  }

  @Test
  void everyFiresOncePerPeriodStartingOnePeriodFromNow() {
    fixture.onLoop(() -> fixture.node.every(Duration.ofMillis(100), record("tick")));

    fixture.advance(Duration.ofMillis(99));
    assertThat(fired).isEmpty();
    fixture.advance(Duration.ofMillis(251));

    assertThat(fired).containsExactly("tick@100", "tick@200", "tick@300");
  }

  @Test
  void afterFiresOnce() {
    fixture.onLoop(() -> fixture.node.after(Duration.ofMillis(30), record("once")));

    fixture.advance(Duration.ofSeconds(5));

    assertThat(fired).containsExactly("once@30");
  }

  @Test
  void timersDueTogetherFireInDeadlineThenSchedulingOrder() {
    fixture.onLoop(() -> {
      fixture.node.after(Duration.ofMillis(20), record("b"));
      fixture.node.after(Duration.ofMillis(10), record("a"));
      fixture.node.after(Duration.ofMillis(20), record("c"));
    });

    fixture.advance(Duration.ofMillis(20));

    assertThat(fired).containsExactly("a@10", "b@20", "c@20");
  }

  @Test
  void cancelledTimersDoNotFire() {
    fixture.onLoop(() -> {
      Node.Cancellable periodic = fixture.node.every(Duration.ofMillis(10), record("tick"));
      Node.Cancellable once = fixture.node.after(Duration.ofMillis(5), record("once"));
      once.cancel();
      fixture.node.after(Duration.ofMillis(25), periodic::cancel);
    });

    fixture.advance(Duration.ofMillis(100));

    assertThat(fired).containsExactly("tick@10", "tick@20");
  }

  @Test
  void aTaskThatThrowsIsLoggedAndKeepsItsScheduleAndTheLoopGoesOn() {
    int[] runs = {0};
    fixture.onLoop(() -> {
      fixture.node.every(Duration.ofMillis(10), () -> {
        runs[0]++;
        throw new IllegalStateException("tick " + runs[0] + " failed");
      });
      fixture.node.after(Duration.ofMillis(15), record("other"));
    });

    fixture.advance(Duration.ofMillis(30));

    assertThat(runs[0]).isEqualTo(3);
    assertThat(fired).containsExactly("other@15");
    assertThat(fixture.logs).filteredOn(line -> line.contains("periodic task threw")).hasSize(3);
    assertThat(fixture.loopFailures).isEmpty();
  }

  @Test
  void aTimerCanScheduleAnother() {
    fixture.onLoop(() -> fixture.node.after(Duration.ofMillis(10),
        () -> fixture.node.after(Duration.ofMillis(10), record("second"))));

    fixture.advance(Duration.ofMillis(20));

    assertThat(fired).containsExactly("second@20");
  }
}
