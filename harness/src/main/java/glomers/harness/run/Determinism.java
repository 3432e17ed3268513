package glomers.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.report.Store;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether a simulation seed replays in any JVM ({@code test --sim --check-determinism}, and the
 * check a seed search makes of each failing seed): the seed runs again in a fresh JVM, the bench's
 * own java and classpath, and the two runs' {@code history.jsonl} and net journal must be equal byte
 * for byte. Only those two files are compared: they hold virtual times only, where store folders,
 * {@code jepsen.log} and the report pages hold names and wall-clock times that legitimately differ.
 *
 * <p>The replaying JVM makes its identity hash codes another way ({@code -XX:hashCode=3}, a global
 * counter, against the default per-thread sequence that two launches of one program often
 * repeat): a run that depends on them then differs reliably, instead of only when the threads of
 * the two launches happen to differ. A run that does not depend on them cannot tell.
 */
public final class Determinism {
  /** The exit code of {@code --check-determinism} when the seed did not replay. */
  public static final int EXIT_NOT_REPLAYED = 3;

  /** HotSpot flags that make identity hash codes from a global counter instead of per thread. */
  private static final List<String> OTHER_IDENTITY_HASHES = List.of("-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=3");
  private static final List<String> FILES = List.of("history.jsonl", "net-journal/journal.jsonl");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Determinism() {}

  /**
   * Runs the test of {@code flags} in a fresh JVM on the bench's classpath.
   *
   * @param flags the flags of {@code test}, without {@code --seed}, {@code --store}, {@code --runs},
   *     {@code --test-count} and {@code --check-determinism} (see {@link #replayFlags})
   */
  public record Launcher(List<String> flags, Path store, String workload) {
    /**
     * Runs {@code seed} and returns its exit code and store folder (null if it made none).
     *
     * @param output the child's console output goes there, or to this JVM's console if null
     * @param skew whether the child makes its identity hash codes another way
     */
    Replay run(long seed, boolean skew, Path output) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path")));
      // The launcher's JVM flags, AOT cache included: the child starts as fast; no result changes.
      for (String arg : ProcessHandle.current().info().arguments().orElse(new String[0])) {
        if (arg.startsWith("-X") && !arg.startsWith("-XX:AOTCacheOutput") && !arg.startsWith("-XX:AOTMode")) {
          command.add(arg);
        }
      }
      // The bench's own tuning (timeouts, the watchdog) must hold in the child too.
      for (String name : System.getProperties().stringPropertyNames()) {
        if (name.startsWith("glomers.")) {
          command.add("-D" + name + "=" + System.getProperty(name));
        }
      }
      if (skew) {
        command.addAll(OTHER_IDENTITY_HASHES);
      }
      command.addAll(List.of("glomers.harness.Maelstrom", "test"));
      command.addAll(flags);
      command.addAll(List.of("--seed", Long.toString(seed), "--store", store.toString()));
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      if (output == null) {
        builder.inheritIO();
      } else {
        builder.redirectOutput(output.toFile());
      }
      Set<Path> before = runs();
      int exit = builder.start().waitFor();
      List<Path> made = new ArrayList<>(runs());
      made.removeAll(before);
      return new Replay(exit, made.size() == 1 ? made.get(0) : null);
    }

