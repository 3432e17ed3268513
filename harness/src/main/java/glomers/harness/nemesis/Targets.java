package glomers.harness.nemesis;

import glomers.harness.options.Faults;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The nodes a kill or pause takes for one of Jepsen's node specs ({@link Faults#TARGETS}). */
public final class Targets {
  private Targets() {}

  /**
   * The nodes {@code spec} picks, in {@code nodes}' order: {@code subset} a random non-empty subset
   * whose size is uniform in 1..n, {@code one} a random node, {@code minority-third} ⌊(n−1)/3⌋ of
   * them, {@code minority} ⌊n/2⌋, {@code majority} ⌊n/2⌋+1, {@code all} every node. Some specs
   * pick nobody on few nodes (minority-third up to 3 nodes, minority on 1): the op then does nothing.
   */
  public static List<String> pick(String spec, List<String> nodes, Random random) {
    int n = nodes.size();
    int count =
        switch (spec) {
          case "subset" -> 1 + random.nextInt(n);
          case "one" -> 1;
          case "minority-third" -> (n - 1) / 3;
          case "minority" -> n / 2;
          case "majority" -> n / 2 + 1;
          case "all" -> n;
          default -> throw new IllegalArgumentException("unknown node spec " + spec);
        };
    if (count == n) {
      return List.copyOf(nodes);
    }
    List<String> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, random);
    List<String> picked = shuffled.subList(0, count);
    return nodes.stream().filter(picked::contains).toList();
  }
}
