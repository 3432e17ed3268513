package glomers.harness.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.Maelstrom;
import glomers.harness.nodes.TestNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs the bench in-process against a test node launched as a real process by a generated script. */
final class BenchRun {
  final int exitCode;
  final Path storeDir;

  private BenchRun(int exitCode, Path storeDir) {
    this.exitCode = exitCode;
    this.storeDir = storeDir;
  }

  /** A script that execs this JVM on the test classes with {@code TestNode kind ...}. */
  static Path nodeScript(Path dir, String kind) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath =
        Stream.of(TestNode.class, ObjectMapper.class, com.fasterxml.jackson.core.JsonParser.class,
                com.fasterxml.jackson.annotation.JsonProperty.class)
            .map(BenchRun::location)
            .distinct()
            .collect(Collectors.joining(":"));
    Path script = dir.resolve(kind + "-node");
    Files.writeString(
        script,
        "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp '" + classpath
            + "' " + TestNode.class.getName() + " " + kind + " \"$@\"\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static String location(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * How long a run waits for the test nodes to answer {@code init}. Maelstrom's 10 s is a deadline a
   * busy machine misses: three test-node JVMs took 10.2 s to answer at a load average of 15 on
   * two cores. A test run waits for the event instead, up to this cap, which only a broken node reaches.
   */
  static final long INIT_WAIT_MILLIS = 120_000;

  static BenchRun run(Path dir, String kind, String... args) throws IOException {
    return run(dir, nodeScript(dir, kind), INIT_WAIT_MILLIS, args);
  }

  /** A run of the node {@code script}, which has {@code initTimeoutMillis} to answer {@code init}. */
  static BenchRun run(Path dir, Path script, long initTimeoutMillis, String... args) throws IOException {
    Path store = dir.resolve("store");
    List<String> all = new ArrayList<>(List.of("test", "--bin", script.toString(), "--store", store.toString()));
    all.addAll(List.of(args));
    String before = System.setProperty(INIT_TIMEOUT, Long.toString(initTimeoutMillis));
    int code;
    try {
      code = Maelstrom.run(all.toArray(String[]::new));
    } finally {
      if (before == null) {
        System.clearProperty(INIT_TIMEOUT);
      } else {
        System.setProperty(INIT_TIMEOUT, before);
      }
    }
    Path latest = store.resolve("latest");
    return new BenchRun(code, Files.exists(latest) ? latest.toRealPath() : null);
  }

  /**
   * Runs {@code args} with each seed in turn until a run shows what {@code shows} looks for, and returns
   * that run, or the last one. For tests of a planted bug whose showing depends on timing: on a busy
   * machine a real-process run makes fewer ops, and a client that times out is replaced by a new
   * process, so one seed may miss the bug that the next one shows. A bench that could never catch it
   * fails every seed.
   */
  static BenchRun firstShowing(
      Path dir, String kind, java.util.function.Predicate<BenchRun> shows, long[] seeds, String... args)
      throws IOException {
    BenchRun run = null;
    for (long seed : seeds) {
      Path attempt = dir.resolve("seed-" + seed);
      Files.createDirectories(attempt);
      List<String> withSeed = new ArrayList<>(List.of(args));
      int dashes = withSeed.indexOf("--");
      withSeed.addAll(dashes < 0 ? withSeed.size() : dashes, List.of("--seed", Long.toString(seed)));
      run = run(attempt, kind, withSeed.toArray(String[]::new));
      if (shows.test(run)) {
        return run;
      }
    }
    return run;
  }

  private static final String INIT_TIMEOUT = "glomers.harness.init-timeout-ms";

  String log() throws IOException {
    return Files.readString(storeDir.resolve("jepsen.log"), StandardCharsets.UTF_8);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> results() throws IOException {
    return new ObjectMapper().readValue(storeDir.resolve("results.json").toFile(), Map.class);
  }

  @SuppressWarnings("unchecked")
  Object result(String... path) throws IOException {
    Object at = results();
    for (String key : path) {
      at = ((Map<String, Object>) at).get(key);
    }
    return at;
  }
}
