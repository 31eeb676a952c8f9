package org.uptake.sweep;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.uptake.CborSerializable;
import org.uptake.RuntimeSettings;
import org.uptake.journal.Deletion;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.Lease;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.Series;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.Brake;
import org.uptake.run.Placement;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.run.Simulation;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/**
 * Runs one job of a sweep to its metrics, whether on this machine ({@code uptake sweep}) or on a cluster
 * member ({@code uptake node}). A job already in the journal is never redone: a finished run is only read,
 * a run cut short is resumed in place, so the journal holds one whole run identical to one that never stopped.
 */
public final class SweepJobs implements AutoCloseable {
  /** Runs one job of a sweep to its measures, here or on another member. */
  @FunctionalInterface
  public interface Work {
    Measures run(Sweep.SweepStarted started, SweepSpec.Job job) throws Exception;
  }

  /**
   * A run of a fit's or an optimisation's candidate: the scenario {@code base} (whose text, resolved, is
   * {@code baseScenario}) with {@code overrides}, run afresh as {@code runId} on a throwaway journal, and measured
   * by {@code metrics} and {@code series} as a sweep's runs are.
   */
  public record Candidate(String runId, String base, String baseScenario, List<String> overrides, String version,
      List<String> metrics, List<String> series) implements CborSerializable {}

  /** Runs candidates to their measures, here ({@link #measure}) or on the worker members of a cluster. */
  @FunctionalInterface
  public interface CandidateWork {
    Measures run(Candidate candidate) throws Exception;
  }

  /** A fit's or an optimisation's search, its candidates' runs done by the work it is given. */
  @FunctionalInterface
  public interface Search<O> {
    O run(CandidateWork work) throws Exception;
  }

  /**
   * {@code search} with its candidates run here, each afresh on a throwaway in-memory journal, none started once
   * {@code brake} or the reserve of {@code minFreeDisk} MB on the disk of the journal {@code db} says stop.
   */
  public static <O> O locally(JournalSettings db, Brake brake, long minFreeDisk, Search<O> search) throws Exception {
    Brake runs = Brake.any(brake, DiskGuard.of(db, minFreeDisk)::shortage);
    try (SweepJobs jobs = inMemory(runs, RuntimeSettings.get().snapshotEvery())) {
      return search.run(jobs::measure);
    }
  }

  private final ActorSystem<SpawnProtocol.Command> system;
  private final JournalReader reader;
  private final JournalSettings db;
  private final boolean throwaway;
  private final Brake brake;
  private final int snapshotEvery;
  /**
   * Reads of the journal go one at a time: concurrent streaming queries can exhaust Slick 3.3's executor
   * (see JournalReader). Runs still write concurrently.
   */
  private final Object readLock = new Object();

  /**
   * Jobs whose runs go into {@code system}'s journal {@code db}, read by {@code reader}; a {@code throwaway}
   * journal (the in-memory one of sweeps with journal = summary) loses each run once it is measured.
   */
  public SweepJobs(ActorSystem<SpawnProtocol.Command> system, JournalReader reader, JournalSettings db,
      boolean throwaway, Brake brake, int snapshotEvery) {
    this.system = system;
    this.db = db;
    this.reader = reader;
    this.throwaway = throwaway;
    this.brake = brake;
    this.snapshotEvery = snapshotEvery;
  }

  /**
   * Jobs for sweeps with journal = summary: their runs go to a throwaway in-memory journal of their own (only the
   * sweep's record goes to the real one), each run lost once it is measured. Closing them stops its actor system
   * and the database.
   */
  public static SweepJobs inMemory(Brake brake, int snapshotEvery) {
    JournalSettings memory = JournalSettings.of("jdbc:h2:mem:uptake-sweep-" + UUID.randomUUID());
    ActorSystem<SpawnProtocol.Command> system = Simulation.system(JournalSchema.ensure(memory).akkaConfig(),
        ConfigFactory.empty());
    return new SweepJobs(system, new JournalReader(memory), memory, true, brake, snapshotEvery);
  }

  /** Stops the in-memory journal of {@link #inMemory} jobs; jobs on a session's journal leave it to the session. */
  @Override
  public void close() throws InterruptedException, ExecutionException {
    if (!throwaway) return;
    Simulation.terminate(system);
    // The in-memory database outlives its connections (DB_CLOSE_DELAY=-1) until it is shut down.
    try (Connection c = JournalSchema.connect(db); Statement st = c.createStatement()) {
      st.execute("SHUTDOWN");
    } catch (SQLException e) {
      // Nothing of the sweep is in it any more; a database that will not shut down only holds memory.
    }
  }

  /** A pool of {@code n} daemon threads for jobs: a killed sweep or node must not wait for them to end. */
  public static ExecutorService threads(int n, String name) {
    return Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The results of {@code futures}, in order, once every one is done: a failed one does not leave the others
   * running behind the caller's back. The first failure is thrown after all have ended.
   */
  public static <T> List<T> all(List<java.util.concurrent.Future<T>> futures) throws Exception {
    List<T> out = new ArrayList<>();
    Exception first = null;
    for (java.util.concurrent.Future<T> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        if (first == null) first = (Exception) e.getCause();
      }
    }
    if (first != null) throw first;
    return out;
  }

