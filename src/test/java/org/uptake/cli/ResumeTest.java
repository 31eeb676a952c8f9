package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uptake.TestRuns;

/**
 * A run killed with SIGKILL in a child JVM and resumed gives the journal and files of a run that never
 * stopped. The child prints a line per tick; it is killed once it has reported the chosen tick, so the kill
 * lands wherever the run happens to be by then (between ticks, mid-tick, mid-persist).
 */
class ResumeTest {
  static final String[] SCENARIO = {"simulations/executive-mandate.conf", "--set", "ticks=50", "--run-id", "r"};
  @TempDir static Path dir;
  static Map<String, List<byte[]>> reference;
  static Path referenceOut;

  @BeforeAll
  static void uninterrupted() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
    referenceOut = dir.resolve("reference-out");
    Uptake.Result r = Uptake.run(concat(SCENARIO, "run", "--db", db, "--out", referenceOut.toString(), "--quiet"));
    assertEquals(0, r.status(), r.err());
    reference = TestRuns.journal(db, "r");
  }

  @ParameterizedTest(name = "killed after tick {0}")
  @ValueSource(ints = {1, 20, 45})
  void aKilledRunResumesToTheSameJournalAndFiles(int killAfter) throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("killed-" + killAfter).toAbsolutePath();
    Path out = dir.resolve("killed-out-" + killAfter);
    Process child = Uptake.child(concat(SCENARIO, "run", "--db", db, "--out", out.toString(), "--progress", "lines"))
        .start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("tick " + killAfter + "/")) {
        // wait for the chosen tick
      }
      assertTrue(line != null, "the child reached tick " + killAfter);
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      child.waitFor();
    }
    Uptake.Result status = Uptake.run("runs", "--db", db);
    assertTrue(status.out().lines().anyMatch(l -> l.startsWith("r ") && l.contains("interrupted")), status.out());

    Uptake.Result resumed = Uptake.run("resume", "r", "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(0, resumed.status(), resumed.err());
    TestRuns.assertSameJournal(reference, TestRuns.journal(db, "r"));
    for (String file : List.of("timeseries.csv", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(referenceOut.resolve("r").resolve(file)),
          Files.readAllBytes(out.resolve("r").resolve(file)), file);
    }
    assertEquals(2, Uptake.run("resume", "r", "--db", db).status(), "a finished run is not resumed again");
  }


  /** The scenario arguments after the command and its options. */
  static String[] concat(String[] scenario, String command, String... options) {
    String[] all = new String[1 + scenario.length + options.length];
    all[0] = command;
    System.arraycopy(scenario, 0, all, 1, scenario.length);
    System.arraycopy(options, 0, all, 1 + scenario.length, options.length);
    return all;
  }
}
