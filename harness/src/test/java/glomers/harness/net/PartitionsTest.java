package glomers.harness.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionsTest {
  static List<String> nodes(int n) {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add("n" + i);
    }
    return nodes;
  }

  static boolean symmetric(Map<String, Set<String>> grudge) {
    return grudge.entrySet().stream()
        .allMatch(e -> e.getValue().stream().allMatch(src -> grudge.getOrDefault(src, Set.of()).contains(e.getKey())));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 25})
  void oneIsolatesASingleNodeBothWays(int n) {
    for (int seed = 0; seed < 20; seed++) {
      Map<String, Set<String>> grudge = Partitions.grudge("one", nodes(n), new Random(seed));
      assertThat(symmetric(grudge)).isTrue();
      if (n == 1) {
        assertThat(grudge).isEmpty();
        continue;
      }
      String loner = grudge.entrySet().stream().filter(e -> e.getValue().size() == n - 1).findFirst().orElseThrow().getKey();
      assertThat(grudge).hasSize(n);
      nodes(n).stream().filter(x -> !x.equals(loner)).forEach(x -> assertThat(grudge.get(x)).containsExactly(loner));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 25})
  void majoritySplitsFloorHalfFromTheRest(int n) {
    Map<String, Set<String>> grudge = Partitions.grudge("majority", nodes(n), new Random(n));
    assertThat(symmetric(grudge)).isTrue();
    if (n == 1) {
      assertThat(grudge).isEmpty();
      return;
    }
    int small = n / 2;
    long minority = grudge.values().stream().filter(s -> s.size() == n - small).count();
    long majority = grudge.values().stream().filter(s -> s.size() == small).count();
    if (small == n - small) {
      assertThat(grudge.values()).allMatch(s -> s.size() == small);
    } else {
      assertThat(minority).isEqualTo(small);
      assertThat(majority).isEqualTo(n - small);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 25})
  void minorityThirdCutsFloorOfNMinusOneOverThree(int n) {
    Map<String, Set<String>> grudge = Partitions.grudge("minority-third", nodes(n), new Random(7));
    int cut = (n - 1) / 3;
    if (cut == 0) {
      assertThat(grudge).isEmpty();
      return;
    }
    assertThat(symmetric(grudge)).isTrue();
    assertThat(grudge.values().stream().filter(s -> s.size() == n - cut).count()).isEqualTo(cut);
    assertThat(grudge.values().stream().filter(s -> s.size() == cut).count()).isEqualTo(n - cut);
  }

  @Test
  void majoritiesRingForTinyClusters() {
    for (int seed = 0; seed < 20; seed++) {
      assertThat(Partitions.grudge("majorities-ring", nodes(1), new Random(seed))).isEmpty();
      assertThat(Partitions.grudge("majorities-ring", nodes(2), new Random(seed))).isEmpty();

      // n = 3: a one-directional ring, each node ignoring exactly one other, no pair mutual.
      Map<String, Set<String>> three = Partitions.grudge("majorities-ring", nodes(3), new Random(seed));
      assertThat(three).hasSize(3);
      assertThat(three.values()).allMatch(s -> s.size() == 1);
      three.forEach((dest, srcs) -> assertThat(three.get(srcs.iterator().next())).doesNotContain(dest));

      // n = 5: everyone hears exactly its two ring neighbours (and itself).
      Map<String, Set<String>> five = Partitions.grudge("majorities-ring", nodes(5), new Random(seed));
      assertThat(five).hasSize(5);
      assertThat(five.values()).allMatch(s -> s.size() == 2);
      assertThat(symmetric(five)).isTrue();
      five.forEach((dest, srcs) -> assertThat(srcs).doesNotContain(dest));
    }
  }

  @Test
  void majoritiesRingForLargeClustersGivesEveryoneAMajority() {
    int n = 25;
    int majority = Partitions.majority(n);
    Set<Map<String, Set<String>>> distinct = new HashSet<>();
    for (int seed = 0; seed < 10; seed++) {
      Map<String, Set<String>> grudge = Partitions.grudge("majorities-ring", nodes(n), new Random(seed));
      distinct.add(grudge);
      assertThat(symmetric(grudge)).isTrue();
      assertThat(grudge).hasSize(n);
      for (Map.Entry<String, Set<String>> e : grudge.entrySet()) {
        int linked = n - e.getValue().size();
        assertThat(linked).isGreaterThanOrEqualTo(majority);
        // Least-connected pairing never links anyone far beyond a majority.
        assertThat(linked).isLessThanOrEqualTo(majority + 1);
        assertThat(e.getValue()).doesNotContain(e.getKey());
      }
    }
    assertThat(distinct).hasSizeGreaterThan(1);
  }

  @Test
  void grudgesAddUpUntilHealed() {
    Partitions partitions = new Partitions();
    partitions.add(Map.of("n1", Set.of("n2")));
    partitions.add(Map.of("n1", Set.of("n3"), "n3", Set.of("n1")));
    assertThat(partitions.isCut("n2", "n1")).isTrue();
    assertThat(partitions.isCut("n3", "n1")).isTrue();
    assertThat(partitions.isCut("n1", "n3")).isTrue();
    assertThat(partitions.isCut("n1", "n2")).isFalse();
    partitions.heal();
    assertThat(partitions.isCut("n2", "n1")).isFalse();
    assertThat(partitions.current()).isEmpty();
  }
}
