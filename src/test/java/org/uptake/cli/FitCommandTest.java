package org.uptake.cli;

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
}
