package glomers.harness;

import glomers.harness.checker.Result;
import glomers.harness.json.Json;
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

  /**
   * The figures the Gossip Glomers targets use, null where a run does not have them. Latencies are
   * broadcast's stable latencies where the workload has them, else the latencies of ok ops.
   *
   * @param latency {@code "stable"}, {@code "ok ops"} or null when the run has neither
   * @param notOk client ops that ended fail or info (kafka's client crashes excluded)
   */
  public record Figures(
      Object valid, Double msgsPerOp, Double medianMs, Double maxMs, String latency, Long notOk) {
    public Figures(Object valid, Double msgsPerOp, Double medianMs, Double maxMs) {
      this(valid, msgsPerOp, medianMs, maxMs, medianMs == null ? null : "stable", null);
    }
  }

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

    @Option(names = "--max-not-ok", paramLabel = "N",
        description = "Limit on client ops that ended fail or info (at most N; kafka's crash ops excluded).")
    Long maxNotOk;

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
        missed.add(Result.VALID);
      }
      compare("msgs-per-op (net servers)", figures.msgsPerOp(), maxMsgsPerOp, missed);
      String latency = figures.latency() == null ? "stable" : figures.latency();
      compare("median " + latency + " latency ms", figures.medianMs(), maxMedianMs, missed);
      compare("max " + latency + " latency ms", figures.maxMs(), maxMaxMs, missed);
      if (figures.notOk() != null) {
        boolean ok = maxNotOk == null || figures.notOk() <= maxNotOk;
        out.printf("ops not ok (fail or info): %d%s%n", figures.notOk(),
            maxNotOk == null ? "" : " (limit <= " + maxNotOk + ") " + (ok ? "ok" : "MISSED"));
        if (!ok) {
          missed.add("ops not ok");
        }
      } else if (maxNotOk != null) {
        out.printf("ops not ok: missing from the results (limit <= %d) MISSED%n", maxNotOk);
        missed.add("ops not ok");
      }
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

    /**
     * verdict, valid?, msgs-per-op, median, max, ops not ok (each "value < limit" where a limit was
     * set), then notes: what was missed, and where the latencies come from when not stable ones.
     */
    String recordLine(Figures figures, List<String> missed) {
      boolean pass = runExit == 0 && missed.isEmpty();
      List<String> notes = new ArrayList<>();
      if (runExit != 0) {
        notes.add("exit " + runExit);
      } else if (!missed.isEmpty()) {
        notes.add(String.join(", ", missed));
      }
      if ("ok ops".equals(figures.latency())) {
        notes.add("latency of ok ops");
      }
      return String.join("\t",
          pass ? "PASS" : "FAIL",
          String.valueOf(figures.valid()),
          cell(figures.msgsPerOp(), maxMsgsPerOp),
          cell(figures.medianMs(), maxMedianMs),
          cell(figures.maxMs(), maxMaxMs),
          figures.notOk() == null ? "-" : figures.notOk() + (maxNotOk == null ? "" : " <= " + maxNotOk),
          String.join("; ", notes));
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
    String kind = "stable";
    if (latencies == null) {
      // Only our bench has these (Maelstrom draws them as plots); broadcast's stable ones come first.
      latencies = Edn.get(Edn.get(Edn.get(root, "perf"), "ok-latency-ms"), "all");
      kind = "ok ops";
    }
    Double median = number(Edn.get(latencies, 0.5));
    return new Figures(
        Edn.get(root, Result.VALID) instanceof Edn.Keyword k ? k.name() : Edn.get(root, Result.VALID),
        number(Edn.get(servers, "msgs-per-op")),
        median,
        number(Edn.get(latencies, 1)),
        median == null ? null : kind,
        notOk(Edn.get(Edn.get(root, "stats"), "by-f")));
  }

  /** fail + info completions over every f but kafka's {@code crash}, which is info by design. */
  private static Long notOk(Object byF) {
    if (!(byF instanceof java.util.Map<?, ?> map)) {
      return null;
    }
    long total = 0;
    for (var e : map.entrySet()) {
      Object key = e.getKey() instanceof Edn.Keyword k ? k.name() : e.getKey();
      if ("crash".equals(String.valueOf(key))) {
        continue;
      }
      Double fail = number(Edn.get(e.getValue(), "fail-count"));
      Double info = number(Edn.get(e.getValue(), "info-count"));
      total += (fail == null ? 0 : fail.longValue()) + (info == null ? 0 : info.longValue());
    }
    return total;
  }

  private static Double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : null;
  }
}
