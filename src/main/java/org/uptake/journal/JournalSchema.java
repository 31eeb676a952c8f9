package org.uptake.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the journal's tables from the DDL shipped in {@code src/main/resources/db/} (akka-persistence-jdbc
 * 5.1.0's own scripts, made idempotent) and checks that they exist. Done with plain JDBC and not with
 * SchemaUtils, which logs DDL failures only at DEBUG; here every failure becomes a clear message.
 */
public final class JournalSchema {
  private JournalSchema() {}

  /**
   * Creates the tables if need be and checks them; an H2 file journal is kept to its owner first (its folder, key
   * and files: {@link JournalFile}). Returns the settings to open it with (an H2 file's password from its key).
   */
  public static JournalSettings ensure(JournalSettings given) {
    Held held = ensureHeld(given);
    if (held.holder() != null) {
      try {
        held.holder().close();
      } catch (SQLException e) {
        throw new JournalException("cannot close the journal at " + held.db().describe() + ": " + e.getMessage(), e);
      }
    }
    return held.db();
  }

  /**
   * A journal made ready by {@link #ensure}, with the connection held open for an H2 file journal (null otherwise),
   * so the database and its lock file (made owner-only) stay open.
   */
  public record Held(JournalSettings db, Connection holder) {}

  /**
   * {@link #ensure}, keeping its connection: an H2 file is opened once, not opened, closed (which compacts it)
   * and opened again, which is most of a reading command's start (docs/performance.md).
   */
  public static Held ensureHeld(JournalSettings given) {
    JournalFile.Secured secured = JournalFile.secure(given);
    JournalSettings db = secured.db();
    Connection c = secured.open() != null ? secured.open() : connect(db);
    try {
      check(db, c);
    } catch (RuntimeException e) {
      try {
        c.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    JournalFile.restrict(db);
    if (db.file().isPresent()) return new Held(db, c);
    try {
      c.close();
    } catch (SQLException e) {
      throw new JournalException("cannot close the journal at " + db.describe() + ": " + e.getMessage(), e);
    }
    return new Held(db, null);
  }

  /** Makes the tables if need be (unless read-only) and checks that both can be read. */
  private static void check(JournalSettings db, Connection c) {
    try (Statement st = c.createStatement()) {
      if (!db.readOnly()) {
        for (String sql : ddl(db).split(";")) {
          if (!sql.isBlank()) st.execute(sql);
        }
      }
      st.executeQuery("SELECT COUNT(*) FROM " + table(db, "event_journal")).close();
      st.executeQuery("SELECT COUNT(*) FROM " + table(db, "snapshot")).close();
    } catch (SQLException e) {
      throw new JournalException("the journal at " + db.describe() + " has no usable akka-persistence-jdbc tables: "
          + e.getMessage(), e);
    }
  }

  /** Where a cluster member's configuration carries its journal's identity, which joining compares. */
  public static final String IDENTITY_KEY = "uptake.journal.identity";

  /**
   * This journal's identity, made (a random UUID) the first time it is asked for: cluster members compare theirs
   * to be sure they write to one journal. Empty for a journal that cannot be written and has none.
   */
  public static String identity(JournalSettings db) {
    String table = table(db, "uptake_journal");
    String select = "SELECT " + table(db, "identity") + " FROM " + table + " WHERE " + table(db, "id") + " = 1";
    try (Connection c = connect(db); Statement st = c.createStatement()) {
      for (int attempt = 0; attempt < 2; attempt++) {
        try (ResultSet rs = st.executeQuery(select)) {
          if (rs.next()) return rs.getString(1);
        }
        if (db.readOnly()) return "";
        try (var insert = c.prepareStatement("INSERT INTO " + table + " (" + table(db, "id") + ", "
            + table(db, "identity") + ") VALUES (1, ?)")) {
          insert.setString(1, java.util.UUID.randomUUID().toString());
          insert.executeUpdate();
        } catch (SQLException raced) {
          // Another process made it first: read theirs.
        }
      }
      throw new JournalException("cannot give the journal " + db.describe() + " an identity");
    } catch (SQLException e) {
      if (db.readOnly()) return "";
      throw new JournalException("cannot read the identity of the journal " + db.describe() + ": " + e.getMessage(), e);
    }
  }

  /** A plain connection, with the common failures turned into messages that say what to do. */
  public static Connection connect(JournalSettings db) {
    try {
      Class.forName(db.dialect().driver);
      return connectSharing(db);
    } catch (ClassNotFoundException e) {
      throw new JournalException("no JDBC driver for " + db.describe(), e);
    } catch (SQLException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      if (e.getErrorCode() == 90020 || message.contains("already in use")) {
        throw new JournalException("the journal " + db.describe() + " is locked by another process that does not share "
            + "it (uptake shares H2 files between its own processes); wait for it to finish, or give this run its own "
            + "journal with --db jdbc:h2:file:./other-journal", e);
      }
      throw new JournalException("cannot open the journal " + db.describe() + ": " + message
          + " (check --db, and UPTAKE_DB_USER / UPTAKE_DB_PASSWORD for a server database)", e);
    }
  }

  /** A connection without the messages: for probing (JournalFile). */
  static Connection connectPlain(JournalSettings db) throws SQLException {
    try {
      Class.forName(db.dialect().driver);
    } catch (ClassNotFoundException e) {
      throw new JournalException("no JDBC driver for " + db.describe(), e);
    }
    return connectSharing(db);
  }

  /**
   * In H2's mixed mode a process that opens the file while another is still starting to serve it finds the
   * file locked for a moment (or its lock file just written); it tries again for ten seconds before giving
   * up. A file held by a process that does not share it (opened without AUTO_SERVER) stays locked, and the
   * caller says so.
   */
  private static Connection connectSharing(JournalSettings db) throws SQLException {
    boolean shared = db.url().toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE");
    for (int attempt = 1; ; attempt++) {
      try {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
      } catch (SQLException e) {
        // Locked while the other process starts serving, its lock file just written, or its server just gone;
        // or both opened the file at the same moment and one lost ("Error opening database: Concurrent update",
        // 8000): ConcurrentUseTest met it twice in full runs of the suite.
        boolean opening = e.getErrorCode() == 90020 || e.getErrorCode() == 90067 || e.getErrorCode() == 8000
            || String.valueOf(e.getMessage()).contains("Lock file");
        if (!shared || !opening || attempt == 40) throw e;
        try {
          Thread.sleep(250);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * In H2's mixed mode the first process serves the file to the others, and its exit would cut their
   * connections in the middle of a write. So a process that is serving waits, before it exits, until no
   * other process is connected through it. (A process connected through another never waits, so two cannot
   * wait for each other.) It asks through the connection it holds ({@link #hold}): a new one, after the database
   * failed (a full disk), could wait minutes on H2's file lock.
   */
  public static void waitForSharers(JournalSettings db, Connection held, java.io.PrintWriter err) {
    if (held == null || !db.url().toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE")) return;
    try (Statement st = held.createStatement()) {
      try (ResultSet me = st.executeQuery(
          "SELECT SERVER FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID = SESSION_ID()")) {
        if (!me.next() || me.getString(1) != null) return;
      }
      boolean told = false;
      while (true) {
        try (ResultSet others = st.executeQuery(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE SERVER IS NOT NULL")) {
          others.next();
          if (others.getLong(1) == 0) return;
        }
        if (!told) {
          err.println("uptake: another uptake process is using the journal through this one; waiting for it to "
              + "finish (interrupting would cut its run short, resumable with `uptake resume`)");
          err.flush();
          told = true;
        }
        Thread.sleep(500);
      }
    } catch (SQLException | JournalException e) {
      // Nothing to wait for if the journal cannot be asked (or its disk is full); the run's own work is
      // already committed.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String table(JournalSettings db, String name) {
    return db.dialect() == JournalSettings.Dialect.H2 ? "\"" + name + "\"" : name;
  }

  private static String ddl(JournalSettings db) {
    try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(db.dialect().ddl)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new JournalException("cannot read the bundled DDL " + db.dialect().ddl, e);
    }
  }
}
