package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real run writes its pictures and pages, names index.html in its summary, and embeds exactly the journal's messages. */
class ReportEndToEndTest {
  @TempDir Path dir;

  @Test
  void aRunsStoreGetsItsReportBuiltFromTheJournalItKeptInMemory() throws Exception {
    BenchRun run = BenchRun.run(dir, "echo", "-w", "echo", "--node-count", "2", "--time-limit", "2", "--rate", "20");

    assertThat(run.exitCode).isZero();
    for (String file : List.of("latency-raw.png", "latency-quantiles.png", "rate.png", "messages.svg", "timeline.html", "index.html", "run.json")) {
      assertThat(run.storeDir.resolve(file)).as(file).isNotEmptyFile();
    }
    String log = run.log();
    assertThat(log).contains("  report: " + dir.resolve("store"));
    assertThat(log).containsPattern("Report written in \\d+ ms");
    assertThat(log.indexOf("report: ")).isLessThan(log.indexOf("Everything looks good!"));

    ObjectMapper json = new ObjectMapper();
    List<Long> sent = new ArrayList<>();
    for (String line : Files.readAllLines(run.storeDir.resolve("net-journal/journal.jsonl"))) {
      JsonNode event = json.readTree(line);
      if (event.path("type").asText().equals("send")) {
        sent.add(event.path("id").asLong());
      }
    }
    String html = Files.readString(run.storeDir.resolve("index.html"));
    int start = html.indexOf("id=\"run-data\">") + 14;
    JsonNode data = json.readTree(html.substring(start, html.indexOf("</script>", start)));
    List<Long> embedded = new ArrayList<>();
    data.at("/m/id").forEach(id -> embedded.add(id.asLong()));
    assertThat(embedded).containsExactlyInAnyOrderElementsOf(sent);
    for (JsonNode request : data.at("/ops/rq")) {
      assertThat(request.asInt()).as("every echo op found its request").isNotNegative();
    }
    for (JsonNode reply : data.at("/ops/rp")) {
      assertThat(reply.asInt()).as("every echo op found its reply").isNotNegative();
    }
  }
}
