package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uptake.cli.JournalCommandsTest.ok;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `uptake compact` gives back the room a run's commits left in an H2 file and changes nothing else: every event
 * reads back as it was (the export and the replayed outputs are byte-identical), the file stays its owner's, and a
 * database that is not a journal, or a journal that is not an H2 file, is refused with nothing changed. (Refused
 * under a live run: RunningRunTest.)
 */
class CompactTest {
  @TempDir Path dir;

  @Test
  void aCompactedJournalIsSmallerAndReadsBackByteForByte() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("data/journal").toAbsolutePath();
    Path runs = dir.resolve("runs");
    ok("run", JournalCommandsTest.SCENARIO, "--set", "ticks=40", "--run-id", "edges", "--db", db, "--out",
        runs.toString(), "--quiet");
    ok("branch", "edges", "--at", "12", "--run-id", "twin", "--db", db, "--out", runs.toString(), "--quiet");
    ok("export", "edges", "--format", "jsonl", "--db", db, "--out", dir.resolve("before").toString());
    Path file = dir.resolve("data/journal.mv.db");
    long before = Files.size(file);

    Uptake.Result r = ok("compact", "--db", db);

    long after = Files.size(file);
    assertTrue(r.out().startsWith("Compacted " + file + ": "), r.out());
    // Forty commits of one run and twenty-eight of its branch leave superseded pages that the compacted file no
    // longer holds (by hand on this scenario: 0.5 MB to 0.1 MB for the run alone).
    assertTrue(after < before / 2, before + " bytes before, " + after + " after");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    ok("export", "edges", "--format", "jsonl", "--db", db, "--out", dir.resolve("after").toString());
    assertArrayEquals(Files.readAllBytes(dir.resolve("before/edges/events.jsonl")),
        Files.readAllBytes(dir.resolve("after/edges/events.jsonl")));
    Path replays = dir.resolve("replays");
    for (String run : List.of("edges", "twin")) {
      ok("replay", run, "--db", db, "--out", replays.toString());
      for (String output : List.of("timeseries.csv", "summary.json")) {
        assertArrayEquals(Files.readAllBytes(runs.resolve(run).resolve(output)),
            Files.readAllBytes(replays.resolve(run).resolve(output)), run + "/" + output);
      }
    }
    ok("check", "--db", db);
    // The journal is still written to as before.
    ok("run", JournalCommandsTest.SCENARIO, "--set", "ticks=3", "--run-id", "later", "--db", db, "--out",
        runs.toString(), "--quiet");
  }

  /**
   * Another H2 database given to --db by mistake is not rewritten, and keeps its owner's password: opening it as a
   * journal of 0.1, which had the empty password, once gave it the owner's Uptake key instead.
   */
  @Test
  void anH2DatabaseThatIsNotAJournalIsLeftAsItWas() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("other").toAbsolutePath();
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(20))");
      st.execute("INSERT INTO accounts VALUES (1, 'kept')");
    }

    Uptake.Result r = Uptake.run("compact", "--db", url);

    assertEquals(Main.JOURNAL_UNUSABLE, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("is not an Uptake journal") && r.err().contains("nothing was changed"), r.err());
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement st = c.createStatement();
        ResultSet rows = st.executeQuery("SELECT name FROM accounts")) {
      assertTrue(rows.next());
      assertEquals("kept", rows.getString(1));
    }
  }

  @Test
  void aPostgresqlJournalIsReferredToVacuumWithoutConnecting() {
    // Port 1 has no server: the refusal comes before any connection.
    Uptake.Result r = Uptake.run("compact", "--db", "jdbc:postgresql://127.0.0.1:1/journal");

    assertEquals(Main.BAD_INPUT, r.status(), r.out() + r.err());
    assertTrue(r.err().contains("compact rewrites H2 journal files only") && r.err().contains("VACUUM"), r.err());
  }
}
