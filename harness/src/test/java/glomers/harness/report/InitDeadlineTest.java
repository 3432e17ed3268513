package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a missed init deadline adds to the abort: load, the other nodes, and what to try. */
class InitDeadlineTest {
  private long now;

  private InitDeadline threeNodes() {
    InitDeadline times = new InitDeadline(List.of("n0", "n1", "n2"), () -> now);
    now = 0;
    times.started("n0");
    now = 200_000_000L;
    times.started("n1");
    now = 400_000_000L;
    times.started("n2");
    return times;
  }

  @Test
  void aBusyMachineIsNamedWithTheOtherNodesTimesAndSim() {
    InitDeadline times = threeNodes();
    now = 8_200_000_000L;
    times.answered("n1");
    now = 10_400_000_000L;

    String text = times.missed("n2", Duration.ofSeconds(10), 14.2, 2);

    assertThat(text).isEqualTo("\n  Load average 14.2 on 2 cores: the machine was busy. The 3 node processes were started within 0.4 s"
        + " of each other; 1 of 3 answered init, 8.0 to 8.0 s after their start (median 8.0 s); not yet: n0, n2."
        + "\n  Node JVMs starting this slowly is the machine, not the node: run again on a quieter machine, with fewer nodes,"
        + " or in simulation with --sim (the solution's classes inside the bench, on virtual time, where starting takes no time).");
  }

  @Test
  void onAQuietMachineTheOneSilentNodeIsSuspect() {
    InitDeadline times = threeNodes();
    now = 1_000_000_000L;
    times.answered("n0");
    times.answered("n1");
    now = 10_400_000_000L;

    String text = times.missed("n2", Duration.ofSeconds(10), 0.3, 2);

    assertThat(text).contains("the machine was not busy", "2 of 3 answered init, 0.8 to 1.0 s after their start", "not yet: n2.",
        "The other nodes answered and the machine was not busy: n2 itself may be stuck before replying to init");
  }

  @Test
  void withNoAnswerAtAllSimIsSuggested() {
    InitDeadline times = threeNodes();
    now = 10_000_000_000L;

    assertThat(times.missed("n0", Duration.ofSeconds(10), 0.5, 2))
        .contains("none had answered init yet.", "--sim runs it inside the bench on virtual time");
    assertThat(times.missed("n0", Duration.ofSeconds(10), -1, 2)).contains("The machine's load average is unknown here.");
  }
}
