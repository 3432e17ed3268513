package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ShortRecovery.class)
class BroadcastAndIdsEndToEndTest {
  @TempDir Path dir;

  private static final String[] PARTITIONED_BROADCAST = {
    "-w", "broadcast", "--node-count", "5", "--time-limit", "4", "--rate", "30",
    "--nemesis", "partition", "--nemesis-interval", "0.5", "--latency", "5"
  };

  @Test
  void aRetryingBroadcastNodeSurvivesPartitions() throws Exception {
    BenchRun run = BenchRun.run(dir, "broadcast", withSeed(PARTITIONED_BROADCAST, 11));

    assertThat(run.exitCode).isZero();
    assertThat(run.result("workload", "lost-count")).isEqualTo(0);
    assertThat((Integer) run.result("workload", "stable-count")).isPositive();
    assertThat(Files.readString(run.storeDir.resolve("history.jsonl")))
        .contains("\"f\":\"start-partition\"", "\"process\":\"nemesis\"", "network-healed", "\"final?\":true");
    assertThat(run.log()).contains("Waiting for recovery...");
    assertThat((Double) run.result("net", "servers", "msgs-per-op")).isPositive();
  }

  @Test
  void aBroadcastNodeThatDropsValuesDuringPartitionsLosesThem() throws Exception {
    String[] args = new String[PARTITIONED_BROADCAST.length + 3];
    System.arraycopy(PARTITIONED_BROADCAST, 0, args, 0, PARTITIONED_BROADCAST.length);
    System.arraycopy(new String[] {"--", "--mode", "fire-and-forget"}, 0, args, PARTITIONED_BROADCAST.length, 3);
    // A value is lost only if a partition cuts its one gossip message; on a busy machine a run may
    // make too few broadcasts for that, so a second or third seed gets its chance.
    BenchRun run = BenchRun.firstShowing(dir, "broadcast", r -> r.exitCode == 1, new long[] {11, 12, 13}, args);

    assertThat(run.exitCode).isEqualTo(1);
    assertThat((Integer) run.result("workload", "lost-count")).isPositive();
    assertThat(run.log()).contains("Analysis invalid!");

    // The console names the first lost value, the op that sent it, the nodes whose final reads
    // lack it, and the network when it was sent; the history must agree on those nodes.
    Object first = ((List<?>) run.result("workload", "lost")).get(0);
    String log = run.log();
    String line = log.lines().filter(l -> l.startsWith("    " + first + ": broadcast to n")).findFirst().orElseThrow(
        () -> new AssertionError("no line explaining lost value " + first + " in:\n" + log));
    assertThat(line).contains(" by process ", "(op ", "; network when it was sent: ");
    assertThat(log).contains("  lost values (");
    Matcher missing = Pattern.compile("missing from the final reads of ([n0-9, ]+) \\(").matcher(line);
    assertThat(missing.find()).as(line).isTrue();
    Set<String> named = new TreeSet<>(List.of(missing.group(1).split(", ")));
    Set<String> lacking = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String op : Files.readAllLines(run.storeDir.resolve("history.jsonl"))) {
      JsonNode n = json.readTree(op);
      if (n.path("final?").asBoolean() && n.path("type").asText().equals("ok") && n.path("f").asText().equals("read")) {
        boolean has = false;
        for (JsonNode v : n.path("value")) {
          has |= v.asLong() == ((Number) first).longValue();
        }
        if (!has) {
          lacking.add(n.path("node").asText());
        }
      }
    }
    assertThat(named).isNotEmpty().isEqualTo(lacking);
  }

  private static String[] withSeed(String[] args, long seed) {
    String[] all = java.util.Arrays.copyOf(args, args.length + 2);
    all[args.length] = "--seed";
    all[args.length + 1] = Long.toString(seed);
    return all;
  }

  @Test
  void repeatedIdsFailUniqueIds() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "unique-ids", "-w", "unique-ids", "--node-count", "3", "--time-limit", "2", "--rate", "50",
            "--", "--mode", "repeat");

    assertThat(run.exitCode).isEqualTo(1);
    assertThat((Integer) run.result("workload", "duplicated-count")).isPositive();
  }

  @Test
  void uniqueIdsStayTotallyAvailableUnderPartitions() throws Exception {
    BenchRun run =
        BenchRun.run(dir, "unique-ids", "-w", "unique-ids", "--node-count", "3", "--time-limit", "2", "--rate", "50",
            "--availability", "total", "--nemesis", "partition", "--nemesis-interval", "0.5");

    assertThat(run.exitCode).isZero();
    assertThat(run.result("availability", "valid?")).isEqualTo(true);
  }
}
