package org.uptake.journal;

import akka.persistence.query.EventEnvelope;
import akka.persistence.typed.PersistenceId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.run.RunClock;

/**
 * Reads runs back from the journal, with plain JDBC ({@link JournalRows}): no actor system is needed to read, and
 * each read opens a connection of its own, so readers on several threads never share one.
 */
public final class JournalReader {
  private final JournalSettings db;

  public JournalReader(JournalSettings db) {
    this.db = db;
  }

  /** A reader on the journal an actor system writes to. */
  public JournalReader(akka.actor.typed.ActorSystem<?> system) {
    this(JournalSettings.configuredIn(system.settings().config()));
  }

  /** Ids of every run in the journal, sorted. */
  public List<String> runIds() {
    return ids("Run|");
  }

  /** Ids of every entity of one kind ({@code "Fit|"}: every fit), sorted. */
  public List<String> ids(String kind) {
    List<String> ids = new ArrayList<>();
    for (String pid : persistenceIds()) {
      if (pid.startsWith(kind)) ids.add(pid.substring(kind.length()));
    }
    ids.sort(null);
    return ids;
  }

  public boolean exists(String runId) {
    return !events(RunClock.persistenceId(runId), 1).isEmpty();
  }

  /** A run's clock events only: cheap, for listings. */
  public Optional<RunLog> header(String runId) {
    return read(runId, false);
  }

  public Optional<RunLog> read(String runId) {
    return read(runId, true);
  }

