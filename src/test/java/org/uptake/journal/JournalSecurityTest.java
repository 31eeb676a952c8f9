package org.uptake.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.cli.Main;

/**
 * An H2 file journal is its owner's: another local account once read its events and deleted one in the middle of a
 * run, through the mixed mode's server (listening on every interface), the world-readable lock file holding its key,
 * and H2's default user with an empty password.
 */
class JournalSecurityTest {
  @TempDir Path dir;

  @Test
  void theJournalsFilesAreTheOwnersAndItHasAPassword() throws Exception {
    Path folder = dir.resolve("data");
    JournalSettings db = JournalSchema.ensure(JournalSettings.of("jdbc:h2:file:" + folder.resolve("journal")));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
        folder.resolve("journal.mv.db"))));
    Path key = JournalFile.keyFile();
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)), key.toString());
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
    assertFalse(db.password().isEmpty());
    assertEquals(Files.readString(key).strip(), db.password(), "the password is the owner's key");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(db.url(), "sa", "").close());
    assertEquals(28000, e.getErrorCode(), "wrong user name or password");
    DriverManager.getConnection(db.url(), db.user(), db.password()).close();
  }

  /** A copy of a journal (a backup restored elsewhere) opens with the same key; another's password is named. */
  @Test
  void aCopiedJournalOpensAndAStrangersIsRefusedClearly() throws Exception {
    JournalSettings db = JournalSchema.ensure(JournalSettings.of("jdbc:h2:file:" + dir.resolve("a/journal")));
    try (var c = JournalSchema.connect(db)) {
      c.createStatement().execute("CREATE TABLE \"marker\" (x INT)");
    }
    Files.createDirectories(dir.resolve("b"));
    Files.copy(dir.resolve("a/journal.mv.db"), dir.resolve("b/journal.mv.db"));
    JournalSettings copy = JournalSchema.ensure(JournalSettings.of("jdbc:h2:file:" + dir.resolve("b/journal")));
    try (var c = JournalSchema.connect(copy)) {
      c.createStatement().executeQuery("SELECT COUNT(*) FROM \"marker\"").close();
    }

    String stranger = "jdbc:h2:file:" + dir.resolve("c/journal");
    Files.createDirectories(dir.resolve("c"));
    DriverManager.getConnection(stranger, "sa", "someone-elses").close();
    JournalException e = assertThrows(JournalException.class,
        () -> JournalSchema.ensure(JournalSettings.of(stranger)));
    assertTrue(e.getMessage().contains("has a password other than your Uptake key"), e.getMessage());
    assertTrue(e.getMessage().contains("UPTAKE_DB_PASSWORD"), e.getMessage());
  }

  /** While a run serves the journal to other processes, its server listens on loopback only. */
  @Test
  void theMixedModesServerListensOnLoopbackOnly() throws Exception {
    Path journal = dir.resolve("data/journal");
    Path scenario = Files.writeString(dir.resolve("s.conf"),
        "ticks = 400\norganisation.departments = [ { name = A, headcount = 300 } ]\nseeding.enthusiasts = 3\n");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", scenario.toString(), "--db",
        "jdbc:h2:file:" + journal, "--out", dir.resolve("out").toString(), "--progress", "lines"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
      String line;
      while ((line = lines.readLine()) != null && !line.startsWith("tick 5/")) {
        // wait for the run to be under way
      }
      assertTrue(line != null, "the run started");
      Path lock = dir.resolve("data/journal.lock.db");
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lock)), "the lock file");
      Properties p = new Properties();
      try (var in = Files.newInputStream(lock)) {
        p.load(in);
      }
      String server = p.getProperty("server");
      assertTrue(server != null && (server.startsWith("127.0.0.1:") || server.startsWith("localhost:")),
          "the lock file names a loopback server: " + p);
      int port = Integer.parseInt(server.substring(server.indexOf(':') + 1));
      String hex = String.format("%04X", port);
      // Java may listen through an IPv6 socket: 127.0.0.1 is then ::ffff:127.0.0.1 in /proc/net/tcp6.
      List<String> listening = new ArrayList<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        if (!Files.exists(Path.of(table))) continue;
        for (String l : Files.readAllLines(Path.of(table))) {
          String[] f = l.trim().split("\\s+");
          if (f.length > 3 && f[1].endsWith(":" + hex) && f[3].equals("0A")) listening.add(f[1]);
        }
      }
      assertFalse(listening.isEmpty(), "something listens on " + port);
      for (String local : listening) {
        assertTrue(local.equals("0100007F:" + hex) || local.equals("0000000000000000FFFF00000100007F:" + hex),
            "bound to 127.0.0.1, not " + local);
      }
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }
}
