package glomers.harness.run;

import glomers.harness.options.TestOptions;
import glomers.harness.json.Json;
import glomers.harness.report.CutShort;
import glomers.harness.log.Log;
import glomers.harness.log.Progress;
import glomers.harness.report.Reports;
import glomers.harness.report.Store;
import glomers.harness.workload.Workloads;
import glomers.runtime.spi.Dispatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * {@code test --sim --runs N}: the same test under N seeds, one after another, with a progress bar.
 * A failing seed keeps its store folder and is listed with its first problem; a passing one's
 * folder is deleted, so a search of thousands of seeds leaves only what needs looking at. Before it
 * is listed, a failing seed runs again in a fresh JVM ({@link Determinism}): one whose replay
 * differs is marked, since {@code --sim --seed} would not show the same run.
 *
 * <p>With {@code --shard I/K} only the seeds of one {@link Shard} run, so that K machines can share
 * a search; every search keeps its {@link SearchOutcome} in the store folder for {@link MergeRuns}.
 */
public final class SeedSearch {
  /** Seeds whose CPU time counts as JIT warm-up, not in the warm figure. */
  static final int WARM_UP = 10;

  private SeedSearch() {}

  /**
   * A seed whose run did not pass: its exit code, first problem and store folder, and what differed
   * when it ran again in a fresh JVM (null if it replayed exactly, or was not replayed).
   */
  public record Failure(long seed, int exitCode, String problem, Path storeDir, String notReplayed) {
    public Failure(long seed, int exitCode, String problem, Path storeDir) {
      this(seed, exitCode, problem, storeDir, null);
    }

    Failure withStore(Path store) {
      return new Failure(seed, exitCode, problem, store, notReplayed);
    }
  }

  /** What a search found: how many seeds ran, which of them failed, and how many it did not run (stopped early). */
  public record Result(int runs, List<Failure> failures, int notRun) {
    public Result(int runs, List<Failure> failures) {
      this(runs, failures, 0);
    }

    /** The first failing seed's exit code; else 2 (unknown) if seeds were left unrun, else 0. */
    public int exitCode() {
      if (!failures.isEmpty()) {
        return failures.get(0).exitCode();
      }
      return notRun > 0 ? TestRun.EXIT_UNKNOWN : TestRun.EXIT_VALID;
    }
  }

  /**
   * Runs the seeds of {@code shard} among {@code options.seed()}, {@code +1}, ... {@code +runs-1},
   * keeping {@value SearchOutcome#FILE} in {@code store} up to date after each.
   *
   * @param flags the {@code test} flags as given, for the outcome (see {@link Determinism#replayFlags})
   * @param withSeed the options of one run, given its seed
   * @param fresh runs a failing seed again in a fresh JVM, or null not to
   * @param progress where the progress bar and the final list go
   */
  public static Result run(TestOptions options, int runs, Shard shard, List<String> flags, Path store,
      Dispatcher solution, LongFunction<TestOptions> withSeed, Determinism.Launcher fresh, PrintStream progress)
      throws Exception {
    Tally tally = new Tally(options, runs, shard, flags, store, solution.solution(), fresh != null);
    int seeds = shard.size(runs);
    if (shard.count() == 1) {
      progress.printf("Searching %d seeds from %d (%s, %s)%n", runs, options.seed(), options.workload(), solution.solution());
    } else {
      progress.printf("Searching shard %s: %d of the %d seeds from %d, every %d%s from %d (%s, %s)%n", shard, seeds,
          runs, options.seed(), shard.count(), ordinalSuffix(shard.count()), options.seed() + shard.index(),
          options.workload(), solution.solution());
    }
    tally.write(SearchOutcome.RUNNING);
    // A second signal (or anything else that ends the JVM) leaves an outcome that says so.
    Thread onExit = new Thread(() -> tally.write(SearchOutcome.EXITED), "search-outcome");
    Runtime.getRuntime().addShutdownHook(onExit);
    // A first signal between two runs stops the search too (the loop sees it), instead of exiting at once.
    Signals.searchStarted(signal -> {});
    try {
      search(options, shard, store, solution, withSeed, fresh, progress, tally, seeds);
    } finally {
      Signals.searchEnded();
    }
    SearchOutcome last = tally.write(tally.ran == seeds ? SearchOutcome.FINISHED : SearchOutcome.INTERRUPTED);
    try {
      Runtime.getRuntime().removeShutdownHook(onExit);
    } catch (IllegalStateException e) {
      // Already exiting: the hook writes the same outcome again.
    }
    List<Failure> failures = List.copyOf(tally.failures);
    if (failures.isEmpty()) {
      Store.dropDanglingLinks(store, options.workload());
    } else {
      // The passing runs' folders are gone: latest shows the first failure instead.
      Store.markLatest(store, failures.get(0).storeDir());
    }
    printSummary(progress, tally.ran, failures, fresh != null, Failure::storeDir);
    if (tally.ran < seeds) {
      progress.printf("Stopped by %s: %d of the %d seeds were not run (%s).%n", Signals.received(), seeds - tally.ran,
          seeds, last.notRunText());
    }
    progress.println(timingLine(last));
    progress.printf("Outcome: %s%n", store.resolve(SearchOutcome.FILE));
    return new Result(tally.ran, failures, seeds - tally.ran);
  }

