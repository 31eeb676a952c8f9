package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
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
    java.nio.file.Files.copy(Path.of("src/test/resources/journals/uptake-0.1.0.mv.db"), dir.resolve("old.mv.db"));
    String db = "jdbc:h2:file:" + dir.resolve("old").toAbsolutePath();
    Uptake.Result runs = Uptake.run("runs", "--db", db);
    assertEquals(0, runs.status(), runs.err());
    assertTrue(runs.out().contains("old-run"), runs.out());
    Uptake.Result replay = Uptake.run("replay", "old-run", "--db", db, "--out", dir.resolve("out").toString());
    assertEquals(Main.JOURNAL_UNUSABLE, replay.status(), replay.out() + replay.err());
    assertTrue(replay.err().contains("run old-run was written by uptake 0.1.0 in journal format 1"), replay.err());
    assertTrue(replay.err().contains("this uptake " + org.uptake.journal.JournalFormat.version() + " reads format 2"),
        replay.err());
  }
}
