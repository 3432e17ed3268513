package glomers.harness.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import glomers.harness.serve.StoreServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The report of a real short run, opened in headless Chromium (Debian's chromium and
 * chromium-driver): plots, the message view's arrows against the journal, a click, the filters,
 * an op's messages, no console errors; then {@code maelstrom serve}'s run list. Tagged {@code
 * browser}: run with {@code mvn -pl harness test -Pbrowser}.
 */
@Tag("browser")
class ReportInBrowserTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  static BenchRun run;
  static WebDriver driver;
  static List<long[]> journal; // [id, send µs since the first op, send ns on the journal's clock] per message
  static List<JsonNode> bodies;
  static List<String> types;
  static List<Boolean> clientEnd;
  static List<String> dests;
  static java.util.Set<Long> received;

  @BeforeAll
  static void runAndOpenBrowser() throws Exception {
    Chromium.assumeInstalled("ReportInBrowserTest");
    System.setProperty("glomers.harness.recovery-ms", "1000");
    try {
      // Seed 1's first partition cuts n2 off at once, so the nodes' gossip has messages dropped.
      run = BenchRun.run(dir, "broadcast", "-w", "broadcast", "--node-count", "3", "--time-limit", "3", "--rate", "20",
          "--latency", "5", "--nemesis", "partition", "--nemesis-interval", "1", "--seed", "1");
    } finally {
      System.clearProperty("glomers.harness.recovery-ms");
    }
    assertThat(run.storeDir).isNotNull();
    assertThat(run.storeDir.resolve("index.html")).isNotEmptyFile();
    readJournal();
    driver = Chromium.start(dir);
  }

  @AfterAll
  static void closeBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  /**
   * The journal as the page should see it: [id, send time in µs since the first op, send time in ns
   * on the journal's own clock] per message.
   */
  static void readJournal() throws Exception {
    long offset = JSON.readTree(run.storeDir.resolve("run.json").toFile()).path("journal-offset-ns").asLong();
    long origin = JSON.readTree(Files.readAllLines(run.storeDir.resolve("history.jsonl")).get(0)).path("time").asLong();
    journal = new ArrayList<>();
    bodies = new ArrayList<>();
    types = new ArrayList<>();
    clientEnd = new ArrayList<>();
    dests = new ArrayList<>();
    received = new java.util.HashSet<>();
    for (String line : Files.readAllLines(run.storeDir.resolve("net-journal/journal.jsonl"))) {
      JsonNode event = JSON.readTree(line);
      if (event.path("type").asText().equals("recv")) {
        received.add(event.path("id").asLong());
      }
      if (event.path("type").asText().equals("send")) {
        dests.add(event.path("dest").asText());
        long time = event.path("time").asLong();
        journal.add(new long[] {event.path("id").asLong(), Math.floorDiv(time - offset - origin, 1000), time});
        bodies.add(event.path("body"));
        types.add(event.path("body").path("type").asText());
        clientEnd.add(event.path("src").asText().matches("c\\d+") || event.path("dest").asText().matches("c\\d+"));
      }
    }
  }

  static JavascriptExecutor js() {
    return (JavascriptExecutor) driver;
  }

  static void open() {
    Chromium.open(driver, run.storeDir.resolve("index.html").toUri().toString());
  }

  static int shownCount() {
    return Integer.parseInt(driver.findElement(By.id("mv-count")).getDomAttribute("data-count"));
  }

  /** How many journal messages the window holds, counted by send time, minus the excluded types. */
  static int expected(String excludedType) {
    double from = ((Number) js().executeScript("return window.reportView.state.from")).doubleValue();
    double len = ((Number) js().executeScript("return window.reportView.state.len")).doubleValue();
    int n = 0;
    for (int i = 0; i < journal.size(); i++) {
      long send = journal.get(i)[1];
      if (send >= from && send < from + len && !types.get(i).equals(excludedType)) {
        n++;
      }
    }
    return n;
  }

  static void assertNoConsoleErrors() {
    assertThat(Chromium.consoleErrors(driver)).as("console errors").isEmpty();
  }

  @Test
  void plotsLoadWithANonZeroSize() {
    open();
    List<WebElement> images = driver.findElements(By.cssSelector("#plots img"));
    assertThat(images).hasSize(3);
    for (WebElement image : images) {
      assertThat(((Number) js().executeScript("return arguments[0].complete && arguments[0].naturalWidth", image)).intValue())
          .as(image.getDomAttribute("alt")).isEqualTo(900);
      assertThat(((Number) js().executeScript("return arguments[0].naturalHeight", image)).intValue()).isEqualTo(400);
    }
    assertThat(driver.findElement(By.id("verdict")).getText()).isIn("valid", "invalid", "unknown");
    assertNoConsoleErrors();
  }

  @Test
  void theMessageViewDrawsTheJournalsMessagesOfTheWindow() {
    open();
    assertThat(shownCount()).isPositive().isEqualTo(expected(null));
    driver.findElement(By.id("mv-all")).click();
    assertThat(shownCount()).isEqualTo(journal.size());
    // A window typed in by hand, around the journal's middle message: a fixed second could fall
    // before the main phase when a busy machine starts the nodes slowly.
    long second = journal.get(journal.size() / 2)[1] / 1_000_000;
    WebElement from = driver.findElement(By.id("mv-from"));
    from.clear();
    from.sendKeys(second + "\n");
    WebElement len = driver.findElement(By.id("mv-len"));
    len.clear();
    len.sendKeys("1.5\n");
    assertThat(((Number) js().executeScript("return window.reportView.state.from")).doubleValue()).isEqualTo(second * 1e6);
    assertThat(shownCount()).isPositive().isEqualTo(expected(null)).isLessThan(journal.size());
    assertNoConsoleErrors();
  }

  @Test
  void filtersChangeWhatIsDrawn() {
    open();
    driver.findElement(By.id("mv-all")).click();
    int all = shownCount();
    // untick the "broadcast" message type
    WebElement broadcast = driver.findElement(By.xpath("//div[@id='mv-types']//label[normalize-space(.)='broadcast']/input"));
    broadcast.click();
    assertThat(shownCount()).isEqualTo(expected("broadcast")).isLessThan(all);
    broadcast.click();
    assertThat(shownCount()).isEqualTo(all);
    // untick the clients' column: every message to or from a client disappears
    driver.findElement(By.xpath("//div[@id='mv-cols']//label[normalize-space(.)='clients']/input")).click();
    long withoutClients = 0;
    for (int i = 0; i < journal.size(); i++) {
      withoutClients += clientEnd.get(i) ? 0 : 1;
    }
    assertThat(shownCount()).isEqualTo(withoutClients).isLessThan(all);
    js().executeScript("document.querySelector('[data-all=cols][data-v=\"0\"]').click()");
    assertThat(shownCount()).isZero();
    js().executeScript("document.querySelector('[data-all=cols][data-v=\"1\"]').click()");
    assertThat(shownCount()).isEqualTo(all);
    assertNoConsoleErrors();
  }

  @Test
  void clickingAnArrowShowsItsMessage() throws Exception {
    open();
    driver.findElement(By.id("mv-all")).click();
    WebElement canvas = driver.findElement(By.id("mv-canvas"));
    @SuppressWarnings("unchecked")
    List<Number> arrow = (List<Number>) js().executeScript(
        "var d = window.reportView.arrows(); var k = 5 * Math.floor(d.length / 10); return d.slice(k, k + 5);");
    double x = (arrow.get(1).doubleValue() + arrow.get(3).doubleValue()) / 2;
    double y = (arrow.get(2).doubleValue() + arrow.get(4).doubleValue()) / 2;
    new Actions(driver).moveToElement(canvas, (int) Math.round(x - canvas.getSize().getWidth() / 2.0),
        (int) Math.round(y - canvas.getSize().getHeight() / 2.0)).click().perform();
    WebElement body = driver.findElement(By.id("mv-body"));
    String header = driver.findElement(By.id("mv-detail")).getText();
    long id = Long.parseLong(header.replaceAll("(?s)^message #(\\d+).*", "$1"));
    int at = -1;
    for (int i = 0; i < journal.size(); i++) {
      if (journal.get(i)[0] == id) {
        at = i;
      }
    }
    assertThat(at).as("message #" + id + " is in the journal").isNotNegative();
    assertThat(JSON.readTree(body.getText())).isEqualTo(bodies.get(at));
    assertNoConsoleErrors();
  }

  @Test
  void aClientOpLeadsToTheMessagesThatServedIt() {
    open();
    driver.findElement(By.cssSelector("#ops tr[data-k='3']")).click();
    String detail = driver.findElement(By.id("mv-detail")).getText();
    assertThat(detail).contains("(request)").contains("(reply)");
    assertThat(shownCount()).isPositive();
    driver.findElement(By.cssSelector("#mv-detail .msglink")).click();
    assertThat(driver.findElement(By.id("mv-body")).getText()).contains("\"type\"");
    assertNoConsoleErrors();
  }

  /** The history's ops as written, each [index, time ns, process or -1]. */
  static List<long[]> history() throws Exception {
    List<long[]> ops = new ArrayList<>();
    for (String line : Files.readAllLines(run.storeDir.resolve("history.jsonl"))) {
      JsonNode op = JSON.readTree(line);
      ops.add(new long[] {op.path("index").asLong(), op.path("time").asLong(), op.path("process").isInt() ? op.path("process").asLong() : -1});
    }
    return ops;
  }

  @Test
  void timeCountsFromTheFirstOpInTheOpsTableTheMessageViewAndTheTimeline() throws Exception {
    open();
    List<long[]> ops = history();
    long origin = ops.get(0)[1];
    long[] firstClient = ops.stream().filter(op -> op[2] >= 0).findFirst().orElseThrow();
    // The ops table: the first client op was invoked this long after the first op (well under a second, not the 1 to 11 s of init and setup).
    String invoked = driver.findElement(By.cssSelector("#ops tr[data-k='0'] td:nth-child(6)")).getText();
    // To the millisecond the page shows; whether it rounds or cuts the last digit is not the point.
    assertThat(Double.parseDouble(invoked))
        .isCloseTo((firstClient[1] - origin) / 1e9, org.assertj.core.api.Assertions.within(0.0011));
    assertThat(Double.parseDouble(invoked)).isLessThan(1);
    assertThat(driver.findElement(By.cssSelector("#ops thead")).getText()).contains("invoked (s)");
    // The message view: a message's send time is the journal's, less the first op's time; the window opens at the first client op.
    long[] message = journal.get(journal.size() / 2);
    assertThat(((Number) js().executeScript("return window.reportView.state.from")).longValue())
        .isEqualTo(Math.floorDiv(firstClient[1] - origin, 1000) - 1000);
    int at = ((Number) js().executeScript("return window.reportView.messageAt(arguments[0])", message[0])).intValue();
    assertThat(((Number) js().executeScript(
        "return JSON.parse(document.getElementById('run-data').textContent).m.send[arguments[0]]", at)).longValue())
        .isEqualTo(Math.floorDiv(message[2] - origin, 1000));
    assertThat(driver.findElement(By.id("mv-count")).getText()).endsWith("after the first op");
    assertThat(driver.findElement(By.cssSelector("#plots p")).getText()).contains("time since the first op (s)");
    // The timeline: tick 0 is the first op; the first client op's bar starts before tick 1.
    driver.get(run.storeDir.resolve("timeline.html").toUri().toString());
    double tick0 = ((Number) js().executeScript(
        "return [...document.querySelectorAll('.tick')].find(t => t.textContent === '0').getBoundingClientRect().left")).doubleValue();
    double tick1 = ((Number) js().executeScript(
        "return [...document.querySelectorAll('.tick')].find(t => t.textContent === '1').getBoundingClientRect().left")).doubleValue();
    double firstBar = ((Number) js().executeScript(
        "return Math.min(...[...document.querySelectorAll('div.op')].map(b => b.getBoundingClientRect().left))")).doubleValue();
    assertThat(firstBar).isGreaterThanOrEqualTo(tick0).isLessThan(tick1);
    assertThat(driver.findElement(By.tagName("p")).getText()).contains("Time in seconds since the first op");
    assertNoConsoleErrors();
  }

  @Test
  void aDroppedMessagesArrowEndsAtItsDestinationsColumnInACross() {
    int dropped = -1;
    for (int i = 0; i < journal.size(); i++) {
      if (!received.contains(journal.get(i)[0]) && !clientEnd.get(i)) {
        dropped = i;
        break;
      }
    }
    assertThat(dropped).as("the partitions dropped a message between nodes").isNotNegative();
    open();
    long id = journal.get(dropped)[0];
    js().executeScript("window.reportView.setWindow(arguments[0] - 2000, 20000)", journal.get(dropped)[1]);
    int at = ((Number) js().executeScript("return window.reportView.messageAt(arguments[0])", id)).intValue();
    @SuppressWarnings("unchecked")
    List<Number> arrow = (List<Number>) js().executeScript(
        "var d = window.reportView.arrows(); for (var k = 0; k < d.length; k += 5) if (d[k] === arguments[0]) return d.slice(k, k + 5); return null;", at);
    assertThat(arrow).as("message #" + id + " is drawn").isNotNull();
    double x2 = arrow.get(3).doubleValue();
    double y2 = arrow.get(4).doubleValue();
    double column = ((Number) js().executeScript("return window.reportView.columnX(arguments[0])", dests.get(dropped))).doubleValue();
    assertThat(x2).isCloseTo(column, org.assertj.core.data.Offset.offset(0.01));
    // The cross: red pixels on its diagonal, at the destination's column.
    @SuppressWarnings("unchecked")
    List<Number> pixel = (List<Number>) js().executeScript(
        "var c = document.getElementById('mv-canvas').getContext('2d'); return Array.from(c.getImageData(Math.round(arguments[0] + 3), Math.round(arguments[1] + 3), 1, 1).data);",
        x2, y2);
    assertThat(pixel.get(0).intValue()).as("red").isGreaterThan(150);
    assertThat(pixel.get(1).intValue()).as("green").isLessThan(120);
    assertNoConsoleErrors();
  }

  @Test
  void theOtherPicturesOpen() {
    driver.get(run.storeDir.resolve("messages.svg").toUri().toString());
    long arrows = ((Number) js().executeScript("return document.querySelectorAll('line.msg').length")).longValue();
    assertThat(arrows).isEqualTo(Math.min(journal.size(), 2000));
    driver.get(run.storeDir.resolve("timeline.html").toUri().toString());
    assertThat(driver.findElements(By.cssSelector("div.op"))).isNotEmpty();
    assertNoConsoleErrors();
  }

  @Test
  void serveListsTheRunAndLinksToItsReport() throws Exception {
    try (StoreServer server = StoreServer.start(run.storeDir.getParent().getParent(), 0)) {
      driver.get("http://127.0.0.1:" + server.port() + "/");
      List<WebElement> rows = driver.findElements(By.cssSelector("#runs tr.run"));
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).getText()).contains("broadcast");
      rows.get(0).findElement(By.cssSelector("a.report")).click();
      Chromium.awaitReady(driver);
      assertThat(driver.getCurrentUrl()).endsWith("/index.html");
      assertThat(shownCount()).isPositive();
      assertNoConsoleErrors();
    }
  }

  /**
   * Opens a given report (e.g. eb-one's) a few times and prints when it became usable; no assertion
   * on time. A measurement, not a test: tagged apart so test runs neither run nor count it. Run it
   * with {@code -Pbrowser -Dsurefire.excludedGroups= -Dglomers.report.measure=<run>/index.html}.
   */
  @Test
  @Tag("measure")
  @EnabledIfSystemProperty(named = "glomers.report.measure", matches = ".+")
  void measureAReportsUsableTime() {
    Path page = Path.of(System.getProperty("glomers.report.measure"));
    for (int i = 0; i < 3; i++) {
      driver.get("about:blank");
      long start = System.nanoTime();
      driver.get(page.toUri().toString());
      Chromium.awaitReady(driver, Duration.ofSeconds(60));
      double wall = (System.nanoTime() - start) / 1e6;
      Object ready = js().executeScript("return window.reportReadyMs");
      System.out.printf("report %s (%d bytes): usable after %.0f ms by the page's clock, %.0f ms by the test's; %d arrows drawn%n",
          page, new File(page.toString()).length(), ((Number) ready).doubleValue(), wall, shownCount());
    }
    assertNoConsoleErrors();
  }
}
