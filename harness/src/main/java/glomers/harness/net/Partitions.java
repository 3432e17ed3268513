package glomers.harness.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which servers drop messages from which (docs/bench.md#partitions). The current cut is an immutable
 * snapshot swapped atomically, so delivery threads read it without locking.
 */
public final class Partitions {
  public static final List<String> GRUDGE_SPECS =
      List.of("one", "minority-third", "majority", "majorities-ring");

  private volatile Map<String, Set<String>> dropped = Map.of();

  /** Whether {@code dest} currently drops messages from {@code src}. */
  public boolean isCut(String src, String dest) {
    Set<String> srcs = dropped.get(dest);
    return srcs != null && srcs.contains(src);
  }

  /** Adds a grudge on top of the current one; a later heal clears both. */
  public synchronized void add(Map<String, Set<String>> grudge) {
    Map<String, Set<String>> next = new HashMap<>();
    dropped.forEach((dest, srcs) -> next.put(dest, new TreeSet<>(srcs)));
    grudge.forEach((dest, srcs) -> next.computeIfAbsent(dest, d -> new TreeSet<>()).addAll(srcs));
    next.replaceAll((dest, srcs) -> Set.copyOf(srcs));
    dropped = Map.copyOf(next);
  }

  public synchronized void heal() {
    dropped = Map.of();
  }

  public Map<String, Set<String>> current() {
    return dropped;
  }

  public static int majority(int n) {
    return n / 2 + 1;
  }

  /** The grudge for one of {@link #GRUDGE_SPECS}: dest -> srcs it drops (sorted, for printing). */
  public static Map<String, Set<String>> grudge(String spec, List<String> nodes, Random random) {
    return switch (spec) {
      case "one" -> {
        String loner = nodes.get(random.nextInt(nodes.size()));
        List<String> rest = new ArrayList<>(nodes);
        rest.remove(loner);
        yield complete(List.of(loner), rest);
      }
      case "majority" -> {
        List<String> shuffled = shuffled(nodes, random);
        int cut = nodes.size() / 2;
        yield complete(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size()));
      }
      case "minority-third" -> {
        List<String> shuffled = shuffled(nodes, random);
        int cut = (nodes.size() - 1) / 3;
        yield complete(shuffled.subList(0, cut), shuffled.subList(cut, shuffled.size()));
      }
      case "majorities-ring" ->
          nodes.size() <= 5 ? ringPerfect(nodes, random) : ringStochastic(nodes, random);
      default -> throw new IllegalArgumentException("unknown grudge " + spec);
    };
  }

  /** Every node of each half drops every node of the other half. */
  static Map<String, Set<String>> complete(List<String> a, List<String> b) {
    Map<String, Set<String>> grudge = new TreeMap<>();
    if (a.isEmpty() || b.isEmpty()) {
      return grudge;
    }
    for (String x : a) {
      grudge.put(x, new TreeSet<>(b));
    }
    for (String y : b) {
      grudge.put(y, new TreeSet<>(a));
    }
    return grudge;
  }

  /**
   * Each window of majority(n) consecutive ring positions elects its middle node, which then hears
   * only the window.
   */
  static Map<String, Set<String>> ringPerfect(List<String> nodes, Random random) {
    List<String> ring = shuffled(nodes, random);
    int n = ring.size();
    int m = majority(n);
    Map<String, Set<String>> grudge = new TreeMap<>();
    for (int p = 0; p < n; p++) {
      Set<String> window = new LinkedHashSet<>();
      for (int k = 0; k < m; k++) {
        window.add(ring.get((p + k) % n));
      }
      String middle = ring.get((p + m / 2) % n);
      Set<String> outside = new TreeSet<>(nodes);
      outside.removeAll(window);
      if (!outside.isEmpty()) {
        grudge.computeIfAbsent(middle, x -> new TreeSet<>()).addAll(outside);
      }
    }
    return grudge;
  }

  /**
   * Links least-connected nodes pairwise until everyone knows a majority (self included); each
   * node then drops everyone it is not linked to.
   */
  static Map<String, Set<String>> ringStochastic(List<String> nodes, Random random) {
    int m = majority(nodes.size());
    Map<String, Set<String>> links = new LinkedHashMap<>();
    for (String node : nodes) {
      links.put(node, new LinkedHashSet<>(List.of(node)));
    }
    while (true) {
      List<String> order = shuffled(nodes, random);
      order.sort((x, y) -> Integer.compare(links.get(x).size(), links.get(y).size()));
      String a = order.get(0);
      if (links.get(a).size() >= m) {
        break;
      }
      String b = null;
      for (String candidate : order.subList(1, order.size())) {
        if (!links.get(a).contains(candidate)) {
          b = candidate;
          break;
        }
      }
      if (b == null) {
        break;
      }
      links.get(a).add(b);
      links.get(b).add(a);
    }
    Map<String, Set<String>> grudge = new TreeMap<>();
    for (String node : nodes) {
      Set<String> outside = new TreeSet<>(nodes);
      outside.removeAll(links.get(node));
      if (!outside.isEmpty()) {
        grudge.put(node, outside);
      }
    }
    return grudge;
  }

  private static List<String> shuffled(List<String> nodes, Random random) {
    List<String> copy = new ArrayList<>(nodes);
    Collections.shuffle(copy, random);
    return copy;
  }
}
