package glomers.harness.nemesis;

import glomers.harness.options.Faults;
import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.net.Partitions;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {
  private static final List<String> NODES = List.of("n0", "n1", "n2", "n3", "n4");
  private static final long SECOND = 1_000_000_000L;
  private static final Faults KILL = new Faults(false, true, false, Faults.TARGETS);
  private static final Faults PAUSE = new Faults(false, false, true, Faults.TARGETS);
  private static final Faults BOTH = new Faults(false, true, true, Faults.TARGETS);
  private static final Faults ALL = new Faults(true, true, true, Faults.TARGETS);

  private static void assertStaggered(List<FaultSchedule.Planned> ops, double interval, long limit) {
    assertThat(ops.get(0).atNanos()).isZero();
    double sum = 0;
    for (int i = 1; i < ops.size(); i++) {
      long gap = ops.get(i).atNanos() - ops.get(i - 1).atNanos();
      assertThat(gap).isBetween(0L, (long) (2 * interval * SECOND));
      sum += gap;
    }
    assertThat(sum / (ops.size() - 1) / SECOND).isBetween(0.9 * interval, 1.1 * interval);
    assertThat(ops.get(ops.size() - 1).atNanos()).isLessThan(limit);
  }

  @Test
  void partitionsStartAtOnceAlternateAndAreStaggeredByTwiceTheInterval() {
    List<FaultSchedule.Planned> ops = FaultSchedule.partitions(new Random(4), NODES, 10, 10_000 * SECOND);
    assertStaggered(ops, 10, 10_000 * SECOND);
    for (int i = 0; i < ops.size(); i++) {
      FaultSchedule.Planned op = ops.get(i);
      assertThat(op.isPartition()).isTrue();
      if (i % 2 == 0) {
        assertThat(op.f()).isEqualTo("start-partition");
        assertThat(Partitions.GRUDGE_SPECS).contains((String) op.value());
        assertThat(op.grudge()).isNotNull();
      } else {
        assertThat(op.f()).isEqualTo("stop-partition");
        assertThat(op.value()).isNull();
        assertThat(op.grudge()).isNull();
      }
    }
  }

  @Test
  void killsAndStartsAlternateAndAStartTakesEveryNode() {
    List<FaultSchedule.Planned> ops = FaultSchedule.nodeFaults(new Random(3), KILL, NODES, 10, 10_000 * SECOND);
    assertStaggered(ops, 10, 10_000 * SECOND);
    for (int i = 0; i < ops.size(); i++) {
      FaultSchedule.Planned op = ops.get(i);
      assertThat(op.isPartition()).isFalse();
      if (i % 2 == 0) {
        assertThat(op.f()).isEqualTo("kill");
        assertThat(op.value() == null || Faults.TARGETS.contains((String) op.value())).isTrue();
      } else {
        assertThat(op.f()).isEqualTo("start");
        assertThat(op.value()).isEqualTo("all");
        assertThat(op.targets()).isEqualTo(NODES);
      }
    }
    // Every spec turns up, the random subset as null, as Jepsen's nil.
    assertThat(ops.stream().filter(op -> op.f().equals("kill")).map(op -> String.valueOf(op.value())).distinct())
        .containsExactlyInAnyOrder("null", "one", "minority-third", "minority", "majority", "all");
  }

  @Test
  void withKillAndPauseEachFlipFlopsOnItsOwnAndTheyMixEvenly() {
    List<FaultSchedule.Planned> ops = FaultSchedule.nodeFaults(new Random(5), BOTH, NODES, 1, 4_000 * SECOND);
    boolean killed = false;
    boolean paused = false;
    int kills = 0;
    int pauses = 0;
    boolean overlapped = false;
    for (FaultSchedule.Planned op : ops) {
      switch (op.f()) {
        case "kill" -> {
          assertThat(killed).isFalse();
          killed = true;
          kills++;
        }
        case "start" -> {
          assertThat(killed).isTrue();
          killed = false;
        }
        case "pause" -> {
          assertThat(paused).isFalse();
          paused = true;
          pauses++;
        }
        case "resume" -> {
          assertThat(paused).isTrue();
          assertThat(op.targets()).isEqualTo(NODES);
          paused = false;
        }
        default -> throw new AssertionError(op);
      }
      overlapped |= killed && paused;
    }
    assertThat(overlapped).as("kill and pause windows overlap freely").isTrue();
    double share = (double) kills / (kills + pauses);
    assertThat(share).isBetween(0.45, 0.55);
  }

  @Test
  void killTargetsRestrictOnlyKillsAndPausesDrawFromEverySpec() {
    Faults restricted = new Faults(false, true, true, List.of("one", "minority"));
    List<FaultSchedule.Planned> ops = FaultSchedule.nodeFaults(new Random(9), restricted, NODES, 1, 2_000 * SECOND);
    for (FaultSchedule.Planned op : ops) {
      if (op.f().equals("kill")) {
        assertThat(op.value()).isIn("one", "minority");
        assertThat(op.targets()).hasSize(op.value().equals("one") ? 1 : 2);
      }
    }
    assertThat(ops.stream().filter(op -> op.f().equals("pause")).map(FaultSchedule.Planned::value).distinct())
        .contains("all", "majority");
  }

  @Test
  void theSameSeedGivesTheSamePlanAndTheStreamsAreIndependent() {
    List<FaultSchedule.Planned> a =
        FaultSchedule.plan(ALL, NODES, 2, 60 * SECOND, new Random(11), new Random(12));
    List<FaultSchedule.Planned> b =
        FaultSchedule.plan(ALL, NODES, 2, 60 * SECOND, new Random(11), new Random(12));
    assertThat(a).isEqualTo(b);
    for (int i = 1; i < a.size(); i++) {
      assertThat(a.get(i).atNanos()).isGreaterThanOrEqualTo(a.get(i - 1).atNanos());
    }
    // Partitions are what a partition-only run plans for the seed, and node faults what a run without partitions does.
    List<FaultSchedule.Planned> partitionsOnly =
        FaultSchedule.plan(Faults.partitionOnly(), NODES, 2, 60 * SECOND, new Random(11), new Random(12));
    List<FaultSchedule.Planned> nodeFaultsOnly =
        FaultSchedule.plan(new Faults(false, true, true, Faults.TARGETS), NODES, 2, 60 * SECOND, new Random(11),
            new Random(12));
    assertThat(a.stream().filter(FaultSchedule.Planned::isPartition).toList()).isEqualTo(partitionsOnly);
    assertThat(a.stream().filter(op -> !op.isPartition()).toList()).isEqualTo(nodeFaultsOnly);
    // Both streams start at once; the partition's op comes first.
    assertThat(a.get(0).f()).isEqualTo("start-partition");
    assertThat(a.get(1).atNanos()).isZero();
    assertThat(a.get(1).isPartition()).isFalse();
  }

  @Test
  void nothingIsPlannedWithoutFaultsAndNothingAtOrAfterTheLimit() {
    assertThat(FaultSchedule.plan(Faults.NONE, NODES, 1, 60 * SECOND, new Random(1), new Random(2))).isEmpty();
    assertThat(FaultSchedule.plan(ALL, NODES, 1, 1, new Random(1), new Random(2)))
        .extracting(FaultSchedule.Planned::atNanos).containsOnly(0L);
  }
}
