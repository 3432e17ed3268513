package glomers.harness.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedRunOptionsTest {
  @Test
  void aRepetitionChangesTheSeedAndNothingElse() throws Exception {
    TestOptions o =
        new TestOptions(
            "g-counter", Path.of("/bin/true"), List.of("n0", "n1"), 2, 7, 3.5, 4, "uniform", Faults.partitionOnly(), 0.5, "total",
            List.of("m"), 3, 5, 6, "line", SeqKvStaleness.OLDEST, true, true, true, 9, 41L, List.of("--x"));
    TestOptions next = o.withSeed(42L);

    assertThat(next.seed()).isEqualTo(42L);
    for (RecordComponent c : TestOptions.class.getRecordComponents()) {
      if (!c.getName().equals("seed")) {
        assertThat(c.getAccessor().invoke(next)).as(c.getName()).isEqualTo(c.getAccessor().invoke(o));
      }
    }
  }
}
