package org.uptake.experiment;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.uptake.BadInput;
import org.uptake.journal.JournalReader;
import org.uptake.report.Slug;

/** What a run id may be, and the ids Uptake makes when none is given. */
public final class RunIds {
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private RunIds() {}

  /** Refuses an id that would not be a safe folder and file name everywhere (null is no id: one will be made). */
  public static void check(String id) {
    if (id != null && !RUN_ID.matcher(id).matches()) {
      throw new BadInput("--run-id " + id + ": expected letters, digits, '.', '_' or '-' "
          + "(at most 100, starting with a letter or digit)");
    }
  }

  /** Refuses an id the journal already holds. */
  public static void refuseExisting(JournalSession session, String id) {
    if (session.reader.exists(id)) {
      throw new BadInput("--run-id " + id + ": a run with this id is already in the journal "
          + session.db.describe() + "; choose another id");
    }
  }

  /** The local time as default ids carry it, e.g. 20261129-101500. */
  public static String timestamp() {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
  }

  /** A new id from a name and seed, e.g. executive-mandate-s42-20261129-101500, not yet in the journal. */
  public static String fresh(JournalReader reader, String name, long seed) {
    String stem = Slug.of(name, "-");
    if (stem.isEmpty()) stem = "run";
    String base = stem + "-s" + seed + "-" + timestamp();
    String id = base;
    for (int k = 2; reader.exists(id); k++) id = base + "-" + k;
    return id;
  }
}
