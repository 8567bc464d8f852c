package dev.homelab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.homelab.catalog.Effective;
import dev.homelab.catalog.EffectiveService;
import dev.homelab.catalog.ServiceCatalog;
import dev.homelab.cli.Pipeline;
import dev.homelab.testing.Cli;
import dev.homelab.testing.Examples;
import dev.homelab.testing.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The HTML report in a real headless browser (Debian's chromium and chromium-driver): it
 * loads without console errors or network fetches, its diagram holds every host and service,
 * and its tables sort on a header click. Skipped when the browser is missing, except in CI.
 * With {@code -Dreport.screenshot=true} it also writes docs/report.png from the forge example.
 */
class ReportBrowserTest {

  static ChromeDriver driver;

  @BeforeAll
  static void start() {
    // Selenium's note that it has no DevTools bindings for this Chromium: the test uses none.
    java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder").setLevel(Level.OFF);
    Tool.require("chromium", "chromium");
    Tool.require("chromedriver", "chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(which("chromium"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--window-size=1400,1000", "--hide-scrollbars");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(which("chromedriver")).toFile()).build();
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
  }

  static String which(String command) {
    for (String dir : System.getenv("PATH").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, command);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    throw new AssertionError(command + " not on PATH");
  }

  static List<Path> examples() {
    return Examples.all();
  }

  static Path report(Path example, Path dir) {
    Path html = dir.resolve(Examples.name(example) + ".html");
    Cli.Run run = Cli.run("report", "-f", example.toString(), "-o", html.toString());
    assertThat(run.exit()).as(run.all()).isZero();
    return html;
  }

  static List<LogEntry> severe() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyHostAndServiceIsInTheDiagramAndNothingFailsOrIsFetched(Path example, @TempDir Path dir) {
    Path html = report(example, dir);
    severe();
    driver.get(html.toUri().toString());
    assertThat(severe()).as("console errors").isEmpty();
    Object fetched = ((JavascriptExecutor) driver).executeScript(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
    assertThat((List<?>) fetched).as("network fetches").isEmpty();

    Pipeline.Checked c = Examples.check(example);
    List<String> hosts = driver.findElements(By.cssSelector("svg#topology g.host")).stream()
        .map(e -> e.getAttribute("data-host")).toList();
    assertThat(hosts).containsExactlyElementsOf(c.spec().hosts().keySet());
    List<String> services = driver.findElements(By.cssSelector("svg#topology g.service")).stream()
        .map(e -> e.getAttribute("data-node")).toList();
    List<String> expected = new ArrayList<>();
    c.spec().hosts().forEach((name, host) -> {
      for (EffectiveService s : Effective.deployed(c.spec(), name, host, ServiceCatalog.builtIn())) {
        expected.add(s.name() + " :" + s.port());
      }
    });
    assertThat(services).containsExactlyElementsOf(expected);
    // Drawn, not only present: every service box has a size on screen.
    for (WebElement e : driver.findElements(By.cssSelector("svg#topology g.service rect"))) {
      assertThat(e.getRect().getWidth()).isPositive();
    }
  }

  @Test
  void consoleErrorsAreCaught(@TempDir Path dir) throws Exception {
    Path page = dir.resolve("broken.html");
    Files.writeString(page, "<!doctype html><title>x</title><script>undefinedFunction();</script>");
    severe();
    driver.get(page.toUri().toString());
    assertThat(severe()).as("the log check sees a script error").isNotEmpty();
  }

  @Test
  void tablesSortOnAHeaderClick(@TempDir Path dir) throws Exception {
    Path html = report(Path.of("examples/forge.yaml"), dir);
    driver.get(html.toUri().toString());
    List<Integer> before = ports();
    assertThat(before).as("spec order is not sorted").isNotEqualTo(before.stream().sorted().toList());
    WebElement port = driver.findElement(By.xpath("//table[@id='ports-table']//th[normalize-space()='port']"));
    port.click();
    assertThat(ports()).isSorted().hasSameSizeAs(before);
    assertThat(port.getAttribute("aria-sort")).isEqualTo("ascending");
    port.click();
    List<Integer> down = ports();
    assertThat(down).isEqualTo(before.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    WebElement service = driver.findElement(By.xpath("//table[@id='exposure-table']//th[normalize-space()='service']"));
    service.click();
    List<String> names = driver.findElements(By.cssSelector("#exposure-table tbody tr td:nth-child(2)")).stream()
        .map(WebElement::getText).toList();
    assertThat(names).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    assertThat(severe()).isEmpty();
  }

  /** With -Dreport.screenshot=true: docs/report.png, the top of the three-tier example's page. */
  @Test
  void screenshot(@TempDir Path dir) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("report.screenshot"), "-Dreport.screenshot=true");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1100, 1000));
    driver.get(report(Path.of("examples/three-tier.yaml"), dir).toUri().toString());
    Object h = ((JavascriptExecutor) driver).executeScript("return document.getElementById('datasets').offsetTop;");
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1100, ((Number) h).intValue()));
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
    Files.write(Path.of("docs/report.png"), driver.getScreenshotAs(OutputType.BYTES));
    driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
  }

  private static List<Integer> ports() {
    return driver.findElements(By.cssSelector("#ports-table tbody tr td:nth-child(2)")).stream()
        .map(e -> Integer.parseInt(e.getText())).toList();
  }
}