  /** Runs the shard's seeds in order until the last, or a signal. */
  private static void search(TestOptions options, Shard shard, Path store, Dispatcher solution,
      LongFunction<TestOptions> withSeed, Determinism.Launcher fresh, PrintStream progress, Tally tally, int seeds)
      throws Exception {
    boolean terminal = Progress.isTerminal();
    for (int position = 0; position < seeds && Signals.received() == null; position++) {
      long seed = options.seed() + shard.indexAt(position);
      TestRun.Outcome outcome;
      Log.quiet(true);
      try {
        outcome = TestRun.simulated(withSeed.apply(seed), Workloads.byName(options.workload()), store, solution)
            .asSearchRun()
            .run();
      } finally {
        Log.quiet(false);
      }
      if (Files.exists(outcome.storeDir().resolve(CutShort.FILE))) {
        // A signal cut this seed's run short: it did not run, whatever its verdict.
        if (outcome.exitCode() == TestRun.EXIT_VALID) {
          delete(outcome.storeDir());
        } else {
          progress.printf("%nSeed %d was cut short by %s; its partial run is kept in %s but not counted.%n", seed,
              Signals.received(), outcome.storeDir());
        }
        break;
      }
      if (outcome.exitCode() == TestRun.EXIT_VALID) {
        delete(outcome.storeDir());
        tally.ran(null);
      } else {
        String problem = outcome.results() == null
            ? "run aborted; see " + outcome.storeDir().resolve("jepsen.log")
            : Reports.firstProblem(outcome.results());
        String notReplayed = null;
        if (fresh != null) {
          try {
            notReplayed = Determinism.replays(fresh, seed, outcome.storeDir(), outcome.exitCode(), options.nodes());
          } catch (IOException e) {
            notReplayed = "the replay in a fresh JVM could not run: " + e;
          }
        }
        tally.ran(new Failure(seed, outcome.exitCode(), problem, outcome.storeDir(), notReplayed));
      }
      tally.write(SearchOutcome.RUNNING);
      String bar = bar(position + 1, seeds, tally.failures.size(), tally.wallSeconds());
      if (terminal) {
        progress.print("\r" + bar);
      } else if ((position + 1) % Math.max(1, seeds / 10) == 0 || position + 1 == seeds) {
        progress.println(bar);
      }
    }
    if (terminal) {
      progress.println();
    }
  }

  /**
   * The list a search ends with, and {@code merge-runs} too: every seed passed, or the failing
   * seeds in order with their first problem and store folder (where {@code storeOf} puts it).
   */
  static void printSummary(PrintStream out, int ran, List<Failure> failures, boolean replayChecked,
      Function<Failure, Path> storeOf) {
    if (failures.isEmpty()) {
      out.printf("All %d seeds passed.%n", ran);
      return;
    }
    out.printf("%d of %d seeds failed; replay one with --sim --seed SEED and the same flags:%n", failures.size(), ran);
    for (Failure f : failures) {
      out.printf("  seed %d: exit %d, %s%n    store: %s%n", f.seed(), f.exitCode(), f.problem(), storeOf.apply(f));
      if (f.notReplayed() != null) {
        out.printf("    DID NOT REPLAY in a fresh JVM, so --seed %d may not show this run:%n      %s%n", f.seed(),
            f.notReplayed().replace("\n", "\n      "));
      }
    }
    if (replayChecked) {
      long replayed = failures.stream().filter(f -> f.notReplayed() == null).count();
      out.printf("%d of %d failing seeds replayed exactly in a fresh JVM.%n", replayed, failures.size());
    }
  }

