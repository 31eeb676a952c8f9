package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.JournalSettings;
import org.uptake.run.Brake;
import org.uptake.workbench.Server;

/**
 * The workbench in real Chromium (Debian's chromium and chromedriver; `.ci/run` installs both) with the network
 * shut off: what a strategist does and sees. Screenshots are kept under target/workbench-screenshots.
 */
class WorkbenchBrowserTest {
  private static final Path SHOTS = Path.of("target", "workbench-screenshots");

  @TempDir static Path dir;
  static JournalSession session;
  static Server server;
  static WebDriver browser;

  @BeforeAll
  static void open() throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/chromedriver")), "this test needs Debian's chromium-driver: "
        + "run it through .ci/run, which installs it");
    session = JournalSession.open(JournalSettings.of("jdbc:h2:file:" + dir.resolve("journal/journal")));
    server = Server.start(session, Path.of("simulations"), dir.resolve("workspace"), 2, "127.0.0.1", 0,
        "browser-token-0123456789", Brake.NONE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + dir.resolve("profile"), "--window-size=1280,1500");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void close() throws Exception {
    if (browser != null) browser.quit();
    server.close();
    session.close();
  }

  private static WebDriverWait waiting(int seconds) {
    return new WebDriverWait(browser, Duration.ofSeconds(seconds));
  }

  @Test
  void aStrategistRunsAShippedScenarioAndSeesTheNumbersOfItsSummary() throws Exception {
    browser.get(server.address());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#scenario option")).isEmpty());
    new Select(browser.findElement(By.id("scenario"))).selectByValue("executive-mandate.conf");
    assertTrue(browser.findElement(By.id("scenario-about")).getText().contains("600 people"));
    browser.findElement(By.id("ticks")).sendKeys("40");
    browser.findElement(By.id("run")).click();
    waiting(120).until(d -> d.findElement(By.id("status")).getText().startsWith("Finished"));
    String runId = browser.findElement(By.id("run-id")).getText();
    var summary = new ObjectMapper().readTree(server.workbench().outputs().resolve(runId).resolve("summary.json")
        .toFile());
    assertEquals(summary.get("final_active_fraction").asDouble(),
        Double.parseDouble(browser.findElement(By.id("final-active")).getAttribute("data-value")), 5e-7);
    assertEquals(summary.get("final_ever_adopted_fraction").asDouble(),
        Double.parseDouble(browser.findElement(By.id("final-ever")).getAttribute("data-value")), 5e-7);
    assertEquals(summary.get("final_goal_index").asDouble(),
        Double.parseDouble(browser.findElement(By.id("final-goal")).getAttribute("data-value")), 5e-7);
    assertTrue(browser.findElement(By.id("status")).getText().contains("40 weeks"));
    waiting(10).until(d -> d.findElement(By.cssSelector("#runs tbody")).getText().contains(runId));
    assertTrue(browser.findElement(By.cssSelector("#chart canvas")).isDisplayed(), "the curve is drawn");
    assertWholeWeeks();
    // executive-mandate.conf: the CEO mandates, sponsors and campaigns in week 4, marked on the time axis.
    List<String> week4 = browser.findElements(By.cssSelector("#markers li[data-tick='4']")).stream()
        .map(WebElement::getText).toList();
    assertEquals(List.of("M week 4, mandate: mandate by CEO in week 4",
        "S week 4, sponsorship: CEO sets sponsorship to 0.80 -- sponsorship announced for all departments",
        "C week 4, campaign: CEO launches a campaign (strength 0.10, half-life 3 weeks)"), week4);
    WebElement heatmap = browser.findElement(By.id("heatmap"));
    assertTrue(heatmap.isDisplayed(), "the departments' heat map is drawn");
    scrollTo("watch");
    assertNotBlank(shoot("run-finished"));
    // A click opens a story once the departments' shares at the last week are in (they come from the journal).
    waiting(20).until(d -> !d.findElements(By.cssSelector(".department[data-department='Marketing']")).isEmpty());
    // Its rows are the departments in the scenario's order, 18 px each below a 4 px margin: organisation.conf's
    // second is Marketing, of 50 people. Selenium's offsets are from the element's centre.
    new Actions(browser).moveToElement(heatmap, 200 - heatmap.getSize().getWidth() / 2,
        4 + 18 + 9 - heatmap.getSize().getHeight() / 2).click().perform();
    waiting(20).until(d -> d.findElement(By.id("story")).getText().startsWith("Marketing: 50 people"));
  }

  @Test
  void aLengthOfZeroIsRefusedInThePageWithTheFieldNamed() throws Exception {
    browser.get(server.address());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#scenario option")).isEmpty());
    browser.findElement(By.id("ticks")).sendKeys("0");
    browser.findElement(By.id("run")).click();
    waiting(20).until(d -> !d.findElement(By.id("error")).getText().isEmpty());
    String error = browser.findElement(By.id("error")).getText();
    // In the page's words: the field's label, not the command line's --set.
    assertTrue(error.startsWith("Length: expected a whole number of weeks from 1"), error);
    assertNotBlank(shoot("bad-input"));
  }

  @Test
  void aStrategistBranchesAtAClickedWeekAndReadsADepartmentsStory() throws Exception {
    browser.get(server.address());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#scenario option")).isEmpty());
    new Select(browser.findElement(By.id("scenario"))).selectByValue("from-the-edges.conf");
    browser.findElement(By.id("ticks")).sendKeys("30");
    browser.findElement(By.id("run")).click();
    waiting(120).until(d -> d.findElement(By.id("status")).getText().startsWith("Finished"));
    String parent = browser.findElement(By.id("run-id")).getText();
    waiting(20).until(d -> d.findElement(By.id("branching")).isDisplayed());

    // A click at the plot's middle chooses a week near the middle of the 30.
    WebElement over = browser.findElement(By.cssSelector("#chart .u-over"));
    new Actions(browser).moveToElement(over).click().perform();
    int week = Integer.parseInt(browser.findElement(By.id("branch-week")).getAttribute("value"));
    assertTrue(week >= 10 && week <= 20, "the clicked week: " + week);
    new Select(browser.findElement(By.id("branch-kind"))).selectByValue("mandate");
    assertTrue(browser.findElement(By.id("branch-about")).getText().contains("mandate"));
    browser.findElement(By.id("branch")).click();
    waiting(120).until(d -> !d.findElement(By.id("run-id")).getText().equals(parent)
        && d.findElement(By.id("status")).getText().startsWith("Finished"));
    String child = browser.findElement(By.id("run-id")).getText();
    assertTrue(child.startsWith(parent + "-at" + week), child);
    waiting(10).until(d -> d.findElement(By.cssSelector("#runs tbody")).getText().contains("\u21b3 " + child));
    assertTrue(browser.findElement(By.cssSelector("#chart .u-legend")).getText().contains("parent run"),
        "the parent's curve is drawn under the branch's");
    assertWholeWeeks();
    assertNotBlank(shoot("branch"));

    // Filtered by the branch's id, the history shows it with its parent, so the tree still reads.
    browser.findElement(By.id("runs-filter")).sendKeys(child);
    List<String> shown = browser.findElements(By.cssSelector("#runs tbody tr[data-run]")).stream()
        .filter(WebElement::isDisplayed).map(tr -> tr.getAttribute("data-run")).toList();
    assertEquals(List.of(parent, child), shown);
    assertTrue(browser.findElement(By.id("runs-count")).getText().startsWith("Showing 2 of "));
    new Select(browser.findElement(By.id("runs-status"))).selectByValue("interrupted");
    assertTrue(browser.findElements(By.cssSelector("#runs tbody tr[data-run]")).stream().noneMatch(WebElement::isDisplayed),
        "no run of this test was interrupted");
    browser.findElement(By.id("runs-filter")).clear();
    new Select(browser.findElement(By.id("runs-status"))).selectByValue("");

    waiting(20).until(d -> !d.findElements(By.cssSelector(".department[data-department='Sales']")).isEmpty());
    browser.findElement(By.cssSelector(".department[data-department='Sales']")).click();
    waiting(20).until(d -> d.findElement(By.id("story")).getText().contains("Sales: 110 people"));
    // The mandate of the branch reaches Sales after the week branched at.
    String acts = browser.findElement(By.id("acts")).getText();
    assertTrue(acts.contains("week " + (week + 1) + ":"), acts);
    assertNotBlank(shoot("story"));

    // A person who became active, clicked where the network picture draws them (a 440 px square, 12 px margins).
    waiting(30).until(d -> d.findElement(By.id("network-view")).isDisplayed());
    @SuppressWarnings("unchecked")
    Map<String, Object> someone = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("return network.view.nodes.find((n) => n.state === 3)");
    WebElement picture = browser.findElement(By.id("network"));
    scrollTo("network-view");
    int px = (int) Math.round(12 + ((Number) someone.get("x")).doubleValue() * 416) - picture.getSize().getWidth() / 2;
    int py = (int) Math.round(12 + ((Number) someone.get("y")).doubleValue() * 416) - picture.getSize().getHeight() / 2;
    new Actions(browser).moveToElement(picture, px, py).click().perform();
    String name = (String) someone.get("name");
    waiting(20).until(d -> d.findElement(By.id("person")).getText().startsWith(name));
    String story = browser.findElement(By.id("changes")).getText();
    assertTrue(story.contains("-> active"), "their story tells how they became active: " + story);
    assertNotBlank(shoot("person"));
  }

  @Test
  void aStrategistComparesTwoStrategiesAndReadsTheVerdictInWords() throws Exception {
    browser.get(server.address());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#compare-choices input")).isEmpty());
    for (WebElement box : browser.findElements(By.cssSelector("#compare-choices input"))) {
      boolean wanted = List.of("executive-mandate.conf", "cross-functional-team.conf").contains(box.getAttribute("value"));
      if (box.isSelected() != wanted) box.click();
    }
    WebElement seeds = browser.findElement(By.id("compare-seeds"));
    seeds.clear();
    seeds.sendKeys("2");
    browser.findElement(By.id("compare-run")).click();
    waiting(240).until(d -> d.findElement(By.id("compare-status")).getText().startsWith("Finished"));
    String table = browser.findElement(By.id("compare-table")).getText();
    assertTrue(table.contains("executive-mandate") && table.contains("cross-functional-team")
        && table.contains("best (only where resolved)"), table);
    assertTrue(browser.findElement(By.id("compare-summary")).getText().startsWith("Over "),
        browser.findElement(By.id("compare-summary")).getText());
    assertTrue(browser.findElement(By.cssSelector("#compare-chart canvas")).isDisplayed());
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "document.getElementById('compare').scrollIntoView()");
    assertNotBlank(shoot("compare"));

    // Opened afresh, the page lists the comparison, and a click shows it again as it was.
    String summary = browser.findElement(By.id("compare-summary")).getText();
    browser.get(server.address());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#comparisons tr[data-comparison]")).isEmpty());
    WebElement row = browser.findElement(By.cssSelector("#comparisons tr[data-comparison]"));
    assertTrue(row.getText().contains("cross-functional-team, executive-mandate") && row.getText().contains("finished"),
        row.getText());
    row.click();
    waiting(30).until(d -> d.findElement(By.id("compare-summary")).getText().equals(summary));
    assertTrue(browser.findElement(By.id("compare-table")).getText().equals(table));
  }

  @Test
  void aBadOrgChartIsShownAtItsLineAndAGoodOneReplacesTheOrganisation() throws Exception {
    browser.get(server.address());
    waiting(20).until(d -> d.findElement(By.id("org-summary")).getText().contains("people"));
    Path bad = dir.resolve("bad-chart.csv");
    // Line 3 gives a role that is not head, manager or staff.
    Files.writeString(bad, "person_id,department,manager_id,role\nA1,Sales,,head\nA2,Sales,A1,boss\n");
    browser.findElement(By.id("org-chart-file")).sendKeys(bad.toAbsolutePath().toString());
    By slot = By.cssSelector(".problem[data-field='org-chart']");
    waiting(20).until(d -> !d.findElement(slot).getText().isEmpty());
    String problem = browser.findElement(slot).getText();
    assertTrue(problem.startsWith("bad-chart.csv:3: role: expected head, manager or staff"), problem);
    scrollTo("design");
    assertNotBlank(shoot("bad-org-chart"));

    browser.findElement(By.id("org-chart-file")).sendKeys(Path.of("simulations/org-chart-example.csv")
        .toAbsolutePath().toString());
    waiting(20).until(d -> d.findElement(By.id("org-summary")).getText().startsWith("44 people in 4 departments"));
    assertTrue(browser.findElement(slot).getText().isEmpty(), "the old problem is gone");
    // The levers follow the chart's departments: Support is one, Marketing is not.
    assertTrue(browser.findElement(By.id("levers")).getText().contains("Support"));
    assertTrue(!browser.findElement(By.id("levers")).getText().contains("Marketing"));
    assertEquals("Save and run", browser.findElement(By.id("run")).getText());
    assertNotBlank(shoot("own-org-chart"));
  }

  @Test
  void aStrategistChangesLeversSavesTheScenarioAndRunsIt() throws Exception {
    browser.get(server.address());
    waiting(20).until(d -> !d.findElements(By.cssSelector("#scenario option")).isEmpty());
    new Select(browser.findElement(By.id("scenario"))).selectByValue("executive-mandate.conf");
    waiting(20).until(d -> d.findElement(By.id("org-summary")).getText().startsWith("600 people"));
    waiting(20).until(d -> new Select(d.findElement(By.id("lever-measurement"))).getFirstSelectedOption()
        .getText().equals("clicks"));
    // The check of the first change answers last, after the second change's own check: the page keeps the
    // second change (a check's answer comes for the draft as it was sent).
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "const original = window.fetch; let first = true;"
        + "window.fetch = (url, options) => { const answer = original(url, options);"
        + "  if (first && String(url).includes('/api/setup/check')) { first = false;"
        + "    return answer.then((r) => new Promise((done) => setTimeout(() => done(r), 2000))); }"
        + "  return answer; };");
    new Select(browser.findElement(By.id("lever-measurement"))).selectByValue("business-goal");
    Thread.sleep(500);
    WebElement week = browser.findElement(By.cssSelector("#interventions .step-week"));
    week.clear();
    week.sendKeys("10");
    Thread.sleep(2500);
    browser.findElement(By.id("save-name")).sendKeys("Mandate at ten");
    browser.findElement(By.id("ticks")).sendKeys("20");
    waiting(10).until(d -> d.findElement(By.id("run")).getText().equals("Save and run"));
    browser.findElement(By.id("run")).click();
    waiting(120).until(d -> d.findElement(By.id("status")).getText().startsWith("Finished"));
    Path saved = dir.resolve("workspace/scenarios/mandate-at-ten.conf");
    org.uptake.scenario.Scenario s = org.uptake.scenario.ScenarioLoader.load(saved);
    assertEquals(org.uptake.scenario.Scenario.Measurement.BUSINESS_GOAL, s.measurement());
    assertEquals(10, s.interventions().get(0).tick());
    assertEquals("mandate-at-ten.conf", new Select(browser.findElement(By.id("scenario")))
        .getFirstSelectedOption().getAttribute("value"));
    waiting(10).until(d -> d.findElement(By.cssSelector("#runs tbody")).getText().contains("Mandate at ten"));
    scrollTo("design");
    assertNotBlank(shoot("set-up"));
  }

  private static void scrollTo(String id) {
    ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "document.getElementById(arguments[0]).scrollIntoView()", id);
  }

  /** The axis is drawn on the canvas, so its labels are read from the chart: weeks are whole (no "7.5"). */
  private static void assertWholeWeeks() {
    Object weeks = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
        "return plot.axes[0]._values.join(' ')");
    assertTrue(weeks.toString().matches("[0-9 ]+"), "week labels: " + weeks);
  }

  private static Path shoot(String name) throws Exception {
    Path file = SHOTS.resolve(name + ".png");
    Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    return file;
  }

  /** A page that drew nothing is one or two colours; the workbench has text, controls and a curve. */
  private static void assertNotBlank(Path png) throws Exception {
    BufferedImage image = ImageIO.read(png.toFile());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) colours.add(image.getRGB(x, y));
    }
    assertTrue(colours.size() > 20, png + " looks blank (" + colours.size() + " colours)");
  }
}
