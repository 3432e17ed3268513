package glomers.harness.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code maelstrom merge-runs DIR…}: puts the shards of one seed search back together from their
 * {@link SearchOutcome}s and prints what an unsharded {@code --runs} would have: every seed passed,
 * or the failing seeds in order with their first problems. It refuses to give that answer when the
 * shards are not one search (different flags, solution or range), or when they do not cover the
 * range exactly once: a seed that no shard ran, or ran twice, would make the answer wrong in a way
 * nobody could see.
 */
public final class MergeRuns {
  /** The shards cannot be merged into an answer: seeds missing or run twice, or not one search. */
  public static final int EXIT_INCOMPLETE = 2;
  private static final int LISTED = 20;

  private MergeRuns() {}

  /** Merges the outcomes in {@code paths} (store folders or outcome files); returns the exit code. */
  public static int merge(List<Path> paths, PrintStream out) {
    List<SearchOutcome> outcomes = new ArrayList<>();
    List<Path> dirs = new ArrayList<>();
    boolean unreadable = false;
    for (Path path : paths) {
      try {
        outcomes.add(SearchOutcome.read(path));
        dirs.add(Files.isDirectory(path) ? path : path.toAbsolutePath().getParent());
      } catch (IOException e) {
        out.println("Cannot read " + path + ": " + e.getMessage());
        unreadable = true;
      }
    }
    if (outcomes.isEmpty()) {
      out.println("No seed search outcome to merge.");
      return EXIT_INCOMPLETE;
    }
    String mismatch = mismatch(outcomes, dirs);
    if (mismatch != null) {
      out.println("These are not shards of one search: " + mismatch);
      return EXIT_INCOMPLETE;
    }
    SearchOutcome first = outcomes.get(0);
    int runs = first.runs();
    BitSet covered = new BitSet(runs);
    Map<Long, List<String>> twice = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    List<Located> failures = new ArrayList<>();
    int ran = 0;
    boolean replayChecked = true;
    for (int i = 0; i < outcomes.size(); i++) {
      SearchOutcome o = outcomes.get(i);
      Path dir = dirs.get(i);
      String name = "shard " + o.shard() + " (" + dir + ")";
      for (int p = 0; p < o.ran(); p++) {
        int index = Math.toIntExact(o.shard().indexAt(p));
        if (covered.get(index)) {
          twice.computeIfAbsent(o.firstSeed() + index, s -> new ArrayList<>()).add(name);
        }
        covered.set(index);
      }
      ran += o.ran();
      replayChecked &= o.replayChecked();
      for (SeedSearch.Failure f : o.failures()) {
        failures.add(new Located(f, f.storeDir() == null ? null : dir.resolve(f.storeDir())));
      }
      if (!SearchOutcome.FINISHED.equals(o.state())) {
        notes.add(name + " " + unfinished(o) + "; not run: " + o.notRunText());
      }
    }
    failures.sort(Comparator.comparingLong(l -> l.failure().seed()));
    int shards = outcomes.size();
    out.printf("Merged %d outcome%s of the search of %d seeds from %d (%s, %s): %d seeds ran.%n", shards,
        shards == 1 ? "" : "s", runs, first.firstSeed(), first.options().get("workload"), first.solution(), ran);
    List<SeedSearch.Failure> sorted = failures.stream().map(l -> l.failure().withStore(l.store())).toList();
    SeedSearch.printSummary(out, ran, sorted, replayChecked, SeedSearch.Failure::storeDir);
    out.println(timing(outcomes, ran));
    int missing = runs - covered.cardinality();
    boolean incomplete = unreadable || missing > 0 || !twice.isEmpty();
    if (missing > 0) {
      out.printf("MISSING: %d of the %d seeds were run by none of these shards: %s%n", missing, runs,
          listed(first.firstSeed(), missing(covered, runs)));
      for (String absent : absentShards(outcomes)) {
        out.println("  " + absent);
      }
      for (String note : notes) {
        out.println("  " + note);
      }
    }
    if (!twice.isEmpty()) {
      List<String> examples = new ArrayList<>();
      twice.entrySet().stream().limit(LISTED).forEach(e -> examples.add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")"));
      out.printf("OVERLAP: %d seeds were run by more than one shard, e.g. %s%n", twice.size(), String.join("; ", examples));
    }
    if (unreadable) {
      out.println("Some outcomes could not be read (above): the merge cannot say what they ran.");
    }
    if (incomplete) {
      out.println("The search is incomplete: its answer covers only the seeds that ran, once each (exit "
          + EXIT_INCOMPLETE + ").");
      return EXIT_INCOMPLETE;
    }
    return sorted.isEmpty() ? TestRun.EXIT_VALID : sorted.get(0).exitCode();
  }

  private record Located(SeedSearch.Failure failure, Path store) {}

  /** What makes two outcomes different searches, or null if they are shards of one. */
  static String mismatch(List<SearchOutcome> outcomes, List<Path> dirs) {
    SearchOutcome a = outcomes.get(0);
    for (int i = 1; i < outcomes.size(); i++) {
      SearchOutcome b = outcomes.get(i);
      String between = dirs.get(0) + " and " + dirs.get(i);
      if (a.firstSeed() != b.firstSeed() || a.runs() != b.runs()) {
        return "%s searched seeds %d to %d and %d to %d".formatted(between, a.firstSeed(), a.firstSeed() + a.runs() - 1,
            b.firstSeed(), b.firstSeed() + b.runs() - 1);
      }
      if (!Objects.equals(a.solution(), b.solution())) {
        return "%s ran solution %s and %s".formatted(between, a.solution(), b.solution());
      }
      for (String key : new TreeSet<>(a.options().keySet())) {
        if (!Objects.equals(a.options().get(key), b.options().get(key))) {
          return "%s differ in %s: %s and %s".formatted(between, key, a.options().get(key), b.options().get(key));
        }
      }
      if (!a.options().keySet().equals(b.options().keySet())) {
        return "%s come from benches with different options: %s and %s".formatted(between, a.options().keySet(),
            b.options().keySet());
      }
    }
    return null;
  }

  private static String unfinished(SearchOutcome o) {
    return switch (o.state()) {
      case SearchOutcome.RUNNING -> "did not finish: its outcome still says running (the bench died, pid " + o.pid()
          + (o.host() == null ? "" : " on " + o.host()) + ", or is still going), last written " + o.timing().updated();
      case SearchOutcome.INTERRUPTED -> "was stopped by " + o.signal();
      case SearchOutcome.EXITED -> "exited part-way" + (o.signal() == null ? "" : " after " + o.signal());
      default -> "ended in state " + o.state();
    };
  }

  /** With one shard count throughout, the shards of which no outcome was given at all. */
  private static List<String> absentShards(List<SearchOutcome> outcomes) {
    int count = outcomes.get(0).shard().count();
    if (outcomes.stream().anyMatch(o -> o.shard().count() != count)) {
      return List.of();
    }
    BitSet given = new BitSet(count);
    outcomes.forEach(o -> given.set(o.shard().index()));
    List<String> absent = new ArrayList<>();
    for (int i = given.nextClearBit(0); i < count; i = given.nextClearBit(i + 1)) {
      absent.add("no outcome of shard " + i + "/" + count + " was given");
    }
    return absent;
  }

  private static List<Integer> missing(BitSet covered, int runs) {
    List<Integer> missing = new ArrayList<>();
    for (int i = covered.nextClearBit(0); i < runs && missing.size() <= LISTED; i = covered.nextClearBit(i + 1)) {
      missing.add(i);
    }
    return missing;
  }

  private static String listed(long firstSeed, List<Integer> indices) {
    List<String> seeds = new ArrayList<>();
    for (int i = 0; i < Math.min(LISTED, indices.size()); i++) {
      seeds.add(Long.toString(firstSeed + indices.get(i)));
    }
    return String.join(", ", seeds) + (indices.size() > LISTED ? ", …" : "");
  }

  private static String timing(List<SearchOutcome> outcomes, int ran) {
    double cpu = outcomes.stream().mapToDouble(o -> o.timing().cpuSeconds()).sum();
    double longest = outcomes.stream().mapToDouble(o -> o.timing().wallSeconds()).max().orElse(0);
    return "%d seeds in %.1f s of the benches' CPU in all (%.3f s a seed); the longest shard took %.1f s of wall time."
        .formatted(ran, cpu, ran == 0 ? 0 : cpu / ran, longest);
  }
}
