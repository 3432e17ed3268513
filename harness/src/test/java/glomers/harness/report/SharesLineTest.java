package glomers.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.checker.Stats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharesLineTest {
  private static Map<String, Stats.NodeShare> shares(double... values) {
    Map<String, Stats.NodeShare> byNode = new LinkedHashMap<>();
    for (int i = 0; i < values.length; i++) {
      byNode.put("n" + i, new Stats.NodeShare(1, values[i]));
    }
    return byNode;
  }

  @Test
  void upToTenNodesEachIsListed() {
    assertThat(Reports.sharesLine(shares(0.5, 0.25, 0.25))).isEqualTo("n0 50.0 %, n1 25.0 %, n2 25.0 %");
  }

  @Test
  void moreNodesGiveNodeZeroTheSmallestAndTheLargest() {
    double[] values = new double[12];
    java.util.Arrays.fill(values, 0.08);
    values[0] = 0.11;
    values[5] = 0.05;
    assertThat(Reports.sharesLine(shares(values))).isEqualTo("n0 11.0 %, min n5 5.0 %, max n0 11.0 % (12 nodes)");
  }
}
