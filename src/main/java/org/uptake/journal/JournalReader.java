package org.uptake.journal;

import akka.actor.typed.ActorSystem;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.typed.PersistenceId;
import akka.stream.javadsl.Sink;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.run.RunClock;

/** Reads runs back from the journal through Akka Persistence Query (the JDBC read journal). */
public final class JournalReader {
  private static final Duration TIMEOUT = Duration.ofMinutes(10);
  private final ActorSystem<?> system;
  private final JdbcReadJournal journal;

  public JournalReader(ActorSystem<?> system) {
    this.system = system;
    this.journal = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class,
        JdbcReadJournal.Identifier());
  }

  /** Ids of every run in the journal, sorted. */
  public List<String> runIds() {
    List<String> ids = new ArrayList<>();
    for (String pid : await(journal.currentPersistenceIds().runWith(Sink.seq(), system))) {
      if (pid.startsWith("Run|")) ids.add(pid.substring(4));
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
    List<EventEnvelope> clock = events(RunClock.persistenceId(runId), Long.MAX_VALUE);
    if (clock.isEmpty()) return Optional.empty();
    if (!(clock.get(0).event() instanceof RunClock.RunStarted started)) {
      throw new DamagedRun(runId, "its first event is a " + clock.get(0).event().getClass().getSimpleName()
          + ", not the run's start");
    }
    if (everything) JournalFormat.check("run", runId, started.version(), started.format());
    RunValidation validation = new RunValidation(started);
    validation.clock(clock);
    List<RunClock.TickCompleted> ticks = new ArrayList<>();
    boolean finished = false;
    String failure = null;
    for (EventEnvelope e : clock) {
      if (e.event() instanceof RunClock.TickCompleted t) ticks.add(t);
      if (e.event() instanceof RunClock.RunFinished) finished = true;
      if (e.event() instanceof RunClock.RunFailed f) failure = f.reason();
    }
    Map<String, List<Department.Event>> departments = new LinkedHashMap<>();
    Map<String, List<Executive.Event>> executives = new LinkedHashMap<>();
    if (everything) {
      // One entity at a time: concurrent streaming queries can exhaust Slick 3.3's executor (a hang or
      // "count cannot be increased" was seen here), and reading is not where the time goes.
      for (String d : started.departments()) {
        try {
          departments.put(d, validation.department(d, events(Department.persistenceId(runId, d), Long.MAX_VALUE)));
        } catch (DamagedRun e) {
          validation.problem(e.problem());
        }
      }
      validation.rostersComplete();
      for (String r : started.executives()) {
        try {
          executives.put(r, validation.executive(r, events(Executive.persistenceId(runId, r), Long.MAX_VALUE)));
        } catch (DamagedRun e) {
          validation.problem(e.problem());
        }
      }
    }
    if (!validation.problems().isEmpty()) throw new DamagedRun(runId, String.join("; ", validation.problems()));
    RunLog log = new RunLog(started, ticks, finished, failure, departments, executives, clock.get(0).timestamp());
    if (everything && log.isBranch()) {
      RunLog parent;
      try {
        parent = read(started.parentRun(), true).orElseThrow(() -> new DamagedRun(runId, "it is a branch of "
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
    for (String pid : await(journal.currentPersistenceIds().runWith(Sink.seq(), system))) {
      if (pid.equals("Run|" + runId) || pid.startsWith("Department|" + runId + "|")
          || pid.startsWith("Executive|" + runId + "|")) {
        ids.add(PersistenceId.ofUniqueId(pid));
      }
    }
    return ids;
  }

  /** The raw envelopes of one entity, in sequence order. */
  public List<EventEnvelope> events(PersistenceId pid, long max) {
    try {
      return await(journal.currentEventsByPersistenceId(pid.id(), 0L, max).runWith(Sink.seq(), system));
    } catch (JournalException e) {
      Throwable root = e;
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SQLException) throw e;
        root = t;
      }
      if (e.getCause() == null || root instanceof InterruptedException || root instanceof TimeoutException) throw e;
      // The database answered, but a payload did not decode: this run is damaged, not the journal.
      String[] parts = pid.id().split("\\|", 3);
      String entity = parts.length == 3 ? parts[0].toLowerCase(java.util.Locale.ROOT) + " " + parts[2] : "clock";
      throw new DamagedRun(parts.length > 1 ? parts[1] : pid.id(), "an event of its " + entity
          + " cannot be decoded (" + root.getClass().getSimpleName() + ")", e);
    }
  }

  private static <T> T await(CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JournalException("interrupted while reading the journal", e);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new JournalException("cannot read the journal: " + cause.getMessage(), cause);
    }
  }
}
