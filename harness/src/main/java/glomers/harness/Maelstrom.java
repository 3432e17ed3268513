package glomers.harness;

import glomers.harness.cli.AnalyzeCommand;
import glomers.harness.cli.TestCommand;
import glomers.harness.cli.TestOptions;
import glomers.harness.report.Log;
import glomers.harness.serve.ServeCommand;
import glomers.harness.run.Determinism;
import glomers.harness.run.SeedSearch;
import glomers.harness.run.Signals;
import glomers.harness.run.SimRun;
import glomers.harness.run.TestRun;
import glomers.harness.sim.Solutions;
import glomers.runtime.spi.Dispatcher;
import glomers.harness.workload.Workload;
import glomers.harness.workload.Workloads;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The bench's entry point: {@code maelstrom test ...}, {@code analyze ...}, {@code check ...} and {@code serve ...}. */
@Command(
    name = "maelstrom",
    mixinStandardHelpOptions = true,
    description = "A Maelstrom-compatible test bench for Gossip Glomers nodes.",
    footer = {"", "Commands: test (run a node against a workload), analyze (re-check a stored run), check (compare a",
      "run's results with limits), serve (browse the store's runs and reports on 127.0.0.1)."})
public final class Maelstrom {
  public static final int EXIT_USAGE = 254;
  static final List<String> UNSUPPORTED = List.of("demo", "doc");
  private static final String CARRIERS = "jdk.virtualThreadScheduler.parallelism";

  public static void main(String[] args) {
    if (List.of(args).contains("--sim") && System.getProperty(CARRIERS) == null) {
      // A simulation runs one virtual thread at a time; with one carrier thread, handing control
      // between the scheduler and a client costs no OS thread wake-up. Must be set before the first
      // virtual thread starts.
      System.setProperty(CARRIERS, "1");
    }
    Signals.install();
    int code = run(args);
    System.out.flush();
    System.err.flush();
    // Runtime.exit runs the shutdown hook that kills any node still alive.
    System.exit(code);
  }

  public static int run(String[] args) {
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    if (args.length > 0 && UNSUPPORTED.contains(args[0])) {
      err.println("maelstrom " + args[0] + " is not supported by this bench; use test, analyze, check or serve.");
      return EXIT_USAGE;
    }
    TestCommand test = new TestCommand();
    Thresholds.CheckCommand check = new Thresholds.CheckCommand();
    AnalyzeCommand analyze = new AnalyzeCommand();
    ServeCommand serve = new ServeCommand();
    CommandLine cli =
        new CommandLine(new Maelstrom())
            .addSubcommand("test", test)
            .addSubcommand("analyze", analyze)
            .addSubcommand("check", check)
            .addSubcommand("serve", serve);
    List<String> footer = new java.util.ArrayList<>(List.of("", "Workloads (-w) and the requests their clients send; every node is sent init first:"));
    footer.addAll(Workloads.helpLines());
    cli.getSubcommands().get("test").getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
    ParseResult parsed;
    try {
      parsed = cli.parseArgs(args);
    } catch (ParameterException e) {
      err.println(e.getMessage());
      e.getCommandLine().usage(new PrintWriter(err, true));
      return EXIT_USAGE;
    }
    if (CommandLine.printHelpIfRequested(parsed)) {
      return 0;
    }
    if (!parsed.hasSubcommand()) {
      err.println(args.length == 0 ? "Missing command." : "Unknown command " + args[0] + ".");
      cli.usage(new PrintWriter(err, true));
      return EXIT_USAGE;
    }
    if (parsed.subcommand().commandSpec().userObject() == check) {
      return check.call();
    }
    if (parsed.subcommand().commandSpec().userObject() == analyze) {
      return analyze.call(err);
    }
    if (parsed.subcommand().commandSpec().userObject() == serve) {
      return serve.call();
    }
    return runTests(test, err);
  }

