package glomers.harness.options;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The faults a run injects ({@code --nemesis partition,kill,pause}) and the node sets a kill may take
 * ({@code --kill-targets}, the bench's own flag; docs/bench.md#kill-and-pause).
 *
 * @param killTargets the specs a {@code kill} draws from, in {@link #TARGETS} order
 */
public record Faults(boolean partition, boolean kill, boolean pause, List<String> killTargets) {
  /** The fault names {@code --nemesis} accepts, in the order they are listed. */
  public static final List<String> NAMES = List.of("partition", "kill", "pause");

  /**
   * Jepsen's node specs for kill and pause: {@code subset} is its nil spec (a random non-empty
   * subset of any size), written {@code null} in the history.
   */
  public static final List<String> TARGETS = List.of("subset", "one", "minority-third", "minority", "majority", "all");

  public static final Faults NONE = new Faults(false, false, false, TARGETS);

  public Faults {
    killTargets = List.copyOf(killTargets);
  }

  /** Partitions only, the one fault Maelstrom had before kill and pause. */
  public static Faults partitionOnly() {
    return new Faults(true, false, false, TARGETS);
  }

  /** Whether any fault is injected. */
  public boolean any() {
    return partition || kill || pause;
  }

  /** Whether kill or pause is on: the stream of node faults, beside the partitions' own. */
  public boolean nodeFaults() {
    return kill || pause;
  }

  /** The faults' names, in {@link #NAMES} order. */
  public List<String> names() {
    List<String> names = new ArrayList<>();
    if (partition) {
      names.add("partition");
    }
    if (kill) {
      names.add("kill");
    }
    if (pause) {
      names.add("pause");
    }
    return names;
  }

  /**
   * Parses {@code --nemesis} (split on commas with any whitespace around them, as Maelstrom does)
   * and {@code --kill-targets} (same form; null for every spec); problems go to {@code errors}.
   */
  public static Faults parse(String nemesis, String killTargets, List<String> errors) {
    Set<String> names = split(nemesis);
    for (String name : names) {
      if (!NAMES.contains(name)) {
        errors.add("Failed to validate \"--nemesis " + nemesis + "\": unknown fault " + name + "; must be one or more of "
            + String.join(", ", NAMES) + ", separated by commas");
        break;
      }
    }
    List<String> targets = TARGETS;
    if (killTargets != null) {
      Set<String> given = split(killTargets);
      List<String> unknown = given.stream().filter(t -> !TARGETS.contains(t)).toList();
      if (!unknown.isEmpty() || given.isEmpty()) {
        errors.add("Failed to validate \"--kill-targets " + killTargets + "\": must be one or more of "
            + String.join(", ", TARGETS) + ", separated by commas");
      } else {
        targets = TARGETS.stream().filter(given::contains).toList();
      }
      if (!names.contains("kill")) {
        errors.add("--kill-targets needs --nemesis kill: it only restricts which nodes a kill takes");
      }
    }
    return new Faults(names.contains("partition"), names.contains("kill"), names.contains("pause"), targets);
  }

  private static Set<String> split(String list) {
    Set<String> items = new LinkedHashSet<>();
    if (list != null) {
      for (String item : list.trim().split("\\s*,\\s*")) {
        if (!item.isEmpty()) {
          items.add(item);
        }
      }
    }
    return items;
  }
}
