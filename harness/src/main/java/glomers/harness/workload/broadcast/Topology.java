package glomers.harness.workload.broadcast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The neighbour maps Maelstrom suggests to broadcast nodes ({@code --topology}, docs/workloads.md#broadcast). */
public final class Topology {
  private Topology() {}

  public static final Set<String> NAMES = Set.of("grid", "line", "total", "tree", "tree2", "tree3", "tree4");

  /** Node -> neighbours, nodes in CLI order. */
  public static Map<String, List<String>> of(String name, List<String> nodes) {
    return switch (name) {
      case "grid" -> grid(nodes);
      case "line" -> line(nodes);
      case "total" -> total(nodes);
      case "tree", "tree2" -> tree(2, nodes);
      case "tree3" -> tree(3, nodes);
      case "tree4" -> tree(4, nodes);
      default -> throw new IllegalArgumentException("Unknown topology " + name + "; valid: " + NAMES);
    };
  }

  /** A roughly square grid, row-major, each node linked to at most 4 orthogonal neighbours. */
  static Map<String, List<String>> grid(List<String> nodes) {
    int n = nodes.size();
    int side = (int) Math.ceil(Math.sqrt(n));
    Map<String, List<String>> topology = new LinkedHashMap<>();
    for (int i = 0; i < side; i++) {
      for (int j = 0; j < side; j++) {
        String node = at(nodes, side, i, j);
        if (node == null) {
          continue;
        }
        List<String> neighbours = new ArrayList<>();
        // Maelstrom's order: below, above, right, left.
        for (String neighbour :
            new String[] {at(nodes, side, i + 1, j), at(nodes, side, i - 1, j), at(nodes, side, i, j + 1), at(nodes, side, i, j - 1)}) {
          if (neighbour != null) {
            neighbours.add(neighbour);
          }
        }
        topology.put(node, neighbours);
      }
    }
    return topology;
  }

  private static String at(List<String> nodes, int side, int i, int j) {
    if (i < 0 || j < 0 || j >= side) {
      return null;
    }
    int index = i * side + j;
    return index < nodes.size() ? nodes.get(index) : null;
  }

  /** A chain; with fewer than two nodes Maelstrom sends an empty map. */
  static Map<String, List<String>> line(List<String> nodes) {
    int n = nodes.size();
    Map<String, List<String>> topology = new LinkedHashMap<>();
    if (n < 2) {
      return topology;
    }
    for (int i = 0; i < n; i++) {
      List<String> neighbours = new ArrayList<>();
      if (i > 0) {
        neighbours.add(nodes.get(i - 1));
      }
      if (i < n - 1) {
        neighbours.add(nodes.get(i + 1));
      }
      topology.put(nodes.get(i), neighbours);
    }
    return topology;
  }

  static Map<String, List<String>> total(List<String> nodes) {
    Map<String, List<String>> topology = new LinkedHashMap<>();
    for (String node : nodes) {
      List<String> others = new ArrayList<>(nodes);
      others.remove(node);
      topology.put(node, others);
    }
    return topology;
  }

  /**
   * Nodes laid in order into tiers of 1, b, b², ...; each tier's nodes take, in order, consecutive
   * chunks of b children from the next tier. Neighbours are the parent, then the children.
   */
  static Map<String, List<String>> tree(int b, List<String> nodes) {
    Map<String, List<String>> topology = new LinkedHashMap<>();
    for (String node : nodes) {
      topology.put(node, new ArrayList<>());
    }
    int tierStart = 0;
    int tierSize = 1;
    while (tierStart + tierSize < nodes.size()) {
      int childStart = tierStart + tierSize;
      int childEnd = Math.min(nodes.size(), childStart + tierSize * b);
      for (int child = childStart; child < childEnd; child++) {
        String parent = nodes.get(tierStart + (child - childStart) / b);
        topology.get(nodes.get(child)).add(parent);
        topology.get(parent).add(nodes.get(child));
      }
      tierStart = childStart;
      tierSize *= b;
    }
    return topology;
  }
}
