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
 * The disk filling up during a run: the run stops with a one-line message (exit 1), nothing half-written
 * appears in the outputs, the journal keeps every completed tick and shows the run as interrupted, and once
 * there is room `uptake resume` finishes it exactly as an uninterrupted run. The full disk is a 1 MB tmpfs
 * mounted in a private mount namespace (util-linux unshare; no root needed where user namespaces are on).
 */
class DiskFullTest {
  static final String[] SCENARIO = {"simulations/executive-mandate.conf", "--set", "ticks=50", "--run-id", "r"};
  @TempDir Path dir;

  @Test
  void aRunStoppedByAFullDiskIsInterruptedAndResumesToTheSameResult() throws Exception {
    String referenceDb = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
    Path referenceOut = dir.resolve("reference-out");
    Uptake.Result ref = Uptake.run(ResumeTest.concat(SCENARIO, "run", "--db", referenceDb, "--out",
        referenceOut.toString(), "--quiet"));
    assertEquals(0, ref.status(), ref.err());

    Path small = Files.createDirectories(dir.resolve("small-disk"));
    Path kept = Files.createDirectories(dir.resolve("kept"));
    Path out = dir.resolve("out");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String run = String.join(" ", List.of(quote(java), "-cp", quote(System.getProperty("java.class.path")),
        Main.class.getName(), "run", SCENARIO[0], SCENARIO[1], SCENARIO[2], SCENARIO[3], SCENARIO[4], "--db",
        quote("jdbc:h2:file:" + small.resolve("j")), "--out", quote(out.toString()), "--quiet"));
    // The journal file is copied out before the namespace (and its tmpfs) goes away: that is the disk the
    // user would find after freeing space.
    String script = "mount -t tmpfs -o size=1m tmpfs " + quote(small.toString()) + " || exit 99; " + run
        + "; status=$?; cp " + quote(small.resolve("j.mv.db").toString()) + " " + quote(kept.toString())
        + "; exit $status";
    Process child = new ProcessBuilder("unshare", "--mount", "--map-root-user", "sh", "-c", script)
        .directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(true).start();
    assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the child finished");
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.exitValue() != 99, "this test needs `unshare --mount --map-root-user` and tmpfs: " + output);
    assertEquals(Main.FAILED, child.exitValue(), output);
    assertTrue(output.contains("uptake: run r failed: a journal write failed"), output);
    assertTrue(output.contains("No space left on device"), "the cause is in the log: " + output);
    assertFalse(Files.exists(out.resolve("r")), "no outputs from a run that did not finish");

    String db = "jdbc:h2:file:" + kept.resolve("j");
    Uptake.Result runs = Uptake.run("runs", "--db", db);
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("r ") && l.contains("interrupted")), runs.out());
    Uptake.Result resumed = Uptake.run("resume", "r", "--db", db, "--out", out.toString(), "--quiet");
    assertEquals(0, resumed.status(), resumed.err());
    TestRuns.assertSameJournal(TestRuns.journal(referenceDb, "r"), TestRuns.journal(db, "r"));
    for (String file : List.of("timeseries.csv", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(referenceOut.resolve("r").resolve(file)),
          Files.readAllBytes(out.resolve("r").resolve(file)), file);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