  /** A run of the sweep that failed; the others go on, and the sweep can be resumed. */
  public static final class RunFailure extends Exception {
    public RunFailure(String message) {
      super(message);
    }
  }

  /** Runs (or resumes, or only reads) {@code job} of {@code started}; its measures in the sweep's order. */
  public Measures run(Sweep.SweepStarted started, SweepSpec.Job job) throws Exception {
    // One writer a run: a member that took over a crashed member's run waits for its lease to go stale.
    try (Lease lease = Lease.acquire(db, Lease.run(job.runId()),
        RuntimeSettings.get().leaseTakeover())) {
      return runHeld(started, job);
    }
  }

  private Measures runHeld(Sweep.SweepStarted started, SweepSpec.Job job) throws Exception {
    SweepSpec s = started.spec();
    List<String> overrides = s.overrides(job.point(), job.seed());
    Optional<RunLog> before;
    synchronized (readLock) {
      before = reader.header(job.runId());
    }
    RunPlan plan = null; // stays null for a run that finished before the process died and the sweep recorded it
    if (before.isPresent() && !before.get().finished()) {
      RunLog partial;
      synchronized (readLock) {
        partial = reader.read(job.runId()).orElseThrow();
      }
      if (Recorded.formed(partial)) {
        plan = Recorded.resume(partial, snapshotEvery);
      } else {
        // Stopped while its departments were recording their people: no tick was run; start it afresh.
        Deletion.delete(db, JournalReader.entities(partial.started()));
        before = Optional.empty();
      }
    }
    if (before.isEmpty()) {
      Scenario scenario = ScenarioLoader.load(Path.of(s.base()), overrides);
      plan = new RunPlan(job.runId(), scenario, OrganisationBuilder.build(scenario), s.base(), overrides,
          started.version(), snapshotEvery);
    }
    if (plan != null) play(plan);
    RunLog log;
    synchronized (readLock) {
      log = reader.read(job.runId()).orElseThrow();
    }
    if (throwaway) Deletion.delete(db, JournalReader.entities(log.started()));
    return measures(RunProjection.project(log), s.metrics(), s.series());
  }

  /** The run's {@code metrics} and {@code series}, its horizon and headcount. */
  private static Measures measures(RunProjection.Result projection, List<String> metrics, List<String> names) {
    RunSummary summary = RunSummary.of(projection);
    List<Double> values = new ArrayList<>();
    for (String m : metrics) values.add(HeadlineMetric.named(m).orElseThrow().value(summary));
    List<List<Double>> series = new ArrayList<>();
    for (String name : names) series.add(projection.rows().stream().map(row -> Series.value(row, name)).toList());
    return new Measures(Collections.unmodifiableList(values), summary.scheduledTicks(), List.copyOf(series),
        projection.people());
  }

  /**
   * Runs {@code candidate} afresh and measures it; refused if this machine's copy of its base scenario is not the
   * one the fit or optimisation started with (a cluster member's copy may differ).
   */
  public Measures measure(Candidate candidate) throws Exception {
    if (!ScenarioLoader.load(Path.of(candidate.base())).resolved().equals(candidate.baseScenario())) {
      throw new RunFailure("the base scenario " + candidate.base() + " here (" + Path.of("").toAbsolutePath()
          + ") differs from the one the search started with; give every member the same file");
    }
    return measures(project(candidate.runId(), candidate.base(), candidate.overrides(), candidate.version()),
        candidate.metrics(), candidate.series());
  }

  /**
   * Runs the scenario {@code base} with {@code overrides} afresh as {@code runId} and returns its projection; on a
   * throwaway journal the run is then lost.
   */
  public RunProjection.Result project(String runId, String base, List<String> overrides, String version)
      throws Exception {
    try (Lease lease = Lease.acquire(db, Lease.run(runId), RuntimeSettings.get().leaseTakeover())) {
      Scenario scenario = ScenarioLoader.load(Path.of(base), overrides);
      play(new RunPlan(runId, scenario, OrganisationBuilder.build(scenario), base, overrides, version,
          snapshotEvery));
      RunLog log;
      synchronized (readLock) {
        log = reader.read(runId).orElseThrow();
      }
      if (throwaway) Deletion.delete(db, JournalReader.entities(log.started()));
      return RunProjection.project(log);
    }
  }

  private void play(RunPlan plan) throws Exception {
    RunClock.Progress outcome = Simulation.run(system, plan, t -> { }, brake, Placement.LOCAL)
        .toCompletableFuture().get();
    String id = plan.runId();
    if (outcome instanceof RunClock.Failed f) throw new RunFailure("run " + id + " failed: " + f.reason());
    if (outcome instanceof RunClock.Refused r) throw new RunFailure("run " + id + " refused: " + r.reason());
    if (outcome instanceof RunClock.Stopped st) throw new RunFailure("run " + id + " " + st.reason());
  }
}
