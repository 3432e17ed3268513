package glomers.harness.workload.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopologyTest {
  private static List<String> nodes(int n) {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add("n" + i);
    }
    return nodes;
  }

  @Test
  void gridOfFiveIsAPartialThreeByThreeInMaelstromsNeighbourOrder() {
    assertThat(Topology.of("grid", nodes(5)))
        .containsExactly(
            Map.entry("n0", List.of("n3", "n1")),
            Map.entry("n1", List.of("n4", "n2", "n0")),
            Map.entry("n2", List.of("n1")),
            Map.entry("n3", List.of("n0", "n4")),
            Map.entry("n4", List.of("n1", "n3")));
  }

  @Test
  void gridOfTwentyFiveGivesInteriorNodesFourNeighbours() {
    Map<String, List<String>> grid = Topology.of("grid", nodes(25));
    assertThat(grid).hasSize(25);
    assertThat(grid.get("n12")).containsExactly("n17", "n7", "n13", "n11");
    assertThat(grid.get("n24")).containsExactly("n19", "n23");
  }

  @Test
  void singleNodeTopologies() {
    assertThat(Topology.of("grid", nodes(1))).containsExactly(Map.entry("n0", List.of()));
    assertThat(Topology.of("tree", nodes(1))).containsExactly(Map.entry("n0", List.of()));
    assertThat(Topology.of("total", nodes(1))).containsExactly(Map.entry("n0", List.of()));
    assertThat(Topology.of("line", nodes(1))).isEmpty();
  }

  @Test
  void line() {
    assertThat(Topology.of("line", nodes(3)))
        .containsExactly(
            Map.entry("n0", List.of("n1")), Map.entry("n1", List.of("n0", "n2")), Map.entry("n2", List.of("n1")));
    assertThat(Topology.of("line", nodes(2)))
        .containsExactly(Map.entry("n0", List.of("n1")), Map.entry("n1", List.of("n0")));
  }

  @Test
  void total() {
    assertThat(Topology.of("total", nodes(3)))
        .containsExactly(
            Map.entry("n0", List.of("n1", "n2")),
            Map.entry("n1", List.of("n0", "n2")),
            Map.entry("n2", List.of("n0", "n1")));
  }

  @Test
  void binaryTreeListsParentThenChildren() {
    Map<String, List<String>> expected =
        Map.of(
            "n0", List.of("n1", "n2"),
            "n1", List.of("n0", "n3", "n4"),
            "n2", List.of("n0"),
            "n3", List.of("n1"),
            "n4", List.of("n1"));
    assertThat(Topology.of("tree", nodes(5))).isEqualTo(expected);
    assertThat(Topology.of("tree2", nodes(5))).isEqualTo(expected);
  }

  @Test
  void partialLastTierFillsEarlyParentsFirst() {
    Map<String, List<String>> tree3 = Topology.of("tree3", nodes(6));
    assertThat(tree3.get("n0")).containsExactly("n1", "n2", "n3");
    assertThat(tree3.get("n1")).containsExactly("n0", "n4", "n5");
    assertThat(tree3.get("n2")).containsExactly("n0");
    assertThat(tree3.get("n5")).containsExactly("n1");
  }

  @Test
  void tree4OfTwentyFive() {
    Map<String, List<String>> tree4 = Topology.of("tree4", nodes(25));
    assertThat(tree4.get("n0")).containsExactly("n1", "n2", "n3", "n4");
    assertThat(tree4.get("n1")).containsExactly("n0", "n5", "n6", "n7", "n8");
    assertThat(tree4.get("n4")).containsExactly("n0", "n17", "n18", "n19", "n20");
    assertThat(tree4.get("n5")).containsExactly("n1", "n21", "n22", "n23", "n24");
    assertThat(tree4.get("n6")).containsExactly("n1");
    assertThat(tree4.get("n24")).containsExactly("n5");
  }

  @Test
  void unknownTopology() {
    assertThatThrownBy(() -> Topology.of("ring", nodes(3))).isInstanceOf(IllegalArgumentException.class);
  }
}
