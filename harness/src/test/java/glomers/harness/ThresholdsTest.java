package glomers.harness;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.report.Edn;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ThresholdsTest {
  /**
   * Shaped like a real Maelstrom 0.2 broadcast results.edn (3d: 25 nodes, 100 ms); scripts/
   * test-maelstrom-override feeds the same file through the make targets.
   */
  static final String RESULTS_EDN = resource("/maelstrom/broadcast-results.edn");

  private static String resource(String name) {
    try (var in = ThresholdsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException | NullPointerException e) {
      throw new IllegalStateException("test resource " + name + " is missing", e);
    }
  }

  @Test
  void readsTheFiguresOfARealLookingResultsEdn() {
    Thresholds.Figures figures = Thresholds.figures(Edn.read(RESULTS_EDN));
    assertThat(figures.valid()).isEqualTo(true);
    assertThat(figures.msgsPerOp()).isEqualTo(24.949068);
    assertThat(figures.medianMs()).isEqualTo(356.0);
    assertThat(figures.maxMs()).isEqualTo(578.0);
  }

  @Test
  void ednReaderHandlesTheUsualForms() {
    Object value =
        Edn.read("; comment\n{:a [1 -2 3N 1.5 1/2 \"s\\\"q\" \\c nil true], :b #{:x}, #_ :skipped :c #inst \"2024\", \"k\" (x y)}");
    @SuppressWarnings("unchecked")
    List<Object> a = (List<Object>) Edn.get(value, "a");
    assertThat(a.subList(0, 6)).containsExactly(1L, -2L, 3L, 1.5, 0.5, "s\"q");
    assertThat(a.get(7)).isNull();
    assertThat(a.get(8)).isEqualTo(true);
    assertThat(Edn.get(value, "c")).isEqualTo("2024");
    assertThat(Edn.get(value, "k")).isEqualTo(List.of(new Edn.Symbol("x"), new Edn.Symbol("y")));
    assertThat(Edn.get(value, "b")).isEqualTo(java.util.Set.of(new Edn.Keyword("x")));
  }

  private int check(Path results, String... limits) {
    Thresholds.CheckCommand command = new Thresholds.CheckCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    String[] args = new String[limits.length + 1];
    System.arraycopy(limits, 0, args, 0, limits.length);
    args[limits.length] = results.toString();
    new CommandLine(command).parseArgs(args);
    return command.call();
  }

  @Test
  void checksLimitsOnEdnAndJson(@TempDir Path dir) throws Exception {
    Path edn = dir.resolve("results.edn");
    Files.writeString(edn, RESULTS_EDN);
    assertThat(check(edn, "--max-msgs-per-op", "30", "--max-median-ms", "400", "--max-max-ms", "600")).isZero();
    assertThat(check(dir, "--max-msgs-per-op", "20", "--max-median-ms", "1000", "--max-max-ms", "2000")).isEqualTo(1);
    assertThat(check(edn, "--max-max-ms", "578")).isEqualTo(1);

    Path runDir = dir.resolve("run");
    Files.createDirectories(runDir);
    Files.writeString(
        runDir.resolve("results.json"),
        glomers.harness.json.Json.write(
            Map.of(
                "net", Map.of("servers", Map.of("msgs-per-op", 12.5)),
                "workload", Map.of("stable-latencies", Map.of("0", 0, "0.5", 150, "1", 420)),
                "valid?", true)));
    assertThat(check(runDir, "--max-msgs-per-op", "30", "--max-median-ms", "400", "--max-max-ms", "600", "--require-valid")).isZero();
    assertThat(check(runDir, "--max-median-ms", "100")).isEqualTo(1);

    Files.writeString(runDir.resolve("results.json"), "{\"valid?\": false, \"net\": {}}");
    assertThat(check(runDir, "--max-msgs-per-op", "30")).isEqualTo(1);
    assertThat(check(runDir, "--require-valid")).isEqualTo(1);
    assertThat(check(dir.resolve("missing"), "--max-msgs-per-op", "30")).isEqualTo(254);
  }

  @Test
  void withoutStableLatenciesUsesOkOpLatenciesAndCountsOpsNotOk(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("results.json"),
        glomers.harness.json.Json.write(
            Map.of(
                "valid?", true,
                "net", Map.of("servers", Map.of("msgs-per-op", 0.6)),
                "perf", Map.of("ok-latency-ms", Map.of("all", Map.of("count", 10, "0.5", 1.5, "1", 9.0))),
                "stats", Map.of("by-f", Map.of(
                    "send", Map.of("ok-count", 5, "fail-count", 1, "info-count", 2),
                    "poll", Map.of("ok-count", 5, "fail-count", 0, "info-count", 1),
                    "crash", Map.of("ok-count", 0, "fail-count", 0, "info-count", 7))))));
    Thresholds.Figures figures = Thresholds.read(dir);
    assertThat(figures.medianMs()).isEqualTo(1.5);
    assertThat(figures.maxMs()).isEqualTo(9.0);
    assertThat(figures.latency()).isEqualTo("ok ops");
    assertThat(figures.notOk()).isEqualTo(4);
    assertThat(check(dir, "--max-not-ok", "4")).isZero();
    assertThat(check(dir, "--max-not-ok", "3")).isEqualTo(1);
    assertThat(check(dir, "--max-median-ms", "1")).isEqualTo(1);

    Path row = dir.resolve("row.tsv");
    check(dir, "--max-not-ok", "0", "--record", row.toString());
    assertThat(Files.readString(row)).isEqualTo("FAIL\ttrue\t0.600\t1.500\t9\t4 <= 0\tops not ok; latency of ok ops\n");
  }

  @Test
  void recordsOneSummaryLinePerRun(@TempDir Path dir) throws Exception {
    Path edn = dir.resolve("results.edn");
    Files.writeString(edn, RESULTS_EDN);
    Path row = dir.resolve("row.tsv");
    assertThat(check(edn, "--max-msgs-per-op", "30", "--record", row.toString())).isZero();
    assertThat(Files.readString(row)).startsWith("PASS\ttrue\t").contains(" < 30\t");

    assertThat(check(edn, "--max-max-ms", "578", "--record", row.toString())).isEqualTo(1);
    assertThat(Files.readString(row)).startsWith("FAIL\t").endsWith("\tmax stable latency ms\n");

    // A run that exited non-zero fails the row even when every limit is met.
    assertThat(check(edn, "--run-exit", "255", "--record", row.toString())).isZero();
    assertThat(Files.readString(row)).startsWith("FAIL\t").endsWith("exit 255\n");
  }
}
