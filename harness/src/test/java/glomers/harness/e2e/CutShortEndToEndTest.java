package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.Maelstrom;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench as a real process, killed or interrupted mid-run (issue 16). "Mid-run" is an event: the
 * streamed history.jsonl holding enough completions; timeouts only guard against a stuck test.
 */
@SuppressWarnings("unchecked")
class CutShortEndToEndTest {
  /**
   * Long, because it only catches a stuck test: beside seven other builds (load average 36 on two
   * cores) an interrupted bench took more than 120 s to analyze its run and exit.
   */
  private static final long GUARD_SECONDS = 600;
  private static final long GUARD_NANOS = TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Process bench;
  private final List<ProcessHandle> nodes = new ArrayList<>();

  /** A broadcast run far longer than the test waits, with a correct node, as a process of its own. */
  private Process startBench() throws IOException {
    // Generous: the nodes are JVMs starting on a shared machine.
    return startBench("broadcast", "60000",
        "-w", "broadcast", "--node-count", "3", "--time-limit", "600", "--rate", "50", "--seed", "16");
  }

  private Process startBench(String node, String initTimeoutMillis, String... args) throws IOException {
    Path script = BenchRun.nodeScript(dir, node);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(defaultSignals());
    command.addAll(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dglomers.harness.init-timeout-ms=" + initTimeoutMillis,
        "-cp", System.getProperty("java.class.path"), Maelstrom.class.getName(),
        "test", "--bin", script.toString(), "--store", dir.resolve("store").toString()));
    command.addAll(List.of(args));
    bench = new ProcessBuilder(command)
        .redirectOutput(dir.resolve("bench.out").toFile())
        .redirectError(dir.resolve("bench.err").toFile())
        .start();
    return bench;
  }

  /**
   * The start of the bench's command line that puts SIGINT back to its default. A process started in
   * the background by a non-interactive shell (`make test-under-load &`) ignores SIGINT, its children
   * inherit that, and a JVM that starts with SIGINT ignored leaves it ignored, whatever handler the
   * bench asks for: the signal tests would then wait for nothing. coreutils' env (8.31 and later)
   * resets it; without that, a test that sends SIGINT is skipped if this process ignores it.
   */
  private static List<String> defaultSignals() throws IOException {
    try {
      if (new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0) {
        return List.of("env", "--default-signal=INT");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of();
  }

  private static void assumeSigintReachesTheBench() throws IOException {
    if (!defaultSignals().isEmpty()) {
      return;
    }
    // SigIgn in /proc is a hexadecimal mask of ignored signals; SIGINT (2) is its second bit.
    String ignored = Files.readAllLines(Path.of("/proc/self/status")).stream()
        .filter(line -> line.startsWith("SigIgn:")).map(line -> line.substring(7).trim()).findFirst().orElse("0");
    Assumptions.assumeTrue((Long.parseUnsignedLong(ignored, 16) & 2) == 0,
        "this process ignores SIGINT, the bench would inherit that, and env cannot reset it here");
  }

  @AfterEach
  void endWhatWasStarted() {
    // A SIGKILLed bench cannot kill its nodes: the test does, as it started them.
    if (bench != null) {
      bench.destroyForcibly();
    }
    nodes.forEach(ProcessHandle::destroyForcibly);
  }

  private Path runDir() throws IOException {
    return dir.resolve("store/latest").toRealPath();
  }

  /** The ops of {@code history}'s whole lines: a running bench may be mid-way through writing the last one. */
  private static List<Map<String, Object>> ops(Path history) throws IOException {
    String text = Files.readString(history, StandardCharsets.UTF_8);
    List<Map<String, Object>> ops = new ArrayList<>();
    for (String line : text.substring(0, text.lastIndexOf('\n') + 1).lines().toList()) {
      ops.add(JSON.readValue(line, Map.class));
    }
    return ops;
  }

  private static long completions(List<Map<String, Object>> ops) {
    return ops.stream().filter(op -> "ok".equals(op.get("type"))).count();
  }

  /** Waits until the streamed history holds {@code count} ok completions; returns its bytes then. */
  private byte[] awaitCompletions(int count) throws Exception {
    long guard = System.nanoTime() + GUARD_NANOS;
    Path latest = dir.resolve("store/latest");
    while (true) {
      assertThat(bench.isAlive()).as("the bench is still running; its stderr: %s", stderr()).isTrue();
      assertThat(System.nanoTime()).as("waiting for %d completions in history.jsonl", count).isLessThan(guard);
      Path history = latest.resolve("history.jsonl");
      if (Files.exists(history)) {
        byte[] bytes = Files.readAllBytes(history);
        String text = new String(bytes, StandardCharsets.UTF_8);
        // Whole lines only: the timer may be mid-write.
        text = text.substring(0, text.lastIndexOf('\n') + 1);
        if (text.lines().filter(line -> line.contains("\"type\":\"ok\"")).count() >= count) {
          bench.descendants().forEach(nodes::add);
          return text.getBytes(StandardCharsets.UTF_8);
        }
      }
      Thread.sleep(50);
    }
  }

  /** Polls until {@code file} exists and contains {@code text}. */
  private void awaitText(Path file, String text) throws Exception {
    long guard = System.nanoTime() + GUARD_NANOS;
    while (!Files.exists(file) || !Files.readString(file).contains(text)) {
      assertThat(System.nanoTime()).as("waiting for %s in %s; bench stderr: %s", text, file, stderr()).isLessThan(guard);
      Thread.sleep(50);
    }
  }

  private void signal(String name) throws Exception {
    assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(bench.pid())).inheritIO().start().waitFor()).isZero();
  }

  private String stderr() throws IOException {
    Path err = dir.resolve("bench.err");
    return Files.exists(err) ? Files.readString(err) : "";
  }

  @Test
  void aKilledBenchLeavesItsRunUpToItsLastSecondAndAnalyzeGivesAVerdict() throws Exception {
    startBench();
    byte[] seen = awaitCompletions(60);
    Path run = runDir();
    // One more flush after those completions: the record's time then covers them.
    long lastSeen = ((Number) ops(run.resolve("history.jsonl")).getLast().get("time")).longValue();
    long guard = System.nanoTime() + GUARD_NANOS;
    while (((Number) JSON.readValue(run.resolve("partial.json").toFile(), Map.class).get("time")).longValue() < lastSeen) {
      assertThat(System.nanoTime()).as("waiting for a flush after the completions seen").isLessThan(guard);
      Thread.sleep(50);
    }

    bench.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
    assertThat(bench.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    assertThat(bench.exitValue()).isEqualTo(137);

    byte[] after = Files.readAllBytes(run.resolve("history.jsonl"));
    assertThat(after.length).isGreaterThanOrEqualTo(seen.length);
    assertThat(java.util.Arrays.copyOf(after, seen.length)).as("what was on disk is kept").isEqualTo(seen);
    // The last flush before the kill came after the completions seen, and says up to when the files hold every op.
    Map<String, Object> record = JSON.readValue(run.resolve("partial.json").toFile(), Map.class);
    assertThat(record).containsEntry("state", "running").containsEntry("phase", "main");
    long upTo = ((Number) record.get("time")).longValue();
    assertThat(upTo).isGreaterThanOrEqualTo(lastSeen);
    // Whole ops from index 0 with no hole, each completion after its invocation.
    List<Map<String, Object>> ops = ops(run.resolve("history.jsonl"));
    Set<Object> open = new HashSet<>();
    for (int i = 0; i < ops.size(); i++) {
      Map<String, Object> op = ops.get(i);
      assertThat(((Number) op.get("index")).intValue()).isEqualTo(i);
      if ("invoke".equals(op.get("type"))) {
        assertThat(open.add(op.get("process"))).as("one op in flight per process").isTrue();
      } else if (!"nemesis".equals(op.get("process"))) {
        assertThat(open.remove(op.get("process"))).as("completion %s has its invocation", op).isTrue();
      }
    }
    assertThat(completions(ops)).isGreaterThanOrEqualTo(60);
    assertThat(Files.readString(run.resolve("jepsen.log"))).contains("All 3 nodes initialised");
    assertThat(Files.readAllLines(run.resolve("net-journal/journal.jsonl")).size()).isGreaterThan(120);
    assertThat(run.resolve("results.json")).doesNotExist();

    int code = Maelstrom.run(new String[] {"analyze", run.toString()});

    assertThat(code).isIn(0, 1, 2);
    Map<String, Object> results = JSON.readValue(run.resolve("results.json").toFile(), Map.class);
    assertThat(results.get("valid?")).isIn(true, false, "unknown");
    Map<String, Object> cut = (Map<String, Object>) results.get("cut-short");
    assertThat(cut).containsEntry("how", "killed").containsEntry("phase", "main").containsEntry("open-invocations", open.size());
    assertThat(((Number) cut.get("time")).longValue()).isEqualTo(upTo);
    assertThat((Integer) ((Map<String, Object>) ((Map<String, Object>) results.get("net")).get("all")).get("msg-count"))
        .isGreaterThan(120);
    assertThat(((Number) ((Map<String, Object>) results.get("stats")).get("ok-count")).longValue())
        .isEqualTo(completions(ops));
    // A correct node, checked on what was recorded.
    assertThat(code).isZero();
  }

  @Test
  void sigintStopsTheClientsAndTheRunIsAnalyzedWithTheUsualExitCode() throws Exception {
    assumeSigintReachesTheBench();
    startBench();
    awaitCompletions(60);
    Path run = runDir();

    signal("INT");
    assertThat(bench.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).as("the interrupted bench exits").isTrue();

    String out = Files.readString(dir.resolve("bench.out"));
    assertThat(bench.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("SIGINT: run interrupted; stopping the clients")
        .contains("Run interrupted by SIGINT")
        .contains("cut short: interrupted by SIGINT")
        .contains("Everything looks good!")
        .doesNotContain("Waiting for recovery");
    assertThat(Files.readString(run.resolve("jepsen.log"))).contains("Run interrupted by SIGINT");
    Map<String, Object> results = JSON.readValue(run.resolve("results.json").toFile(), Map.class);
    assertThat((Map<String, Object>) results.get("cut-short"))
        .containsEntry("how", "interrupted")
        .containsEntry("signal", "SIGINT")
        .containsEntry("phase", "main")
        .containsEntry("open-invocations", 0);
    List<Map<String, Object>> ops = ops(run.resolve("history.jsonl"));
    assertThat(completions(ops)).isGreaterThanOrEqualTo(60);
    assertThat(ops).noneMatch(op -> Boolean.TRUE.equals(op.get("final?")));
    assertThat(nodes).isNotEmpty().allSatisfy(node -> assertThat(node.isAlive()).as("node %s killed", node.pid()).isFalse());
    // analyze says the same of the folder.
    assertThat(Maelstrom.run(new String[] {"analyze", run.toString()})).isZero();
    assertThat((Map<String, Object>) JSON.readValue(run.resolve("results.json").toFile(), Map.class).get("cut-short"))
        .containsEntry("how", "interrupted");
  }

  @Test
  void aSecondSignalExitsAtOnceAndTheNodesAreStillKilled() throws Exception {
    assumeSigintReachesTheBench();
    // Nodes that never answer init, and an init timeout longer than any test: after the first signal the
    // run still waits for init, which only a second signal cuts short.
    startBench("echo", "600000", "-w", "echo", "--node-count", "2", "--time-limit", "600", "--", "--mode", "silent-init");
    Path out = dir.resolve("bench.out");
    awaitText(out, "Store: ");
    for (String node : List.of("n0", "n1")) {
      awaitText(runDir().resolve("node-logs/" + node + ".log"), "init received, mode silent-init");
    }
    bench.descendants().forEach(nodes::add);

    signal("TERM");
    awaitText(out, "SIGTERM: run interrupted; stopping the clients");
    assertThat(bench.isAlive()).isTrue();
    signal("INT");

    assertThat(bench.waitFor(GUARD_SECONDS, TimeUnit.SECONDS)).as("the bench exits at the second signal").isTrue();
    assertThat(bench.exitValue()).isEqualTo(130);
    assertThat(Files.readString(out)).contains("SIGINT: exiting at once");
    assertThat(nodes).hasSize(2).allSatisfy(node -> assertThat(node.isAlive()).as("node %s killed", node.pid()).isFalse());
  }
}
