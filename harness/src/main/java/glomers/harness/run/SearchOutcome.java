package glomers.harness.run;

import glomers.harness.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@value #FILE} in a search's store folder: what one seed search (or one shard of it) was asked to
 * do and how far it got, self-contained, so that {@code merge-runs} can put shards run on other
 * machines together without anything else. It is rewritten after every seed, in one step, so a
 * search that dies (SIGKILL, a lost machine) leaves one that says {@code running} and which seeds
 * it had not run; a signal or an exit while it runs leaves {@code interrupted} or {@code exited}.
 *
 * @param state {@value #RUNNING}, {@value #FINISHED}, {@value #INTERRUPTED} or {@value #EXITED}
 * @param signal the signal that stopped the search, or null
 * @param flags the {@code test} flags as given, less {@code --seed}, {@code --runs}, {@code --store}
 *     and {@code --shard}: with {@code --sim --seed SEED} they replay one seed
 * @param options every validated option but the seed and {@code --bin}, which the merge compares
 * @param solution the name of the solution that ran (in place of {@code --bin}, whose path differs between machines)
 * @param firstSeed {@code --seed}
 * @param runs {@code --runs}: the search is seeds {@code firstSeed … firstSeed+runs-1}
 * @param shard which of them this search ran (every seed for {@link Shard#ALL})
 * @param ran how many of the shard's seeds ran to the end, in order: those not run are the rest
 * @param replayChecked whether each failing seed was run again in a fresh JVM
 * @param failures the seeds that failed, in order, each with its store folder relative to the store
 * @param timing wall and CPU time
 * @param host the machine's name, as far as it is known
 * @param pid the bench's process id
 */
public record SearchOutcome(
    String state,
    String signal,
    List<String> flags,
    Map<String, Object> options,
    String solution,
    long firstSeed,
    int runs,
    Shard shard,
    int ran,
    boolean replayChecked,
    List<SeedSearch.Failure> failures,
    Timing timing,
    String host,
    long pid) {
  public static final String FILE = "search-outcome.json";
  static final String FORMAT = "glomers seed search outcome, version 1";
  public static final String RUNNING = "running";
  public static final String FINISHED = "finished";
  public static final String INTERRUPTED = "interrupted";
  public static final String EXITED = "exited";

  /**
   * The search's times.
   *
   * @param started when the search started, ISO-8601
   * @param updated when this outcome was written
   * @param wallSeconds wall time from the start to {@code updated}
   * @param cpuSeconds the bench process's CPU time over the same span (all its threads: GC and JIT too)
   * @param firstSeedCpuSeconds the first seed's CPU time, JIT warm-up included; null before it ends
   * @param warmSeedCpuSeconds mean CPU time of a seed after the first {@value SeedSearch#WARM_UP} (JIT warm); null
   *     until one has run
   */
  public record Timing(String started, String updated, double wallSeconds, double cpuSeconds,
      Double firstSeedCpuSeconds, Double warmSeedCpuSeconds) {}

  /** How many seeds the shard has. */
  public int seeds() {
    return shard.size(runs);
  }

  public int notRun() {
    return seeds() - ran;
  }

  /** The seed at {@code position} in this shard's order. */
  public long seedAt(int position) {
    return firstSeed + shard.indexAt(position);
  }

  /** The seeds not run, as text: all of them when few, else the first, the last and the step. */
  public String notRunText() {
    int missing = notRun();
    if (missing == 0) {
      return "none";
    }
    if (missing <= 8) {
      List<String> seeds = new ArrayList<>();
      for (int p = ran; p < seeds(); p++) {
        seeds.add(Long.toString(seedAt(p)));
      }
      return String.join(", ", seeds);
    }
    return "%d seeds, %d to %d in steps of %d".formatted(missing, seedAt(ran), seedAt(seeds() - 1), shard.count());
  }

  /** Writes {@value #FILE} into {@code store}, replacing the last one in one step. */
  public void write(Path store) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("format", FORMAT);
    json.put("state", state);
    json.put("signal", signal);
    json.put("flags", flags);
    json.put("solution", solution);
    json.put("options", options);
    json.put("first-seed", firstSeed);
    json.put("runs", runs);
    json.put("shard", Map.of("index", shard.index(), "count", shard.count()));
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("seeds", seeds());
    counts.put("ran", ran);
    counts.put("passed", ran - failures.size());
    counts.put("failed", failures.size());
    counts.put("not-run", notRun());
    json.put("counts", counts);
    if (notRun() > 0) {
      Map<String, Object> notRun = new LinkedHashMap<>();
      notRun.put("first", seedAt(ran));
      notRun.put("last", seedAt(seeds() - 1));
      notRun.put("step", shard.count());
      notRun.put("count", notRun());
      json.put("not-run", notRun);
    } else {
      json.put("not-run", null);
    }
    json.put("replay-checked", replayChecked);
    List<Map<String, Object>> failed = new ArrayList<>();
    for (SeedSearch.Failure f : failures) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("seed", f.seed());
      one.put("exit", f.exitCode());
      one.put("problem", f.problem());
      one.put("store", f.storeDir() == null ? null : f.storeDir().toString());
      one.put("not-replayed", f.notReplayed());
      failed.add(one);
    }
    json.put("failures", failed);
    Map<String, Object> times = new LinkedHashMap<>();
    times.put("started", timing.started());
    times.put("updated", timing.updated());
    times.put("wall-seconds", round(timing.wallSeconds()));
    times.put("cpu-seconds", round(timing.cpuSeconds()));
    times.put("first-seed-cpu-seconds", timing.firstSeedCpuSeconds() == null ? null : round(timing.firstSeedCpuSeconds()));
    times.put("warm-seed-cpu-seconds", timing.warmSeedCpuSeconds() == null ? null : round(timing.warmSeedCpuSeconds()));
    json.put("timing", times);
    json.put("host", host);
    json.put("pid", pid);
    Files.createDirectories(store);
    Path tmp = store.resolve(FILE + ".tmp");
    Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
        StandardCharsets.UTF_8);
    Files.move(tmp, store.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }

  /** Reads {@code path}: a search's store folder, or its {@value #FILE} itself. */
  @SuppressWarnings("unchecked")
  public static SearchOutcome read(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
    if (!Files.exists(file)) {
      throw new IOException("no " + FILE + " in " + path + " (not a seed search's store folder, or the search never started)");
    }
    Map<String, Object> m;
    try {
      m = Json.MAPPER.readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new IOException(file + " is not a seed search outcome: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(m.get("format"))) {
      throw new IOException(file + " is not a seed search outcome this bench reads (format " + m.get("format") + ")");
    }
    try {
      Map<String, Object> shard = (Map<String, Object>) m.get("shard");
      List<SeedSearch.Failure> failures = new ArrayList<>();
      for (Map<String, Object> f : (List<Map<String, Object>>) m.get("failures")) {
        failures.add(new SeedSearch.Failure(((Number) f.get("seed")).longValue(), ((Number) f.get("exit")).intValue(),
            (String) f.get("problem"), f.get("store") == null ? null : Path.of((String) f.get("store")),
            (String) f.get("not-replayed")));
      }
      Map<String, Object> t = (Map<String, Object>) m.get("timing");
      Map<String, Object> counts = (Map<String, Object>) m.get("counts");
      SearchOutcome outcome = new SearchOutcome(
          (String) m.get("state"),
          (String) m.get("signal"),
          (List<String>) m.get("flags"),
          (Map<String, Object>) m.get("options"),
          (String) m.get("solution"),
          ((Number) m.get("first-seed")).longValue(),
          ((Number) m.get("runs")).intValue(),
          new Shard(((Number) shard.get("index")).intValue(), ((Number) shard.get("count")).intValue()),
          ((Number) counts.get("ran")).intValue(),
          Boolean.TRUE.equals(m.get("replay-checked")),
          failures,
          new Timing((String) t.get("started"), (String) t.get("updated"), ((Number) t.get("wall-seconds")).doubleValue(),
              ((Number) t.get("cpu-seconds")).doubleValue(), seconds(t.get("first-seed-cpu-seconds")),
              seconds(t.get("warm-seed-cpu-seconds"))),
          (String) m.get("host"),
          m.get("pid") instanceof Number pid ? pid.longValue() : -1);
      if (outcome.runs() < 0 || outcome.ran() < 0 || outcome.ran() > outcome.seeds()) {
        throw new IOException(file + " says " + outcome.ran() + " of its shard's " + outcome.seeds() + " seeds ran");
      }
      return outcome;
    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
      throw new IOException(file + " is not a whole seed search outcome: " + e, e);
    }
  }

  private static Double seconds(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
