package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;

/**
 * The disk filling up during a run. The small disk is a tmpfs mounted in a private mount namespace (util-linux
 * unshare; no root needed where user namespaces are on); the journal file is copied out before the namespace
 * goes away: that is the disk the user finds after freeing space.
 */
class DiskFullTest {
  static final String[] SCENARIO = {"simulations/executive-mandate.conf", "--set", "ticks=50", "--run-id", "r"};
  @TempDir Path dir;

  /**
   * The guard: with less than the reserve free, the run stops between ticks with a one-line message (exit 1),
   * writes no outputs, the journal shows it interrupted, and once there is room `uptake resume` finishes it
   * exactly as an uninterrupted run.
   */
  @Test
  void aRunThatReachesTheDiskReserveStopsAndResumesToTheSameResult() throws Exception {
    String referenceDb = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
    Path referenceOut = dir.resolve("reference-out");
    Uptake.Result ref = Uptake.run(ResumeTest.concat(SCENARIO, "run", "--db", referenceDb, "--out",
        referenceOut.toString(), "--quiet"));
    assertEquals(0, ref.status(), ref.err());

    Path out = dir.resolve("out");
    String output = runOnSmallDisk("6m", out, "--min-free-disk", "3");
    assertTrue(output.contains("uptake: run r failed: the disk holding the journal"), output);
    assertTrue(output.contains("below the 3 MB reserve"), output);
    assertFalse(output.contains("No space left on device"), "stopped before the disk was full: " + output);
    assertFalse(Files.exists(out.resolve("r")), "no outputs from a run that did not finish");

    String db = "jdbc:h2:file:" + dir.resolve("kept").resolve("j");
    Uptake.Result runs = Uptake.run("runs", "--db", db);
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("r ") && l.contains("interrupted")
        && !l.contains(" 50/50 ")), runs.out());
    Uptake.Result resumed = Uptake.run("resume", "r", "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(0, resumed.status(), resumed.err());
    TestRuns.assertSameJournal(TestRuns.journal(referenceDb, "r"), TestRuns.journal(db, "r"));
    for (String file : List.of("timeseries.csv", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(referenceOut.resolve("r").resolve(file)),
          Files.readAllBytes(out.resolve("r").resolve(file)), file);
    }
  }

  /**
   * Without the guard the database itself hits the full disk: the run still stops with one line naming the
   * cause, writes no outputs and is left interrupted. Resuming after that is left to H2's own recovery, which
   * does not always release the failed write's row locks (h2database/h2database#3421), hence the guard.
   */
  @Test
  void aWriteThatFindsTheDiskFullStopsTheRunCleanly() throws Exception {
    Path out = dir.resolve("out");
    String output = runOnSmallDisk("1m", out, "--min-free-disk", "0");
    assertTrue(output.contains("uptake: run r failed: a journal write failed"), output);
    assertTrue(output.contains("No space left on device"), "the cause is in the log: " + output);
    assertFalse(Files.exists(out.resolve("r")), "no outputs from a run that did not finish");
    Uptake.Result runs = Uptake.run("runs", "--db", "jdbc:h2:file:" + dir.resolve("kept").resolve("j"));
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("r ") && l.contains("interrupted")), runs.out());
  }

  /** Runs SCENARIO in a child JVM on a tmpfs of {@code size}; copies the journal to dir/kept; returns output. */
  private String runOnSmallDisk(String size, Path out, String... options) throws Exception {
    Path small = Files.createDirectories(dir.resolve("small-disk"));
    Path kept = Files.createDirectories(dir.resolve("kept"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new java.util.ArrayList<>(List.of(quote(java), "-cp",
        quote(System.getProperty("java.class.path")), Main.class.getName(), "run"));
    command.addAll(List.of(SCENARIO));
    command.addAll(List.of("--db", quote("jdbc:h2:file:" + small.resolve("j")), "--out", quote(out.toString()),
        "--quiet"));
    command.addAll(List.of(options));
    String script = "mount -t tmpfs -o size=" + size + " tmpfs " + quote(small.toString()) + " || exit 99; "
        + String.join(" ", command) + "; status=$?; cp " + quote(small.resolve("j.mv.db").toString()) + " "
        + quote(kept.toString()) + "; exit $status";
    Process child = new ProcessBuilder("unshare", "--mount", "--map-root-user", "sh", "-c", script)
        .directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(true).start();
    assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the child finished");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.exitValue() != 99, "this test needs `unshare --mount --map-root-user` and tmpfs: " + output);
    assertEquals(Main.FAILED, child.exitValue(), output);
    return output;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
