package glomers.harness.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private static List<String> nodes(int n) {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add("n" + i);
    }
    return nodes;
  }

  @Test
  void eachSpecTakesJepsensNumberOfNodes() {
    Random random = new Random(1);
    for (int n = 1; n <= 9; n++) {
      List<String> nodes = nodes(n);
      assertThat(Targets.pick("one", nodes, random)).hasSize(1);
      assertThat(Targets.pick("minority-third", nodes, random)).hasSize((n - 1) / 3);
      assertThat(Targets.pick("minority", nodes, random)).hasSize(n / 2);
      assertThat(Targets.pick("majority", nodes, random)).hasSize(n / 2 + 1);
      assertThat(Targets.pick("all", nodes, random)).isEqualTo(nodes);
      assertThat(Targets.pick("subset", nodes, random)).hasSizeBetween(1, n);
    }
    assertThat(Targets.pick("minority-third", nodes(3), random)).as("no-op on 3 nodes").isEmpty();
    assertThat(Targets.pick("minority", nodes(1), random)).isEmpty();
  }

  @Test
  void pickedNodesAreDistinctInNodeOrderAndVaryWithTheDraw() {
    Random random = new Random(7);
    List<String> nodes = nodes(5);
    Set<List<String>> seen = new HashSet<>();
    Set<Integer> subsetSizes = new HashSet<>();
    for (int i = 0; i < 400; i++) {
      List<String> picked = Targets.pick("minority", nodes, random);
      assertThat(picked).doesNotHaveDuplicates();
      assertThat(nodes).containsSubsequence(picked);
      seen.add(picked);
      subsetSizes.add(Targets.pick("subset", nodes, random).size());
    }
    assertThat(seen).as("every 2 of 5").hasSize(10);
    assertThat(subsetSizes).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
  }

  @Test
  void anUnknownSpecIsAnError() {
    assertThatThrownBy(() -> Targets.pick("most", nodes(3), new Random(1))).hasMessageContaining("most");
  }
}
