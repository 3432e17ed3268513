package glomers.harness.run;

import glomers.harness.options.TestOptions;
import glomers.harness.log.Log;
import glomers.harness.log.Progress;
import glomers.harness.report.Reports;
import glomers.harness.report.Store;
import glomers.harness.workload.Workloads;
import glomers.runtime.spi.Dispatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * {@code test --sim --runs N}: the same test under N seeds, one after another, with a progress bar.
 * A failing seed keeps its store folder and is listed with its first problem; a passing one's
 * folder is deleted, so a search of thousands of seeds leaves only what needs looking at. Before it
 * is listed, a failing seed runs again in a fresh JVM ({@link Determinism}): one whose replay
 * differs is marked, since {@code --sim --seed} would not show the same run.
 */
public final class SeedSearch {
  private SeedSearch() {}

  /**
   * A seed whose run did not pass: its exit code, first problem and store folder, and what differed
   * when it ran again in a fresh JVM (null if it replayed exactly, or was not replayed).
   */
  public record Failure(long seed, int exitCode, String problem, Path storeDir, String notReplayed) {
    public Failure(long seed, int exitCode, String problem, Path storeDir) {
      this(seed, exitCode, problem, storeDir, null);
    }
  }

  /** What a search found: how many seeds ran and which of them failed. */
  public record Result(int runs, List<Failure> failures) {
    /** 0 if every seed passed, else the exit code of the first failing one. */
    public int exitCode() {
      return failures.isEmpty() ? TestRun.EXIT_VALID : failures.get(0).exitCode();
    }
  }

  /**
   * Runs seeds {@code options.seed()}, {@code +1}, ... {@code +runs-1}.
   *
   * @param withSeed the options of one run, given its seed
   * @param fresh runs a failing seed again in a fresh JVM, or null not to
   * @param progress where the progress bar and the final list go
   */
  public static Result run(TestOptions options, int runs, Path store, Dispatcher solution,
      LongFunction<TestOptions> withSeed, Determinism.Launcher fresh, PrintStream progress) throws Exception {
    List<Failure> failures = new ArrayList<>();
    boolean terminal = Progress.isTerminal();
    long start = System.nanoTime();
    progress.printf("Searching %d seeds from %d (%s, %s)%n", runs, options.seed(), options.workload(), solution.solution());
    for (int i = 0; i < runs; i++) {
      long seed = options.seed() + i;
      TestRun.Outcome outcome;
      Log.quiet(true);
      try {
        outcome = TestRun.simulated(withSeed.apply(seed), Workloads.byName(options.workload()), store, solution)
            .asSearchRun()
            .run();
      } finally {
        Log.quiet(false);
      }
      if (outcome.exitCode() == TestRun.EXIT_VALID) {
        delete(outcome.storeDir());
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
        failures.add(new Failure(seed, outcome.exitCode(), problem, outcome.storeDir(), notReplayed));
      }
      String bar = bar(i + 1, runs, failures.size(), (System.nanoTime() - start) / 1e9);
      if (terminal) {
        progress.print("\r" + bar);
      } else if ((i + 1) % Math.max(1, runs / 10) == 0 || i + 1 == runs) {
        progress.println(bar);
      }
    }
    if (terminal) {
      progress.println();
    }
    if (failures.isEmpty()) {
      Store.dropDanglingLinks(store, options.workload());
      progress.printf("All %d seeds passed.%n", runs);
    } else {
      // The passing runs' folders are gone: latest shows the first failure instead.
      Store.markLatest(store, failures.get(0).storeDir());
      progress.printf("%d of %d seeds failed; replay one with --sim --seed SEED and the same flags:%n", failures.size(), runs);
      for (Failure f : failures) {
        progress.printf("  seed %d: exit %d, %s%n    store: %s%n", f.seed(), f.exitCode(), f.problem(), f.storeDir());
        if (f.notReplayed() != null) {
          progress.printf("    DID NOT REPLAY in a fresh JVM, so --seed %d may not show this run:%n      %s%n", f.seed(),
              f.notReplayed().replace("\n", "\n      "));
        }
      }
      if (fresh != null) {
        long replayed = failures.stream().filter(f -> f.notReplayed() == null).count();
        progress.printf("%d of %d failing seeds replayed exactly in a fresh JVM.%n", replayed, failures.size());
      }
    }
    return new Result(runs, failures);
  }

  static String bar(int done, int total, int failing, double seconds) {
    int width = 30;
    int filled = (int) ((long) done * width / total);
    return String.format("[%s%s] %d/%d seeds, %d failing, %.1f s", "#".repeat(filled), ".".repeat(width - filled),
        done, total, failing, seconds);
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
}
