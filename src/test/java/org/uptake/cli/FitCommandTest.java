package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FitCommandTest {
  @TempDir Path dir;

  @Test
  void theBassCurveOfTheShippedSeriesIsPrintedAndWritten() throws Exception {
    Path out = dir.resolve("vcr");
    Uptake.Result r = Uptake.run("fit", "--bass-curve", "simulations/data/vcr-sales.csv", "--out", out.toString());
    assertEquals(0, r.status(), r.err());
    // The estimates are BassFitTest's independent ones (SciPy), printed to four significant figures.
    assertTrue(r.out().contains("p (innovation)         0.008789         0.001776"), r.out());
    assertTrue(r.out().contains("q (imitation)            0.6422          0.04257"), r.out());
    assertTrue(r.out().contains("m (market size)           67660             3071"), r.out());
    JsonNode fit = new ObjectMapper().readTree(out.resolve("fit.json").toFile());
    for (String k : List.of("p", "q", "m")) {
      assertTrue(fit.get(k).get("estimate").isNumber() && fit.get(k).get("standard_error").isNumber(), fit.toString());
    }
    List<String> csv = Files.readAllLines(out.resolve("fit.csv"));
    assertEquals("period,observed,fitted,residual,observed_cumulative,fitted_cumulative", csv.get(0));
    assertEquals(11, csv.size());
    assertTrue(csv.get(1).startsWith("1,840,"), csv.get(1));
    assertTrue(Files.size(out.resolve("fit.png")) > 1000);
  }

  @Test
  void aBadSeriesIsRefusedAtItsLineAndNothingIsWritten() throws Exception {
    Path out = dir.resolve("bad-out");
    Path skipped = Files.writeString(dir.resolve("skipped.csv"), "period,adoptions\n1,10\n2,30\n4,50\n5,40\n");
    Uptake.Result r = Uptake.run("fit", "--bass-curve", skipped.toString(), "--out", out.toString());
    assertEquals(Main.BAD_INPUT, r.status());
    assertTrue(r.err().contains(skipped + ":4: period: expected 3"), r.err());
    Path negative = Files.writeString(dir.resolve("negative.csv"), "period,adoptions\n1,10\n2,-3\n3,50\n4,40\n");
    r = Uptake.run("fit", "--bass-curve", negative.toString(), "--out", out.toString());
    assertEquals(Main.BAD_INPUT, r.status());
    assertTrue(r.err().contains(negative + ":3: adoptions: expected a number of adoptions, zero or more, got '-3'"),
        r.err());
    Path header = Files.writeString(dir.resolve("header.csv"), "week,count\n1,10\n");
    r = Uptake.run("fit", "--bass-curve", header.toString(), "--out", out.toString());
    assertEquals(Main.BAD_INPUT, r.status());
    assertTrue(r.err().contains(header + ":1: expected the header period,adoptions"), r.err());
    Path shortOne = Files.writeString(dir.resolve("short.csv"), "period,adoptions\n1,10\n2,20\n3,15\n");
    r = Uptake.run("fit", "--bass-curve", shortOne.toString(), "--out", out.toString());
    assertEquals(Main.BAD_INPUT, r.status());
    assertTrue(r.err().contains("expected at least 4 periods, got 3"), r.err());
    assertFalse(Files.exists(out), "nothing is written for a series refused");
  }

  @Test
  void aFolderThatIsNotUptakesIsRefusedBeforeFitting() throws Exception {
    Path theirs = Files.createDirectories(dir.resolve("theirs"));
    Files.writeString(theirs.resolve("fit.json"), "mine");
    Uptake.Result r = Uptake.run("fit", "--bass-curve", "simulations/data/vcr-sales.csv", "--out", theirs.toString());
    assertEquals(Main.BAD_INPUT, r.status());
    assertEquals("mine", Files.readString(theirs.resolve("fit.json")), "a file Uptake did not write is left alone");
  }

  // --- fitting a scenario -----------------------------------------------------------------------------

  private Path fitFile(String extra) throws Exception {
    Path fit = org.uptake.fit.SmallFit.write(dir);
    Files.writeString(fit, Files.readString(fit) + extra);
    return fit;
  }

  private void refused(Path fit, String expected) {
    String db = "jdbc:h2:file:" + dir.resolve("refused/journal");
    Uptake.Result r = Uptake.run("fit", fit.toString(), "--db", db, "--out", dir.resolve("refused-out").toString());
    assertEquals(Main.BAD_INPUT, r.status(), r.out() + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(Files.exists(dir.resolve("refused")), "nothing is recorded for a fit refused");
    assertFalse(Files.exists(dir.resolve("refused-out")), "nothing is written for a fit refused");
  }

  @Test
  void aFitFileAndItsObservedSeriesAreCheckedBeforeAnythingIsRecorded() throws Exception {
    refused(fitFile("evaluation = 10\n"), "fit.conf:11: evaluation: unknown key");
    refused(fitFile("estimate.\"adoption.q\" = { from = 0.5, to = 0.2 }\n"),
        "estimate.adoption.q: to: expected a number > from (0.5), got 0.2");
    refused(fitFile("estimate.\"adoption.p\" = { from = 0.005, to = 1.5 }\n"),
        "adoption.p: expected a probability in [0, 1], got 1.5");
    refused(fitFile("fit-weeks = 1\n"), "observed.csv: 2 observed values up to week 1 for 2 keys to estimate");
    refused(fitFile("estimate.\"adoption.q\" = { from = 0.1, to = 0.8, prior = { mean = 0.9, sd = 0.1 } }\n"),
        "estimate.adoption.q: prior.mean: expected a number within the bounds (0.1 to 0.8), got 0.9");
    refused(fitFile("estimate.\"adoption.q\" = { from = 0.1, to = 0.8, prior = { mean = 0.4, sd = 0 } }\n"),
        "estimate.adoption.q: prior.sd: expected a number > 0, got 0.0");
    refused(fitFile("estimate.\"adoption.q\" = { from = 0.1, to = 0.8, prior = { mean = 0.4 } }\n"),
        "estimate.adoption.q: prior: expected mean and sd (a normal prior, e.g. prior = { mean = 0.3, sd = 0.1 })");
    refused(fitFile("estimate.\"adoption.q\" = { from = 0.1, to = 0.8, prior = { mean = 0.4, sigma = 1 } }\n"),
        "estimate.adoption.q: prior.sigma: unknown key");
    Path fit = fitFile("");
    Files.writeString(dir.resolve("observed.csv"), "week,actve_fraction\n0,0\n1,0.1\n2,0.2\n");
    refused(fit, "observed.csv:1: column 'actve_fraction': expected week and any of");
    Files.writeString(dir.resolve("observed.csv"), "week,champions\n0,0\n1,1\n2,2\n");
    refused(fit, "observed.csv:1: column 'champions' means nothing for the base scenario");
    Files.writeString(dir.resolve("observed.csv"), "week,ever_adopted_fraction\n0,0\n1,1.5\n2,0.2\n");
    refused(fit, "observed.csv:3: ever_adopted_fraction: expected a share from 0 to 1, got '1.5'");
    Files.writeString(dir.resolve("observed.csv"), "week,ever_adopted_fraction\n0,0\n2,0.1\n1,0.2\n");
    refused(fit, "observed.csv:4: week: expected weeks in increasing order, each once; 1 comes after 2");
    Files.writeString(dir.resolve("observed.csv"), "week,active\n0,0\n5,20\n13,100\n");
    refused(fit, "observed.csv:4: week: 13 is after the base scenario's last week (ticks = 12)");
  }

  @Test
  void aFitRunsToItsFilesItsBestScenarioRunsAndAResumeOfItRedoesNothing() throws Exception {
    Path fit = fitFile("");
    String db = "jdbc:h2:file:" + dir.resolve("journal/journal");
    Path out = dir.resolve("out");
    Uptake.Result r = Uptake.run("fit", fit.toString(), "--fit-id", "small", "--db", db, "--out", out.toString(),
        "--progress", "none");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("adoption.p = ") && r.out().contains("95% interval"), r.out());
    assertTrue(r.out().contains("Forecast of the 2 held-out values after week 6"), r.out());
    List<String> csv = Files.readAllLines(out.resolve("fit.csv"));
    assertEquals("week,series,observed,simulated,band_low,band_high,residual,part", csv.get(0));
    assertEquals(10, csv.size(), "nine observed weeks");
    assertTrue(csv.get(9).startsWith("8,ever_adopted_fraction,0.588,") && csv.get(9).endsWith(",holdout"), csv.get(9));
    List<String> trace = Files.readAllLines(out.resolve("trace.csv"));
    assertEquals("candidate,role,adoption.p,adoption.q,loss,best_loss", trace.get(0));
    assertTrue(trace.get(24).startsWith("24,search,") && trace.get(25).startsWith("25,jacobian,")
        && trace.get(trace.size() - 1).contains(",bootstrap,"), String.join("\n", trace));
    JsonNode json = new ObjectMapper().readTree(out.resolve("fit.json").toFile());
    double p = json.get("estimates").get("adoption.p").get("estimate").asDouble();
    assertTrue(json.get("estimates").get("adoption.p").get("low").asDouble() <= p
        && p <= json.get("estimates").get("adoption.p").get("high").asDouble(), json.toString());

    Uptake.Result best = Uptake.run("run", out.resolve("best.conf").toString(), "--db", "jdbc:h2:mem:best-conf",
        "--out", dir.resolve("best-run").toString(), "--quiet");
    assertEquals(0, best.status(), best.out() + best.err());
    assertTrue(Files.readString(out.resolve("best.conf")).contains("\nadoption.p = " + p + "\n"));

    byte[] before = Files.readAllBytes(out.resolve("fit.json"));
    Uptake.Result again = Uptake.run("fit", "--resume", "small", "--db", db, "--out", out.toString(),
        "--progress", "lines");
    assertEquals(0, again.status(), again.out() + again.err());
    assertTrue(again.out().contains("Resuming fit small: " + (trace.size() - 1) + " candidates recorded"), again.out());
    assertFalse(again.err().lines().anyMatch(l -> l.startsWith("candidate") && !l.contains("from the journal")),
        "a finished fit resumed runs nothing: " + again.err());
    assertArrayEquals(before, Files.readAllBytes(out.resolve("fit.json")));
  }
}