  static int runTests(TestCommand test, PrintStream err) {
    TestOptions options;
    Workload workload;
    try {
      options = test.toOptions();
      workload = Workloads.byName(options.workload());
      String problem = workload.usageProblem(options);
      if (problem != null) {
        throw new TestCommand.InvalidOptionException(problem);
      }
    } catch (TestCommand.InvalidOptionException | RuntimeException e) {
      err.println(e.getMessage());
      return EXIT_USAGE;
    }
    TestCommand.Simulation simulation = test.simulation();
    if (simulation != null) {
      return simulate(test, options, workload, simulation, err);
    }
    if (test.leaveDbRunning()) {
      err.println("note: --leave-db-running is ignored; nodes are child processes and die with the bench.");
    }
    int code = 0;
    for (int i = 0; i < options.testCount(); i++) {
      if (options.testCount() > 1) {
        Log.info("Test " + (i + 1) + " of " + options.testCount());
      }
      try {
        TestOptions thisRun = i == 0 ? options : withSeed(options, options.seed() + i);
        code = new TestRun(thisRun, i == 0 ? workload : Workloads.byName(options.workload()), test.store()).run().exitCode();
      } catch (Exception e) {
        Log.plain("Internal error: " + e);
        e.printStackTrace(err);
        return TestRun.EXIT_CRASH;
      }
      // An interrupted run is the last: the user asked to stop.
      if (code != 0 || Signals.received() != null) {
        break;
      }
    }
    return code;
  }

  /** {@code test --sim}: one simulated run, or a search of {@code --runs} seeds. */
  static int simulate(TestCommand test, TestOptions options, Workload workload, TestCommand.Simulation simulation,
      PrintStream err) {
    Dispatcher solution;
    try {
      solution = simulation.solution() != null
          ? Solutions.byName(simulation.solution())
          : Solutions.fromLauncher(options.bin());
    } catch (Solutions.NotFound e) {
      err.println(e.getMessage());
      return EXIT_USAGE;
    }
    if (!options.nodeArgs().isEmpty()) {
      err.println("note: node arguments " + options.nodeArgs() + " are ignored with --sim; a solution takes none.");
    }
    try {
      Determinism.Launcher fresh = new Determinism.Launcher(simulation.replayFlags(), test.store(), options.workload());
      if (simulation.checkDeterminism()) {
        return Determinism.check(fresh, options.seed(), options.nodes(), System.out);
      }
      if (simulation.runs() > 1) {
        return SeedSearch.run(options, simulation.runs(), test.store(), solution, seed -> withSeed(options, seed), fresh, err)
            .exitCode();
      }
      int code = 0;
      // --test-count repeats as in a process run: the next seed each time, stopping at a failure.
      for (int i = 0; i < options.testCount() && code == 0 && Signals.received() == null; i++) {
        TestOptions thisRun = i == 0 ? options : withSeed(options, options.seed() + i);
        code = new SimRun(thisRun, i == 0 ? workload : Workloads.byName(options.workload()), test.store(), solution)
            .run().exitCode();
      }
      return code;
    } catch (Exception e) {
      Log.plain("Internal error: " + e);
      e.printStackTrace(err);
      return TestRun.EXIT_CRASH;
    }
  }

  /** Each repetition gets its own (printed) seed so any one of them can be replayed. */
  static TestOptions withSeed(TestOptions o, long seed) {
    return new TestOptions(
        o.workload(), o.bin(), o.nodes(), o.concurrency(), o.timeLimitSeconds(), o.rate(), o.latencyMillis(),
        o.latencyDist(), o.nemesis(), o.nemesisIntervalSeconds(), o.availability(), o.consistencyModels(),
        o.keyCount(), o.maxTxnLength(), o.maxWritesPerKey(), o.topology(), o.seqKvStaleness(), o.logStderr(),
        o.logNetSend(), o.logNetRecv(), o.testCount(), seed, o.nodeArgs());
  }
}