    private Set<Path> runs() throws IOException {
      Path dir = store.resolve(workload);
      if (!Files.isDirectory(dir)) {
        return Set.of();
      }
      try (Stream<Path> runs = Files.list(dir)) {
        return new HashSet<>(runs.filter(p -> !Files.isSymbolicLink(p) && Files.isDirectory(p)).toList());
      }
    }
  }

  /** A run in a fresh JVM: its exit code and store folder, null if it made none. */
  record Replay(int exitCode, Path runDir) {}

  /**
   * The flags of {@code test} as given, less those a replay sets itself or must not repeat:
   * {@code --seed}, {@code --store}, {@code --runs}, {@code --shard}, {@code --test-count}, {@code --check-determinism}.
   */
  public static List<String> replayFlags(List<String> args) {
    Set<String> withValue = Set.of("--seed", "--store", "--runs", "--shard", "--test-count");
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--")) {
        kept.addAll(args.subList(i, args.size()));
        break;
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (arg.equals("--check-determinism")) {
        continue;
      }
      if (withValue.contains(name)) {
        if (!arg.contains("=")) {
          i++; // its value
        }
        continue;
      }
      kept.add(arg);
    }
    return kept;
  }

  /**
   * {@code test --sim --check-determinism}: runs {@code seed} in two fresh JVMs and compares them.
   * The first run's console output is shown as it happens and its folder becomes {@code latest}.
   *
   * @return the run's exit code if both agree, {@link #EXIT_NOT_REPLAYED} if not, 255 if a JVM
   *     made no run
   */
  public static int check(Launcher launcher, long seed, List<String> nodes, PrintStream out) throws IOException, InterruptedException {
    out.println("Checking that seed " + seed + " replays in any JVM: running it in two fresh JVMs, then comparing"
        + " their history.jsonl and net journal.");
    Replay first = launcher.run(seed, false, null);
    Path log = Files.createTempFile("maelstrom-replay-", ".log");
    try {
      out.println("Running seed " + seed + " again in a second fresh JVM, its identity hash codes made another way...");
      Replay second = launcher.run(seed, true, log);
      if (first.runDir() == null || second.runDir() == null) {
        out.println("--check-determinism: " + (first.runDir() == null ? "the first" : "the second")
            + " JVM made no run (exit " + (first.runDir() == null ? first.exitCode() : second.exitCode()) + ")"
            + (second.runDir() == null ? "; its output ended:\n" + tail(log) : ""));
        return TestRun.EXIT_CRASH;
      }
      String difference = compare(first.runDir(), second.runDir(), first.exitCode(), second.exitCode(), nodes);
      Store.markLatest(launcher.store(), first.runDir());
      if (difference == null) {
        delete(second.runDir());
        out.println("Seed " + seed + " replayed exactly in a fresh JVM: history.jsonl (" + lines(first.runDir(), FILES.get(0))
            + " lines) and net-journal/journal.jsonl (" + lines(first.runDir(), FILES.get(1)) + " lines) are identical.");
        return first.exitCode();
      }
      out.println("Seed " + seed + " DID NOT REPLAY: two fresh JVMs ran it differently.\n" + difference);
      out.println("Both runs are kept: " + first.runDir() + " and " + second.runDir());
      return EXIT_NOT_REPLAYED;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * Runs a failing seed of a search again in a fresh JVM and compares it with the search's run.
   * Returns null if it replayed (the replay's folder is then deleted), else what differs.
   */
  static String replays(Launcher launcher, long seed, Path run, int exitCode, List<String> nodes) throws IOException, InterruptedException {
    Path log = Files.createTempFile("maelstrom-replay-", ".log");
    try {
      Replay replay = launcher.run(seed, true, log);
      if (replay.runDir() == null) {
        return "the replay in a fresh JVM made no run (exit " + replay.exitCode() + "); its output ended:\n" + tail(log);
      }
      String difference = compare(run, replay.runDir(), exitCode, replay.exitCode(), nodes);
      if (difference == null) {
        delete(replay.runDir());
        return null;
      }
      return difference + "\nThe replay is kept: " + replay.runDir();
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /**
   * What differs between two runs of one seed, or null if their history and journal are equal byte
   * for byte and their exit codes agree: the first differing journal line (the first message that
   * differs, and who sent it), the first differing history line, and the likely causes.
   */
  static String compare(Path first, Path second, int firstExit, int secondExit, List<String> nodes) throws IOException {
    StringBuilder text = new StringBuilder();
    Line journal = firstDifference(first.resolve(FILES.get(1)), second.resolve(FILES.get(1)));
    Line history = firstDifference(first.resolve(FILES.get(0)), second.resolve(FILES.get(0)));
    String sender = null;
    if (journal != null) {
      sender = describeMessage(journal, nodes, text);
    }
    if (history != null) {
      text.append("history.jsonl differs first at line ").append(history.number()).append(":\n")
          .append("  first:  ").append(clip(history.first())).append('\n')
          .append("  second: ").append(clip(history.second())).append('\n');
    }
    if (journal == null && history == null) {
      if (firstExit == secondExit) {
        return null;
      }
      text.append("history.jsonl and the journal are identical, but the verdicts differ (exit ").append(firstExit)
          .append(" and ").append(secondExit).append("): a checker depends on the JVM, a bench bug.\n");
      return text.toString().stripTrailing();
    }
    if (sender == null || !nodes.contains(sender)) {
      text.append("The first difference comes from the bench's side (")
          .append(sender == null ? "its history" : sender)
          .append("), after identical messages from the nodes: likely a bench bug (its workload, services, network or"
              + " nemesis iterating a Set.of/Map.of or a hash map keyed by identity-hashed objects or enums), unless a"
              + " node's reply that the bench acts on differed in timing only.\n");
    } else {
      text.append("Likely causes, in the solution's code on node ").append(sender)
          .append(" (in a simulation it runs inside the bench's JVM, so whatever varies between JVMs shows):\n")
          .append("  - iteration over Set.of/Map.of/Set.copyOf/Map.copyOf, whose order is salted at each JVM launch,"
              + " or over a HashMap/HashSet keyed by enums or objects without their own hashCode (identity hashes):"
              + " use a TreeMap/TreeSet/LinkedHashMap, or sort;\n")
          .append("  - identity hash codes themselves (Object.hashCode, System.identityHashCode, Object.toString);\n")
          .append("  - the wall clock (System.currentTimeMillis, System.nanoTime, Instant.now) instead of the node's"
              + " timers, or unseeded randomness;\n")
          .append("  - threads of its own (executors, CompletableFuture.*Async), which run outside virtual time;\n")
          .append("  - static state left over from an earlier run in the same JVM (a seed search runs every seed in"
              + " one JVM).\n");
    }
    return text.toString().stripTrailing();
  }

  /** Appends the differing journal line as a message and returns who sent it (its src). */
  private static String describeMessage(Line line, List<String> nodes, StringBuilder text) {
    JsonNode a = parse(line.first());
    JsonNode b = parse(line.second());
    JsonNode event = a != null ? a : b;
    String sender = event == null ? null : event.path("src").asText("?");
    text.append("The first message that differs is at line ").append(line.number())
        .append(" of net-journal/journal.jsonl");
    if (event != null) {
      text.append(": ").append(event.path("type").asText()).append(" of message ").append(event.path("id").asText())
          .append(" from ").append(sender).append(" to ").append(event.path("dest").asText())
          .append(", sent by ").append(nodes.contains(sender) ? "node " + sender : "the bench's " + sender);
      if (a != null && b != null) {
        List<String> fields = new ArrayList<>();
        for (String field : List.of("time", "type", "src", "dest", "body")) {
          if (!a.path(field).equals(b.path(field))) {
            fields.add(field);
          }
        }
        text.append(" (").append(fields.isEmpty() ? "same event, other id" : "differs in " + String.join(", ", fields))
            .append(')');
      }
    }
    text.append(":\n  first:  ").append(clip(line.first())).append("\n  second: ").append(clip(line.second())).append('\n');
    return sender;
  }

  private static JsonNode parse(String line) {
    if (line == null) {
      return null;
    }
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }

  /** The first line where two files differ, 1-based; a missing line or file reads as null. */
  record Line(long number, String first, String second) {}

  static Line firstDifference(Path a, Path b) throws IOException {
    if (!Files.exists(a) || !Files.exists(b)) {
      return Files.exists(a) == Files.exists(b) ? null
          : new Line(1, Files.exists(a) ? "(file present)" : "(no " + a.getFileName() + ")",
              Files.exists(b) ? "(file present)" : "(no " + b.getFileName() + ")");
    }
    try (BufferedReader x = Files.newBufferedReader(a, StandardCharsets.UTF_8);
        BufferedReader y = Files.newBufferedReader(b, StandardCharsets.UTF_8)) {
      for (long number = 1; ; number++) {
        String first = x.readLine();
        String second = y.readLine();
        if (first == null && second == null) {
          return null;
        }
        if (first == null || !first.equals(second)) {
          return new Line(number, first == null ? "(end of file)" : first, second == null ? "(end of file)" : second);
        }
      }
    }
  }

  private static String clip(String line) {
    return line.length() <= 400 ? line : line.substring(0, 400) + "... (" + line.length() + " chars)";
  }

  private static long lines(Path run, String file) throws IOException {
    try (Stream<String> lines = Files.lines(run.resolve(file), StandardCharsets.UTF_8)) {
      return lines.count();
    }
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  static void delete(Path dir) throws IOException {
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
