package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal on a read-only disk (a restored backup, a shared volume mounted read-only) is read by the commands
 * that only read: they once failed with H2's "Feature not supported: AUTO_SERVER=TRUE && (readOnly…)". The disk
 * is made read-only for one child process with a private bind mount (`unshare -m`), so the test needs root and
 * util-linux's unshare; as root, file modes alone would not stop a write.
 */
class ReadOnlyJournalTest {
  @TempDir static Path dir;
  static Path folder;

  @BeforeAll
  static void recordARun() throws Exception {
    folder = dir.resolve("backup");
    Files.createDirectories(folder);
    Uptake.Result r = Uptake.run("run", "simulations/from-the-edges.conf", "--run-id", "kept", "--set", "ticks=4",
        "--db", db(), "--out", dir.resolve("out").toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
  }

  static String db() {
    return "jdbc:h2:file:" + folder.resolve("journal").toAbsolutePath();
  }

  /** The command line in a child whose view of the journal's folder is read-only; its output and status. */
  static Uptake.Result onReadOnlyDisk(String... args) throws Exception {
    ProcessBuilder java = Uptake.child(args);
    List<String> command = new ArrayList<>(List.of("unshare", "-m", "sh", "-c",
        "mount --bind \"$0\" \"$0\" && mount -o remount,ro,bind \"$0\" \"$0\" && exec \"$@\"", folder.toString()));
    command.addAll(java.command());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(Path.of("").toAbsolutePath().toFile())
        .start();
    String out = new String(p.getInputStream().readAllBytes());
    return new Uptake.Result(p.waitFor(), out, out);
  }

  static boolean canMountPrivately() {
    try {
      Process p = new ProcessBuilder("unshare", "-m", "sh", "-c",
          "mount --bind \"$0\" \"$0\" && mount -o remount,ro,bind \"$0\" \"$0\" && ! touch \"$0/probe\" 2>/dev/null",
          dir.toString()).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (Exception e) {
      return false;
    }
  }

  @Test
  void readCommandsReadAJournalOnAReadOnlyDisk() throws Exception {
    assumeTrue(canMountPrivately(), "needs root and unshare to mount a folder read-only for one process");
    Uptake.Result runs = onReadOnlyDisk("runs", "--db", db());
    assertEquals(0, runs.status(), runs.out());
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("kept ") && l.contains("finished")), runs.out());

    Uptake.Result check = onReadOnlyDisk("check", "--db", db());
    assertEquals(0, check.status(), check.out());
    assertTrue(check.out().contains("1 run(s) checked, 0 damaged."), check.out());

    Uptake.Result replay = onReadOnlyDisk("replay", "kept", "--db", db(), "--out", dir.resolve("replayed").toString());
    assertEquals(0, replay.status(), replay.out());
    assertTrue(Files.isRegularFile(dir.resolve("replayed/kept/timeseries.csv")), replay.out());

    Uptake.Result rm = onReadOnlyDisk("rm", "kept", "--yes", "--db", db());
    assertEquals(Main.BAD_INPUT, rm.status(), rm.out());
    assertTrue(rm.out().contains("cannot be written; nothing removed"), rm.out());

    Uptake.Result run = onReadOnlyDisk("run", "simulations/from-the-edges.conf", "--set", "ticks=2", "--db", db(),
        "--out", dir.resolve("more").toString());
    assertTrue(run.status() == Main.JOURNAL_UNUSABLE || run.status() == Main.BAD_INPUT, run.out());
    assertEquals(1, run.out().lines().filter(l -> l.startsWith("uptake: ")).count(), run.out());
    assertTrue(!run.out().contains("\tat "), "no stack trace: " + run.out());
  }
}
