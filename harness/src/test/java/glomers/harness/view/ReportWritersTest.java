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
  void eachFHasItsOwnMarkerShapeAndEachOutcomeItsColour() {
    List<RunData.OpSpan> done = new java.util.ArrayList<>();
    String[][] ops = {{"assign", "ok"}, {"send", "ok"}, {"send", "fail"}, {"poll", "info"}};
    for (int i = 0; i < ops.length; i++) {
      glomers.harness.history.Op invoke = new glomers.harness.history.Op(2 * i, i * 1_000_000L,
          glomers.harness.history.OpType.INVOKE, i, ops[i][0], null, null, false);
      glomers.harness.history.Op completion = new glomers.harness.history.Op(2 * i + 1, i * 1_000_000L + 500_000,
          glomers.harness.history.OpType.valueOf(ops[i][1].toUpperCase()), i, ops[i][0], null, null, false);
      done.add(new RunData.OpSpan(invoke, completion, "n0", null, null));
    }
    org.jfree.chart.plot.XYPlot plot = Plots.latencyRaw(done, List.of()).getXYPlot();
    org.jfree.chart.renderer.xy.XYItemRenderer renderer = plot.getRenderer();
    java.util.Map<String, Integer> series = new java.util.HashMap<>();
    for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
      series.put(String.valueOf(plot.getDataset().getSeriesKey(i)), i);
    }
    int assignOk = series.get("assign ok");
    int sendOk = series.get("send ok");
    int sendFail = series.get("send fail");
    int pollInfo = series.get("poll info");
    assertThat(renderer.getSeriesShape(assignOk)).isNotSameAs(renderer.getSeriesShape(sendOk));
    assertThat(renderer.getSeriesShape(pollInfo)).isNotSameAs(renderer.getSeriesShape(sendOk)).isNotSameAs(renderer.getSeriesShape(assignOk));
    assertThat(renderer.getSeriesShape(sendFail)).isSameAs(renderer.getSeriesShape(sendOk));
    assertThat(renderer.getSeriesPaint(assignOk)).isEqualTo(renderer.getSeriesPaint(sendOk)).isEqualTo(Plots.OK);
    assertThat(renderer.getSeriesPaint(sendFail)).isEqualTo(Plots.FAIL);
    assertThat(renderer.getSeriesPaint(pollInfo)).isEqualTo(Plots.INFO);
    assertThat(plot.getDomainAxis().getLabel()).isEqualTo("time since the first op (s)");
  }

  @Test
  void theMessageDiagramHasOneArrowPerMessageWhenItFits() throws Exception {
    SyntheticRun run = new SyntheticRun(dir, 5, SyntheticRun.results(true));
    RunReport.rewrite(dir);
    String svg = Files.readString(dir.resolve("messages.svg"));

    assertThat(count(svg, "<line class=\"msg")).isEqualTo(run.messages);
    assertThat(count(svg, "<line class=\"msg dropped\"")).isEqualTo(1);
    assertThat(svg).contains("All " + run.messages + " messages").contains(">gossip<tspan").contains(">clients</text>");
    assertThat(svg).doesNotContain(">c10</text>"); // clients share one column
    // Bodies are shown (without their type), and the partition is shaded.
    assertThat(svg).contains("class=\"body\"", "{&quot;values&quot;:[0],&quot;msg_id&quot;:1000}").contains("<rect class=\"nem\"");
    // The dropped gossip (n0 to n1) ends at n1's column, in a cross.
    Matcher dropped = Pattern.compile("<line class=\"msg dropped\" x1=\"([\\d.]+)\" y1=\"([\\d.]+)\" x2=\"([\\d.]+)\" y2=\"([\\d.]+)\"/>"
        + "<path class=\"cross\" d=\"M([\\d.]+),([\\d.]+)L").matcher(svg);
    assertThat(dropped.find()).as(svg).isTrue();
    Matcher n1 = Pattern.compile("<text class=\"head\" x=\"(\\d+)\"[^>]*>n1</text>").matcher(svg);
    Matcher n0 = Pattern.compile("<text class=\"head\" x=\"(\\d+)\"[^>]*>n0</text>").matcher(svg);
    assertThat(n1.find() && n0.find()).isTrue();
    assertThat(Double.parseDouble(dropped.group(1))).isEqualTo(Double.parseDouble(n0.group(1)));
    assertThat(Double.parseDouble(dropped.group(3))).isEqualTo(Double.parseDouble(n1.group(1)));
    assertThat(Double.parseDouble(dropped.group(5))).isEqualTo(Double.parseDouble(dropped.group(3)) - 4);
    assertThat(svg).doesNotContain("The diagram stops here");
  }

  @Test
  void aLongJournalIsCutWithANoteAndABoundedHeight() throws Exception {
    SyntheticRun run = new SyntheticRun(dir, 900, SyntheticRun.results(true));
    RunReport.rewrite(dir);
    String svg = Files.readString(dir.resolve("messages.svg"));

    assertThat(run.messages).isGreaterThan(MessageDiagram.MAX_ARROWS);
    int arrows = count(svg, "<line class=\"msg");
    assertThat(arrows).isLessThanOrEqualTo(MessageDiagram.MAX_ARROWS).isPositive();
    assertThat(svg).contains("The first " + arrows + " of " + run.messages + " messages")
        .contains("The diagram stops here, after " + arrows + " of " + run.messages + " messages");
    // The column names come back every screen or so.
    assertThat(count(svg, "<g class=\"header\">")).isGreaterThan(3);
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
    // The failure comes first, in prose, before the figures; the ops it names are links.
    assertThat(html.indexOf("id=\"anomalies\"")).isPositive().isLessThan(html.indexOf("id=\"figures\""));
    assertThat(html).contains("workload is false: lost-count 2, lost (2)")
        .containsPattern("3: broadcast to n1 by process 1 \\(<a class=\"op-link\" href=\"#op-(\\d+)\" data-op=\"\\1\">op \\1</a>\\), ended fail after 5 ms")
        .contains("7: no op in the history added it");
    assertThat(html).contains("href=\"node-logs/n0.log\"", "href=\"history.txt\"", "href=\"net-journal/journal.jsonl\"", "href=\"messages.svg\"");
    assertThat(html).doesNotContainPattern("(src|href)=\"(https?:)?//");
    String json = html.substring(html.indexOf("id=\"run-data\">") + 14, html.indexOf("</script>", html.indexOf("id=\"run-data\">")));
    JsonNode data = new ObjectMapper().readTree(json);
    assertThat(data.at("/m/id").size()).isEqualTo(run.messages);
    assertThat(data.at("/bodies").size()).isEqualTo(run.messages);
    assertThat(data.at("/ops/p").size()).isEqualTo(6);
    // Times count from the first op (the first broadcast, 10 ms after the history's origin).
    assertThat(data.at("/ops/s/0").asLong()).isZero();
    assertThat(data.at("/ops/s/1").asLong()).isEqualTo(100_000);
    assertThat(data.at("/nemesis/0/0").asLong()).isEqualTo(240_000);
    assertThat(data.at("/m/send/0").asLong()).isNegative(); // init, before the first op
    // The message view opens on the op the explanation names; each op carries its history index.
    long named = data.at("/named/0").asLong();
    assertThat(data.at("/focus").asLong()).isEqualTo(named);
    assertThat(data.at("/ops/i").toString()).contains(String.valueOf(named));
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

    assertThat(Files.readString(dir.resolve("index.html"))).contains("v-crashed").contains("Run aborted: node n1 crashed")
        .contains("The run aborted before its analysis, so no checker ran").doesNotContain("every checker found the run valid");
    assertThat(dir.resolve("messages.svg")).isNotEmptyFile();
    assertThat(dir.resolve("timeline.html")).isNotEmptyFile();
  }

  // ---- kill and pause ----

  private static glomers.harness.history.Op nemesis(long millis, String f, Object value) {
    return SyntheticRun.op(millis * 1_000_000L, glomers.harness.history.OpType.INFO, glomers.harness.history.Op.NEMESIS, f, value);
  }

  private static glomers.harness.history.Op client(long millis) {
    return SyntheticRun.op(millis * 1_000_000L, glomers.harness.history.OpType.INVOKE, 0, "read", null);
  }

  private static RunData history(glomers.harness.history.Op... ops) {
    return new RunData(java.util.Map.of("nodes", List.of("n0", "n1", "n2", "n3", "n4")), List.of(ops), null, List.of());
  }

  private static java.util.Map<String, Object> words(String... nodeWord) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < nodeWord.length; i += 2) {
      m.put(nodeWord[i], nodeWord[i + 1]);
    }
    return m;
  }

  @Test
  void eachKillAndPauseLastsFromItsInvocationUntilTheNextStartOrResumeCompletes() {
    RunData run = history(
        client(0),
        nemesis(500, "start-partition", "majority"),
        nemesis(500, "start-partition", List.of("isolated", java.util.Map.of())),
        // A start while no node is dead ends nothing.
        nemesis(600, "start", "all"),
        nemesis(600, "start", words("n0", "already-running", "n1", "already-running")),
        nemesis(800, "stop-partition", null),
        nemesis(800, "stop-partition", "network-healed"),
        // One kill of two nodes, written in the words' order, listed in the run's node order.
        nemesis(1000, "kill", "minority"),
        nemesis(1010, "kill", words("n3", "killed", "n1", "killed")),
        nemesis(2000, "pause", "one"),
        nemesis(2000, "pause", words("n2", "paused")),
        // A kill that picked nobody.
        nemesis(2200, "kill", "minority-third"),
        nemesis(2200, "kill", java.util.Map.of()),
        nemesis(2500, "resume", "all"),
        nemesis(2500, "resume", words("n0", "not-paused", "n2", "resumed")),
        nemesis(3000, "start", "all"),
        nemesis(3500, "start", words("n0", "already-running", "n1", "started", "n2", "already-running", "n3", "started")),
        // Killed until the history ends.
        nemesis(5000, "kill", "one"),
        nemesis(5000, "kill", words("n4", "killed")),
        client(6000));

    assertThat(run.faultPeriods()).containsExactly(
        new RunData.FaultPeriod(RunData.FaultKind.PARTITION, 500_000, 800_000, List.of()),
        new RunData.FaultPeriod(RunData.FaultKind.KILL, 1_000_000, 3_500_000, List.of("n1", "n3")),
        new RunData.FaultPeriod(RunData.FaultKind.PAUSE, 2_000_000, 2_500_000, List.of("n2")),
        new RunData.FaultPeriod(RunData.FaultKind.KILL, 5_000_000, 6_000_000, List.of("n4")));
    assertThat(RunData.kinds(run.faultPeriods()))
        .containsExactly(RunData.FaultKind.PARTITION, RunData.FaultKind.KILL, RunData.FaultKind.PAUSE);
    // The partitions alone, as the report page's message view has them.
    assertThat(run.nemesisPeriods()).hasSize(1);
    assertThat(run.nemesisPeriods().get(0)).containsExactly(500_000, 800_000);
  }

  @Test
  void aFailedKillShadesEveryNodeForItsNodesAreNotKnownAndAFailedStartEndsTheStretch() {
    RunData run = history(
        nemesis(1000, "kill", "one"),
        new glomers.harness.history.Op(0, 1_100_000_000L, glomers.harness.history.OpType.INFO, glomers.harness.history.Op.NEMESIS,
            "kill", "one", "indeterminate: n2: no such process", false),
        nemesis(2000, "start", "all"),
        new glomers.harness.history.Op(0, 2_400_000_000L, glomers.harness.history.OpType.INFO, glomers.harness.history.Op.NEMESIS,
            "start", "all", "indeterminate: node n2 did not answer init within 10000 ms", false),
        client(3000));

    assertThat(run.faultPeriods())
        .containsExactly(new RunData.FaultPeriod(RunData.FaultKind.KILL, 1_000_000, 2_400_000, List.of()));
  }

  @Test
  void aRunWithPartitionsOnlyHasTheFaultPeriodsItHadBefore() throws Exception {
    new SyntheticRun(dir, 6, SyntheticRun.results(true));
    RunData data = RunData.load(dir);

    assertThat(data.faultPeriods()).containsExactly(new RunData.FaultPeriod(RunData.FaultKind.PARTITION, 250_000, 550_000, List.of()));
    RunReport.rewrite(dir);
    String html = Files.readString(dir.resolve("timeline.html"));
    String svg = Files.readString(dir.resolve("messages.svg"));
    // One whole-width shade, the legend's one partition swatch, the diagram's words of old.
    assertThat(count(html, "class=\"nem\"")).isEqualTo(1);
    assertThat(html).contains(">partition</span>", ">process 1</div>").doesNotContain("class=\"dead\"").doesNotContain("node killed");
    assertThat(svg).contains("shaded: partitions; dashed red with a cross: dropped by a partition.")
        .doesNotContain("class=\"legend\"").doesNotContain("class=\"dead\"");
    org.jfree.chart.JFreeChart chart = Plots.latencyRaw(List.of(), data.faultPeriods());
    assertThat(chart.getTitle().getText()).isEqualTo("Latency of each op; shaded: partitions");
    assertThat(chart.getXYPlot().getFixedLegendItems()).isNull();
  }

  private static List<glomers.harness.history.Op> killAndPause() {
    return List.of(
        nemesis(300, "kill", "one"),
        nemesis(300, "kill", words("n1", "killed")),
        nemesis(600, "start", "all"),
        nemesis(610, "start", words("n0", "already-running", "n1", "started")),
        nemesis(700, "pause", "one"),
        nemesis(700, "pause", words("n0", "paused")),
        nemesis(800, "resume", "all"),
        nemesis(800, "resume", words("n0", "resumed", "n1", "not-paused")));
  }

  @Test
  void theTimelineShadesADeadOrPausedNodeOnTheRowsOfItsProcessesInItsOwnColour() throws Exception {
    new SyntheticRun(dir, 10, SyntheticRun.results(true), killAndPause());
    RunReport.rewrite(dir);
    String html = Files.readString(dir.resolve("timeline.html"));

    // Times count from the first op, 10 ms into the history: n1 is dead 0.290 to 0.600 s.
    Matcher dead = Pattern.compile("<div class=\"dead\" data-node=\"(n\\d)\" style=\"[^\"]*top:(\\d+)px;[^\"]*\" title=\"([^\"]*)\"").matcher(html);
    assertThat(dead.find()).as(html).isTrue();
    assertThat(dead.group(1)).isEqualTo("n1");
    assertThat(dead.group(2)).isEqualTo("42"); // process 1's row, the second
    assertThat(dead.group(3)).isEqualTo("n1 killed 0.290–0.600 s (process 1 talks to it)");
    assertThat(dead.find()).isFalse();
    Matcher paused = Pattern.compile("<div class=\"paused\" data-node=\"(n\\d)\" style=\"[^\"]*top:(\\d+)px;[^\"]*\" title=\"([^\"]*)\"").matcher(html);
    assertThat(paused.find()).isTrue();
    assertThat(paused.group(1) + " " + paused.group(2) + " " + paused.group(3)).isEqualTo("n0 24 n0 paused 0.690–0.790 s (process 0 talks to it)");
    assertThat(count(html, "class=\"nem\"")).isEqualTo(1); // the partition, across every row
    assertThat(html).contains(">process 1 → n1</div>"); // each row names its node
    // Each kind its own colour, in the CSS and in the legend, which lists the three.
    assertThat(html).contains(".dead{background:repeating-linear-gradient(135deg,rgba(70,70,70,", ".paused{background:rgba(0,114,178,")
        .contains("class=\"fault-partition\" style=\"background:rgba(255,80,80,")
        .containsPattern("class=\"fault-kill\" style=\"background:repeating-linear-gradient\\(135deg,rgba\\(70,70,70,[^\"]*;color:#333\">node killed</span>")
        .contains("class=\"fault-pause\" style=\"background:rgba(0,114,178,.3);color:#333\">node paused</span>");
  }

  @Test
  void theMessageDiagramShadesADeadOrPausedNodesColumnWithALegend() throws Exception {
    new SyntheticRun(dir, 10, SyntheticRun.results(true), killAndPause());
    RunReport.rewrite(dir);
    String svg = Files.readString(dir.resolve("messages.svg"));

    Matcher n1 = Pattern.compile("<text class=\"head\" x=\"(\\d+)\"[^>]*>n1</text>").matcher(svg);
    Matcher n0 = Pattern.compile("<text class=\"head\" x=\"(\\d+)\"[^>]*>n0</text>").matcher(svg);
    assertThat(n1.find() && n0.find()).isTrue();
    int colWidth = Integer.parseInt(n1.group(1)) - Integer.parseInt(n0.group(1));
    Matcher dead = Pattern.compile("<rect class=\"dead\" data-node=\"n1\" x=\"(\\d+)\" y=\"[\\d.]+\" width=\"(\\d+)\" height=\"[\\d.]+\">"
        + "<title>n1 killed 0.290–0.600 s</title>").matcher(svg);
    assertThat(dead.find()).as(svg).isTrue();
    // The column under n1's name, centred on it.
    assertThat(Integer.parseInt(dead.group(2))).isEqualTo(colWidth);
    assertThat(Integer.parseInt(dead.group(1)) + colWidth / 2).isEqualTo(Integer.parseInt(n1.group(1)));
    assertThat(svg).containsPattern("<rect class=\"paused\" data-node=\"n0\" x=\"" + (Integer.parseInt(n0.group(1)) - colWidth / 2)
        + "\" [^>]*><title>n0 paused 0.690–0.790 s</title>");
    assertThat(count(svg, "<rect class=\"dead\" data-node=")).isEqualTo(1);
    assertThat(svg).contains(".dead{fill:url(#dead)}", "<pattern id=\"dead\"", "fill=\"rgba(70,70,70,", ".paused{fill:rgba(0,114,178,")
        .contains(">partition (every column)</text>", ">node killed (its column)</text>", ">node paused (its column)</text>")
        .contains(">dashed red with a cross: never delivered (a partition, or a dead node)</text>");
  }

  @Test
  void theReportPagesMessageViewGetsTheKillsAndPausesWithTheirNodes() throws Exception {
    new SyntheticRun(dir, 10, SyntheticRun.results(true), killAndPause());
    RunReport.rewrite(dir);
    String html = Files.readString(dir.resolve("index.html"), StandardCharsets.UTF_8);
    String json = html.substring(html.indexOf("id=\"run-data\">") + 14, html.indexOf("</script>", html.indexOf("id=\"run-data\">")));
    JsonNode data = new ObjectMapper().readTree(json);

    assertThat(data.at("/faults").toString()).isEqualTo("[[\"kill\",290000,600000,[\"n1\"]],[\"pause\",690000,790000,[\"n0\"]]]");
    assertThat(data.at("/nemesis").size()).isEqualTo(1); // the partition, as before
    assertThat(html).contains("a hatched grey column a killed node");
  }

  @Test
  void thePlotsShadeEachKindInItsColourAndNameItInTheLegendAndTitle() throws Exception {
    new SyntheticRun(dir, 10, SyntheticRun.results(true), killAndPause());
    RunReport.rewrite(dir);
    for (String name : List.of("latency-raw.png", "latency-quantiles.png", "rate.png")) {
      BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
      assertThat(image).as(name).isNotNull();
      assertThat(image.getWidth()).isEqualTo(900);
    }

    RunData data = RunData.load(dir);
    List<RunData.OpSpan> done = data.spans().stream().filter(s -> s.completion() != null).toList();
    for (org.jfree.chart.JFreeChart chart : List.of(Plots.latencyRaw(done, data.faultPeriods()),
        Plots.latencyQuantiles(done, data.faultPeriods(), 0.1), Plots.rate(done, data.faultPeriods(), 0.1, 1))) {
      org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
      assertThat(chart.getTitle().getText()).endsWith("; shaded: partitions, killed nodes, paused nodes");
      List<java.awt.Paint> shades = plot.getDomainMarkers(org.jfree.chart.ui.Layer.BACKGROUND).stream()
          .map(m -> ((org.jfree.chart.plot.Marker) m).getPaint()).toList();
      assertThat(shades).containsExactly(Plots.NEMESIS, Plots.KILL, Plots.PAUSE);
      List<String> legend = new java.util.ArrayList<>();
      java.util.Map<String, java.awt.Color> swatch = new java.util.HashMap<>();
      for (java.util.Iterator<?> it = plot.getFixedLegendItems().iterator(); it.hasNext(); ) {
        org.jfree.chart.LegendItem item = (org.jfree.chart.LegendItem) it.next();
        legend.add(item.getLabel());
        swatch.put(item.getLabel(), (java.awt.Color) item.getFillPaint());
      }
      assertThat(legend).endsWith("partitions", "killed nodes", "paused nodes").hasSize(plot.getDataset().getSeriesCount() + 3);
      assertThat(swatch.get("killed nodes").getRGB() & 0xffffff).isEqualTo(Plots.KILL.getRGB() & 0xffffff);
      assertThat(swatch.get("paused nodes").getRGB() & 0xffffff).isEqualTo(Plots.PAUSE.getRGB() & 0xffffff);
    }
    // Only the kinds present.
    org.jfree.chart.JFreeChart killOnly = Plots.latencyRaw(done,
        List.of(new RunData.FaultPeriod(RunData.FaultKind.KILL, 0, 100_000, List.of("n1"))));
    assertThat(killOnly.getTitle().getText()).isEqualTo("Latency of each op; shaded: killed nodes");
  }

  @Test
  void bucketsGiveAShortRunManyPoints() {
    assertThat(Plots.bucketSeconds(20)).isEqualTo(0.5);
    assertThat(Plots.bucketSeconds(35)).isEqualTo(1);
    assertThat(Plots.bucketSeconds(3)).isEqualTo(0.1);
  }
}
