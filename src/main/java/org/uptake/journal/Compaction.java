package org.uptake.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.uptake.BadInput;

/**
 * Rewrites an H2 journal file with only its live pages. A run commits each tick's events as they come (so that a
 * kill loses nothing), and H2 keeps every page a later commit superseded until it compacts the file, which it does for
 * only 200 ms when the last connection closes: a run leaves its file several times its live data
 * (docs/performance.md, "Journal size"). H2's {@code SHUTDOWN COMPACT} closes the database for everybody connected,
 * so the file is opened without the mixed mode that would let other processes in: while any other process holds
 * it, H2 refuses the open and nothing is touched.
 */
public final class Compaction {
  /** H2's "database may be already in use". */
  private static final int IN_USE = 90020;

  /** The file compacted and its size in bytes before and after. */
  public record Result(Path file, long before, long after) {}

  private Compaction() {}

  /**
   * @throws BadInput if the journal is not an H2 file
   * @throws JournalException if this user may not write it, or another process holds it
   */
  public static Result compact(JournalSettings db) {
    Path base = db.file().orElseThrow(() -> new BadInput("--db " + db.describe() + ": compact rewrites H2 journal "
        + "files only; a PostgreSQL journal gives its space back with VACUUM, which its administrator runs"));
    JournalSettings reading = db.forReading();
    if (reading.readOnly()) {
      throw new JournalException("the journal " + db.describe() + " cannot be compacted: this user may not write "
          + "its file or its folder");
    }
    Path file = base.resolveSibling(base.getFileName() + ".mv.db").toAbsolutePath().normalize();
    JournalSettings alone = new JournalSettings(reading.url().replaceAll("(?i);AUTO_SERVER=TRUE", "")
        + ";AUTO_SERVER=FALSE", reading.user(), reading.password(), reading.dialect(), reading.given());
    long before = size(file);
    JournalFile.Secured secured = JournalFile.secure(alone);
    try (Connection c = secured.open() != null ? secured.open() : JournalSchema.connectPlain(secured.db());
        Statement st = c.createStatement()) {
      isJournal(secured.db(), st);
      st.execute("SHUTDOWN COMPACT");
    } catch (SQLException e) {
      if (e.getErrorCode() == IN_USE) {
        throw new JournalException("the journal " + db.describe() + " is in use by another process (a run, a sweep, "
            + "`uptake serve` or another command); compact it when they have finished", e);
      }
      throw new JournalException("cannot compact the journal " + db.describe() + ": "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
    }
    JournalFile.restrict(db);
    return new Result(file, before, size(file));
  }

  /** Rewrites no file that is not a journal (another H2 database given to --db by mistake). */
  private static void isJournal(JournalSettings db, Statement st) {
    try {
      st.executeQuery("SELECT COUNT(*) FROM " + JournalSchema.table(db, "event_journal")).close();
    } catch (SQLException e) {
      throw new JournalException("--db " + db.describe() + " is not an Uptake journal (it has no event_journal "
          + "table); nothing was changed", e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
