package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;

/**
 * Opens the reports in headless Chromium (Debian's package; `.ci/run` installs it) with the network shut
 * off, and checks what a reader would see: the expected titles, every chart decoded, and a screenshot that
 * is not blank.
 */
class ReportBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir Path dir;

  @Test
  void runReportRendersInABrowser() throws Exception {
    Path scenario = TestScenarios.small(dir);
    String db = "jdbc:h2:mem:report-run";
    Uptake.Result r = Uptake.run("run", scenario.toString(), "--db", db, "--out", dir.resolve("runs").toString(),
        "--run-id", "rep-1", "--quiet", "--report");
    assertEquals(0, r.status(), r.err());
    Path report = dir.resolve("runs/rep-1/report.html");
    for (String chart : List.of("states", "departments", "goal", "network")) {
      assertTrue(Files.size(dir.resolve("runs/rep-1/charts/" + chart + ".png")) > 1000, chart + ".png");
      assertTrue(Files.readString(dir.resolve("runs/rep-1/charts/" + chart + ".svg")).contains("<svg"), chart);
    }
    assertRenders(report, 4, List.of("Run rep-1", "Summary", "Adoption by state", "Active share by department",
        "Goal measure, active share and sponsorship", "The network coloured by adoption"));

    // The same report again from the journal, with the network at chosen weeks.
    Uptake.Result again = Uptake.run("report", "rep-1", "--db", db, "--out", dir.resolve("again").toString(),
        "--at", "0,10,30");
    assertEquals(0, again.status(), again.err());
    assertTrue(Files.readString(dir.resolve("again/rep-1/report.html")).contains("The network coloured by adoption"));
    Uptake.Result late = Uptake.run("report", "rep-1", "--db", db, "--at", "31");
    assertEquals(Main.BAD_INPUT, late.status());
    assertTrue(late.err().contains("--at 31: expected a tick from 0 (the start) to 30"), late.err());
  }

  /**
   * The network picture of canonical networks beyond 1,500 people once failed in JGraphT's quadtree (Erdos-Renyi,
   * 2,000 people) or ran out of memory (Barabasi-Albert, 2,000 people), turning a finished run into exit 1 with
   * half its charts written. Now a larger network is drawn as a sample that keeps its ties.
   */
  @Test
  void aReportOfALargeCanonicalNetworkIsWritten() throws Exception {
    for (String network : List.of("kind = erdos-renyi, size = 2000, mean-degree = 6",
        "kind = barabasi-albert, size = 2000, attach = 3")) {
      String id = network.startsWith("kind = erdos") ? "er" : "ba";
      Path scenario = TestScenarios.write(dir, id + ".conf", "ticks = 10\nnetwork { " + network + " }\n"
          + "adoption { rule = bass, p = 0.03, q = 0.38 }\nseeding.kind = none\n");
      Uptake.Result r = Uptake.run("run", scenario.toString(), "--db", "jdbc:h2:mem:report-" + id, "--out",
          dir.resolve("large").toString(), "--run-id", id, "--quiet", "--report");
      assertEquals(0, r.status(), r.err());
      assertTrue(r.err().isEmpty(), r.err());
      String html = Files.readString(dir.resolve("large").resolve(id).resolve("report.html"));
      assertTrue(html.contains("A sample of 800 of the 2000 people"), "the picture says it is a sample");
      assertTrue(!html.contains("Goal measure"), "a canonical network has no goal chart");
      assertTrue(Files.size(dir.resolve("large").resolve(id).resolve("charts/network.png")) > 1000);
    }
  }

  @Test
  void compareReportRendersInABrowser() throws Exception {
    Path a = TestScenarios.small(dir);
    Path b = TestScenarios.write(dir, "no-mandate.conf", "include \"small.conf\"\ninterventions = []\n");
    Uptake.Result r = Uptake.run("compare", a.toString(), b.toString(), "--seeds", "2", "--db",
        "jdbc:h2:mem:report-compare", "--out", dir.resolve("cmp").toString(), "--run-id", "cmp", "--quiet",
        "--report");
    assertEquals(0, r.status(), r.err());
    assertTrue(Files.size(dir.resolve("cmp/cmp/charts/compare-active.png")) > 1000);
    assertRenders(dir.resolve("cmp/cmp/report.html"), 3, List.of("Comparison cmp", "Headline metrics",
        "Active share, mean and 95% interval", "Ever adopted, mean and 95% interval",
        "Goal index, mean and 95% interval"));
    String html = Files.readString(dir.resolve("cmp/cmp/report.html"));
    assertTrue(html.contains("best (only where resolved)"), "the verdicts are in the page");
    // The same report again, rebuilt from the runs in the journal.
    Files.delete(dir.resolve("cmp/cmp/report.html"));
    Uptake.Result again = Uptake.run("report", dir.resolve("cmp/cmp").toString(), "--db", "jdbc:h2:mem:report-compare");
    assertEquals(0, again.status(), again.err());
    assertTrue(Files.readString(dir.resolve("cmp/cmp/report.html")).contains("Headline metrics"));
  }

  @Test
  void sweepReportRendersInABrowser() throws Exception {
    TestScenarios.write(dir, "canon.conf", "ticks = 12\nnetwork { kind = erdos-renyi, size = 200, mean-degree = 4 }\n"
        + "adoption { rule = independent-cascade, transmission = 0.2 }\nseeding { kind = random, count = 2 }\n");
    Path sweep = TestScenarios.write(dir, "grid.conf", "base = \"canon.conf\"\nseeds = 2\n"
        + "vary { \"adoption.transmission\" = [0.1, 0.3], \"seeding.count\" = [1, 3] }\n"
        + "metrics = [final_active_fraction, time_to_50pct_active]\njournal = summary\n");
    Uptake.Result r = Uptake.run("sweep", sweep.toString(), "--sweep-id", "sw", "--db", "jdbc:h2:mem:report-sweep",
        "--out", dir.resolve("sweeps").toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
    Uptake.Result report = Uptake.run("report", dir.resolve("sweeps/sw").toString(), "--db", "jdbc:h2:mem:report-sweep");
    assertEquals(0, report.status(), report.err());
    // Two metrics against each of two parameters.
    assertRenders(dir.resolve("sweeps/sw/report.html"), 4, List.of("Sweep sw", "Grid points",
        "final_active_fraction against adoption.transmission", "final_active_fraction against seeding.count",
        "time_to_50pct_active against adoption.transmission", "time_to_50pct_active against seeding.count"));
  }

  @Test
  void aFolderThatIsNeitherAComparisonNorASweepIsRefused() {
    Uptake.Result r = Uptake.run("report", dir.toString());
    assertEquals(Main.BAD_INPUT, r.status());
    assertTrue(r.err().contains("expected a run id, a comparison folder"), r.err());
  }

  /** Dumps the DOM after scripts ran and takes a screenshot, both in headless Chromium. */
  static void assertRenders(Path report, int images, List<String> titles) throws Exception {
    assertTrue(Files.isExecutable(CHROMIUM), "this test needs Debian's chromium at " + CHROMIUM
        + " (apt-get install chromium; .ci/run installs it)");
    String dom = chromium(report, "--virtual-time-budget=10000", "--dump-dom");
    for (String title : titles) assertTrue(dom.contains(title), "page shows \"" + title + "\"");
    Matcher m = Pattern.compile("data-images=\"(\\d+)\" data-images-loaded=\"(\\d+)\"").matcher(dom);
    assertTrue(m.find(), "the page's check ran");
    assertEquals(images, Integer.parseInt(m.group(1)));
    assertEquals(images, Integer.parseInt(m.group(2)), "every chart decoded in the browser");

    Path shot = report.resolveSibling("screenshot.png");
    chromium(report, "--window-size=1200,1600", "--screenshot=" + shot);
    BufferedImage image = ImageIO.read(shot.toFile());
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) inked++;
      }
    }
    long sampled = (long) (image.getHeight() / 2) * (image.getWidth() / 2);
    assertTrue(colours.size() > 50, "the screenshot has charts in it, not a blank page: " + colours.size()
        + " colours");
    assertTrue(inked > sampled / 50, "more than 2% of the screenshot is drawn on");
  }

  private static String chromium(Path page, String... extra) throws IOException, InterruptedException {
    Path profile = Files.createTempDirectory("uptake-chromium");
    List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    cmd.addAll(List.of(extra));
    cmd.add(page.toUri().toString());
    Path outFile = Files.createTempFile("chromium", ".out");
    Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), "chromium exit status");
    return Files.readString(outFile, StandardCharsets.UTF_8);
  }
}
