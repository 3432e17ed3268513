package glomers.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outcomes of a 20-seed search from seed 1, written as shards would, then merged. */
class MergeRunsTest {
  private static final List<String> FLAGS = List.of("--sim", "-w", "broadcast", "--solution", "broadcast-lossy");

  @TempDir Path dir;

  private static Map<String, Object> options(double rate) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("workload", "broadcast");
    options.put("rate", rate);
    options.put("nodes", List.of("n0", "n1"));
    return options;
  }

  private Path outcome(String name, Shard shard, int ran, String state, SeedSearch.Failure... failures) throws IOException {
    return outcome(name, shard, ran, state, options(10.0), failures);
  }

  private Path outcome(String name, Shard shard, int ran, String state, Map<String, Object> options,
      SeedSearch.Failure... failures) throws IOException {
    Path store = dir.resolve(name);
    new SearchOutcome(state, null, FLAGS, options, "broadcast-lossy", 1, 20, shard, ran, true, List.of(failures),
        new SearchOutcome.Timing("2026-12-02T00:00:00Z", "2026-12-02T00:01:00Z", 60, 12.5, 1.5, 0.25), "vm", 42)
        .write(store);
    return store;
  }

  private static SeedSearch.Failure failure(long seed, String problem) {
    return new SeedSearch.Failure(seed, 1, problem, Path.of("broadcast", "run-" + seed));
  }

  private record Merged(int exit, String out) {}

  private static Merged merge(Path... dirs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = MergeRuns.merge(List.of(dirs), new PrintStream(out, true, StandardCharsets.UTF_8));
    return new Merged(exit, out.toString(StandardCharsets.UTF_8));
  }

  /** Four whole shards: seeds 3 (index 2, shard 2), 6 and 14 (indices 5 and 13, shard 1) failed. */
  private List<Path> fourShards() throws IOException {
    List<Path> dirs = new ArrayList<>();
    dirs.add(outcome("s0", new Shard(0, 4), 5, SearchOutcome.FINISHED));
    dirs.add(outcome("s1", new Shard(1, 4), 5, SearchOutcome.FINISHED, failure(6, "workload is false: lost-count 1"),
        failure(14, "workload is false: lost-count 2")));
    dirs.add(outcome("s2", new Shard(2, 4), 5, SearchOutcome.FINISHED, failure(3, "workload is false: lost-count 3")));
    dirs.add(outcome("s3", new Shard(3, 4), 5, SearchOutcome.FINISHED));
    return dirs;
  }

  @Test
  void fourShardsMergeIntoTheListAnUnshardedSearchPrintsFailingSeedsInOrder() throws IOException {
    List<Path> dirs = fourShards();

    Merged merged = merge(dirs.toArray(Path[]::new));

    assertThat(merged.exit()).isEqualTo(1);
    ByteArrayOutputStream unsharded = new ByteArrayOutputStream();
    SeedSearch.printSummary(new PrintStream(unsharded, true, StandardCharsets.UTF_8), 20, List.of(
        failure(3, "workload is false: lost-count 3").withStore(dirs.get(2).resolve("broadcast/run-3")),
        failure(6, "workload is false: lost-count 1").withStore(dirs.get(1).resolve("broadcast/run-6")),
        failure(14, "workload is false: lost-count 2").withStore(dirs.get(1).resolve("broadcast/run-14"))),
        true, SeedSearch.Failure::storeDir);
    assertThat(merged.out())
        .contains("Merged 4 outcomes of the search of 20 seeds from 1 (broadcast, broadcast-lossy): 20 seeds ran.")
        .contains(unsharded.toString(StandardCharsets.UTF_8))
        .contains("3 of 20 seeds failed")
        .contains("20 seeds in 50.0 s of the benches' CPU in all")
        .doesNotContain("MISSING")
        .doesNotContain("OVERLAP");
  }

  @Test
  void shardsThatAllPassedExitZero() throws IOException {
    Merged merged = merge(outcome("a", new Shard(0, 2), 10, SearchOutcome.FINISHED),
        outcome("b", new Shard(1, 2), 10, SearchOutcome.FINISHED));

    assertThat(merged.exit()).isZero();
    assertThat(merged.out()).contains("All 20 seeds passed.");
  }

  @Test
  void shardsOfDifferentCountsMergeWhenTogetherTheyCoverEachSeedOnce() throws IOException {
    // 0/2 runs the odd seeds (even indices); 1/4 and 3/4 the even seeds.
    Merged merged = merge(outcome("half", new Shard(0, 2), 10, SearchOutcome.FINISHED),
        outcome("q1", new Shard(1, 4), 5, SearchOutcome.FINISHED),
        outcome("q3", new Shard(3, 4), 5, SearchOutcome.FINISHED));

    assertThat(merged.exit()).as(merged.out()).isZero();
  }

  @Test
  void aMissingShardExitsTwoNamingItAndItsSeedsButStillListsTheFailuresFound() throws IOException {
    List<Path> dirs = fourShards();

    Merged merged = merge(dirs.get(0), dirs.get(1), dirs.get(2));

    assertThat(merged.exit()).isEqualTo(MergeRuns.EXIT_INCOMPLETE).isEqualTo(2);
    assertThat(merged.out())
        .contains("15 seeds ran")
        .contains("3 of 15 seeds failed")
        .contains("MISSING: 5 of the 20 seeds were run by none of these shards: 4, 8, 12, 16, 20")
        .contains("no outcome of shard 3/4 was given")
        .contains("The search is incomplete");
  }

  @Test
  void anOverlapExitsTwoNamingTheSeedsRunTwice() throws IOException {
    List<Path> dirs = new ArrayList<>(fourShards());
    dirs.add(outcome("again", new Shard(0, 2), 10, SearchOutcome.FINISHED));

    Merged merged = merge(dirs.toArray(Path[]::new));

    assertThat(merged.exit()).isEqualTo(2);
    assertThat(merged.out()).contains("OVERLAP: 10 seeds were run by more than one shard, e.g. 1 (shard 0/2")
        .doesNotContain("MISSING");
  }

  @Test
  void theSameShardGivenTwiceIsAnOverlap() throws IOException {
    List<Path> dirs = new ArrayList<>(fourShards());
    dirs.add(dirs.get(3).resolve(SearchOutcome.FILE));

    Merged merged = merge(dirs.toArray(Path[]::new));

    assertThat(merged.exit()).isEqualTo(2);
    assertThat(merged.out()).contains("OVERLAP: 5 seeds");
  }

  @Test
  void aShardThatDiedPartWaySaysWhichSeedsItDidNotRun() throws IOException {
    List<Path> dirs = fourShards();
    // Shard 1/4 (seeds 2, 6, 10, 14, 18) was killed after two seeds, one of them failing.
    Path died = outcome("s1", new Shard(1, 4), 2, SearchOutcome.RUNNING, failure(6, "workload is false: lost-count 1"));

    Merged merged = merge(dirs.get(0), died, dirs.get(2), dirs.get(3));

    assertThat(merged.exit()).isEqualTo(2);
    assertThat(merged.out())
        .contains("2 of 17 seeds failed")
        .contains("MISSING: 3 of the 20 seeds were run by none of these shards: 10, 14, 18")
        .contains("shard 1/4 (" + died + ") did not finish: its outcome still says running (the bench died, pid 42 on vm")
        .contains("not run: 10, 14, 18");
  }

  @Test
  void shardsOfDifferentSearchesAreNotMerged() throws IOException {
    Path a = outcome("a", new Shard(0, 2), 10, SearchOutcome.FINISHED);
    Path b = outcome("b", new Shard(1, 2), 10, SearchOutcome.FINISHED, options(20.0));

    Merged merged = merge(a, b);

    assertThat(merged.exit()).isEqualTo(2);
    assertThat(merged.out()).contains("These are not shards of one search: " + a + " and " + b + " differ in rate: 10.0 and 20.0");
  }

  @Test
  void aFolderWithoutAnOutcomeExitsTwo() throws IOException {
    Path a = outcome("a", new Shard(0, 2), 10, SearchOutcome.FINISHED);
    Path empty = Files.createDirectories(dir.resolve("empty"));

    Merged merged = merge(a, empty);

    assertThat(merged.exit()).isEqualTo(2);
    assertThat(merged.out()).contains("Cannot read " + empty + ": no search-outcome.json");
  }

  @Test
  void anOutcomeReadsBackAsWritten() throws IOException {
    SearchOutcome written = new SearchOutcome(SearchOutcome.INTERRUPTED, "SIGTERM", FLAGS, options(10.0), "broadcast-lossy",
        7, 30, new Shard(2, 3), 4, true,
        List.of(new SeedSearch.Failure(12, 255, "run aborted", Path.of("broadcast", "x"), "history line 3 differs")),
        new SearchOutcome.Timing("2026-12-02T00:00:00Z", "2026-12-02T00:01:00Z", 61.5, 12.25, 1.5, null), "vm", 42);
    written.write(dir);

    SearchOutcome read = SearchOutcome.read(dir);

    assertThat(read).isEqualTo(written);
    assertThat(read.notRun()).isEqualTo(6);
    assertThat(read.notRunText()).isEqualTo("21, 24, 27, 30, 33, 36");
    String text = Files.readString(dir.resolve(SearchOutcome.FILE));
    assertThat(text).contains("\"not-run\" : {\n    \"first\" : 21,\n    \"last\" : 36,\n    \"step\" : 3,\n    \"count\" : 6");
  }
}
