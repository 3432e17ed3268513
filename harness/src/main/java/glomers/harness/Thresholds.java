package glomers.harness;

import glomers.harness.net.Json;
import glomers.harness.report.Edn;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Checks a finished run's figures against limits, e.g. challenge 3d's: {@code --max-msgs-per-op 30
 * --max-median-ms 400 --max-max-ms 600}. Reads our results.json or real Maelstrom's results.edn (a
 * file, or a run directory holding one), so the same targets can judge either bench.
 */
public final class Thresholds {
  public static final int EXIT_MET = 0;
  public static final int EXIT_MISSED = 1;

  private Thresholds() {}

  /** The figures the Gossip Glomers targets use, null where a run does not have them. */
  public record Figures(Object valid, Double msgsPerOp, Double medianMs, Double maxMs) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new CheckCommand()).setExitCodeExceptionMapper(e -> Maelstrom.EXIT_USAGE)
        .setParameterExceptionHandler((e, a) -> {
          System.err.println(e.getMessage());
          e.getCommandLine().usage(System.err);
          return Maelstrom.EXIT_USAGE;
        })
        .execute(args));
  }

  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Compares a run's results (results.json or Maelstrom's results.edn) with limits.")
  public static final class CheckCommand implements Callable<Integer> {
    @Option(names = "--max-msgs-per-op", paramLabel = "N", description = "Limit on [net servers msgs-per-op].")
    Double maxMsgsPerOp;

    @Option(names = "--max-median-ms", paramLabel = "MS", description = "Limit on [workload stable-latencies 0.5].")
    Double maxMedianMs;

    @Option(names = "--max-max-ms", paramLabel = "MS", description = "Limit on [workload stable-latencies 1].")
    Double maxMaxMs;

    @Option(names = "--require-valid", description = "Also require valid? to be true.")
    boolean requireValid;

    @Parameters(paramLabel = "RESULTS", description = "A store run directory, results.json or results.edn.")
    Path results;

    @Option(names = "--record", paramLabel = "FILE",
        description = "Also write the verdict and figures as one tab-separated line to FILE, for a summary table.")
    Path record;

    @Option(names = "--run-exit", paramLabel = "CODE", defaultValue = "0",
        description = "The test run's exit code; anything but 0 makes the recorded verdict FAIL.")
    int runExit;

    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @Override
    public Integer call() {
      Figures figures;
      try {
        figures = read(results);
      } catch (IOException | RuntimeException e) {
        out.println("cannot read results from " + results + ": " + e.getMessage());
        return Maelstrom.EXIT_USAGE;
      }
      List<String> missed = new ArrayList<>();
      out.println("valid?: " + figures.valid());
      if (requireValid && !Boolean.TRUE.equals(figures.valid())) {
        missed.add("valid?");
      }
      compare("msgs-per-op (net servers)", figures.msgsPerOp(), maxMsgsPerOp, missed);
      compare("median stable latency ms", figures.medianMs(), maxMedianMs, missed);
      compare("max stable latency ms", figures.maxMs(), maxMaxMs, missed);
      if (record != null) {
        try {
          Files.writeString(record, recordLine(figures, missed) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
          out.println("cannot write " + record + ": " + e.getMessage());
          return Maelstrom.EXIT_USAGE;
        }
      }
      if (missed.isEmpty()) {
        out.println("All limits met.");
        return EXIT_MET;
      }
      out.println("Limits missed: " + String.join(", ", missed));
      return EXIT_MISSED;
    }

    /** verdict, valid?, msgs-per-op, median, max (each "value<limit" where a limit was set), missed. */
    String recordLine(Figures figures, List<String> missed) {
      boolean pass = runExit == 0 && missed.isEmpty();
      return String.join("\t",
          pass ? "PASS" : "FAIL",
          String.valueOf(figures.valid()),
          cell(figures.msgsPerOp(), maxMsgsPerOp),
          cell(figures.medianMs(), maxMedianMs),
          cell(figures.maxMs(), maxMaxMs),
          runExit == 0 ? String.join(", ", missed) : "exit " + runExit);
    }

    private static String cell(Double value, Double limit) {
      String shown = value == null ? "-" : format(value);
      return limit == null ? shown : shown + " < " + format(limit);
    }

    private void compare(String name, Double value, Double limit, List<String> missed) {
      if (limit == null) {
        if (value != null) {
          out.printf("%s: %s%n", name, format(value));
        }
        return;
      }
      if (value == null) {
        out.printf("%s: missing from the results (limit < %s) MISSED%n", name, format(limit));
        missed.add(name);
        return;
      }
      boolean ok = value < limit;
      out.printf("%s: %s (limit < %s) %s%n", name, format(value), format(limit), ok ? "ok" : "MISSED");
      if (!ok) {
        missed.add(name);
      }
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format("%.3f", value);
  }

  /** Finds and parses a run's results: a file, or a directory's results.json / results.edn. */
  public static Figures read(Path path) throws IOException {
    Path file = path;
    if (Files.isDirectory(path)) {
      file = Files.exists(path.resolve("results.json")) ? path.resolve("results.json") : path.resolve("results.edn");
    }
    if (!Files.exists(file)) {
      throw new IOException("no results.json or results.edn there");
    }
    String text = Files.readString(file, StandardCharsets.UTF_8);
    Object root = file.toString().endsWith(".edn") ? Edn.read(text) : Json.toJava(Json.MAPPER.readTree(text));
    return figures(root);
  }

  public static Figures figures(Object root) {
    Object servers = Edn.get(Edn.get(root, "net"), "servers");
    Object latencies = Edn.get(Edn.get(root, "workload"), "stable-latencies");
    return new Figures(
        Edn.get(root, "valid?") instanceof Edn.Keyword k ? k.name() : Edn.get(root, "valid?"),
        number(Edn.get(servers, "msgs-per-op")),
        number(Edn.get(latencies, 0.5)),
        number(Edn.get(latencies, 1)));
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
