package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.Lease;

/**
 * A run being written is "running", and nothing else may write it: `rm` once deleted 20,501 events under a live
 * writer, and `resume` of a live run started a second writer.
 */
class RunningRunTest {
  @TempDir Path dir;

  @Test
  void aRunInProgressIsListedRunningAndRefusedByResumeRmBranchAndCompact() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Path scenario = Files.writeString(dir.resolve("long.conf"),
        "ticks = 2000\norganisation.departments = [ { name = A, headcount = 200 } ]\nseeding.enthusiasts = 3\n");
    Process child = Uptake.child("run", scenario.toString(), "--run-id", "live", "--db", db, "--out",
        dir.resolve("out").toString(), "--progress", "lines").start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("tick 5/")) {
        // wait until it is under way
      }
      assertTrue(line != null, "the run is under way");
      Uptake.Result runs = Uptake.run("runs", "--db", db);
      assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("live ") && l.contains(" running ")), runs.out());
      String other = dir.resolve("other").toString();
      for (String[] command : new String[][] {{"resume", "live", "--out", other}, {"rm", "live", "--yes"},
          {"branch", "live", "--at", "2", "--out", other}}) {
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(command), java.util.stream.Stream.of(
            "--db", db)).toArray(String[]::new);
        Uptake.Result r = Uptake.run(args);
        assertEquals(Main.BAD_INPUT, r.status(), String.join(" ", command) + ": " + r.err());
        assertTrue(r.err().contains("running"), r.err());
      }
      Uptake.Result compact = Uptake.run("compact", "--db", db);
      assertEquals(Main.JOURNAL_UNUSABLE, compact.status(), compact.out() + compact.err());
      assertTrue(compact.err().contains("is in use by another process"), compact.err());
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    Uptake.Result after = Uptake.run("runs", "--db", db);
    assertTrue(after.out().lines().anyMatch(l -> l.startsWith("live ") && l.contains(" interrupted ")), after.out());
  }

  /**
   * Two processes starting the same new run id: the one that finds the other holding the run's lease (its first
   * event not yet written) is told the id is taken, as when the event is in, not asked to wait for a writer.
   */
  @Test
  void aNewRunWhoseIdAnotherProcessHasJustTakenIsRefusedAsTaken() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    JournalSettings db = JournalSchema.ensure(JournalSettings.of(url));
    try (Lease other = Lease.acquire(db, Lease.run("r"))) {
      Uptake.Result r = Uptake.run("run", TestScenarios.small(dir).toString(), "--run-id", "r", "--db", url,
          "--out", dir.resolve("out").toString(), "--set", "ticks=2");
      assertEquals(Main.BAD_INPUT, r.status(), r.err());
      assertTrue(r.err().contains("--run-id r: a run with this id is already in the journal"), r.err());
    }
    assertTrue(Uptake.nothingRecorded(url), "nothing was recorded");
  }
}