  /**
   * @throws DamagedRun if the run's events are not those of one run ({@link RunValidation}), naming every problem
   */
  private Optional<RunLog> read(String runId, boolean everything) {
    try (Connection c = JournalSchema.connect(db)) {
      return read(c, runId, everything);
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  /** A run as a listing shows it: its clock's events read back, or a null {@code log} for a damaged run. */
  public record Listed(String runId, RunLog log) {}

  /**
   * What {@link #header} gives, for every run at once, in one query of every run's clock events (a listing of a
   * hundred runs would otherwise make a hundred), in {@link #runIds} order.
   */
  public List<Listed> headers() {
    JournalRows.Batch batch;
    try (Connection c = JournalSchema.connect(db)) {
      batch = JournalRows.eventsByPrefix(c, db, "Run|");
    } catch (SQLException e) {
      throw unreadable(e);
    }
    List<Listed> out = new ArrayList<>();
    for (Map.Entry<String, List<EventEnvelope>> e : batch.events().entrySet()) {
      String runId = e.getKey().substring(4);
      RunLog log = null;
      if (!batch.undecodable().contains(e.getKey())) {
        try {
          log = header(runId, e.getValue());
        } catch (DamagedRun damaged) {
          // Listed as damaged; `uptake check` says why.
        }
      }
      out.add(new Listed(runId, log));
    }
    return out;
  }

  /** A run's header from its clock's events, checked as {@link #read} checks them. */
  private static RunLog header(String runId, List<EventEnvelope> clock) {
    RunClock.RunStarted started = started(runId, clock);
    RunValidation validation = new RunValidation(started);
    validation.clock(clock);
    if (!validation.problems().isEmpty()) throw new DamagedRun(runId, String.join("; ", validation.problems()));
    return clockLog(started, clock, new LinkedHashMap<>(), new LinkedHashMap<>());
  }

  private static RunClock.RunStarted started(String runId, List<EventEnvelope> clock) {
    if (!(clock.get(0).event() instanceof RunClock.RunStarted started)) {
      throw new DamagedRun(runId, "its first event is a " + clock.get(0).event().getClass().getSimpleName()
          + ", not the run's start");
    }
    return started;
  }

  private static RunLog clockLog(RunClock.RunStarted started, List<EventEnvelope> clock,
      Map<String, List<Department.Event>> departments, Map<String, List<Executive.Event>> executives) {
    List<RunClock.TickCompleted> ticks = new ArrayList<>();
    boolean finished = false;
    String failure = null;
    for (EventEnvelope e : clock) {
      if (e.event() instanceof RunClock.TickCompleted t) ticks.add(t);
      if (e.event() instanceof RunClock.RunFinished) finished = true;
      if (e.event() instanceof RunClock.RunFailed f) failure = f.reason();
    }
    return new RunLog(started, ticks, finished, failure, departments, executives, clock.get(0).timestamp());
  }

  private Optional<RunLog> read(Connection c, String runId, boolean everything) throws SQLException {
    List<EventEnvelope> clock = events(c, RunClock.persistenceId(runId), Long.MAX_VALUE);
    if (clock.isEmpty()) return Optional.empty();
    if (!everything) return Optional.of(header(runId, clock));
    RunClock.RunStarted started = started(runId, clock);
    JournalFormat.check("run", runId, started.version(), started.format());
    RunValidation validation = new RunValidation(started);
    validation.clock(clock);
    Map<String, List<Department.Event>> departments = new LinkedHashMap<>();
    Map<String, List<Executive.Event>> executives = new LinkedHashMap<>();
    for (String d : started.departments()) {
      try {
        departments.put(d, validation.department(d, events(c, Department.persistenceId(runId, d), Long.MAX_VALUE)));
      } catch (DamagedRun e) {
        validation.problem(e.problem());
      }
    }
    validation.rostersComplete();
    for (String r : started.executives()) {
      try {
        executives.put(r, validation.executive(r, events(c, Executive.persistenceId(runId, r), Long.MAX_VALUE)));
      } catch (DamagedRun e) {
        validation.problem(e.problem());
      }
    }
    if (!validation.problems().isEmpty()) throw new DamagedRun(runId, String.join("; ", validation.problems()));
    RunLog log = clockLog(started, clock, departments, executives);
    if (log.isBranch()) {
      RunLog parent;
      try {
        parent = read(c, started.parentRun(), true).orElseThrow(() -> new DamagedRun(runId, "it is a branch of "
            + started.parentRun() + ", which is no longer in the journal"));
      } catch (DamagedRun e) {
        if (e.runId().equals(runId)) throw e;
        throw new DamagedRun(runId, "it is a branch of " + started.parentRun() + ", which is damaged", e);
      }
      return Optional.of(log.afterParent(parent));
    }
    return Optional.of(log);
  }

  /** Persistence ids of every entity of a run, clock first, in scenario order. */
  public static List<PersistenceId> entities(RunClock.RunStarted started) {
    List<PersistenceId> ids = new ArrayList<>();
    ids.add(RunClock.persistenceId(started.runId()));
    started.departments().forEach(d -> ids.add(Department.persistenceId(started.runId(), d)));
    started.executives().forEach(e -> ids.add(Executive.persistenceId(started.runId(), e)));
    return ids;
  }

  /**
   * Persistence ids of every entity the journal holds for a run, whether or not its start can be read: what
   * removing a damaged run must remove.
   */
  public List<PersistenceId> storedEntities(String runId) {
    List<PersistenceId> ids = new ArrayList<>();
    for (String pid : persistenceIds()) {
      if (pid.equals("Run|" + runId) || pid.startsWith("Department|" + runId + "|")
          || pid.startsWith("Executive|" + runId + "|")) {
        ids.add(PersistenceId.ofUniqueId(pid));
      }
    }
    return ids;
  }

  /** The raw envelopes of one entity, in sequence order. */
  public List<EventEnvelope> events(PersistenceId pid, long max) {
    try (Connection c = JournalSchema.connect(db)) {
      return events(c, pid, max);
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  private List<EventEnvelope> events(Connection c, PersistenceId pid, long max) throws SQLException {
    try {
      return JournalRows.events(c, db, pid.id(), max);
    } catch (JournalRows.Undecodable e) {
      // The database answered, but a payload did not decode: this run is damaged, not the journal.
      Throwable root = e;
      while (root.getCause() != null) root = root.getCause();
      String[] parts = pid.id().split("\\|", 3);
      String entity = parts.length == 3 ? parts[0].toLowerCase(java.util.Locale.ROOT) + " " + parts[2] : "clock";
      throw new DamagedRun(parts.length > 1 ? parts[1] : pid.id(), "an event of its " + entity
          + " cannot be decoded (" + root.getClass().getSimpleName() + ")", e);
    }
  }

  private List<String> persistenceIds() {
    try (Connection c = JournalSchema.connect(db)) {
      return JournalRows.persistenceIds(c, db);
    } catch (SQLException e) {
      throw unreadable(e);
    }
  }

  private JournalException unreadable(SQLException e) {
    return new JournalException("cannot read the journal " + db.describe() + ": " + e.getMessage(), e);
  }
}
