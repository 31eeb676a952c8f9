package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;

/**
 * A sweep killed with SIGKILL in a child JVM (one run at a time) and resumed gives the files of a sweep
 * that never stopped, in both journal modes (60 people, 16 ticks, 2 points x 2 seeds). It is killed right after its second run is recorded, or in the
 * middle of its third run: with journal = full the test watches that run's clock in the journal (H2's
 * AUTO_SERVER lets it read the child's database) and kills the child once four ticks are in; the partial run
 * must then be listed as interrupted, and after the resume its journal must equal the uninterrupted
 * sweep's (continued in place, not a second copy beside a partial one). With journal = summary the runs are in the
 * child's memory, so the kill comes half a run's time after the second run is recorded.
 */
class SweepResumeTest {
  static final String SWEEP = """
      base = "small.conf"
      seeds = 2
      vary { "model.drop-out.active" = [0.02, 0.08] }
      metrics = [final_active_fraction, sustained_adoption, lapses]
      """;
  static final List<String> RUNS = List.of("crash-p001-s1", "crash-p001-s2", "crash-p002-s1", "crash-p002-s2");
  @TempDir static Path dir;
  static Path referenceOut;
  static String referenceDb;

  @BeforeAll
  static void uninterrupted() {
    TestScenarios.write(dir, "small.conf", TestScenarios.SMALL.replace("ticks = 30", "ticks = 16"));
    for (String mode : List.of("full", "summary")) {
      TestScenarios.write(dir, mode + ".conf", SWEEP + "journal = " + mode + "\n");
    }
    referenceDb = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
    referenceOut = dir.resolve("reference-out");
    Uptake.Result r = Uptake.run("sweep", dir.resolve("full.conf").toString(), "--sweep-id", "crash", "--db",
        referenceDb, "--out", referenceOut.toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
  }

  @ParameterizedTest(name = "journal = {0}, killed {1}")
  @CsvSource({"full, after run 2", "full, during run 3", "summary, after run 2", "summary, during run 3"})
  void aKilledSweepResumesToTheSameFiles(String mode, String when) throws Exception {
    String name = mode + "-" + when.replace(' ', '-');
    String db = "jdbc:h2:file:" + dir.resolve(name).toAbsolutePath() + ";AUTO_SERVER=TRUE";
    Path out = dir.resolve(name + "-out");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "sweep", dir.resolve(mode + ".conf").toString(),
        "--sweep-id", "crash", "--db", db, "--out", out.toString(), "--jobs", "1", "--progress", "lines"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      long firstDone = 0;
      StringBuilder printed = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("run 2/4 done")) {
        printed.append(line).append('\n');
        if (line.startsWith("run 1/4 done")) firstDone = System.nanoTime();
      }
      assertTrue(line != null, "the child finished its second run: " + printed);
      long oneRun = System.nanoTime() - firstDone;
      if (when.equals("during run 3") && mode.equals("full")) {
        waitForTicks(db, "Run|crash-p002-s1", 4, child);
      } else if (when.equals("during run 3")) {
        Thread.sleep(oneRun / 2_000_000);
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      child.waitFor();
    }
    if (mode.equals("full")) {
      Uptake.Result listed = Uptake.run("runs", "--db", db);
      for (String run : RUNS.subList(0, 2)) {
        assertTrue(listed.out().lines().anyMatch(l -> l.startsWith(run + " ") && l.contains("finished")), listed.out());
      }
      if (when.equals("during run 3")) {
        assertTrue(listed.out().lines().anyMatch(l -> l.startsWith("crash-p002-s1 ") && l.contains("interrupted")),
            listed.out());
      }
    }

    Uptake.Result resumed = Uptake.run("sweep", "--resume", "crash", "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(0, resumed.status(), resumed.err());
    for (String file : List.of("sweep.csv", "sweep-summary.csv")) {
      assertArrayEquals(Files.readAllBytes(referenceOut.resolve("crash").resolve(file)),
          Files.readAllBytes(out.resolve("crash").resolve(file)), file);
    }
    if (mode.equals("full")) {
      // The run the kill cut short (or had not started) has exactly the uninterrupted sweep's events.
      TestRuns.assertSameJournal(TestRuns.journal(referenceDb, RUNS.get(2)), TestRuns.journal(db, RUNS.get(2)));
      Uptake.Result listed = Uptake.run("runs", "--db", db);
      assertEquals(4, listed.out().lines().filter(l -> l.startsWith("crash-p") && l.contains("finished")).count(),
          listed.out());
    }
  }

  /**
   * A run stopped while its departments were still recording their people (no tick run) cannot be continued:
   * `uptake resume` says so (exit 2), and a resumed sweep runs it afresh, to the uninterrupted sweep's files
   * and journal. Such a journal is made by cutting a finished sweep's last run back to its clock's first event
   * (RunStarted), and the sweep's record back to its start.
   */
  @Test
  void aRunStoppedWhileItsDepartmentsFormedIsRunAfresh() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("forming").toAbsolutePath();
    Path out = dir.resolve("forming-out");
    Uptake.Result first = Uptake.run("sweep", dir.resolve("full.conf").toString(), "--sweep-id", "crash", "--db", db,
        "--out", out.toString(), "--quiet");
    assertEquals(0, first.status(), first.err());
    String run = RUNS.get(3);
    try (Connection c = JournalSchema.connect(JournalSettings.of(db)); Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM \"event_journal\" WHERE \"persistence_id\" LIKE 'Department|" + run + "|%'"
          + " OR \"persistence_id\" LIKE 'Executive|" + run + "|%'"
          + " OR (\"persistence_id\" = 'Run|" + run + "' AND \"sequence_number\" > 1)"
          + " OR (\"persistence_id\" = 'Sweep|crash' AND \"sequence_number\" > 1)");
      st.executeUpdate("DELETE FROM \"snapshot\" WHERE \"persistence_id\" LIKE 'Department|" + run + "|%'"
          + " OR \"persistence_id\" IN ('Run|" + run + "', 'Sweep|crash')");
    }
    Uptake.Result refused = Uptake.run("resume", run, "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(2, refused.status(), refused.err());
    assertTrue(refused.err().contains("stopped before all its departments had recorded their people"), refused.err());

    Uptake.Result resumed = Uptake.run("sweep", "--resume", "crash", "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(0, resumed.status(), resumed.err());
    for (String file : List.of("sweep.csv", "sweep-summary.csv")) {
      assertArrayEquals(Files.readAllBytes(referenceOut.resolve("crash").resolve(file)),
          Files.readAllBytes(out.resolve("crash").resolve(file)), file);
    }
    TestRuns.assertSameJournal(TestRuns.journal(referenceDb, run), TestRuns.journal(db, run));
  }

  /** Polls the child's journal until the run's clock has its start and {@code ticks} completed ticks. */
  static void waitForTicks(String url, String clock, int ticks, Process child) throws Exception {
    JournalSettings db = JournalSettings.of(url);
    while (child.isAlive()) {
      try (Connection c = JournalSchema.connect(db); PreparedStatement q = c.prepareStatement(
          "SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" = ?")) {
        q.setString(1, clock);
        try (ResultSet rs = q.executeQuery()) {
          rs.next();
          if (rs.getInt(1) >= 1 + ticks) return;
        }
      } catch (SQLException e) {
        // the child is between transactions or still starting; try again
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the child ended before " + clock + " reached tick " + ticks);
  }

}
