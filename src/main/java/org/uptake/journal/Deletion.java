package org.uptake.journal;

import akka.persistence.typed.PersistenceId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Deletes entities' events and snapshots: removing a run, or a run that never finished forming before it is run again. */
public final class Deletion {
  private Deletion() {}

  /** Plain SQL in one transaction; tags go with their events (ON DELETE CASCADE in the shipped DDL). */
  public static int delete(JournalSettings db, List<PersistenceId> entities) throws SQLException {
    boolean h2 = db.dialect() == JournalSettings.Dialect.H2;
    String journal = h2 ? "\"event_journal\"" : "event_journal";
    String snapshot = h2 ? "\"snapshot\"" : "snapshot";
    String pid = h2 ? "\"persistence_id\"" : "persistence_id";
    int removed = 0;
    try (Connection c = JournalSchema.connect(db)) {
      c.setAutoCommit(false);
      try (PreparedStatement events = c.prepareStatement("DELETE FROM " + journal + " WHERE " + pid + " = ?");
          PreparedStatement snaps = c.prepareStatement("DELETE FROM " + snapshot + " WHERE " + pid + " = ?")) {
        for (PersistenceId id : entities) {
          events.setString(1, id.id());
          removed += events.executeUpdate();
          snaps.setString(1, id.id());
          snaps.executeUpdate();
        }
      }
      c.commit();
    }
    return removed;
  }
}
