package glomers.harness.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWritersTest {
  @TempDir Path dir;

  private static int count(String text, String needle) {
    int n = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void theJournalIsReadOnTheHistorysClockAndEachOpFindsItsRequestAndReply() throws Exception {
    SyntheticRun run = new SyntheticRun(dir, 6, SyntheticRun.results(true));
    RunData data = RunData.load(dir);

    assertThat(data.messages()).hasSize(run.messages);
    assertThat(data.messages().get(0).send()).isEqualTo(-999_000); // init, 1 ms after the journal opened
    assertThat(data.messages().getLast().delivered()).isFalse();
    List<RunData.OpSpan> spans = data.spans();
    assertThat(spans).hasSize(6);
    for (RunData.OpSpan span : spans) {
      assertThat(span.request()).isNotNull();
      assertThat(span.request().type()).isEqualTo("broadcast");
      assertThat(span.request().body()).contains("\"message\":" + span.invoke().value());
      assertThat(span.reply()).isNotNull();
      assertThat(span.reply().inReplyTo()).isEqualTo(span.request().msgId());
      assertThat(span.node()).isEqualTo("n" + span.invoke().process());
    }
    assertThat(data.nemesisPeriods()).hasSize(1);
    assertThat(data.nemesisPeriods().get(0)).containsExactly(250_000, 550_000);
  }

  @Test
  void plotsArePngsOfMaelstromsSize() throws Exception {
    new SyntheticRun(dir, 8, SyntheticRun.results(true));
    RunReport.rewrite(dir);

    for (String name : List.of("latency-raw.png", "latency-quantiles.png", "rate.png")) {
      BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
      assertThat(image).as(name).isNotNull();
      assertThat(image.getWidth()).isEqualTo(900);
      assertThat(image.getHeight()).isEqualTo(400);
    }
  }

  @Test
  void theMessageDiagramHasOneArrowPerMessageWhenItFits() throws Exception {
    SyntheticRun run = new SyntheticRun(dir, 5, SyntheticRun.results(true));
    RunReport.rewrite(dir);
    String svg = Files.readString(dir.resolve("messages.svg"));

    assertThat(count(svg, "<line class=\"msg")).isEqualTo(run.messages);
    assertThat(count(svg, "<line class=\"msg dropped\"")).isEqualTo(1);
    assertThat(svg).contains("All " + run.messages + " messages").contains(">gossip</text>").contains(">clients</text>");
    assertThat(svg).doesNotContain(">c10</text>"); // clients share one column
  }

  @Test
  void aLongJournalIsCutWithANoteAndABoundedHeight() throws Exception {
    SyntheticRun run = new SyntheticRun(dir, 900, SyntheticRun.results(true));
    RunReport.rewrite(dir);
    String svg = Files.readString(dir.resolve("messages.svg"));

    assertThat(run.messages).isGreaterThan(MessageDiagram.MAX_ARROWS);
    int arrows = count(svg, "<line class=\"msg");
    assertThat(arrows).isLessThanOrEqualTo(MessageDiagram.MAX_ARROWS).isPositive();
    assertThat(svg).contains("The first " + arrows + " of " + run.messages + " messages");
    Matcher height = Pattern.compile("height=\"(\\d+)\"").matcher(svg);
    assertThat(height.find()).isTrue();
    assertThat(Integer.parseInt(height.group(1))).isLessThanOrEqualTo(MessageDiagram.MAX_HEIGHT + 400);
  }

  @Test
  void theTimelineHasABarPerOpWithItsDetails() throws Exception {
    new SyntheticRun(dir, 7, SyntheticRun.results(true));
    RunReport.rewrite(dir);
    String html = Files.readString(dir.resolve("timeline.html"));

    assertThat(count(html, "<div class=\"op ok\"")).isEqualTo(6);
    assertThat(count(html, "<div class=\"op fail\"")).isEqualTo(1);
    assertThat(html).contains("process 1 → n1").contains("broadcast 3").contains("class=\"nem\"");
  }

  @Test
  void theReportPageHoldsTheFiguresPlotsAnomaliesLinksAndTheJournal() throws Exception {
    SyntheticRun run = new SyntheticRun(dir, 6, SyntheticRun.results(false));
    Files.createDirectories(dir.resolve("elle"));
    Files.writeString(dir.resolve("elle/lost.txt"), "value 3 was acknowledged at 0.3 s and never read");
    RunReport.rewrite(dir);
    String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);

    assertThat(html).contains("class=\"verdict v-false\">invalid<");
    assertThat(html).contains("servers msgs-per-op</th><td class=\"fig\">1.125<");
    assertThat(html).contains("--availability total").contains("missed");
    assertThat(html).contains("repeat with --seed 4242");
    assertThat(count(html, "src=\"data:image/png;base64,")).isEqualTo(3);
    assertThat(html).contains("lost-count</b> — values whose broadcast").contains("value 3 was acknowledged at 0.3 s and never read");
    assertThat(html).contains("href=\"node-logs/n0.log\"", "href=\"history.txt\"", "href=\"net-journal/journal.jsonl\"", "href=\"messages.svg\"");
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    String json = html.substring(html.indexOf("id=\"run-data\">") + 14, html.indexOf("</script>", html.indexOf("id=\"run-data\">")));
    JsonNode data = new ObjectMapper().readTree(json);
    assertThat(data.at("/m/id").size()).isEqualTo(run.messages);
    assertThat(data.at("/bodies").size()).isEqualTo(run.messages);
    assertThat(data.at("/ops/p").size()).isEqualTo(6);
    for (JsonNode request : data.at("/ops/rq")) {
      assertThat(request.asInt()).isNotNegative();
      assertThat(data.at("/types/" + data.at("/m/type/" + request.asInt()).asInt()).asText()).isEqualTo("broadcast");
    }
  }

  @Test
  void aBodyCannotCloseTheEmbeddedScript() throws Exception {
    new SyntheticRun(dir, 1, SyntheticRun.results(true));
    Files.writeString(dir.resolve("net-journal/journal.jsonl"),
        "{\"time\":1,\"type\":\"send\",\"id\":99,\"src\":\"n0\",\"dest\":\"n1\",\"body\":{\"type\":\"x\",\"s\":\"</script><b>\"}}\n",
        java.nio.file.StandardOpenOption.APPEND);
    RunReport.rewrite(dir);
    String html = Files.readString(dir.resolve("index.html"));

    assertThat(html).doesNotContain("</script><b>").contains("\\u003c/script>\\u003cb>");
  }

  @Test
  void aCrashedRunStillGetsItsPages() throws Exception {
    new SyntheticRun(dir, 3, null);
    RunReport.rewrite(dir);

    assertThat(Files.readString(dir.resolve("index.html"))).contains("v-crashed").contains("Run aborted: node n1 crashed");
    assertThat(dir.resolve("messages.svg")).isNotEmptyFile();
    assertThat(dir.resolve("timeline.html")).isNotEmptyFile();
  }

  @Test
  void bucketsGiveAShortRunManyPoints() {
    assertThat(Plots.bucketSeconds(20)).isEqualTo(0.5);
    assertThat(Plots.bucketSeconds(35)).isEqualTo(1);
    assertThat(Plots.bucketSeconds(3)).isEqualTo(0.1);
  }
}
