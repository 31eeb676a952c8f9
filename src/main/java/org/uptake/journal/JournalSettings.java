package org.uptake.journal;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the journal lives. Only the connection changes between H2 and PostgreSQL: the URL picks the JDBC
 * driver and Slick profile; user and password come from UPTAKE_DB_USER and UPTAKE_DB_PASSWORD when set.
 */
public record JournalSettings(String url, String user, String password, Dialect dialect, String given,
    boolean readOnly) {
  static {
    JournalFile.init();
  }

  public JournalSettings(String url, String user, String password, Dialect dialect, String given) {
    this(url, user, password, dialect, given, false);
  }

  public static final String DEFAULT_URL = "jdbc:h2:file:./uptake-data/journal";

  public enum Dialect {
    H2("org.h2.Driver", "slick.jdbc.H2Profile$", "db/h2-schema.sql"),
    POSTGRES("org.postgresql.Driver", "slick.jdbc.PostgresProfile$", "db/postgres-schema.sql");

    final String driver;
    final String profile;
    final String ddl;

    Dialect(String driver, String profile, String ddl) {
      this.driver = driver;
      this.profile = profile;
      this.ddl = ddl;
    }
  }

  public static JournalSettings of(String url) {
    String given = url;
    Dialect dialect;
    if (url.startsWith("jdbc:h2:")) {
      dialect = Dialect.H2;
      String upper = url.toUpperCase(java.util.Locale.ROOT);
      if (url.startsWith("jdbc:h2:mem:") && !upper.contains("DB_CLOSE_DELAY")) {
        // An in-memory database must outlive the connection that creates the tables.
        url = url + ";DB_CLOSE_DELAY=-1";
      } else if (!url.startsWith("jdbc:h2:mem:") && !upper.startsWith("JDBC:H2:TCP:")
          && !upper.startsWith("JDBC:H2:SSL:")) {
        if (!upper.contains("WRITE_DELAY")) {
          // H2 flushes commits up to 500 ms late by default; a killed process would lose them. Runs must
          // survive a kill or a power cut with every committed event, so flush on commit.
          url = url + ";WRITE_DELAY=0";
        }
        if (!upper.contains("AUTO_SERVER")) {
          // Mixed mode: the first process to open the file serves it on loopback to the others, so two
          // analysts' uptake processes can write runs into one journal at once (and the next process takes
          // over serving when the first exits).
          url = url + ";AUTO_SERVER=TRUE";
        }
      }
    } else if (url.startsWith("jdbc:postgresql:")) {
      dialect = Dialect.POSTGRES;
    } else {
      throw new JournalException("--db " + url + ": expected a jdbc:h2: or jdbc:postgresql: URL");
    }
    String user = System.getenv().getOrDefault("UPTAKE_DB_USER", dialect == Dialect.H2 ? "sa" : "");
    String password = System.getenv().getOrDefault("UPTAKE_DB_PASSWORD", "");
    JournalSettings db = new JournalSettings(url, user, password, dialect, given);
    // An H2 file journal's password is its owner's Uptake key (JournalFile).
    if (!db.ownPassword() && db.file().isPresent()) return db.withPassword(JournalFile.key());
    return db;
  }

  /** Whether the user gave the password (UPTAKE_DB_PASSWORD) rather than Uptake keeping it. */
  public boolean ownPassword() {
    return System.getenv("UPTAKE_DB_PASSWORD") != null;
  }

  public JournalSettings withPassword(String p) {
    return new JournalSettings(url, user, p, dialect, given, readOnly);
  }

  /**
   * For a command that only reads: an H2 file journal must exist (a mistyped path is not made into a new, empty
   * journal), and one Uptake may not write (a read-only disk or file) is opened read-only, without the mixed mode
   * that would need to write its lock file.
   */
  public JournalSettings forReading() {
    Optional<Path> file = file();
    if (file.isEmpty()) return this;
    Path mv = file.get().resolveSibling(file.get().getFileName() + ".mv.db");
    if (!java.nio.file.Files.isRegularFile(mv)) {
      throw new JournalException("no journal at " + mv + "; give --db the journal your runs are in (`uptake run` "
          + "makes one at " + DEFAULT_URL + ")");
    }
    String u = url + (url.toUpperCase(java.util.Locale.ROOT).contains("IFEXISTS") ? "" : ";IFEXISTS=TRUE");
    if (java.nio.file.Files.isWritable(mv) && java.nio.file.Files.isWritable(mv.getParent())) {
      return new JournalSettings(u, user, password, dialect, given, false);
    }
    u = u.replaceAll("(?i);AUTO_SERVER=TRUE", "") + ";ACCESS_MODE_DATA=r";
    return new JournalSettings(u, user, password, dialect, given, true);
  }

  /**
   * The path of an H2 file journal without H2's ".mv.db" (./uptake-data/journal), or empty for a server or
   * in-memory journal, or one on another of H2's file systems (nio:, split:, zip: ...).
   */
  public Optional<Path> file() {
    if (dialect != Dialect.H2 || url.startsWith("jdbc:h2:mem:") || url.regionMatches(true, 0, "jdbc:h2:tcp:", 0, 12)
        || url.regionMatches(true, 0, "jdbc:h2:ssl:", 0, 12)) {
      return Optional.empty();
    }
    String path = url.substring("jdbc:h2:".length());
    int options = path.indexOf(';');
    if (options >= 0) path = path.substring(0, options);
    if (path.regionMatches(true, 0, "file:", 0, 5)) path = path.substring(5);
    if (path.matches("(?i)[a-z]{2,}:.*")) return Optional.empty();
    if (path.startsWith("~")) path = System.getProperty("user.home") + path.substring(1);
    return Optional.of(Path.of(path).toAbsolutePath());
  }

  /** The journal as the user named it, for messages: without the settings added here, a password masked. */
  public String describe() {
    return given.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  /** The --db option that names this journal, quoted for a shell when it has to be (H2 settings use ';'). */
  public String option() {
    String d = describe();
    return "--db " + (d.matches("[A-Za-z0-9_:/.,=@%+-]+") ? d : "'" + d.replace("'", "'\\''") + "'");
  }

  /** The Akka configuration that points akka-persistence-jdbc at this database. */
  /** The journal {@link #akkaConfig} gave an actor system, read back from the system's configuration. */
  public static JournalSettings configuredIn(Config config) {
    String prefix = "akka-persistence-jdbc.shared-databases.slick.db.";
    String url = config.getString(prefix + "url");
    return new JournalSettings(url, config.getString(prefix + "user"), config.getString(prefix + "password"),
        url.startsWith("jdbc:h2:") ? Dialect.H2 : Dialect.POSTGRES, url);
  }

  public Config akkaConfig() {
    String prefix = "akka-persistence-jdbc.shared-databases.slick.";
    return ConfigFactory.parseMap(Map.of(
        prefix + "profile", dialect.profile,
        prefix + "db.url", url,
        prefix + "db.user", user,
        prefix + "db.password", password,
        prefix + "db.driver", dialect.driver,
        // H2 commits one transaction at a time, each rewriting its changed pages: one batch insert at a time lets
        // the departments' events of a tick, written together, queue into one transaction instead of one each
        // (docs/performance.md measures it). A server database takes them concurrently.
        "jdbc-journal.parallelism", dialect == Dialect.H2 ? 1 : 8));
  }
}
