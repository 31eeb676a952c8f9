package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run being written is "running", and nothing else may write it: `rm` once deleted 20,501 events under a live
 * writer, and `resume` of a live run started a second writer.
 */
class RunningRunTest {
  @TempDir Path dir;

  @Test
  void aRunInProgressIsListedRunningAndRefusedByResumeRmAndBranch() throws Exception {
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
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
    Uptake.Result after = Uptake.run("runs", "--db", db);
    assertTrue(after.out().lines().anyMatch(l -> l.startsWith("live ") && l.contains(" interrupted ")), after.out());
  }
}
