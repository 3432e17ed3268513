package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.abort.Abort;
import glomers.harness.history.Op;
import glomers.harness.history.OpType;
import glomers.harness.net.Partitions;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NemesisTest {
  @Test
  void scheduleStartsAtOnceWithUniformGapsOfTwiceTheInterval() {
    List<Long> times = Nemesis.schedule(new Random(4), 10, 10_000L * 1_000_000_000L);
    assertThat(times.get(0)).isZero();
    double sumGaps = 0;
    for (int i = 1; i < times.size(); i++) {
      long gap = times.get(i) - times.get(i - 1);
      assertThat(gap).isBetween(0L, 20_000_000_000L);
      sumGaps += gap;
    }
    assertThat(sumGaps / (times.size() - 1) / 1e9).isBetween(9.0, 11.0);
    assertThat(times.get(times.size() - 1)).isLessThan(10_000L * 1_000_000_000L);
  }

  @Test
  void opsAlternateAndAreRecordedAsInfoWithTheGrudge() throws Exception {
    Partitions partitions = new Partitions();
    SimStage stage = new SimStage(null, new Abort());
    HistoryRecorder history = new HistoryRecorder(stage::now);
    Nemesis nemesis = new Nemesis(partitions, List.of("n0", "n1", "n2", "n3", "n4"), new Random(2), history, 0.01);
    long end = 200_000_000L;
    assertThat(stage.play(() -> nemesis.run(stage, 0, end), () -> "main")).isNull();
    List<Op> ops = history.snapshot();
    assertThat(ops).hasSizeGreaterThan(4).allMatch(op -> op.process() == Op.NEMESIS && op.type() == OpType.INFO);
    assertThat(ops.get(0).time()).as("the first op comes at the start").isZero();
    assertThat(ops.get(ops.size() - 1).time()).as("and the last before the end").isLessThan(end);
    for (int i = 0; i < ops.size(); i += 2) {
      String f = (i / 2) % 2 == 0 ? "start-partition" : "stop-partition";
      assertThat(ops.get(i).f()).isEqualTo(f);
      assertThat(ops.get(i + 1).f()).isEqualTo(f);
      if (f.equals("start-partition")) {
        assertThat(Partitions.GRUDGE_SPECS).contains((String) ops.get(i).value());
        assertThat(ops.get(i + 1).value()).isInstanceOf(List.class);
        assertThat(((List<?>) ops.get(i + 1).value()).get(0)).isEqualTo("isolated");
        assertThat(((List<?>) ops.get(i + 1).value()).get(1)).isInstanceOf(Map.class);
      } else {
        assertThat(ops.get(i + 1).value()).isEqualTo("network-healed");
      }
    }
  }
}
