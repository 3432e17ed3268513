package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import glomers.harness.Maelstrom;
import glomers.harness.run.SearchOutcome;
import glomers.harness.run.Shard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22: a seed search split into shards that GNU parallel runs as separate processes, then
 * merged, gives the answer of one search; a shard stopped part-way says which seeds it did not run.
 * The planted bug (planted/LossyBroadcast) fails a few of the 200 seeds.
 */
class ShardedSearchTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> SEARCH = List.of("--sim", "--solution", "broadcast-lossy", "-w", "broadcast",
      "--node-count", "5", "--time-limit", "20", "--rate", "10", "--nemesis", "partition", "--seed", "1");
  private static final Pattern FAILING_SEED = Pattern.compile("^\\s*seed \\d+: exit \\d+, .*$", Pattern.MULTILINE);

  @TempDir Path dir;

  @Test
  void fourShardsUnderGnuParallelListTheSameFailingSeedsAsOneSearchAndAMissingOrDoubledShardExitsTwo() throws Exception {
    assumeTrue(onPath("parallel"), "GNU parallel is not installed (.ci/run installs Debian's parallel)");
    List<String> whole = new ArrayList<>(List.of("test", "--store", dir.resolve("whole").toString(), "--runs", "200"));
    whole.addAll(SEARCH);
    Run one = inThisJvm(whole);
    assertThat(one.exit()).as(one.out()).isEqualTo(1);
    List<String> failing = failingSeeds(one.out());
    assertThat(failing).as("the planted bug fails a few of the 200 seeds").isNotEmpty().hasSizeLessThan(20);

    // The recipe as a user runs it, with this test's classpath as the bench (the planted solution is a test class).
    Path shards = dir.resolve("shards");
    List<String> command = new ArrayList<>(List.of(ROOT.resolve("scripts/seed-search-parallel").toString(),
        "-k", "4", "-j", "4", "-o", shards.toString(), "--", "--runs", "200"));
    command.addAll(SEARCH);
    ProcessBuilder recipe = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("parallel.log").toFile());
    recipe.environment().put("MAELSTROM", benchScript().toString());
    int exit = recipe.start().waitFor();
    String out = Files.readString(dir.resolve("parallel.log"));

    assertThat(exit).as(out).isEqualTo(1);
    String merged = out.substring(out.indexOf("== merge-runs"));
    assertThat(merged).contains("Merged 4 outcomes of the search of 200 seeds from 1 (broadcast, broadcast-lossy): 200 seeds ran.")
        .doesNotContain("MISSING").doesNotContain("OVERLAP");
    assertThat(failingSeeds(merged)).as("the merged list, failing seeds in order with their first problems")
        .isEqualTo(failing);
    assertThat(replayLine(merged)).isEqualTo(replayLine(one.out())).isNotNull();
    for (int i = 0; i < 4; i++) {
      SearchOutcome shard = SearchOutcome.read(shards.resolve("shard-" + i));
      assertThat(shard.state()).isEqualTo(SearchOutcome.FINISHED);
      assertThat(shard.shard()).isEqualTo(new Shard(i, 4));
      assertThat(shard.ran()).isEqualTo(50);
    }

    Run missing = inThisJvm(List.of("merge-runs", shards.resolve("shard-0").toString(), shards.resolve("shard-1").toString(),
        shards.resolve("shard-3").toString()));
    assertThat(missing.exit()).as(missing.out()).isEqualTo(2);
    assertThat(missing.out()).contains("MISSING: 50 of the 200 seeds were run by none of these shards: 3, 7, 11,")
        .contains("no outcome of shard 2/4 was given");

    List<String> twice = new ArrayList<>(List.of("merge-runs", dir.resolve("whole").toString()));
    try (Stream<Path> each = Files.list(shards)) {
      each.sorted().map(Path::toString).forEach(twice::add);
    }
    Run overlap = inThisJvm(twice);
    assertThat(overlap.exit()).as(overlap.out()).isEqualTo(2);
    assertThat(overlap.out()).contains("OVERLAP: 200 seeds were run by more than one shard");
  }

  @Test
  void aShardStoppedBySigtermSaysWhichSeedsItDidNotRunAndTheMergeExitsTwo() throws Exception {
    Path store = dir.resolve("stopped");
    Process shard = shard(store, "1/2");
    SearchOutcome running = awaitOutcome(store, o -> o.ran() >= 2, shard);
    assertThat(running.state()).isEqualTo(SearchOutcome.RUNNING);

    shard.destroy(); // SIGTERM

    assertThat(shard.waitFor(5, TimeUnit.MINUTES)).isTrue();
    SearchOutcome stopped = SearchOutcome.read(store);
    assertThat(stopped.state()).isEqualTo(SearchOutcome.INTERRUPTED);
    assertThat(stopped.signal()).isEqualTo("SIGTERM");
    assertThat(stopped.ran()).isGreaterThanOrEqualTo(2);
    assertThat(stopped.notRun()).isPositive().isEqualTo(stopped.seeds() - stopped.ran());
    assertThat(shard.exitValue()).isEqualTo(stopped.failures().isEmpty() ? 2 : stopped.failures().get(0).exitCode());
    Run merged = inThisJvm(List.of("merge-runs", store.toString()));
    assertThat(merged.exit()).isEqualTo(2);
    assertThat(merged.out()).contains("was stopped by SIGTERM; not run: " + stopped.notRunText())
        .contains("no outcome of shard 0/2 was given");
  }

  @Test
  void aShardKilledOutrightLeavesAnOutcomeThatStillSaysRunningAndWhatItRan() throws Exception {
    Path store = dir.resolve("killed");
    Process shard = shard(store, "0/2");
    awaitOutcome(store, o -> o.ran() >= 1, shard);

    shard.destroyForcibly(); // SIGKILL: no handler, no hook

    shard.waitFor();
    SearchOutcome killed = SearchOutcome.read(store);
    assertThat(killed.state()).isEqualTo(SearchOutcome.RUNNING);
    assertThat(killed.ran()).isPositive();
    Run merged = inThisJvm(List.of("merge-runs", store.toString()));
    assertThat(merged.exit()).isEqualTo(2);
    assertThat(merged.out()).contains("did not finish: its outcome still says running (the bench died, pid " + shard.pid())
        .contains("not run: " + killed.notRunText());
  }

  /** A shard of a search too long to end during the test, in a fresh JVM. */
  private Process shard(Path store, String shard) throws IOException {
    List<String> command = new ArrayList<>(List.of(benchScript().toString(), "test", "--store", store.toString(),
        "--shard", shard, "--runs", "100000"));
    command.addAll(SEARCH);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(shard.replace('/', '-') + ".log").toFile())
        .start();
  }

  /** Waits, however long the machine takes, until the shard's outcome shows {@code reached}. */
  private static SearchOutcome awaitOutcome(Path store, Predicate<SearchOutcome> reached, Process shard) throws Exception {
    while (true) {
      assertThat(shard.isAlive()).as("the shard is still searching").isTrue();
      if (Files.exists(store.resolve(SearchOutcome.FILE))) {
        SearchOutcome outcome = SearchOutcome.read(store);
        if (reached.test(outcome)) {
          return outcome;
        }
      }
      Thread.sleep(100);
    }
  }

  /** The bench as a command, on this test's classpath. */
  private Path benchScript() throws IOException {
    Path script = dir.resolve("maelstrom");
    if (!Files.exists(script)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Files.writeString(script, "#!/bin/sh\nexec " + quote(java) + " -XX:+UseSerialGC -cp "
          + quote(System.getProperty("java.class.path")) + " glomers.harness.Maelstrom \"$@\"\n");
      script.toFile().setExecutable(true);
    }
    return script;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, command)));
  }

  private static List<String> failingSeeds(String out) {
    List<String> seeds = new ArrayList<>();
    Matcher m = FAILING_SEED.matcher(out);
    while (m.find()) {
      seeds.add(m.group().trim());
    }
    return seeds;
  }

  private static String replayLine(String out) {
    return out.lines().filter(l -> l.contains("failing seeds replayed exactly in a fresh JVM")).findFirst().orElse(null);
  }

  private record Run(int exit, String out) {}

  /** {@code maelstrom ARGS} in this JVM, with what it printed on stdout and stderr. */
  private static Run inThisJvm(List<String> args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(capture);
    System.setErr(capture);
    try {
      return new Run(Maelstrom.run(args.toArray(String[]::new)), bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
