package glomers.harness.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import glomers.harness.history.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PerfTest {
  @Test
  void latencyQuantilesOfOkOpsOverallAndPerF() {
    HistoryBuilder h = new HistoryBuilder();
    // Reads take 1..100 ms; one broadcast takes 500 ms; failed and indeterminate ops are not timed.
    for (int i = 1; i <= 100; i++) {
      h.at(1000L * i).invoke(0, "read", null).at(1000L * i + i).ok(0, "read", List.of());
    }
    h.at(200_000).invoke(1, "broadcast", 1L).at(200_500).ok(1, "broadcast", 1L);
    h.at(300_000).invoke(1, "broadcast", 2L).at(309_000).info(1, "broadcast", 2L, List.of("net-timeout"));
    h.at(400_000).invoke(1, "read", null).at(409_000).fail(1, "read", null, List.of("net-timeout"));
    Result r = new Perf().check(h.build());
    assertThat(r.valid()).isEqualTo(Validity.TRUE);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> latencies = (Map<String, Map<String, Object>>) r.json().get("ok-latency-ms");
    assertThat(latencies).containsOnlyKeys("all", "broadcast", "read");
    Map<String, Object> read = latencies.get("read");
    assertThat(read).containsEntry("count", 100L);
    assertThat((double) read.get("0")).isCloseTo(1.0, within(0.01));
    assertThat((double) read.get("0.5")).isCloseTo(50.0, within(0.1));
    assertThat((double) read.get("0.95")).isCloseTo(95.0, within(0.1));
    assertThat((double) read.get("1")).isCloseTo(100.0, within(0.1));
    assertThat((double) read.get("mean")).isCloseTo(50.5, within(0.1));
    assertThat(latencies.get("broadcast")).containsEntry("count", 1L);
    assertThat((double) latencies.get("broadcast").get("0.5")).isCloseTo(500.0, within(0.5));
    assertThat(latencies.get("all")).containsEntry("count", 101L);
    assertThat((double) latencies.get("all").get("1")).isCloseTo(500.0, within(0.5));
  }

  @Test
  void noOkOpsGivesOnlyACount() {
    Result r = new Perf().check(new HistoryBuilder().op(0, "read", null, OpType.FAIL, null).build());
    assertThat(r.json().get("ok-latency-ms")).isEqualTo(Map.of("all", Map.of("count", 0L)));
  }
}
