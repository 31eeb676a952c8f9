package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM during a run: the run stops between ticks, says in one line how to resume, is left
 * interrupted, and resumes to the outputs of a run that never stopped. (The JVM's own handling closed the H2
 * journal under the run, which then printed a JournalFailureException per department and blamed the disk.)
 */
class InterruptTest {
  static final String[] SCENARIO = {"simulations/executive-mandate.conf", "--set", "ticks=60", "--run-id", "r"};
  @TempDir Path dir;

  @Test
  void ctrlCStopsBetweenTicksAndTheRunResumes() throws Exception {
    interruptAndResume("INT", Interruption.EXIT_STATUS, "r interrupted (Ctrl-C) after week ");
  }

  @Test
  void sigtermStopsBetweenTicksToo() throws Exception {
    interruptAndResume("TERM", Interruption.EXIT_STATUS, "r stopped (SIGTERM) after week ");
  }

  private void interruptAndResume(String signal, int status, String says) throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Path out = dir.resolve("out");
    Process child = Uptake.child(ResumeTest.concat(SCENARIO, "run", "--db", db, "--out", out.toString(),
        "--progress", "lines")).start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null && !line.startsWith("tick 10/")) lines.add(line);
      assertTrue(line != null, "the child reached tick 10: " + lines);
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
      while ((line = r.readLine()) != null) lines.add(line);
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(status, child.exitValue(), String.join("\n", lines));
    String all = String.join("\n", lines);
    assertFalse(all.contains("Exception"), all);
    assertFalse(all.contains("disk"), all);
    assertEquals(1, lines.stream().filter(l -> l.contains("`uptake resume r` continues it")).count(), all);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("uptake: run " + says)), all);
    assertFalse(Files.exists(out.resolve("r")), "no outputs for an unfinished run");
    Uptake.Result runs = Uptake.run("runs", "--db", db);
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("r ") && l.contains("interrupted")), runs.out());

    assertEquals(0, Uptake.run("resume", "r", "--db", db, "--out", out.toString(), "--quiet").status());
    Path whole = dir.resolve("whole");
    assertEquals(0, Uptake.run(ResumeTest.concat(SCENARIO, "run", "--db", "jdbc:h2:mem:interrupt-" + signal, "--out",
        whole.toString(), "--quiet")).status());
    for (String file : List.of("timeseries.csv", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(whole.resolve("r").resolve(file)),
          Files.readAllBytes(out.resolve("r").resolve(file)), file);
    }
  }
}
