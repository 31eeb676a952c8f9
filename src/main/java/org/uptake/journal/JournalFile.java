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
 * the journal, lock and trace files are made 0600; and the database has a password, the owner's Uptake key: a
 * random secret in {@code ~/.config/uptake/journal.key} (0600, in a 0700 folder; {@code $XDG_CONFIG_HOME} is
 * honoured), made the first time it is needed. One key for all of a user's journals, so a journal copied or restored
 * from a backup opens as it did. A journal made with H2's default empty password (by uptake 0.1) is given the key
 * the first time it is opened.
 */
public final class JournalFile {
  static {
    // Before any H2 server starts: the mixed mode's server must not listen on every interface.
    if (System.getProperty("h2.bindAddress") == null) System.setProperty("h2.bindAddress", "127.0.0.1");
  }

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_FOLDER = PosixFilePermissions.fromString("rwx------");
  /** H2's error code for a wrong user name or password. */
  static final int WRONG_PASSWORD = 28000;

  private JournalFile() {}

  /** Loads this class, and with it the loopback-only setting, before H2 is used. */
  static void init() {
  }

  /** Where Uptake keeps its owner's keys: {@code $XDG_CONFIG_HOME/uptake}, by default {@code ~/.config/uptake}. */
  public static Path configFolder() {
    String config = System.getenv("XDG_CONFIG_HOME");
    Path base = config != null && !config.isBlank() ? Path.of(config)
        : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("uptake");
  }

  /** The owner's Uptake key file. */
  public static Path keyFile() {
    return configFolder().resolve("journal.key");
  }

  /** The owner's key, made (whole and owner-only) if there is none yet. */
  static String key() {
    Path key = keyFile();
    try {
      if (!Files.exists(key)) {
        Path folder = key.getParent();
        if (!Files.exists(folder)) Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
        writeKey(key, randomPassword());
      }
      String k = Files.readString(key, StandardCharsets.UTF_8).strip();
      if (k.isEmpty()) throw new JournalException("the Uptake key " + key + " is empty; remove it to have a new one "
          + "made (journals it opened will then need UPTAKE_DB_PASSWORD with the old one)");
      return k;
    } catch (IOException e) {
      throw new JournalException("cannot read or make the Uptake key " + key + ": " + reason(e)
          + " (or give the journal's password in UPTAKE_DB_PASSWORD)", e);
    }
  }

  /** Settings to open a journal with, and the connection that finding them opened (null if none), still open. */
  record Secured(JournalSettings db, Connection open) {}

  /**
   * The settings to open {@code db} with: its folder made (0700) or narrowed, and the owner's key as password; a
   * legacy journal with an empty password is given the key. Settings with a password of the user's own
   * (UPTAKE_DB_PASSWORD), and every journal but an H2 file, are returned as they are. When finding them
   * opens the journal, that connection is kept open: each open of an H2 file writes its lock file and each close
   * compacts it, a good part of a short command's time.
   */
  static Secured secure(JournalSettings db) {
    Optional<Path> file = db.file();
    if (file.isEmpty() || db.ownPassword()) return new Secured(db, null);
    Path base = file.get();
    if (!db.readOnly()) {
      try {
        Path folder = base.toAbsolutePath().getParent();
        if (!Files.exists(folder)) Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_FOLDER));
        else narrow(folder, base);
      } catch (IOException e) {
        throw new JournalException("cannot make or use the folder " + base.toAbsolutePath().getParent() + " for the "
            + "journal " + db.describe() + ": " + reason(e) + "; give --db a path in a folder you can write", e);
      }
    }
    JournalSettings keyed = db.withPassword(key());
    return Files.exists(base.resolveSibling(base.getFileName() + ".mv.db")) ? giveKeyIfLegacy(keyed)
        : new Secured(keyed, null);
  }

  /**
   * A journal that does not take the key but takes the empty password (made by uptake 0.1) is given the key; one
   * that takes neither was made by someone else, and the message says what to do.
   */
  private static Secured giveKeyIfLegacy(JournalSettings keyed) {
    try {
      return new Secured(keyed, JournalSchema.connectPlain(keyed));
    } catch (SQLException e) {
      // JournalSchema.connect says what else is wrong
      if (e.getErrorCode() != WRONG_PASSWORD) return new Secured(keyed, null);
    }
    try (Connection c = JournalSchema.connectPlain(keyed.withPassword("")); Statement st = c.createStatement()) {
      // Read-only, a legacy journal keeps its empty password; and a database that is not a journal (another H2
      // file given to --db by mistake) keeps the password its owner gave it.
      if (keyed.readOnly() || !hasJournal(keyed, st)) return new Secured(keyed.withPassword(""), null);
      st.execute("ALTER USER \"" + keyed.user().toUpperCase(java.util.Locale.ROOT).replace("\"", "")
          + "\" SET PASSWORD '" + keyed.password() + "'");
      return new Secured(keyed, null);
    } catch (SQLException e) {
      if (e.getErrorCode() != WRONG_PASSWORD) return new Secured(keyed, null);
      throw new JournalException("the journal " + keyed.describe() + " has a password other than your Uptake key ("
          + keyFile() + "): it was made by another user or with UPTAKE_DB_PASSWORD; give its password in "
          + "UPTAKE_DB_PASSWORD", e);
    }
  }

  private static boolean hasJournal(JournalSettings db, Statement st) {
    try {
      st.executeQuery("SELECT COUNT(*) FROM " + JournalSchema.table(db, "event_journal")).close();
      return true;
    } catch (SQLException e) {
      return false;
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
    for (String suffix : new String[] {".mv.db", ".lock.db", ".trace.db"}) {
      Path f = base.resolveSibling(base.getFileName() + suffix);
      try {
        if (Files.exists(f)) Files.setPosixFilePermissions(f, OWNER_FILE);
      } catch (IOException | UnsupportedOperationException e) {
        // A file system without POSIX permissions (or a file another process just removed): nothing to narrow.
      }
    }
  }

  /**
   * Writes the key whole and owner-only (a file of its own, then linked into place, which fails if another process
   * linked its key first, whose key is then the one).
   */
  private static void writeKey(Path key, String password) throws IOException {
    Path tmp = Files.createTempFile(key.getParent(), "." + key.getFileName(), ".partial",
        PosixFilePermissions.asFileAttribute(OWNER_FILE));
    try {
      Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
      Files.createLink(key, tmp);
    } catch (FileAlreadyExistsException e) {
      // Another process made the key first: it is the one.
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** What went wrong with a file, in words (Java's own message is often just the path). */
  static String reason(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException n) return "no such file or folder " + n.getFile();
    if (e instanceof java.nio.file.AccessDeniedException a) return "permission denied on " + a.getFile();
    if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " is in the way";
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason() + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
    }
    return String.valueOf(e.getMessage());
  }

  private static String randomPassword() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
