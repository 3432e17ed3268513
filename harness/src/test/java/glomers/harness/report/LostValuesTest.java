package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.HistoryBuilder;
import glomers.harness.checker.SetFull;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Lost broadcast values explained: who added them, which nodes miss them, and the network then. */
class LostValuesTest {
  // Process p talks to node n(p mod 3), as with concurrency 3 on 3 nodes.
  private static String nodeOf(int process) {
    return "n" + (process % 3);
  }

  private static HistoryBuilder partitioned() {
    return new HistoryBuilder()
        .at(100).add(OpType.INVOKE, Op.NEMESIS, "start-partition", "majority", null, false)
        .add(OpType.INFO, Op.NEMESIS, "start-partition",
            List.of("isolated", Map.of("n0", List.of("n2"), "n1", List.of("n2"), "n2", List.of("n0", "n1"))), null, false)
        .at(600).op(0, "broadcast", 7L, OpType.OK, 7L)
        .op(1, "broadcast", 8L, OpType.OK, 8L)
        .at(2600).add(OpType.INVOKE, Op.NEMESIS, "stop-partition", null, null, false)
        .add(OpType.INFO, Op.NEMESIS, "stop-partition", "network-healed", null, false);
  }

  private static HistoryBuilder finalReads(HistoryBuilder h, List<Long> n0, List<Long> n1, List<Long> n2) {
    h.at(5000);
    int p = 0;
    for (List<Long> read : List.of(n0, n1, n2)) {
      h.add(OpType.INVOKE, p, "read", null, null, true).add(OpType.OK, p, "read", read, null, true);
      p++;
    }
    return h;
  }

  @Test
  void aLostValueNamesItsOpTheNodesThatMissItAndThePartitionItWasSentInto() {
    List<Op> history = finalReads(partitioned(), List.of(7L, 8L), List.of(7L, 8L), List.of(8L)).build();
    // The checker agrees that 7 is lost (n2 read 8, not 7, after 7 was acknowledged).
    Map<String, Object> workload = new SetFull("broadcast").check(history).json();
    assertThat(workload.get("lost")).isEqualTo(List.of(7L));

    List<LostValues.Explained> explained = LostValues.explain(history, List.of(7L), LostValuesTest::nodeOf, 3);

    assertThat(explained).hasSize(1);
    assertThat(explained.get(0).completionIndex()).isEqualTo(3);
    assertThat(explained.get(0).text()).isEqualTo(
        "7: broadcast to n0 by process 0 (op 3), acknowledged after 1 ms; missing from the final reads of n2 (n0, n1 had it);"
            + " network when it was sent: split n0 n1 | n2 (from 0.5 s before it until 2.0 s after)");
  }

  @Test
  void aValueSentIntoAWholeNetworkSaysSo() {
    List<Op> history = finalReads(new HistoryBuilder().at(10).op(0, "broadcast", 7L, OpType.OK, 7L),
        List.of(7L), List.of(), List.of()).build();

    String text = LostValues.explain(history, List.of(7L), LostValuesTest::nodeOf, 3).get(0).text();

    assertThat(text).contains("missing from the final reads of n1, n2 (n0 had it)").endsWith("network when it was sent: whole, no partition");
  }

  @Test
  void aOneWayCutIsListedNodeByNode() {
    Map<String, Set<String>> drops = Map.of("n0", new TreeSet<>(Set.of("n1")), "n2", new TreeSet<>(Set.of("n1")));
    assertThat(LostValues.describe(new java.util.TreeMap<>(drops))).isEqualTo("cut, n0, n2 drop n1");
  }

  @Test
  void theSummaryShowsTheFirstFewAndCountsTheRest() {
    List<Op> history = finalReads(partitioned(), List.of(), List.of(), List.of()).build();
    Map<String, Object> results = Map.of("workload", Map.of("lost", List.of(7L, 8L)));

    List<String> lines = LostValues.summaryLines(history, results, LostValuesTest::nodeOf, 1);

    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).isEqualTo("  lost values (2; the first 1 explained, all in results.json):");
    assertThat(lines.get(1)).startsWith("    7: broadcast to n0").contains("missing from the final reads of n0, n1, n2 (every node that was read)");
    assertThat(LostValues.summaryLines(history, Map.of("workload", Map.of("lost", List.of())), LostValuesTest::nodeOf, 1)).isEmpty();
  }
}
