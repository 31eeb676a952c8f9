package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A comparison killed midway is finished by `compare --resume`, to the files an uninterrupted one writes: once, a
 * killed comparison could be neither finished nor rerun (its first runs' ids were taken).
 */
class CompareResumeTest {
  @TempDir Path dir;

  @Test
  void aKilledComparisonIsFinishedToTheSameFiles() throws Exception {
    Path scenario = Files.writeString(dir.resolve("small.conf"), """
        ticks = 30
        organisation.departments = [ { name = A, headcount = 60 }, { name = B, headcount = 40 } ]
        seeding.enthusiasts = 3
        """);
    String[] compare = {scenario.toString(), "--variant", "seeded:seeding.enthusiasts=8", "--seeds", "3",
        "--run-id", "cmp"};
    String referenceDb = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
    Uptake.Result reference = Uptake.run(ResumeTest.concat(compare, "compare", "--db", referenceDb, "--out",
        dir.resolve("reference-out").toString(), "--quiet"));
    assertEquals(0, reference.status(), reference.err());

    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Path out = dir.resolve("out");
    Process child = Uptake.child(ResumeTest.concat(compare, "compare", "--db", db, "--out", out.toString())).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = lines.readLine()) != null && !line.contains("(2 of 6 runs)")) {
        // two runs done
      }
      assertTrue(line != null, "the comparison got under way");
      child.destroyForcibly();
      child.waitFor();
    }
    Uptake.Result report = Uptake.run("report", out.resolve("cmp").toString(), "--db", db);
    assertEquals(2, report.status());
    assertTrue(report.err().contains("`uptake compare --resume cmp --out " + out + "` finishes it"), report.err());

    Uptake.Result again = Uptake.run("compare", "--resume", "cmp", scenario.toString(), "--db", db, "--out",
        out.toString());
    assertEquals(2, again.status(), "scenarios come from the manifest");
    Uptake.Result resumed = Uptake.run("compare", "--resume", "cmp", "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(0, resumed.status(), resumed.err());
    for (String file : List.of("compare.csv", "compare-differences.csv")) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("reference-out/cmp").resolve(file)),
          Files.readAllBytes(out.resolve("cmp").resolve(file)), file);
    }
    Uptake.Result check = Uptake.run("check", "--db", db);
    assertEquals(0, check.status(), check.out());
    assertTrue(check.out().contains("6 run(s) checked, 0 damaged."), check.out());
  }

  @Test
  void aComparisonWhoseScenarioChangedIsNotFinished() throws Exception {
    Path scenario = Files.writeString(dir.resolve("s.conf"),
        "ticks = 3\norganisation.departments = [ { name = A, headcount = 20 } ]\n");
    String db = "jdbc:h2:file:" + dir.resolve("j").toAbsolutePath();
    Path out = dir.resolve("o");
    assertEquals(0, Uptake.run("compare", scenario.toString(), "--variant", "v:seeding.enthusiasts=4", "--seeds", "2",
        "--run-id", "c", "--db", db, "--out", out.toString(), "--quiet").status());
    Files.writeString(scenario, "ticks = 4\norganisation.departments = [ { name = A, headcount = 20 } ]\n");
    Uptake.Result r = Uptake.run("compare", "--resume", "c", "--db", db, "--out", out.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains(scenario + " has changed since the comparison started (ticks)"), r.err());
  }
}
