package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;

/**
 * Two uptake processes on one embedded H2 journal at the same time (H2's mixed mode: the first serves the
 * file to the second): different runs both complete with every event; the same run id is recorded once and
 * the other process is refused cleanly.
 */
class ConcurrentUseTest {
  static final String[] SCENARIO = {"simulations/executive-mandate.conf", "--set", "ticks=30", "--quiet"};
  @TempDir static Path dir;
  /** Each run id's journal when its run is made alone in one process. */
  static final Map<String, Map<String, List<byte[]>>> ALONE = new java.util.HashMap<>();

  @BeforeAll
  static void alone() {
    String db = "jdbc:h2:file:" + dir.resolve("alone").toAbsolutePath();
    for (String id : List.of("a", "b", "r")) {
      Uptake.Result r = Uptake.run(ResumeTest.concat(SCENARIO, "run", "--db", db, "--out",
          dir.resolve("alone-out").toString(), "--run-id", id));
      assertEquals(0, r.status(), r.err());
      ALONE.put(id, TestRuns.journal(db, id));
    }
  }

  @Test
  void twoProcessesWriteDifferentRunsIntoOneJournal() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("shared").toAbsolutePath();
    List<Process> children = new ArrayList<>();
    for (String id : List.of("a", "b")) {
      children.add(Uptake.child(ResumeTest.concat(SCENARIO, "run", "--db", db, "--out",
          dir.resolve("out-" + id).toString(), "--run-id", id)).start());
    }
    for (Process child : children) {
      String output = finish(child);
      assertEquals(0, child.exitValue(), output);
    }
    // Each run is whole, and the same as the run made alone (same scenario and seed).
    TestRuns.assertSameJournal(ALONE.get("a"), TestRuns.journal(db, "a"));
    TestRuns.assertSameJournal(ALONE.get("b"), TestRuns.journal(db, "b"));
    Uptake.Result check = Uptake.run("check", "--db", db);
    assertEquals(0, check.status(), check.out() + check.err());
  }

  @Test
  void theSameRunIdFromTwoProcessesIsRecordedOnce() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("same-id").toAbsolutePath();
    List<Process> children = new ArrayList<>();
    for (String out : List.of("x", "y")) {
      children.add(Uptake.child(ResumeTest.concat(SCENARIO, "run", "--db", db, "--out",
          dir.resolve("out-" + out).toString(), "--run-id", "r")).start());
    }
    List<Integer> statuses = new ArrayList<>();
    for (Process child : children) {
      String output = finish(child);
      statuses.add(child.exitValue());
      assertFalse(output.contains("\tat "), "no stack trace: " + output);
      if (child.exitValue() != 0) {
        // Refused before it started (exit 2), or its first write lost the race for the run's first event.
        assertTrue(output.contains("already in the journal") || output.contains("a journal write failed"), output);
      }
    }
    assertEquals(1, statuses.stream().filter(s -> s == 0).count(), "exactly one process recorded the run: "
        + statuses);
    TestRuns.assertSameJournal(ALONE.get("r"), TestRuns.journal(db, "r"));
  }

  private static String finish(Process child) throws IOException, InterruptedException {
    assertTrue(child.waitFor(240, TimeUnit.SECONDS), "the child finished");
    return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

}
