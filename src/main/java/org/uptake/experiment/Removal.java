package org.uptake.experiment;

import akka.persistence.typed.PersistenceId;
import java.sql.SQLException;
import java.util.List;
import org.uptake.BadInput;
import org.uptake.journal.Deletion;
import org.uptake.journal.Lease;
import org.uptake.journal.RunLog;

/** Removing a run from the journal: only one nothing depends on, and never while it is being written. */
public final class Removal {
  private final JournalSession session;
  private final String runId;
  private final List<PersistenceId> entities;

  private Removal(JournalSession session, String runId, List<PersistenceId> entities) {
    this.session = session;
    this.runId = runId;
    this.entities = entities;
  }

  /** A removal of {@code runId}, checked: the journal can be written, the run exists and no branch needs it. */
  public static Removal of(JournalSession session, String runId) {
    if (session.db.readOnly()) {
      throw new BadInput("the journal " + session.db.describe() + " cannot be written; nothing removed");
    }
    if (!session.reader.runIds().contains(runId)) session.header(runId);
    for (String other : session.reader.runIds()) {
      RunLog o;
      try {
        o = session.header(other);
      } catch (RuntimeException e) {
        continue; // a damaged run cannot be read, so it depends on nothing we know of
      }
      if (runId.equals(o.started().parentRun())) {
        throw new BadInput("run " + other + " is a branch of " + runId + " and needs its history; remove " + other
            + " first");
      }
    }
    return new Removal(session, runId, session.reader.storedEntities(runId));
  }

  /** Removes the run and returns how many events went; refused if somebody is writing it. */
  public int remove() throws SQLException {
    // Holding the run's lease while deleting: no resume can start writing it meanwhile.
    try (Lease lease = Lease.acquire(session.db, Lease.run(runId))) {
      return Deletion.delete(session.db, entities);
    } catch (Lease.Held e) {
      throw new BadInput("run " + runId + " is running (being written by " + e.holder().describe()
          + "); nothing removed: stop it first");
    }
  }
}
