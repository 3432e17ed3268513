package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;

import glomers.harness.Maelstrom;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: a simulation seed must replay in any JVM, not only in the one that found it. Set.of and
 * Set.copyOf iterate in an order salted at each JVM launch, and identity hashes vary too, so these
 * tests run seeds in fresh JVMs, as a user replaying a seed does.
 */
class DeterminismTest {
  private static final List<String> BROADCAST = List.of("-w", "broadcast", "--node-count", "5", "--time-limit", "5",
      "--rate", "50", "--latency", "20", "--latency-dist", "exponential", "--nemesis", "partition",
      "--nemesis-interval", "1");

  @TempDir Path dir;

  /** Runs the bench in a fresh JVM, as the user's shell would, and returns its run folder. */
  private Path freshJvm(Path store, List<String> flags) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "glomers.harness.Maelstrom", "test", "--sim", "--store",
        store.toString()));
    command.addAll(flags);
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve(store.getFileName() + ".log").toFile()).start();
    assertThat(process.waitFor()).as(Files.readString(dir.resolve(store.getFileName() + ".log"))).isZero();
    return store.resolve("latest").toRealPath();
  }

  @Test
  void aSolutionThatBuildsItsMessagesWithSetCopyOfReplaysByteForByteInANewJvm() throws Exception {
    List<String> flags = new ArrayList<>(List.of("--solution", "broadcast-set-copy-of", "--seed", "104"));
    flags.addAll(BROADCAST);

    Path first = freshJvm(dir.resolve("first"), flags);
    Path second = freshJvm(dir.resolve("second"), flags);

    for (String file : List.of("history.jsonl", "net-journal/journal.jsonl")) {
      assertThat(Files.readAllBytes(first.resolve(file))).as(file).isNotEmpty()
          .isEqualTo(Files.readAllBytes(second.resolve(file)));
    }
    // The sets went over the wire, sorted: the test exercises what it claims to.
    assertThat(Files.readString(first.resolve("net-journal/journal.jsonl"))).contains("\"type\":\"push\",\"messages\":[");
  }

  @Test
  void checkDeterminismPassesASolutionThatReplaysAndKeepsOneRun() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "--sim", "--check-determinism", "--store", dir.toString(),
        "--solution", "broadcast-set-copy-of", "--seed", "7"));
    args.addAll(BROADCAST);

    String out = capture(() -> assertThat(Maelstrom.run(args.toArray(String[]::new))).isZero());

    assertThat(out).contains("Seed 7 replayed exactly in a fresh JVM");
    assertThat(runs(dir.resolve("broadcast"))).as("the identical second run is deleted").hasSize(1);
  }

  @Test
  void checkDeterminismReplaysKillsAndPausesOnVirtualTime() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "--sim", "--check-determinism", "--store", dir.toString(),
        "--solution", "broadcast-set-copy-of", "--seed", "7"));
    args.addAll(BROADCAST);
    args.set(args.indexOf("partition"), "partition,kill,pause");

    String out = capture(() -> assertThat(Maelstrom.run(args.toArray(String[]::new))).isNotEqualTo(3));

    assertThat(out).contains("Seed 7 replayed exactly in a fresh JVM");
    Path run = runs(dir.resolve("broadcast")).get(0);
    // Every kind of fault happened in the run that replayed.
    assertThat(Files.readString(run.resolve("history.jsonl")))
        .contains("\"f\":\"kill\"", "\"f\":\"start\"", "\"f\":\"pause\"", "\"f\":\"resume\"", "\"killed\"",
            "\"started\"", "\"paused\"", "\"resumed\"", "\"f\":\"start-partition\"");
  }

  @Test
  void checkDeterminismFlagsASolutionThatIteratesAnIdentityHashMapNamingTheFirstDivergentMessage() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "--sim", "--check-determinism", "--store", dir.toString(),
        "--solution", "broadcast-identity-order", "--seed", "3"));
    args.addAll(BROADCAST);

    String out = capture(() -> assertThat(Maelstrom.run(args.toArray(String[]::new))).isEqualTo(3));

    assertThat(out)
        .contains("Seed 3 DID NOT REPLAY")
        .containsPattern("The first message that differs is at line \\d+ of net-journal/journal.jsonl: send of message"
            + " \\d+ from n\\d to n\\d, sent by node n\\d")
        .contains("\"type\":\"gossip\"")
        .contains("HashMap/HashSet keyed by enums or objects without their own hashCode");
    assertThat(runs(dir.resolve("broadcast"))).as("both runs are kept").hasSize(2);
  }

  @Test
  void aSeedSearchReplaysEachFailingSeedInAFreshJvmAndMarksOneThatDiffers() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "--sim", "--store", dir.toString(),
        "--solution", "broadcast-identity-order", "--seed", "1", "--runs", "2"));
    args.addAll(BROADCAST);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(Maelstrom.run(args.toArray(String[]::new))).isEqualTo(1);
    } finally {
      System.setErr(saved);
    }

    String out = err.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("2 of 2 seeds failed")
        .contains("seed 1: exit 1").contains("seed 2: exit 1")
        .contains("DID NOT REPLAY in a fresh JVM, so --seed 1 may not show this run")
        .contains("DID NOT REPLAY in a fresh JVM, so --seed 2 may not show this run")
        .contains("0 of 2 failing seeds replayed exactly in a fresh JVM.");
  }

  @Test
  void aSeedSearchSaysWhenItsFailingSeedsReplay() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "--sim", "--store", dir.toString(),
        "--solution", "broadcast-lossy", "-w", "broadcast", "--node-count", "5", "--time-limit", "20",
        "--rate", "10", "--nemesis", "partition", "--seed", "26", "--runs", "2")); // 27 is the planted bug's first
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertThat(Maelstrom.run(args.toArray(String[]::new))).isEqualTo(1);
    } finally {
      System.setErr(saved);
    }

    assertThat(err.toString(StandardCharsets.UTF_8)).contains("seed 27: exit 1")
        .doesNotContain("DID NOT REPLAY")
        .contains("1 of 1 failing seeds replayed exactly in a fresh JVM.");
  }

  private static List<Path> runs(Path workload) throws IOException {
    try (Stream<Path> runs = Files.list(workload)) {
      return runs.filter(p -> !Files.isSymbolicLink(p)).toList();
    }
  }

  private interface Body {
    void run() throws Exception;
  }

  private static String capture(Body body) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      body.run();
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
