package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalFormat;
import org.uptake.journal.JournalSettings;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/** A run recorded by another version of the tool is listed, but refused by name rather than misread. */
class JournalVersionTest {
  @TempDir Path dir;

  @Test
  void aRunWrittenByANewerVersionIsRefusedWithBothVersionsNamed() {
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Scenario s = ScenarioLoader.load(TestScenarios.small(dir), List.of("ticks=3"));
    ActorSystem<SpawnProtocol.Command> system = TestRuns.system(JournalSettings.of(db));
    try {
      TestRuns.run(system, new RunPlan("future", s, OrganisationBuilder.build(s), "small.conf", List.of(), "9.0.0", 26));
    } finally {
      TestRuns.stop(system);
    }
    Uptake.Result runs = Uptake.run("runs", "--db", db);
    assertEquals(0, runs.status(), runs.err());
    assertTrue(runs.out().contains("future"), runs.out());
    for (List<String> command : List.of(List.of("replay", "--out", dir.resolve("out").toString()), List.of("check"),
        List.of("report", "--out", dir.resolve("out").toString()))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.addAll(List.of("future", "--db", db));
      Uptake.Result r = Uptake.run(args.toArray(String[]::new));
      assertTrue(r.status() == Main.JOURNAL_UNUSABLE || r.status() == Main.FAILED, command + ": " + r.status());
      assertTrue(r.err().contains("written by uptake 9.0.0, newer than this uptake")
          || r.out().contains("written by uptake 9.0.0, newer than this uptake"), command + ": " + r.out() + r.err());
    }
  }

  /**
   * A journal recorded by uptake 0.1.0 (src/test/resources/journals: a three-tick run made with that version's
   * jar), whose ticks = 3 played four steps numbered 0 to 3: listed, and refused with both versions named.
   */
  @Test
  void aRunWrittenInTheOldTimeConventionIsRefusedWithBothVersionsNamed() throws Exception {
    Files.copy(Path.of("src/test/resources/journals/uptake-0.1.0.mv.db"), dir.resolve("old.mv.db"));
    String db = "jdbc:h2:file:" + dir.resolve("old").toAbsolutePath();
    Uptake.Result runs = Uptake.run("runs", "--db", db);
    assertEquals(0, runs.status(), runs.err());
    assertTrue(runs.out().contains("old-run"), runs.out());
    Uptake.Result replay = Uptake.run("replay", "old-run", "--db", db, "--out", dir.resolve("out").toString());
    assertEquals(Main.JOURNAL_UNUSABLE, replay.status(), replay.out() + replay.err());
    assertTrue(replay.err().contains("run old-run was written by uptake 0.1.0 in journal format 1"), replay.err());
    assertTrue(replay.err().contains("this uptake " + JournalFormat.version() + " reads formats 2 to 3"), replay.err());
  }

  /**
   * A journal recorded by uptake 0.2.0 (src/test/resources/journals: six weeks of uptake-0.2.0-scenario.conf with a
   * mandate at week 2, snapshots every two events, every event in Jackson CBOR) is read as it was recorded: the series
   * its replay writes from those events is the series this version's own run of the same scenario and seed writes
   * through the binary encoding, and a branch from it with nothing changed writes them again.
   */
  @Test
  void aRunRecordedInFormat2IsReplayedAndBranchedAsRecorded() throws Exception {
    Files.copy(Path.of("src/test/resources/journals/uptake-0.2.0.mv.db"), dir.resolve("old.mv.db"));
    String db = "jdbc:h2:file:" + dir.resolve("old").toAbsolutePath();
    Uptake.Result check = Uptake.run("check", "--db", db);
    assertEquals(0, check.status(), check.out() + check.err());
    Path out = dir.resolve("out");
    Uptake.Result replay = Uptake.run("replay", "old-run", "--db", db, "--out", out.toString());
    assertEquals(0, replay.status(), replay.err());
    String recorded = Files.readString(out.resolve("old-run/timeseries.csv"));
    assertEquals(7, recorded.lines().count() - 1, "weeks 0 to 6: " + recorded);
    Uptake.Result branch = Uptake.run("branch", "old-run", "--at", "3", "--run-id", "child", "--db", db, "--out",
        out.toString(), "--quiet");
    assertEquals(0, branch.status(), branch.err());
    assertEquals(recorded, Files.readString(out.resolve("child/timeseries.csv")));
    Uptake.Result fresh = Uptake.run("run", "src/test/resources/journals/uptake-0.2.0-scenario.conf", "--run-id",
        "again", "--db", "jdbc:h2:file:" + dir.resolve("new").toAbsolutePath(), "--out", out.toString(), "--quiet");
    assertEquals(0, fresh.status(), fresh.err());
    assertEquals(recorded, Files.readString(out.resolve("again/timeseries.csv")));
  }

  /**
   * A run that uptake 0.2.0 was killed in (src/test/resources/journals: week 12 of 40 of
   * uptake-0.2.0-interrupted.conf, every event in Jackson CBOR) resumes under this version, whose weeks 13 to 40 go
   * into the journal in the binary encoding: the mixed journal checks clean and gives the files of an uninterrupted
   * run of the same scenario, seed and run id.
   */
  @Test
  void aRunInterruptedInFormat2ResumesToTheFilesOfAnUninterruptedRun() throws Exception {
    Files.copy(Path.of("src/test/resources/journals/uptake-0.2.0-interrupted.mv.db"), dir.resolve("old.mv.db"));
    String db = "jdbc:h2:file:" + dir.resolve("old").toAbsolutePath();
    Path out = dir.resolve("out");
    assertTrue(Uptake.run("runs", "--db", db).out().lines().anyMatch(l -> l.startsWith("cut ") && l.contains(
        "interrupted")));
    Uptake.Result resumed = Uptake.run("resume", "cut", "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(0, resumed.status(), resumed.err());
    Uptake.Result check = Uptake.run("check", "--db", db);
    assertEquals(0, check.status(), check.out() + check.err());
    Uptake.Result fresh = Uptake.run("run", "src/test/resources/journals/uptake-0.2.0-interrupted.conf", "--run-id",
        "cut", "--snapshot-every", "4", "--db", "jdbc:h2:file:" + dir.resolve("new").toAbsolutePath(), "--out",
        dir.resolve("fresh").toString(), "--quiet");
    assertEquals(0, fresh.status(), fresh.err());
    for (String file : List.of("timeseries.csv", "summary.json")) {
      assertEquals(Files.readString(dir.resolve("fresh/cut").resolve(file)), Files.readString(out.resolve("cut")
          .resolve(file)), file);
    }
  }
}
