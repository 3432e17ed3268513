package glomers.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import glomers.harness.Maelstrom;
import glomers.harness.options.SeqKvStaleness;
import glomers.harness.options.TestOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TestCommandTest {
  @TempDir Path dir;
  Path bin;

  @BeforeEach
  void executable() throws IOException {
    bin = dir.resolve("node");
    Files.writeString(bin, "#!/bin/sh\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private TestOptions parse(String... flags) throws TestCommand.InvalidOptionException {
    TestCommand command = new TestCommand();
    List<String> args = new ArrayList<>(List.of("--bin", bin.toString()));
    args.addAll(List.of(flags));
    new CommandLine(command).parseArgs(args.toArray(String[]::new));
    return command.toOptions();
  }

  /** Why the flags were refused: by a converter as picocli parsed them, or by {@code toOptions}. */
  private String refusal(String... flags) {
    try {
      parse(flags);
    } catch (TestCommand.InvalidOptionException | CommandLine.ParameterException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + List.of(flags));
  }

  @Test
  void simulationFlagsNeedSimAndAWholeNumberOfRuns() throws Exception {
    assertThat(refusal("--runs", "5")).contains("--runs needs --sim");
    assertThat(refusal("--solution", "echo")).contains("--solution needs --sim");
    assertThat(refusal("--sim", "--runs", "0")).contains("--runs");
    assertThat(refusal("--sim", "--runs", "many")).contains("--runs");
    assertThat(refusal("--sim", "--runs", "3", "--test-count", "2")).contains("cannot be combined");

    TestCommand command = new TestCommand();
    new CommandLine(command).parseArgs("--sim", "--solution", "echo", "--runs", "7", "-w", "echo");
    assertThat(command.toOptions().bin()).as("--solution stands in for --bin").isNull();
    assertThat(command.simulation())
        .isEqualTo(new TestCommand.Simulation("echo", 7, false, List.of("--sim", "--solution", "echo", "-w", "echo")));

    TestCommand processRun = new TestCommand();
    new CommandLine(processRun).parseArgs("--bin", bin.toString());
    assertThat(processRun.simulation()).isNull();
  }

  @Test
  void checkDeterminismNeedsSimAndOneSeed() throws Exception {
    assertThat(refusal("--check-determinism")).contains("--check-determinism needs --sim");
    assertThat(refusal("--sim", "--check-determinism", "--runs", "3")).contains("--check-determinism checks one seed");
    assertThat(refusal("--sim", "--check-determinism", "--test-count", "2")).contains("--check-determinism checks one seed");

    TestCommand command = new TestCommand();
    new CommandLine(command).parseArgs("--sim", "--check-determinism", "--seed", "4", "--store=/tmp/s", "--solution",
        "echo", "--runs=1", "-w", "echo", "--test-count", "1", "--", "--seed", "x");
    assertThat(command.simulation().checkDeterminism()).isTrue();
    assertThat(command.simulation().replayFlags())
        .as("a replay sets its own seed and store; node arguments after -- stay as given")
        .containsExactly("--sim", "--solution", "echo", "-w", "echo", "--", "--seed", "x");
  }

  @Test
  void defaultsAreMaelstroms() throws Exception {
    TestOptions o = parse();
    assertThat(o.workload()).isEqualTo("lin-kv");
    assertThat(o.nodes()).containsExactly("n1", "n2", "n3", "n4", "n5");
    assertThat(o.concurrency()).isEqualTo(5);
    assertThat(o.timeLimitSeconds()).isEqualTo(60);
    assertThat(o.rate()).isEqualTo(5.0);
    assertThat(o.latencyMillis()).isZero();
    assertThat(o.latencyDist()).isEqualTo("constant");
    assertThat(o.partition()).isFalse();
    assertThat(o.nemesisIntervalSeconds()).isEqualTo(10.0);
    assertThat(o.availability()).isNull();
    assertThat(o.consistencyModels()).containsExactly("strict-serializable");
    assertThat(o.keyCount()).isNull();
    assertThat(o.maxTxnLength()).isEqualTo(4);
    assertThat(o.maxWritesPerKey()).isEqualTo(16);
    assertThat(o.topology()).isEqualTo("grid");
    assertThat(o.seqKvStaleness()).isEqualTo(SeqKvStaleness.UNIFORM);
    assertThat(o.testCount()).isEqualTo(1);
    assertThat(o.bin()).isEqualTo(bin.toRealPath());
    assertThat(o.nodeArgs()).isEmpty();
  }

  @Test
  void nodeCountOverridesNodeListsAndScalesConcurrency() throws Exception {
    TestOptions o = parse("--nodes", "a,b", "-n", "x", "--node-count", "3", "--concurrency", "2n");
    assertThat(o.nodes()).containsExactly("n0", "n1", "n2");
    assertThat(o.concurrency()).isEqualTo(6);
  }

  @Test
  void nodeListsCombineAndSplitOnCommaWhitespace() throws Exception {
    assertThat(parse("--nodes", "a, b,c").nodes()).containsExactly("a", "b", "c");
    assertThat(parse("-n", "x", "-n", "y").nodes()).containsExactly("x", "y");
    assertThat(parse("--nodes", "a,b", "-n", "z").nodes()).containsExactly("a", "b", "z");
    assertThat(parse("--concurrency", "7").concurrency()).isEqualTo(7);
  }

  @Test
  void consistencyModelsSplitOnlyOnCommasWithWhitespaceAround() throws Exception {
    assertThat(parse("--consistency-models", "read-committed , serializable").consistencyModels())
        .containsExactly("read-committed", "serializable");
    assertThat(parse("--consistency-models", "a,b").consistencyModels()).containsExactly("a,b");
  }

  @Test
  void nemesisTakesPartitionKillAndPauseAndKillTargetsRestrictKills() throws Exception {
    assertThat(parse("--nemesis", "partition").partition()).isTrue();
    assertThat(parse("--nemesis", "partition , partition").nemesis().names()).containsExactly("partition");
    TestOptions all = parse("--nemesis", "pause,kill , partition");
    assertThat(all.nemesis().names()).containsExactly("partition", "kill", "pause");
    assertThat(all.nemesis().killTargets()).containsExactly("subset", "one", "minority-third", "minority", "majority", "all");
    assertThat(parse("--nemesis", "kill", "--kill-targets", "minority,one").nemesis().killTargets())
        .containsExactly("one", "minority");
    assertThat(refusal("--nemesis", "partition,crash")).contains("--nemesis").contains("partition, kill, pause");
    assertThat(refusal("--nemesis", "kill", "--kill-targets", "some")).contains("--kill-targets");
    assertThat(refusal("--nemesis", "partition", "--kill-targets", "one")).contains("--kill-targets needs --nemesis kill");
  }

  @Test
  void numbersAreValidatedLikeMaelstrom() throws Exception {
    assertThat(parse("--rate", "0").rate()).isZero();
    assertThat(parse("--rate", "2.5").rate()).isEqualTo(2.5);
    assertThat(parse("--nemesis-interval", "0.5").nemesisIntervalSeconds()).isEqualTo(0.5);
    assertThat(parse("--nemesis-interval", "1/2").nemesisIntervalSeconds()).isEqualTo(0.5);
    assertThat(parse("--latency", "100", "--latency-dist", "exponential").latencyDist()).isEqualTo("exponential");
    assertThat(parse("--availability", "total").availability()).isEqualTo("total");
    assertThat(parse("--availability", "0.99").availability()).isEqualTo("0.99");
    assertThat(parse("--key-count", "3").keyCount()).isEqualTo(3);
    assertThat(parse("--topology", "tree3").topology()).isEqualTo("tree3");
    assertThat(parse("--test-count", "2").testCount()).isEqualTo(2);
    assertThat(parse("--seed", "42").seed()).isEqualTo(42L);

    assertThat(refusal("--rate", "-1")).contains("--rate");
    assertThat(refusal("--rate", "fast")).contains("--rate");
    assertThat(refusal("--time-limit", "0")).contains("--time-limit");
    assertThat(refusal("--time-limit", "1.5")).contains("--time-limit");
    assertThat(refusal("--latency", "-5")).contains("--latency");
    assertThat(refusal("--node-count", "0")).contains("--node-count");
    assertThat(refusal("--concurrency", "2x")).contains("--concurrency");
    assertThat(refusal("--concurrency", "n")).contains("--concurrency");
    assertThat(refusal("--nemesis-interval", "0")).contains("--nemesis-interval");
    assertThat(refusal("--availability", "1.5")).contains("--availability");
    assertThat(refusal("--availability", "most")).contains("--availability");
    assertThat(refusal("--latency-dist", "normal")).contains("--latency-dist");
    assertThat(refusal("--topology", "star")).contains("--topology");
    assertThat(refusal("-w", "kafkaesque")).contains("--workload");
    assertThat(refusal("--key-count", "0")).contains("--key-count");
    assertThat(refusal("--max-txn-length", "0")).contains("--max-txn-length");
    assertThat(refusal("--max-writes-per-key", "-1")).contains("--max-writes-per-key");
    assertThat(refusal("--test-count", "0")).contains("--test-count");
    assertThat(refusal("--seed", "x")).contains("--seed");
  }

  @Test
  void refusedNumbersSayWhichFlagAndWhy() throws Exception {
    assertThat(refusal("--rate", "-1")).isEqualTo("Invalid value for option '--rate': '-1' must be a number, 0 or more");
    assertThat(refusal("--rate", "fast")).isEqualTo("Invalid value for option '--rate': 'fast' is not a number");
    assertThat(refusal("--time-limit", "1.5")).isEqualTo("Invalid value for option '--time-limit': '1.5' is not a whole number");
    assertThat(refusal("--time-limit", "0")).isEqualTo("Invalid value for option '--time-limit': '0' must be positive");
    assertThat(refusal("--time-limit", "3000000000"))
        .isEqualTo("Invalid value for option '--time-limit': '3000000000' is too large (at most 2147483647)");
    assertThat(refusal("--test-count", "99999999999999999999")).endsWith("'99999999999999999999' is too large");
    assertThat(refusal("--node-count", "-9999999999")).endsWith("must be positive");
    assertThat(refusal("--latency", "-5")).isEqualTo("Invalid value for option '--latency': '-5' must not be negative");
    assertThat(refusal("--nemesis-interval", "1/0")).endsWith("'1/0' must be positive");
    assertThat(refusal("--nemesis-interval", "a/2")).endsWith("'a/2' is not a number");
    assertThat(refusal("--availability", "1.5"))
        .isEqualTo("Invalid value for option '--availability': '1.5' must be total or a number between 0 and 1");
    assertThat(refusal("--concurrency", "2x"))
        .isEqualTo("Invalid value for option '--concurrency': '2x' must be an integer, optionally followed by n");
    assertThat(refusal("--concurrency", "99999999999n")).endsWith("is too large (at most 100000 workers)");
    assertThat(refusal("--node-count", "1000", "--concurrency", "101n"))
        .isEqualTo("--concurrency 101n is too large for 1000 nodes (at most 100000 workers)");
    assertThat(refusal("--seed", "x")).isEqualTo("Invalid value for option '--seed': 'x' is not a 64-bit integer");

    assertThat(parse("--seed", " -7 ").seed()).isEqualTo(-7L);
    assertThat(parse("--time-limit", " 5").timeLimitSeconds()).isEqualTo(5);
    assertThat(parse("--latency", "0", "--concurrency", "0").concurrency()).isZero();
    assertThat(parse("--node-count", "1000", "--concurrency", "100n").concurrency()).isEqualTo(100_000);
  }

  @Test
  void aRefusedValuePrintsItsReasonAndAPointerToHelpThenExits254() {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
    int code;
    try {
      code = Maelstrom.run(new String[] {"test", "--rate", "-3", "--bin", bin.toString()});
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(254);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList())
        .containsExactly("Invalid value for option '--rate': '-3' must be a number, 0 or more",
            "See maelstrom test --help for the flags.");
  }

  /** Issue 21: a typo once listed lin-kv and txn-list-append, then refused them; now all it lists run. */
  @Test
  void aWorkloadTypoListsOnlyWorkloadsThatParse() throws Exception {
    String message = refusal("-w", "txn-list-apend");
    String prefix = "Failed to validate \"--workload txn-list-apend\": Must be one of ";
    assertThat(message).startsWith(prefix);
    List<String> offered = List.of(message.substring(prefix.length()).split(", "));
    assertThat(offered).containsExactlyElementsOf(glomers.harness.workload.Workloads.names()).hasSize(10);
    for (String name : offered) {
      assertThat(parse("-w", name).workload()).isEqualTo(name);
      assertThat(glomers.harness.workload.Workloads.byName(name)).as(name).isNotNull();
    }
  }

  @Test
  void degenerateLatencyDistributionsAreRefused() {
    assertThat(refusal("--latency-dist", "uniform")).contains("needs --latency > 0");
    assertThat(refusal("--latency-dist", "exponential", "--latency", "0")).contains("needs --latency > 0");
  }

  @Test
  void seqKvStalenessIsUniformOrOldest() throws Exception {
    assertThat(parse("--seq-kv-staleness", "uniform").seqKvStaleness()).isEqualTo(SeqKvStaleness.UNIFORM);
    assertThat(parse("--seq-kv-staleness", "oldest").seqKvStaleness()).isEqualTo(SeqKvStaleness.OLDEST);
    for (String bad : List.of("OLDEST", "newest", "random", "", " oldest")) {
      assertThat(refusal("--seq-kv-staleness", bad))
          .isEqualTo("Failed to validate \"--seq-kv-staleness " + bad + "\": Must be one of uniform, oldest");
    }
    assertThat(Maelstrom.run(new String[] {"test", "--seq-kv-staleness", "worst", "--bin", bin.toString()}))
        .isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"test", "--bin", bin.toString(), "--seq-kv-staleness"})).isEqualTo(254);
  }

  @Test
  void jepsenFlagsAreAccepted() throws Exception {
    TestOptions o =
        parse("--leave-db-running", "--logging-json", "--username", "u", "--password", "p", "--no-ssh",
            "--strict-host-key-checking", "--ssh-private-key", "k");
    assertThat(o.nodes()).hasSize(5);
  }

  @Test
  void extraArgumentsGoToTheNode() throws Exception {
    assertThat(parse("extra", "--", "--mode", "x").nodeArgs()).containsExactly("extra", "--mode", "x");
  }

  @Test
  void binIsRequiredAndMustBeExecutable() throws Exception {
    TestCommand command = new TestCommand();
    new CommandLine(command).parseArgs("-w", "echo");
    assertThatThrownBy(command::toOptions).hasMessageContaining("--bin");
    Path plain = dir.resolve("plain");
    Files.writeString(plain, "x");
    assertThat(refusalWithBin(plain)).contains("not an executable");
  }

  private String refusalWithBin(Path path) {
    TestCommand command = new TestCommand();
    new CommandLine(command).parseArgs("--bin", path.toString());
    try {
      command.toOptions();
    } catch (TestCommand.InvalidOptionException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + path);
  }

  @Test
  void exitCodesForUsageAndHelp() {
    assertThat(Maelstrom.run(new String[] {})).isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"frobnicate"})).isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"analyze", bin.resolveSibling("no-such-run").toString()})).isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"serve", "--store", bin.resolveSibling("no-such-store").toString()})).isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"test", "--no-such-flag", "--bin", bin.toString()})).isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"test", "--rate", "-3", "--bin", bin.toString()})).isEqualTo(254);
    assertThat(Maelstrom.run(new String[] {"test", "-h"})).isZero();
    assertThat(Maelstrom.run(new String[] {"--help"})).isZero();
  }

  /** {@code maelstrom test --help}, whitespace collapsed so wrapped descriptions read as one line. */
  private static String testHelp() {
    java.io.PrintStream saved = System.out;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      assertThat(Maelstrom.run(new String[] {"test", "--help"})).isZero();
    } finally {
      System.setOut(saved);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("\\s+", " ");
  }

  @Test
  void helpGivesEveryFlagADescriptionAndADefault() {
    String help = testHelp();
    List<CommandLine.Model.OptionSpec> options = new CommandLine(new TestCommand()).getCommandSpec().options();
    assertThat(options).hasSizeGreaterThan(20);
    for (int i = 0; i < options.size(); i++) {
      String name = options.get(i).longestName();
      int at = help.indexOf(" " + name + (options.get(i).arity().max() > 0 ? "=" : " "));
      assertThat(at).as("%s in help", name).isNotNegative();
      int end = i + 1 < options.size() ? help.indexOf(options.get(i + 1).shortestName(), at + name.length()) : help.length();
      String entry = help.substring(at, end > at ? end : help.length());
      assertThat(entry).as("help of %s", name).contains("(default: ").doesNotContain("${", "default: null");
      assertThat(entry.substring(0, entry.indexOf("(default: ")).strip().split(" ")).as("description of %s", name).hasSizeGreaterThan(3);
    }
  }

  @Test
  void helpListsTheWorkloadsWithTheirRequests() {
    String help = testHelp();
    assertThat(help).contains("kafka: send, poll, commit_offsets, list_committed_offsets", "echo: echo",
        "broadcast: topology, broadcast, read", "unique-ids: generate", "txn-rw-register: txn");
    for (String name : glomers.harness.workload.Workloads.names()) {
      assertThat(help).contains(" " + name + ": ");
    }
  }
}
