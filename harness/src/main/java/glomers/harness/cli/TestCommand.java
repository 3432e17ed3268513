package glomers.harness.cli;

import glomers.harness.net.LatencyModel;
import glomers.harness.options.Faults;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.TestOptions;
import glomers.harness.run.Determinism;
import glomers.harness.run.Shard;
import glomers.harness.workload.Workloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The flags of {@code maelstrom test} (docs/bench.md#cli-flags), with the forms and defaults of
 * Maelstrom's and Jepsen's parsers: numbers are converted by {@link FlagConverters} as picocli
 * parses, and the rest, which depends on several flags, is validated by {@link #toOptions}.
 */
@Command(
    name = "test",
    description = "Runs a node binary against a workload, like `maelstrom test`.",
    sortOptions = false)
public final class TestCommand {
  static final List<String> DEFAULT_NODES = List.of("n1", "n2", "n3", "n4", "n5");
  static final Set<String> TOPOLOGIES = Set.of("line", "grid", "tree", "tree2", "tree3", "tree4", "total");

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit (default: off).")
  boolean help;

  @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit (default: off).")
  boolean version;

  @Option(names = "--bin", paramLabel = "FILE", description = "Node executable to test; required (default: none).")
  String bin;

  @Option(names = {"-w", "--workload"}, paramLabel = "NAME", defaultValue = "lin-kv",
      description = "Workload to run; see the list below (default: ${DEFAULT-VALUE}).")
  String workload;

  @Option(names = "--node-count", paramLabel = "N", converter = FlagConverters.Positive.class,
      description = "Run nodes n0..n(N-1); overrides --nodes, -n and --nodes-file (default: unset, so n1..n5).")
  Integer nodeCount;

  @Option(names = "--time-limit", paramLabel = "S", defaultValue = "60", converter = FlagConverters.Positive.class,
      description = "Seconds of the main phase; setup, final phase and teardown come on top (default: ${DEFAULT-VALUE}).")
  int timeLimit;

  @Option(names = "--rate", paramLabel = "R", defaultValue = "5", converter = FlagConverters.NonNegativeNumber.class,
      description = "Target client requests per second over all workers; 0 for none (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--concurrency", paramLabel = "C", defaultValue = "1n", converter = FlagConverters.ConcurrencyConverter.class,
      description = "Client workers: a number, or Kn for K times the node count (default: ${DEFAULT-VALUE}).")
  FlagConverters.Concurrency concurrency;

  @Option(names = "--latency", paramLabel = "MS", defaultValue = "0", converter = FlagConverters.NonNegative.class,
      description = "Mean latency of each message between nodes and services, in ms (default: ${DEFAULT-VALUE}).")
  int latency;

  @Option(names = "--latency-dist", paramLabel = "D", defaultValue = "constant",
      description = "Latency distribution: constant, uniform or exponential (default: ${DEFAULT-VALUE}).")
  String latencyDist;

  @Option(names = "--nemesis", paramLabel = "F[,F]",
      description = "Comma-separated faults to inject: partition, kill, pause (default: none).")
  String nemesis;

  @Option(names = "--kill-targets", paramLabel = "T[,T]",
      description = "Bench only: the node sets a kill may take, of subset, one, minority-third, minority, majority, all;"
          + " e.g. one,minority keeps a majority alive (default: all of them, as Maelstrom).")
  String killTargets;

  @Option(names = "--nemesis-interval", paramLabel = "S", defaultValue = "10", converter = FlagConverters.PositiveNumber.class,
      description = "Mean seconds between nemesis operations, in each of the two schedules (partitions; kill and pause);"
          + " decimals and ratios like 1/2 accepted (default: ${DEFAULT-VALUE}).")
  double nemesisInterval;

  @Option(names = "--availability", paramLabel = "A", converter = FlagConverters.Availability.class,
      description = "Required availability: total, or the least fraction of ok requests, 0 to 1 (default: unset, no requirement).")
  String availability;

  @Option(names = "--consistency-models", paramLabel = "M", defaultValue = "strict-serializable",
      description = "The txn workloads' models to check, split on ' , ' (default: ${DEFAULT-VALUE}).")
  String consistencyModels;

  @Option(names = "--key-count", paramLabel = "N", converter = FlagConverters.Positive.class,
      description = "Active keys in the kafka and txn generators (default: unset, so 10).")
  Integer keyCount;

  @Option(names = "--max-txn-length", paramLabel = "N", defaultValue = "4", converter = FlagConverters.Positive.class,
      description = "Most micro-operations per transaction (default: ${DEFAULT-VALUE}).")
  int maxTxnLength;

  @Option(names = "--max-writes-per-key", paramLabel = "N", defaultValue = "16", converter = FlagConverters.Positive.class,
      description = "Writes (kafka: sends, list-append: appends) per key before the key is retired (default: ${DEFAULT-VALUE}).")
  int maxWritesPerKey;

  @Option(names = "--topology", paramLabel = "T", defaultValue = "grid",
      description = "Broadcast's topology: grid, line, total, tree, tree2, tree3 or tree4 (default: ${DEFAULT-VALUE}).")
  String topology;

  @Option(
      names = "--seq-kv-staleness",
      paramLabel = "S",
      defaultValue = "uniform",
      description = "uniform (Maelstrom's random draw) or oldest: seq-kv serves the stalest version it legally may,"
          + " so a node relying on fresh reads fails every run; bench only (default: ${DEFAULT-VALUE}).")
  String seqKvStaleness;

  @Option(names = "--log-stderr", description = "Echo each node's stderr lines to the console (default: off).")
  boolean logStderr;

  @Option(names = "--log-net-send", description = "Log every message entering the network (default: off).")
  boolean logNetSend;

  @Option(names = "--log-net-recv", description = "Log every message delivered (default: off).")
  boolean logNetRecv;

  @Option(names = "--seed", paramLabel = "LONG", converter = FlagConverters.AnyLong.class,
      description = "Seed of every random choice, to repeat a run (default: random, printed).")
  Long seed;

  @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "Folder where runs are stored (default: ${DEFAULT-VALUE}).")
  Path store;

  // Jepsen's inherited flags: accepted for compatibility, mostly meaningless for local processes.
  @Option(names = {"-n", "--node"}, paramLabel = "HOST", description = "A node name; repeatable (default: n1..n5).")
  List<String> node = new ArrayList<>();

  @Option(names = "--nodes", paramLabel = "LIST", description = "Comma-separated node names (default: n1..n5).")
  List<String> nodesLists = new ArrayList<>();

  @Option(names = "--nodes-file", paramLabel = "FILE", description = "File of node names, one per line (default: unset).")
  Path nodesFile;

  @Option(names = "--test-count", paramLabel = "N", defaultValue = "1", converter = FlagConverters.Positive.class,
      description = "Repeat the run N times with seeds seed, seed+1, ..., stopping at the first that fails (default: ${DEFAULT-VALUE}).")
  int testCount;

  @Option(names = "--leave-db-running", description = "Jepsen's; ignored: nodes die with the bench (default: off).")
  boolean leaveDbRunning;

  @Option(names = "--logging-json", description = "Jepsen's; no effect here (default: off).")
  boolean loggingJson;

  @Option(names = "--username", defaultValue = "root", description = "Jepsen's SSH user; no effect on local processes (default: ${DEFAULT-VALUE}).")
  String username;

  @Option(names = "--password", defaultValue = "root", description = "Jepsen's SSH password; no effect on local processes (default: ${DEFAULT-VALUE}).")
  String password;

  @Option(names = "--no-ssh", description = "Jepsen's; no effect on local processes (default: off).")
  boolean noSsh;

  @Option(names = "--strict-host-key-checking", description = "Jepsen's; no effect on local processes (default: off).")
  boolean strictHostKeyChecking;

  @Option(names = "--ssh-private-key", paramLabel = "FILE", description = "Jepsen's; no effect on local processes (default: unset).")
  String sshPrivateKey;

  @Option(names = "--sim", description = "Run the nodes as the solution's own classes inside the bench, on virtual time: "
      + "fast, and the seed replays the run exactly. The solution comes from --bin, one of this project's node "
      + "launchers, or is named with the next flag (default: off).")
  boolean sim;

  @Option(names = "--solution", paramLabel = "NAME",
      description = "With --sim: the @Solution to run, from the bench's classpath, instead of --bin's (default: unset).")
  String solution;

  @Option(names = "--runs", paramLabel = "N", defaultValue = "1", converter = FlagConverters.Positive.class,
      description = "With --sim: run N seeds, from --seed on, and list the failing ones (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--shard", paramLabel = "I/K",
      description = "With --sim: run only the seeds of shard I of K (the seed's index from --seed, modulo K, is I;"
          + " I from 0 to K-1), for searches spread over machines; merge-runs puts the shards together (default: unset, all seeds).")
  String shard;

  @Option(names = "--check-determinism",
      description = "With --sim: run the seed in two fresh JVMs and compare their history and net journal; exit "
          + Determinism.EXIT_NOT_REPLAYED + " naming the first message that differs if they do (default: off).")
  boolean checkDeterminism;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "ARGS", description = "Extra arguments for the node binary, after -- (default: none).")
  List<String> args = new ArrayList<>();

  /** A flag's value that Maelstrom would refuse. */
  public static final class InvalidOptionException extends Exception {
    public InvalidOptionException(String message) {
      super(message);
    }
  }

  /** Validates every flag and builds the options; the seed is drawn here when not given. */
  public TestOptions toOptions() throws InvalidOptionException {
    List<String> errors = new ArrayList<>();
    if (bin == null && !(sim && solution != null)) {
      errors.add("Expected a --bin BINARY to test");
    }
    if (!sim && solution != null) {
      errors.add("--solution needs --sim: only a simulation runs a solution's classes in the bench");
    }
    if (!sim && runs > 1) {
      errors.add("--runs needs --sim: only a simulation replays each seed exactly");
    }
    if (runs > 1 && testCount != 1) {
      errors.add("--runs and --test-count cannot be combined; --runs already repeats the test with a seed each");
    }
    if (checkDeterminism && !sim) {
      errors.add("--check-determinism needs --sim: only a simulation is meant to replay a seed exactly");
    } else if (checkDeterminism && (runs > 1 || testCount != 1)) {
      errors.add("--check-determinism checks one seed; with --runs a search already replays each failing seed in a"
          + " fresh JVM, and --test-count cannot be combined with it");
    }
    if (shard != null && !sim) {
      errors.add("--shard needs --sim: only a simulation searches seeds");
    } else if (shard != null) {
      try {
        Shard.parse(shard);
      } catch (IllegalArgumentException e) {
        errors.add("Failed to validate \"--shard " + shard + "\": " + e.getMessage());
      }
    }
    if (!Workloads.names().contains(workload)) {
      errors.add("Failed to validate \"--workload " + workload + "\": Must be one of " + String.join(", ", Workloads.names()));
    }
    if (!Set.of("constant", "uniform", "exponential").contains(latencyDist)) {
      errors.add("Failed to validate \"--latency-dist " + latencyDist + "\": Must be one of constant, uniform, exponential");
    } else if (latency == 0 && !"constant".equals(latencyDist)) {
      errors.add("--latency-dist " + latencyDist + " needs --latency > 0 (Maelstrom hangs or crashes with a mean of 0)");
    }
    Faults faults = Faults.parse(nemesis, killTargets, errors);
    List<String> models = Arrays.asList(consistencyModels.split("\\s+,\\s+"));
    if (!TOPOLOGIES.contains(topology)) {
      errors.add("Failed to validate \"--topology " + topology + "\": Must be one of line, grid, tree, tree2, tree3, tree4, total");
    }
    SeqKvStaleness staleness = SeqKvStaleness.byFlag(seqKvStaleness);
    if (staleness == null) {
      errors.add("Failed to validate \"--seq-kv-staleness " + seqKvStaleness + "\": Must be one of uniform, oldest");
    }
    long seedValue = seed != null ? seed : new SecureRandom().nextLong();
    List<String> nodes = nodes(errors, nodeCount);
    int workers = concurrency.workers(nodes.size());
    if (workers < 0) {
      errors.add("--concurrency " + concurrency.text() + " is too large for " + nodes.size() + " nodes (at most "
          + FlagConverters.Concurrency.MAX_WORKERS + " workers)");
    }
    Path binPath = null;
    if (bin != null) {
      binPath = canonicalBin(errors);
    }
    if (!errors.isEmpty()) {
      throw new InvalidOptionException(String.join("\n", errors));
    }
    return new TestOptions(
        workload,
        binPath,
        nodes,
        workers,
        timeLimit,
        rate,
        latency,
        latencyDist,
        faults,
        nemesisInterval,
        availability,
        models,
        keyCount,
        maxTxnLength,
        maxWritesPerKey,
        topology,
        staleness,
        logStderr,
        logNetSend,
        logNetRecv,
        testCount,
        seedValue,
        List.copyOf(args));
  }

  /** The latency model, which TestOptions keeps as two fields. */
  static LatencyModel latencyModel(TestOptions options) {
    return LatencyModel.of(options.latencyDist(), options.latencyMillis());
  }

  private Path canonicalBin(List<String> errors) {
    Path path = Path.of(bin);
    if (!Files.exists(path)) {
      errors.add("--bin " + bin + " does not exist");
      return null;
    }
    if (Files.isDirectory(path) || !Files.isExecutable(path)) {
      errors.add("--bin " + bin + " is not an executable file");
      return null;
    }
    try {
      return path.toRealPath();
    } catch (IOException e) {
      errors.add("--bin " + bin + ": " + e.getMessage());
      return null;
    }
  }

  /** --nodes-file, --nodes and -n together, in that order; n1..n5 if none; --node-count wins. */
  private List<String> nodes(List<String> errors, Integer nodeCount) {
    if (nodeCount != null) {
      List<String> numbered = new ArrayList<>();
      for (int i = 0; i < nodeCount; i++) {
        numbered.add("n" + i);
      }
      return numbered;
    }
    Set<String> nodes = new LinkedHashSet<>();
    if (nodesFile != null) {
      try {
        Files.readAllLines(nodesFile).stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(nodes::add);
      } catch (IOException e) {
        errors.add("cannot read --nodes-file " + nodesFile + ": " + e.getMessage());
      }
    }
    for (String list : nodesLists) {
      for (String n : list.split(",\\s*")) {
        if (!n.isEmpty()) {
          nodes.add(n);
        }
      }
    }
    nodes.addAll(node);
    if (nodes.isEmpty()) {
      return DEFAULT_NODES;
    }
    for (String n : nodes) {
      // Maelstrom accepts ids starting with c (they then act as clients); only a clash with a
      // service id is refused, since two members cannot share an inbox.
      if (Set.of("lin-kv", "seq-kv", "lww-kv", "lin-tso").contains(n)) {
        errors.add("node id " + n + " is the name of a built-in service");
      }
    }
    return List.copyOf(nodes);
  }

  /** How the nodes run: as processes ({@code null}), or simulated with {@code --sim}. */
  public Simulation simulation() {
    return sim
        ? new Simulation(solution, runs, checkDeterminism, replayFlags())
        : null;
  }

  /**
   * The flags of a simulated run.
   *
   * @param solution the {@code --solution} name, or null to take the solution from {@code --bin}
   * @param runs how many seeds to run, from the options' seed on
   * @param checkDeterminism whether to run the seed in two fresh JVMs and compare them
   * @param replayFlags the flags as given, for a fresh JVM that replays one seed
   */
  public record Simulation(String solution, int runs, boolean checkDeterminism, List<String> replayFlags) {}

  /** This command's flags as given, less those a replay sets itself (see {@link Determinism#replayFlags}). */
  private List<String> replayFlags() {
    List<String> given = spec == null || spec.commandLine() == null || spec.commandLine().getParseResult() == null
        ? List.of()
        : spec.commandLine().getParseResult().originalArgs();
    int test = given.indexOf("test");
    return Determinism.replayFlags(test < 0 ? given : given.subList(test + 1, given.size()));
  }

  /** {@code --shard}, or null when the search is not split; valid once {@link #toOptions} passed. */
  public Shard shard() {
    return shard == null ? null : Shard.parse(shard);
  }

  public Path store() {
    return store;
  }

  public boolean leaveDbRunning() {
    return leaveDbRunning;
  }
}
