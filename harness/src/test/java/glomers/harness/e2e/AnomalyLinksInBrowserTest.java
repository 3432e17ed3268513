package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.view.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * Failed runs' report pages in headless Chromium: each "op N" an explanation names (a txn anomaly
 * from elle/, a kafka anomaly from kafka/) leads to that op, selected and highlighted in the ops
 * table and the message view, and from there to its bar on the timeline; the message view opens
 * on the failure; a long value does not widen the page. Tagged {@code browser}.
 */
@Tag("browser")
class AnomalyLinksInBrowserTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static BenchRun txn;
  static BenchRun kafka;
  static WebDriver driver;

  @BeforeAll
  static void runAndOpenBrowser() throws Exception {
    Chromium.assumeInstalled("AnomalyLinksInBrowserTest");
    // A txn node that replays writes in reverse: Elle finds G1b (intermediate reads) and explains it op by op.
    txn = BenchRun.run(Files.createDirectories(dir.resolve("txn")), "txn", "-w", "txn-rw-register", "--node-count", "2", "--concurrency", "4",
        "--time-limit", "3", "--rate", "100", "--key-count", "2", "--max-txn-length", "6", "--consistency-models",
        "read-committed", "--seed", "7", "--", "--mode", "reversed");
    assertThat(txn.exitCode).isEqualTo(1);
    assertThat(txn.storeDir.resolve("elle/G1b.txt")).exists();
    // A kafka node whose polls skip offsets: lost writes.
    System.setProperty("glomers.harness.recovery-ms", "1500");
    try {
      kafka = BenchRun.run(Files.createDirectories(dir.resolve("kafka")), "kafka", "-w", "kafka", "--node-count", "1", "--concurrency", "4",
          "--time-limit", "2", "--rate", "100", "--seed", "5", "--", "--mode", "skip");
    } finally {
      System.clearProperty("glomers.harness.recovery-ms");
    }
    assertThat(kafka.exitCode).isEqualTo(1);
    plantKafkaExplanationIfMissing();
    driver = Chromium.start(dir);
  }

  /**
   * The kafka checker's own explanations go to kafka/<type>.txt, one file per error type, naming
   * ops as "op N" as Elle's do. Where this build's checker writes none yet, the test writes one
   * naming a poll of the run, as such a file would, and redraws the report: what is under test is
   * how the page links whatever kafka/*.txt says.
   */
  static void plantKafkaExplanationIfMissing() throws Exception {
    Path folder = kafka.storeDir.resolve("kafka");
    if (Files.isDirectory(folder) && Files.list(folder).anyMatch(p -> p.toString().endsWith(".txt"))) {
      return;
    }
    long poll = -1;
    for (String line : Files.readAllLines(kafka.storeDir.resolve("history.jsonl"))) {
      JsonNode op = JSON.readTree(line);
      if (op.path("f").asText().equals("poll") && op.path("type").asText().equals("ok")) {
        poll = op.path("index").asLong();
        break;
      }
    }
    assertThat(poll).isNotNegative();
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("lost-write.txt"), "lost-write: a write acknowledged, then skipped by op " + poll + ".\n");
    RunReport.rewrite(kafka.storeDir);
  }

  @AfterAll
  static void closeBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  static void open(BenchRun run) {
    Chromium.open(driver, run.storeDir.resolve("index.html").toUri().toString());
  }

  static Object js(String script, Object... args) {
    return Chromium.js(driver, script, args);
  }

  static long number(String script, Object... args) {
    return ((Number) js(script, args)).longValue();
  }

  /** The history's op with that index, from history.jsonl. */
  static JsonNode historyOp(BenchRun run, long index) throws Exception {
    for (String line : Files.readAllLines(run.storeDir.resolve("history.jsonl"))) {
      JsonNode op = JSON.readTree(line);
      if (op.path("index").asLong() == index) {
        return op;
      }
    }
    throw new AssertionError("no op " + index + " in " + run.storeDir.resolve("history.jsonl"));
  }

  /**
   * Clicks the first op link of the explanation headed {@code heading}, then checks that op is the
   * one selected everywhere and highlighted, and that its timeline bar is one click away.
   */
  void followTheFirstOpLinkOf(BenchRun run, String heading) throws Exception {
    open(run);
    // Start from nothing selected (the view opens on the failure, maybe this very op).
    driver.findElement(By.id("mv-clear")).click();
    assertThat(driver.findElements(By.cssSelector("#ops tr.sel, a.op-link.sel"))).isEmpty();
    WebElement link = driver.findElement(By.xpath("//section[@id='anomalies']/h3[starts-with(normalize-space(.), '" + heading
        + "')]/following-sibling::div[1]//a[contains(concat(' ', @class, ' '), ' op-link ')]"));
    long op = Long.parseLong(link.getDomAttribute("data-op"));
    link.click();

    // The ops table: the row of that op is selected, marked as named by an explanation, and scrolled into sight.
    WebElement row = driver.findElement(By.cssSelector("#ops tr.sel"));
    assertThat(row.getDomAttribute("data-op")).isEqualTo(String.valueOf(op));
    assertThat(row.getDomAttribute("class")).contains("named");
    assertThat((Boolean) js("var r = arguments[0], w = document.getElementById('ops-wrap');"
        + " return r.offsetTop >= w.scrollTop && r.offsetTop + r.offsetHeight <= w.scrollTop + w.clientHeight;", row)).isTrue();
    assertThat(row.findElement(By.cssSelector("td:first-child")).getText()).isEqualTo(String.valueOf(op));
    // ... and it is the history's op with that index: same process, same f.
    JsonNode named = historyOp(run, op);
    List<WebElement> cells = row.findElements(By.tagName("td"));
    assertThat(cells.get(1).getText()).isEqualTo(named.path("process").asText());
    assertThat(cells.get(2).getText()).isEqualTo(named.path("f").asText());
    // The message view: that op is selected, its span is in the window, and the link shows as the current one.
    long k = number("return window.reportView.state.op");
    assertThat(k).isNotNegative();
    assertThat(number("return JSON.parse(document.getElementById('run-data').textContent).ops.i[arguments[0]]", k)).isEqualTo(op);
    double start = ((Number) js("return JSON.parse(document.getElementById('run-data').textContent).ops.s[arguments[0]]", k)).doubleValue();
    double from = ((Number) js("return window.reportView.state.from")).doubleValue();
    double len = ((Number) js("return window.reportView.state.len")).doubleValue();
    assertThat(start).isBetween(from, from + len);
    assertThat(link.getDomAttribute("class")).contains("sel");
    assertThat((String) js("return location.hash")).isEqualTo("#op-" + op);
    assertThat(driver.findElement(By.id("mv-detail")).getText()).startsWith("op " + op + ":");
    // The timeline: its bar is the page's target, and its title names the op.
    driver.findElement(By.id("mv-timeline")).click();
    assertThat(driver.getCurrentUrl()).endsWith("timeline.html#op-" + op);
    WebElement bar = (WebElement) js("return document.querySelector(':target')");
    assertThat(bar).isNotNull();
    assertThat(bar.getDomAttribute("id")).isEqualTo("op-" + op);
    assertThat(bar.getDomAttribute("title")).contains("(op " + op + ")");
    assertThat(Chromium.consoleErrors(driver)).isEmpty();
  }

  @Test
  void aTxnAnomalysOpLinkLeadsToThatOpHighlighted() throws Exception {
    followTheFirstOpLinkOf(txn, "Anomaly G1b");
  }

  @Test
  void aKafkaAnomalysOpLinkLeadsToThatOpHighlighted() throws Exception {
    String heading = "kafka: " + Files.list(kafka.storeDir.resolve("kafka")).map(p -> p.getFileName().toString())
        .filter(n -> n.endsWith(".txt")).sorted().findFirst().orElseThrow().replaceAll("\\.txt$", "");
    followTheFirstOpLinkOf(kafka, heading);
  }

  @Test
  void theWhatWentWrongSectionComesFirstAndTheMessageViewOpensOnTheFirstNamedOp() {
    open(txn);
    assertThat((Boolean) js("var a = document.getElementById('anomalies');"
        + " return a === document.querySelector('main > section');")).isTrue();
    long first = driver.findElements(By.cssSelector("#anomalies a.op-link")).stream()
        .mapToLong(a -> Long.parseLong(a.getDomAttribute("data-op"))).min().orElseThrow();
    long k = number("return window.reportView.state.op");
    assertThat(number("return JSON.parse(document.getElementById('run-data').textContent).ops.i[arguments[0]]", k)).isEqualTo(first);
    assertThat(driver.findElement(By.cssSelector("#ops tr.sel")).getDomAttribute("data-op")).isEqualTo(String.valueOf(first));
  }

  @Test
  void anOpWithALongValueDoesNotWidenThePage() {
    open(kafka);
    long width = number("return document.documentElement.clientWidth");
    // The op with the longest value (a poll's messages).
    long k = number("var v = JSON.parse(document.getElementById('run-data').textContent).ops.v, best = 0;"
        + " for (var i = 1; i < v.length; i++) if (v[i].length > v[best].length) best = i; return best;");
    assertThat(number("return JSON.parse(document.getElementById('run-data').textContent).ops.v[arguments[0]].length", k))
        .isGreaterThan(100);
    driver.findElement(By.cssSelector("#ops tr[data-k='" + k + "']")).click();
    assertThat(number("return document.documentElement.scrollWidth")).isLessThanOrEqualTo(width);
    assertThat(Chromium.consoleErrors(driver)).isEmpty();
  }

  /**
   * Writes the README's screenshot of a failed run's report (what went wrong, then the message view
   * on the first op it names) to the file given; not a test. Run with {@code -Pbrowser
   * -Dsurefire.excludedGroups= -Dglomers.report.screenshot=docs/images/report-anomaly.png}.
   */
  @Test
  @Tag("measure")
  @EnabledIfSystemProperty(named = "glomers.report.screenshot", matches = ".+")
  void screenshotForTheReadme() throws Exception {
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
    open(txn);
    Path out = Path.of(System.getProperty("glomers.report.screenshot"));
    Files.write(out, driver.findElement(By.id("anomalies")).getScreenshotAs(OutputType.BYTES));
    driver.findElement(By.cssSelector("#anomalies .prose a.op-link")).click();
    String name = out.getFileName().toString().replaceAll("\\.png$", "");
    Files.write(out.resolveSibling(name + "-messages.png"), driver.findElement(By.id("mv")).getScreenshotAs(OutputType.BYTES));
  }
}
