package glomers.harness.checker.elle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DigraphTest {
  private static final byte WW = 1;
  private static final byte RW = 2;

  /** Cycles 0-1-2 and 4-5 joined through 3, a feeder 6 into 0 and a sink 7 after 5, a self-loop on 8,
   * an rw-only cycle 9-10, and one long cycle 11..1111 that takes the edge arrays past their first 1024. */
  private static Digraph graph() {
    Digraph g = new Digraph(0);
    for (int i = 0; i < 1112; i++) {
      assertThat(g.addVertex()).isEqualTo(i);
    }
    g.add(0, 1, WW);
    g.add(1, 2, WW);
    g.add(2, 0, WW);
    g.add(2, 3, WW);
    g.add(3, 4, WW);
    g.add(4, 5, WW);
    g.add(5, 4, WW);
    g.add(6, 0, WW);
    g.add(5, 7, WW);
    g.add(8, 8, WW);
    g.add(9, 10, RW);
    g.add(10, 9, RW);
    for (int v = 11; v < 1111; v++) {
      g.add(v, v + 1, WW);
    }
    g.add(1111, 11, WW);
    return g;
  }

  private static List<List<Integer>> components(IntPredicate keep) {
    return graph().components(keep).stream().map(c -> Arrays.stream(c).boxed().toList()).toList();
  }

  @Test
  void onlyCyclesOfTheKeptKindsAreComponentsAndSelfLoopsNeverAre() {
    List<Integer> longCycle = IntStream.rangeClosed(11, 1111).boxed().toList();
    assertThat(components(k -> k == WW)).containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(4, 5), longCycle);
    assertThat(components(k -> true))
        .containsExactlyInAnyOrder(List.of(0, 1, 2), List.of(4, 5), List.of(9, 10), longCycle);
    assertThat(components(k -> k == RW)).containsExactly(List.of(9, 10));
    assertThat(components(k -> false)).isEmpty();
  }

  @Test
  void branchesFeedingAndDrainingACycleArePeeledAwayFromIt() {
    // 0 feeds 1 and 2, which both feed the cycle 3-4; the cycle drains into 5 and 6, which both feed the sink 7.
    Digraph g = new Digraph(8);
    g.add(0, 1, WW);
    g.add(0, 2, WW);
    g.add(1, 3, WW);
    g.add(2, 3, WW);
    g.add(3, 4, WW);
    g.add(4, 3, WW);
    g.add(4, 5, WW);
    g.add(4, 6, WW);
    g.add(5, 7, WW);
    g.add(6, 7, WW);
    assertThat(g.components(k -> true)).containsExactly(new int[] {3, 4});
  }
}
