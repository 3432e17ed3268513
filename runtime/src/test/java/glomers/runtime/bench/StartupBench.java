package glomers.runtime.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How long Maelstrom waits for a cluster to come up: starts N nodes at once, sends each its init
 * as Maelstrom does, and times until the last init_ok; then reads each node's peak RSS (VmHWM).
 *
 * <p>Runs as a source file, needing only a JDK: {@code java StartupBench.java LAUNCHER [NODES]
 * [ROUNDS]}.
 */
public final class StartupBench {
  private StartupBench() {}

  record Round(double seconds, double maxRssMb, double meanRssMb, double slowestNodeSeconds) {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: StartupBench LAUNCHER [NODES=25] [ROUNDS=3]");
      System.exit(2);
    }
    String launcher = args[0];
    int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    System.out.printf("%s: %d nodes at once, %d rounds%n", launcher, nodes, rounds);
    List<Round> results = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Round result = round(launcher, nodes);
      results.add(result);
      System.out.printf("round %d: all init_ok after %.3f s; RSS per node max %.1f MB, mean %.1f MB%n",
          round, result.seconds(), result.maxRssMb(), result.meanRssMb());
    }
    double[] times = results.stream().mapToDouble(Round::seconds).sorted().toArray();
    double[] maxRss = results.stream().mapToDouble(Round::maxRssMb).sorted().toArray();
    double meanRss = results.stream().mapToDouble(Round::meanRssMb).average().orElse(0);
    System.out.printf("median: %.3f s to start %d nodes (best %.3f s); RSS max %.1f MB, mean %.1f MB%n",
        times[times.length / 2], nodes, times[0], maxRss[maxRss.length - 1], meanRss);
  }

  static Round round(String launcher, int nodes) throws Exception {
    Process[] processes = new Process[nodes];
    long[] answeredAt = new long[nodes];
    long[] rssKb = new long[nodes];
    String[] failures = new String[nodes];
    Thread[] readers = new Thread[nodes];
    Path logs = Files.createTempDirectory("bench-startup");
    String ids = String.join(",", java.util.stream.IntStream.range(0, nodes)
        .mapToObj(i -> "\"n" + i + "\"").toList());
    long start = System.nanoTime();
    for (int i = 0; i < nodes; i++) {
      ProcessBuilder builder = new ProcessBuilder(launcher)
          .redirectError(logs.resolve("n" + i + ".log").toFile());
      Process process = builder.start();
      processes[i] = process;
      OutputStream stdin = process.getOutputStream();
      stdin.write(("{\"id\":" + i + ",\"src\":\"c" + i + "\",\"dest\":\"n" + i + "\",\"body\":{\"type\":\"init\","
          + "\"msg_id\":1,\"node_id\":\"n" + i + "\",\"node_ids\":[" + ids + "]}}\n")
          .getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      int node = i;
      readers[i] = Thread.ofPlatform().start(() -> {
        try (BufferedReader out = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line = out.readLine();
          answeredAt[node] = System.nanoTime();
          if (line == null || !line.contains("\"init_ok\"") || !line.contains("\"in_reply_to\":1")) {
            failures[node] = "n" + node + " answered " + line;
          }
          rssKb[node] = peakRssKb(process.pid());
        } catch (IOException e) {
          failures[node] = "n" + node + ": " + e;
        }
      });
    }
    for (Thread reader : readers) {
      reader.join();
    }
    long last = Arrays.stream(answeredAt).max().orElseThrow();
    for (Process process : processes) {
      process.getOutputStream().close();
    }
    for (Process process : processes) {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    for (String failure : failures) {
      if (failure != null) {
        throw new IllegalStateException(failure + " (stderr logs in " + logs + ")");
      }
    }
    long maxKb = Arrays.stream(rssKb).max().orElseThrow();
    double meanKb = Arrays.stream(rssKb).average().orElseThrow();
    return new Round((last - start) / 1e9, maxKb / 1024.0, meanKb / 1024.0, 0);
  }

  /** The process's peak resident set so far, in kB; 0 where /proc is not available. */
  static long peakRssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
