package glomers.harness.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium through Selenium, for the browser tests; skips them where it is missing. */
final class Chromium {
  static final Path CHROMIUM = Path.of(System.getProperty("glomers.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("glomers.chromedriver", "/usr/bin/chromedriver"));

  private Chromium() {}

  /** Aborts the calling test class (skipped, with the reason) when chromium or its driver is missing. */
  static void assumeInstalled(String who) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String why = "browser tests skipped: no " + CHROMIUM + " or " + CHROMEDRIVER
          + " (apt-get install -y chromium chromium-driver)";
      System.err.println(who + ": " + why);
      Assumptions.abort(why);
    }
  }

  static WebDriver start(Path dir) throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--allow-file-access-from-files", "--window-size=1400,1000",
        "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().withLogFile(dir.resolve("chromedriver.log").toFile()).build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Opens a report page and waits until its script has drawn it. */
  static void open(WebDriver driver, String url) {
    driver.get(url);
    awaitReady(driver);
  }

  static void awaitReady(WebDriver driver) {
    awaitReady(driver, Duration.ofSeconds(30));
  }

  /** Waits until the page's script has drawn it, for at most {@code limit}. */
  static void awaitReady(WebDriver driver, Duration limit) {
    new WebDriverWait(driver, limit)
        .until(d -> "1".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  static Object js(WebDriver driver, String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static List<LogEntry> consoleErrors(WebDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }
}
