package org.uptake.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * An embedded H2 journal file, kept to its owner. H2's automatic mixed mode lets several of the owner's uptake
 * processes share the file: the first serves it to the others through a TCP port, whose address and key it writes
 * into the lock file beside the journal. So that nobody else can read the journal or reach that server: the server
 * listens on loopback only; the journal's folder, when Uptake makes it, is readable by its owner only (0700) and
 * the journal, lock and trace files are made 0600; and the database has a random password, kept in
 * {@code <journal>.key} (0600), which the owner's processes read. A journal made with H2's default empty
 * password (by uptake 0.1) is given one the first time it is opened.
 */
public final class JournalFile {
  static {
    // Before any H2 server starts: the mixed mode's server must not listen on every interface.
    if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
  }

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
  /** H2's error code for a wrong user name or password. */
  private static final int WRONG_PASSWORD = 28000;

  private JournalFile() {}

  /** Loads this class, and with it the loopback-only setting, before H2 is used. */
  static void init() {
  }

  /** The key file of the journal at {@code base} (the path without H2's ".mv.db"). */
  static Path key(Path base) {
    return base.resolveSibling(base.getFileName() + ".key");
  }

  /** The password in the journal's key file, if there is one. */
  static Optional<String> password(Path base) {
    Path key = key(base);
    try {
      return Files.exists(key) ? Optional.of(Files.readString(key, StandardCharsets.UTF_8).strip()) : Optional.empty();
    } catch (IOException e) {
      throw new JournalException("cannot read the journal's key " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * The settings to open {@code db} with, its folder made (0700) and its key made or read; a legacy journal with an
   * empty password is given the key's. Settings with a password of the user's own (UPTAKE_DB_PASSWORD), and every
   * journal but an H2 file, are returned as they are.
   */
  static JournalSettings secure(JournalSettings db) {
    Optional<Path> file = db.file();
    if (file.isEmpty() || db.ownPassword()) return db;
    Path base = file.get();
    try {
      Path folder = base.toAbsolutePath().getParent();
      if (!Files.exists(folder)) Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
      else narrow(folder, base);
      Optional<String> known = password(base);
      if (known.isPresent()) return db.withPassword(known.get());
      String fresh = randomPassword();
      boolean exists = Files.exists(base.resolveSibling(base.getFileName() + ".mv.db"));
      if (exists && !setPassword(db, fresh)) return db.withPassword(awaitKey(base, db));
      return db.withPassword(writeKey(base, fresh));
    } catch (IOException e) {
      throw new JournalException("cannot prepare the journal's folder for " + db.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * A folder others may enter that holds nothing but this journal's files (./uptake-data made by an earlier version,
   * say) is closed to them; a folder with other files is the user's, and is left as it is, with a warning: H2 writes
   * its lock file, with the server's key, before Uptake can narrow it.
   */
  private static void narrow(Path folder, Path base) throws IOException {
    Set<PosixFilePermission> perms;
    try {
      perms = Files.getPosixFilePermissions(folder);
    } catch (UnsupportedOperationException e) {
      return;
    }
    if (perms.equals(OWNER_FOLDER)) return;
    boolean ours;
    try (var entries = Files.list(folder)) {
      String prefix = base.getFileName() + ".";
      ours = entries.allMatch(e -> e.getFileName().toString().startsWith(prefix)
          || e.getFileName().toString().startsWith("." + prefix));
    }
    if (ours) {
      Files.setPosixFilePermissions(folder, OWNER_FOLDER);
    } else if (WARNED.add(folder)) {
      System.err.println("uptake: warning: other users may enter " + folder + ", where the journal is; its files are made "
          + "readable by you only, but keep journals in a folder of their own (chmod 700) so they never are");
    }
  }

  private static final Set<Path> WARNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Makes the journal's own files readable by their owner only (they are made with the process's umask). */
  static void restrict(JournalSettings db) {
    Optional<Path> file = db.file();
    if (file.isEmpty()) return;
    Path base = file.get();
    for (String suffix : new String[] {".mv.db", ".lock.db", ".trace.db", ".key"}) {
      Path f = base.resolveSibling(base.getFileName() + suffix);
      try {
        if (Files.exists(f)) Files.setPosixFilePermissions(f, OWNER_FILE);
      } catch (IOException | UnsupportedOperationException e) {
        // A file system without POSIX permissions (or a file another process just removed): nothing to narrow.
      }
    }
  }

  /**
   * Gives a legacy journal (empty password) the password {@code fresh}; false if it has one already (another process
   * got there first, and is writing its key).
   */
  private static boolean setPassword(JournalSettings db, String fresh) {
    try (Connection c = JournalSchema.connect(db.withPassword("")); Statement st = c.createStatement()) {
      st.execute("ALTER USER \"" + db.user().toUpperCase(java.util.Locale.ROOT).replace("\"", "") + "\" SET PASSWORD '"
          + fresh + "'");
      return true;
    } catch (JournalException e) {
      if (e.getCause() instanceof SQLException s && s.getErrorCode() == WRONG_PASSWORD) return false;
      throw e;
    } catch (SQLException e) {
      throw new JournalException("cannot give the journal " + db.describe() + " a password: " + e.getMessage(), e);
    }
  }

  /** The key another process is writing, once it is there (ten seconds at most). */
  private static String awaitKey(Path base, JournalSettings db) {
    for (int k = 0; k < 40; k++) {
      Optional<String> key = password(base);
      if (key.isPresent() && !key.get().isEmpty()) return key.get();
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new JournalException("the journal " + db.describe() + " has a password but no key file " + key(base)
        + " to read it from; restore the key file, or give UPTAKE_DB_PASSWORD");
  }

  /**
   * Writes the key whole and owner-only (a file of its own, then linked into place, which fails if another process
   * linked its key first); returns the key on disk.
   */
  private static String writeKey(Path base, String password) throws IOException {
    Path key = key(base);
    Path tmp = Files.createTempFile(key.toAbsolutePath().getParent(), "." + key.getFileName(), ".partial",
        PosixFilePermissions.asFileAttribute(OWNER_FILE));
    try {
      Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      Files.createLink(key, tmp);
      return password;
    } catch (FileAlreadyExistsException e) {
      return password(base).orElse(password);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
