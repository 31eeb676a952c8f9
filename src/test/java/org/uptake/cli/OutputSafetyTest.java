package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;
import org.uptake.report.OutputFolder;

/** Outputs never destroy a file Uptake did not write, and a file is either whole or not there. */
class OutputSafetyTest {
  @TempDir Path dir;

  /** `run --run-id mydocs --out D` once deleted D/mydocs and everything in it. */
  @Test
  void aFolderUptakeDidNotWriteIsRefusedBeforeAnythingRuns() throws IOException {
    Path scenario = TestScenarios.small(dir);
    Path thesis = Files.createDirectories(dir.resolve("D/mydocs")).resolve("thesis.txt");
    Files.writeString(thesis, "years of work");
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Uptake.Result r = Uptake.run("run", scenario.toString(), "--run-id", "mydocs", "--out", dir.resolve("D").toString(),
        "--db", db, "--set", "ticks=3");
    assertEquals(Main.BAD_INPUT, r.status(), r.err());
    assertTrue(r.err().contains("already holds files that Uptake did not write"), r.err());
    assertEquals("years of work", Files.readString(thesis));
    assertTrue(Uptake.nothingRecorded(db), "nothing was recorded");
  }

  /** `uptake report p1` then `uptake replay p1 --out runs` once deleted the report and its charts. */
  @Test
  void replayingIntoARunsFolderKeepsItsReportAndTheUsersFiles() throws IOException {
    Path scenario = TestScenarios.small(dir);
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Path runs = dir.resolve("runs");
    assertEquals(0, Uptake.run("run", scenario.toString(), "--run-id", "p1", "--out", runs.toString(), "--db", db,
        "--set", "ticks=3", "--quiet").status());
    assertEquals(0, Uptake.run("report", "p1", "--out", runs.toString(), "--db", db).status());
    Path notes = Files.writeString(runs.resolve("p1/notes.txt"), "mine");
    Uptake.Result replay = Uptake.run("replay", "p1", "--out", runs.toString(), "--db", db);
    assertEquals(0, replay.status(), replay.err());
    assertTrue(Files.exists(runs.resolve("p1/report.html")));
    assertTrue(Files.exists(runs.resolve("p1/charts/network.png")));
    assertEquals("mine", Files.readString(notes));
    // A file of Uptake's name that Uptake did not write (it is not in the manifest) is not replaced either.
    Files.writeString(runs.resolve("p1/timeseries.csv"), "someone's own");
    Files.writeString(runs.resolve("p1/" + OutputFolder.MANIFEST), "summary.json\n");
    assertEquals(Main.BAD_INPUT, Uptake.run("replay", "p1", "--out", runs.toString(), "--db", db).status());
    assertEquals("someone's own", Files.readString(runs.resolve("p1/timeseries.csv")));
  }

  /** `compare` drew its chart outside the manifest, so `uptake report compare/ID` refused Uptake's own chart. */
  @Test
  void aComparisonsChartIsUptakesToReplace() throws IOException {
    Path scenario = TestScenarios.small(dir);
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Path out = dir.resolve("compare");
    Uptake.Result compare = Uptake.run("compare", scenario.toString(), "--variant", "more:seeding.enthusiasts=4",
        "--run-id", "c", "--seeds", "2", "--set", "ticks=3", "--out", out.toString(), "--db", db, "--quiet");
    assertEquals(0, compare.status(), compare.err());
    assertTrue(Files.readAllLines(out.resolve("c/" + OutputFolder.MANIFEST)).contains("charts/compare-active.png"));
    Uptake.Result report = Uptake.run("report", out.resolve("c").toString(), "--db", db);
    assertEquals(0, report.status(), report.err());
    assertTrue(Files.exists(out.resolve("c/report.html")));
  }

  /** `uptake bench --dir D` deleted D/journals and everything in it, and wrote over D/bench-N.conf. */
  @Test
  void theBenchmarkEmptiesOnlyItsOwnScratchFolder() throws IOException {
    Path mine = Files.createDirectories(dir.resolve("D/journals")).resolve("thesis.txt");
    Files.writeString(mine, "years of work");
    Uptake.Result r = Uptake.run("bench", "--people", "200", "--ticks", "2", "--repeat", "1", "--warmup", "0",
        "--parts", "bass", "--dir", dir.resolve("D").toString());
    assertEquals(Main.BAD_INPUT, r.status(), r.err());
    assertTrue(r.err().contains("holds files that Uptake did not write"), r.err());
    assertEquals("years of work", Files.readString(mine));
    // Its own scratch folder it may empty and use again.
    Path scratch = dir.resolve("S");
    for (int k = 0; k < 2; k++) {
      Uptake.Result ok = Uptake.run("bench", "--people", "200", "--ticks", "2", "--repeat", "1", "--warmup", "0",
          "--parts", "bass", "--dir", scratch.toString());
      assertEquals(0, ok.status(), ok.err());
    }
    // Its journals are in private folders, as every journal folder Uptake makes is (they were 0755, with a warning).
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch)));
  }

  /** An export killed mid-way once left a truncated transitions.csv ending on a whole line. */
  @Test
  void aFileIsWrittenWholeOrNotAtAll() {
    OutputFolder folder = OutputFolder.open(dir.resolve("out"));
    assertThrows(IllegalStateException.class, () -> folder.write("transitions.csv", w -> {
      w.write("run_id,tick\n");
      w.write("r,1\n");
      throw new IllegalStateException("killed half-way");
    }));
    assertFalse(Files.exists(dir.resolve("out/transitions.csv")));
    assertFalse(Files.exists(dir.resolve("out/.transitions.csv.partial")));
  }
}
