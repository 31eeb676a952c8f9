package org.uptake.cli;

import akka.persistence.typed.PersistenceId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.Lease;
import org.uptake.journal.RunLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rm", mixinStandardHelpOptions = true,
    description = "Deletes a run's events, tags and snapshots from the journal (asks first unless --yes). A run "
        + "with branches cannot be removed before its branches.")
final class RmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal)) {
      if (session.db.readOnly()) {
        throw new Errors.UsageException("the journal " + session.db.describe() + " cannot be written; nothing removed");
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
          throw new Errors.UsageException("run " + other + " is a branch of " + runId + " and needs its history; "
              + "remove " + other + " first");
        }
      }
      List<PersistenceId> entities = session.reader.storedEntities(runId);
      if (!yes && !confirm()) {
        spec.commandLine().getOut().println("Nothing removed.");
        return 0;
      }
      int removed;
      // Holding the run's lease while deleting: no resume can start writing it meanwhile.
      try (Lease lease = Lease.acquire(session.db, Lease.run(runId))) {
        removed = delete(session.db, entities);
      } catch (Lease.Held e) {
        throw new Errors.UsageException("run " + runId + " is running (being written by " + e.holder().describe()
            + "); nothing removed: stop it first");
      }
      spec.commandLine().getOut().printf("Removed run %s: %d events.%n", runId, removed);
      return 0;
    }
  }

  private boolean confirm() throws java.io.IOException {
    if (System.console() == null) {
      throw new Errors.UsageException("rm " + runId + ": not asking without a terminal; add --yes to remove it");
    }
    spec.commandLine().getOut().printf("Remove run %s and all its events from the journal? [y/N] ", runId);
    spec.commandLine().getOut().flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.trim().equalsIgnoreCase("y");
  }

  /** Plain SQL in one transaction; tags go with their events (ON DELETE CASCADE in the shipped DDL). */
  static int delete(JournalSettings db, List<PersistenceId> entities) throws java.sql.SQLException {
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
