package glomers.harness.nemesis;

import glomers.harness.options.Faults;
import glomers.harness.net.Partitions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The nemesis's plan for a main phase, drawn in full from seeded randoms before it starts
 * (docs/bench.md#nemesis-schedule): two independent streams, partitions and node faults (kill,
 * pause), each with its own clock, merged by time. Each stream's first op is due at once, each next
 * one a uniform [0, 2·interval) after the previous one was due; nothing is due at or after the limit.
 */
public final class FaultSchedule {
  private FaultSchedule() {}

  /**
   * One planned nemesis op.
   *
   * @param atNanos when it is due, from the start of the main phase
   * @param f {@code start-partition}, {@code stop-partition}, {@code kill}, {@code start},
   *     {@code pause} or {@code resume}
   * @param value what the history's invocation shows: the grudge's name, the node spec ({@code null}
   *     for a random subset, {@code "all"} for start and resume), or null
   * @param targets the nodes a node fault acts on (empty for partition ops)
   * @param grudge the cut a start-partition adds (null otherwise)
   */
  public record Planned(long atNanos, String f, Object value, List<String> targets, Map<String, Set<String>> grudge) {
    public boolean isPartition() {
      return grudge != null || "stop-partition".equals(f);
    }
  }

  /** Both streams of {@code faults}, merged by time (the partitions' first at equal times). */
  public static List<Planned> plan(Faults faults, List<String> nodes, double intervalSeconds, long limitNanos,
      Random partitionRandom, Random nodeRandom) {
    List<Planned> ops = new ArrayList<>();
    if (faults.partition()) {
      ops.addAll(partitions(partitionRandom, nodes, intervalSeconds, limitNanos));
    }
    if (faults.nodeFaults()) {
      ops.addAll(nodeFaults(nodeRandom, faults, nodes, intervalSeconds, limitNanos));
    }
    // Stable: at equal times the partition stream's op, added first, stays first.
    ops.sort(Comparator.comparingLong(Planned::atNanos));
    return ops;
  }

  /**
   * start-partition and stop-partition alternating, the first a start. Draws, per op: for a start the
   * grudge's name and the grudge, then the gap to the next op; the same draws, in the same order, as
   * the bench made before kill and pause existed, so a seed's partitions did not change.
   */
  public static List<Planned> partitions(Random random, List<String> nodes, double intervalSeconds, long limitNanos) {
    List<Planned> ops = new ArrayList<>();
    boolean start = true;
    for (long at = 0; at < limitNanos; at += gap(random, intervalSeconds)) {
      if (start) {
        String spec = Partitions.GRUDGE_SPECS.get(random.nextInt(Partitions.GRUDGE_SPECS.size()));
        ops.add(new Planned(at, "start-partition", spec, List.of(), Partitions.grudge(spec, nodes, random)));
      } else {
        ops.add(new Planned(at, "stop-partition", null, List.of(), null));
      }
      start = !start;
    }
    return ops;
  }

  /**
   * Jepsen's mix of flip-flops: each op picks pause or kill (whichever are on) with even odds and
   * takes that one's next op, so kills and starts alternate, and pauses and resumes, each on its own.
   * A kill draws its node spec from {@code --kill-targets}, a pause from all of {@link Faults#TARGETS};
   * start and resume take every node. Draws, per op: the mode, the spec and its nodes, the gap.
   */
  public static List<Planned> nodeFaults(Random random, Faults faults, List<String> nodes, double intervalSeconds,
      long limitNanos) {
    List<String> modes = new ArrayList<>();
    if (faults.pause()) {
      modes.add("pause");
    }
    if (faults.kill()) {
      modes.add("kill");
    }
    boolean killed = false;
    boolean paused = false;
    List<Planned> ops = new ArrayList<>();
    for (long at = 0; at < limitNanos; at += gap(random, intervalSeconds)) {
      String mode = modes.get(random.nextInt(modes.size()));
      if (mode.equals("kill")) {
        ops.add(killed ? everyNode(at, "start", nodes) : onSome(at, "kill", faults.killTargets(), nodes, random));
        killed = !killed;
      } else {
        ops.add(paused ? everyNode(at, "resume", nodes) : onSome(at, "pause", Faults.TARGETS, nodes, random));
        paused = !paused;
      }
    }
    return ops;
  }

  private static Planned onSome(long at, String f, List<String> specs, List<String> nodes, Random random) {
    String spec = specs.get(random.nextInt(specs.size()));
    return new Planned(at, f, spec.equals("subset") ? null : spec, Targets.pick(spec, nodes, random), null);
  }

  private static Planned everyNode(long at, String f, List<String> nodes) {
    return new Planned(at, f, "all", List.copyOf(nodes), null);
  }

  /** The time from one op of a stream to its next: uniform in [0, 2 interval). */
  static long gap(Random random, double intervalSeconds) {
    return (long) (random.nextDouble() * 2 * intervalSeconds * 1e9);
  }
}
