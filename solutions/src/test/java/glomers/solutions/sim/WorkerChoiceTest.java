package glomers.solutions.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.Maelstrom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench hands ops to workers as Jepsen 0.3.7 does, so each node's share of the client ops in
 * results.json is the share Jepsen would give the same ops: replaying the run's op times and
 * durations through a model of Jepsen's rule (written here, apart from the bench) gives n0 the
 * same share.
 */
class WorkerChoiceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Timed(long invokedNanos, long durationNanos) {}

  @Test
  void ebOnesShareOfNodeZeroIsJepsens() throws IOException {
    int exit = Maelstrom.run(new String[] {"test", "--sim", "--store", dir.toString(), "--solution", "broadcast", "--seed", "1",
        "-w", "broadcast", "--node-count", "25", "--time-limit", "20", "--rate", "100", "--latency", "100"});
    Path run = dir.resolve("latest").toRealPath();
    assertThat(exit).as(Files.readString(run.resolve("jepsen.log"))).isZero();

    JsonNode byNode = JSON.readTree(run.resolve("results.json").toFile()).path("stats").path("by-node");
    assertThat(byNode.size()).isEqualTo(25);
    double sum = 0;
    for (JsonNode node : byNode) {
      sum += node.path("share").asDouble();
    }
    assertThat(sum).isCloseTo(1, within(0.001));
    double benchShare = byNode.path("n0").path("share").asDouble();

    List<Timed> ops = new ArrayList<>();
    Map<Integer, Long> invoked = new HashMap<>();
    for (String line : Files.readAllLines(run.resolve("history.jsonl"))) {
      JsonNode op = JSON.readTree(line);
      int process = op.path("process").asInt(-1);
      if (process < 0 || !op.path("process").isInt()) {
        continue;
      }
      long time = op.path("time").asLong();
      if (op.path("type").asText().equals("invoke")) {
        invoked.put(process, time);
      } else if (invoked.containsKey(process)) {
        long at = invoked.remove(process);
        ops.add(new Timed(at, time - at));
      }
    }
    ops.sort((a, b) -> Long.compare(a.invokedNanos(), b.invokedNanos()));
    double jepsenShare = jepsenShareOfNodeZero(ops, 25, 25);

    System.out.printf("eb-one n0 share: bench %.4f, Jepsen's rule on the same ops %.4f, all workers free 2/26 = %.4f%n",
        benchShare, jepsenShare, 2.0 / 26);
    assertThat(benchShare).isCloseTo(jepsenShare, within(0.01));
    assertThat(benchShare).as("n0 is favoured: more than an even 1/25").isGreaterThan(1.0 / 25);
  }

  /**
   * Jepsen's rule: each op goes to the first free worker at or after a cursor, else the first free
   * one from worker 0; the cursor moves on by one per op over concurrency + 1 slots (the last is
   * the nemesis's). An op due while all are busy waits for the first to come free.
   */
  private static double jepsenShareOfNodeZero(List<Timed> ops, int concurrency, int nodes) {
    long[] busyUntil = new long[concurrency];
    int cursor = 0;
    long now = 0;
    int toNodeZero = 0;
    for (Timed op : ops) {
      now = Math.max(now, op.invokedNanos());
      int worker = -1;
      while (worker < 0) {
        for (int w = cursor; w < concurrency && worker < 0; w++) {
          worker = busyUntil[w] <= now ? w : -1;
        }
        for (int w = 0; w < concurrency && worker < 0; w++) {
          worker = busyUntil[w] <= now ? w : -1;
        }
        if (worker < 0) {
          long earliest = Long.MAX_VALUE;
          for (long t : busyUntil) {
            earliest = Math.min(earliest, t);
          }
          now = earliest;
        }
      }
      busyUntil[worker] = now + op.durationNanos();
      cursor = (cursor + 1) % (concurrency + 1);
      if (worker % nodes == 0) {
        toNodeZero++;
      }
    }
    return (double) toNodeZero / ops.size();
  }
}
