package org.uptake.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the journal's tables from the DDL shipped in {@code src/main/resources/db/} (akka-persistence-jdbc
 * 5.1.0's own scripts, made idempotent) and checks that they exist. Done with plain JDBC and not with
 * SchemaUtils, which logs DDL failures only at DEBUG; here every failure becomes a clear message.
 */
public final class JournalSchema {
  private JournalSchema() {}

  public static void ensure(JournalSettings db) {
    try (Connection c = connect(db); Statement st = c.createStatement()) {
      for (String sql : ddl(db).split(";")) {
        if (!sql.isBlank()) st.execute(sql);
      }
      st.executeQuery("SELECT COUNT(*) FROM " + table(db, "event_journal")).close();
      st.executeQuery("SELECT COUNT(*) FROM " + table(db, "snapshot")).close();
    } catch (SQLException e) {
      throw new JournalException("the journal at " + db.url() + " has no usable akka-persistence-jdbc tables: "
          + e.getMessage(), e);
    }
  }

  /** A plain connection, with the common failures turned into messages that say what to do. */
  public static Connection connect(JournalSettings db) {
    try {
      Class.forName(db.dialect().driver);
      return DriverManager.getConnection(db.url(), db.user(), db.password());
    } catch (ClassNotFoundException e) {
      throw new JournalException("no JDBC driver for " + db.url(), e);
    } catch (SQLException e) {
      String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      if (e.getErrorCode() == 90020 || message.contains("already in use")) {
        throw new JournalException("the journal " + db.url() + " is locked by another uptake process; wait for "
            + "it to finish, or give this run its own journal with --db jdbc:h2:file:./other-journal", e);
      }
      throw new JournalException("cannot open the journal " + db.url() + ": " + message
          + " (check --db, and UPTAKE_DB_USER / UPTAKE_DB_PASSWORD for a server database)", e);
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