  static String timingLine(SearchOutcome outcome) {
    SearchOutcome.Timing t = outcome.timing();
    String line = "%d seeds in %.1f s of wall time and %.1f s of the bench's CPU".formatted(outcome.ran(),
        t.wallSeconds(), t.cpuSeconds());
    if (t.warmSeedCpuSeconds() != null) {
      line += "; the first seed took %.2f s of CPU, the %d after the first %d %.3f s each (%.2f seeds a second a core)"
          .formatted(t.firstSeedCpuSeconds(), outcome.ran() - WARM_UP, WARM_UP, t.warmSeedCpuSeconds(),
              1 / t.warmSeedCpuSeconds());
    } else if (t.firstSeedCpuSeconds() != null) {
      line += "; the first seed took %.2f s of CPU".formatted(t.firstSeedCpuSeconds());
    }
    return line + ".";
  }

  static String bar(int done, int total, int failing, double seconds) {
    int width = 30;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    return String.format("[%s%s] %d/%d seeds, %d failing, %.1f s", "#".repeat(filled), ".".repeat(width - filled),
        done, total, failing, seconds);
  }

  private static String ordinalSuffix(int n) {
    if (n % 100 >= 11 && n % 100 <= 13) {
      return "th";
    }
    return switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The search so far, as its outcome file says it; written by the search and, at exit, by the shutdown hook. */
  private static final class Tally {
    private static final com.sun.management.OperatingSystemMXBean OS =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final TestOptions options;
    private final int runs;
    private final Shard shard;
    private final List<String> flags;
    private final Path store;
    private final String solution;
    private final boolean replayChecked;
    private final Map<String, Object> comparedOptions;
    private final Instant started = Instant.now();
    private final long startNanos = System.nanoTime();
    private final long startCpu = OS.getProcessCpuTime();
    private final List<Failure> failures = new ArrayList<>();
    private long seedStartCpu = startCpu;
    private Double firstSeedCpu;
    private double warmCpu;
    private int ran;
    private boolean done;

    Tally(TestOptions options, int runs, Shard shard, List<String> flags, Path store, String solution,
        boolean replayChecked) {
      this.options = options;
      this.runs = runs;
      this.shard = shard;
      this.flags = List.copyOf(flags);
      this.store = store;
      this.solution = solution;
      this.replayChecked = replayChecked;
      this.comparedOptions = comparedOptions(options);
    }

    synchronized void ran(Failure failure) {
      long now = OS.getProcessCpuTime();
      double seconds = (now - seedStartCpu) / 1e9;
      seedStartCpu = now;
      if (ran == 0) {
        firstSeedCpu = seconds;
      } else if (ran >= WARM_UP) {
        warmCpu += seconds;
      }
      ran++;
      if (failure != null) {
        failures.add(failure);
      }
    }

    double wallSeconds() {
      return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Writes the outcome in {@code state}; after a final state, only the first such write counts. */
    synchronized SearchOutcome write(String state) {
      boolean exiting = SearchOutcome.EXITED.equals(state);
      SearchOutcome outcome = new SearchOutcome(state, Signals.received(), flags, comparedOptions, solution,
          options.seed(), runs, shard, ran, replayChecked, relative(failures),
          new SearchOutcome.Timing(started.toString(), Instant.now().toString(), wallSeconds(),
              (OS.getProcessCpuTime() - startCpu) / 1e9, firstSeedCpu,
              ran > WARM_UP ? warmCpu / (ran - WARM_UP) : null),
          host(), ProcessHandle.current().pid());
      if (done && exiting) {
        return outcome;
      }
      done = done || !SearchOutcome.RUNNING.equals(state);
      try {
        outcome.write(store);
      } catch (IOException e) {
        Log.info("Cannot write the search's outcome " + store.resolve(SearchOutcome.FILE) + ": " + e);
      }
      return outcome;
    }

    private List<Failure> relative(List<Failure> failures) {
      Path root = store.toAbsolutePath().normalize();
      List<Failure> out = new ArrayList<>();
      for (Failure f : failures) {
        out.add(new Failure(f.seed(), f.exitCode(), f.problem(), root.relativize(f.storeDir().toAbsolutePath().normalize()),
            f.notReplayed()));
      }
      return out;
    }
  }

  /** The options shards must share to make one search: all but the seed, and the solution in place of {@code --bin}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> comparedOptions(TestOptions options) {
    Map<String, Object> all = Json.MAPPER.convertValue(options, LinkedHashMap.class);
    all.remove("seed");
    all.remove("bin");
    return all;
  }

  private static String host() {
    try {
      return Files.readString(Path.of("/etc/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      return System.getenv("HOSTNAME");
    }
  }
}
