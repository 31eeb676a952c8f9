package org.uptake.sweep;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Props;
import akka.actor.typed.SpawnProtocol;
import akka.actor.typed.javadsl.AskPattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.uptake.BadInput;
import org.uptake.RuntimeSettings;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.RunIds;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.JournalFormat;
import org.uptake.run.Brake;
import org.uptake.scenario.ScenarioLoader;

/**
 * A sweep from its plan to its files: the runs still to do handed to {@link SweepJobs.Work} (here, on threads of
 * this process, or on a cluster's members), each recorded in the sweep's journal entity as soon as it is done, so a
 * kill loses only the runs in progress and `--resume` does only what is left.
 */
public final class SweepRun {
  private static final Duration ASK = RuntimeSettings.get().askTimeout();

  private SweepRun() {}

  /** A sweep ready to run: its start as recorded, the jobs still to do, and how many it has in all. */
  public record Plan(Sweep.SweepStarted started, List<SweepSpec.Job> left, int total, boolean resumed) {
    public String id() {
      return started.sweepId();
    }
  }

  /** Hears each run of the sweep recorded (from several threads at once). */
  @FunctionalInterface
  public interface Listener {
    void done(String runId);
  }

  /** How a sweep ended. */
  public sealed interface Outcome {}

  /** Every run done and recorded; the sweep's files are in {@code dir}. */
  public record Finished(SweepLog log, Path dir) implements Outcome {}

  /** Stopped by the brake: no run started after it, and the sweep can be resumed. */
  public record Stopped(int done) implements Outcome {}

  /** A run failed (after the others finished and were recorded): the sweep can be resumed. */
  public record Failed(String reason) implements Outcome {}

  /** A new sweep of {@code spec} (every grid point's scenario already checked), refused if its id is taken. */
  public static Plan begin(JournalSession session, String id, SweepSpec spec) {
    String base = ScenarioLoader.load(Path.of(spec.base())).resolved();
    Sweep.SweepStarted started = new Sweep.SweepStarted(id, spec, base, JournalFormat.version(), JournalFormat.FORMAT);
    List<SweepSpec.Job> jobs = spec.jobs(id);
    if (SweepLog.read(session.reader, id).isPresent()) {
      throw new BadInput("--sweep-id " + id + ": a sweep with this id is already in the journal "
          + session.db.describe() + "; `uptake sweep --resume " + id + "` continues it");
    }
    if (spec.journal() == SweepSpec.JournalMode.FULL) {
      for (SweepSpec.Job job : jobs) RunIds.refuseExisting(session, job.runId());
    }
    return new Plan(started, jobs, jobs.size(), false);
  }

  /** The sweep {@code id} as recorded, with the runs it has still to do; refused if its base scenario changed. */
  public static Plan resumed(JournalSession session, String id) {
    SweepLog log = SweepLog.read(session.reader, id).orElseThrow(() -> new BadInput(
        "no sweep '" + id + "' in the journal " + session.db.describe()));
    Sweep.SweepStarted started = log.started();
    List<SweepSpec.Job> jobs = started.spec().jobs(id);
    List<SweepSpec.Job> left = jobs.stream().filter(j -> !log.done(j)).toList();
    // Runs still to do need the base scenario as it was: a changed file would mix two scenarios in one sweep.
    if (!left.isEmpty()
        && !ScenarioLoader.load(Path.of(started.spec().base())).resolved().equals(started.baseScenario())) {
      throw new BadInput("sweep " + id + ": the base scenario " + started.spec().base() + " has changed since the "
          + "sweep started; restore it to continue the sweep, or start a new sweep");
    }
    return new Plan(started, left, jobs.size(), true);
  }

  /**
   * Runs the sweep on this machine, {@code parallel} runs at a time, each stopping between ticks when {@code brake}
   * or the journal disk's reserve ({@code minFreeDisk} MB) says so.
   */
  public static Outcome local(JournalSession session, Plan plan, int parallel, Brake brake, long minFreeDisk,
      int snapshotEvery, Path out, Listener listener) throws Exception {
    Brake runs = Brake.any(brake, DiskGuard.of(session.db, minFreeDisk)::shortage);
    boolean summary = plan.started().spec().journal() == SweepSpec.JournalMode.SUMMARY;
    try (SweepJobs jobs = summary ? SweepJobs.inMemory(runs, snapshotEvery)
        : new SweepJobs(session.system(), session.reader, session.db, false, runs, snapshotEvery)) {
      return run(session, plan, jobs::run, parallel, brake, out, listener);
    }
  }

  /**
   * Records the sweep's start, hands what is left to {@code work}, {@code parallel} at a time (no new run once
   * {@code brake} says stop), and writes the sweep's files under {@code out} when every run is done. The caller
   * holds the sweep's lease.
   */
  public static Outcome run(JournalSession session, Plan plan, SweepJobs.Work work, int parallel, Brake brake,
      Path out, Listener listener) throws Exception {
    String id = plan.id();
    ActorRef<Sweep.Command> record = AskPattern.<SpawnProtocol.Command, ActorRef<Sweep.Command>>ask(session.system(),
        r -> new SpawnProtocol.Spawn<>(Sweep.create(id), "sweep-" + id, Props.empty(), r), ASK,
        session.system().scheduler()).toCompletableFuture().get();
    AskPattern.<Sweep.Command, Done>ask(record, r -> new Sweep.Start(plan.started(), r), ASK,
        session.system().scheduler()).toCompletableFuture().get();
    ExecutorService pool = SweepJobs.threads(parallel, "sweep-run");
    Exception first = null;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (SweepSpec.Job job : plan.left()) {
        futures.add(pool.submit(() -> {
          if (brake.reason().isPresent()) return null;
          Measures measures = work.run(plan.started(), job);
          Sweep.RunCompleted done = new Sweep.RunCompleted(job.point().number(), job.point().values(), job.seed(),
              job.runId(), measures.metrics(), measures.horizon(), measures.series());
          AskPattern.<Sweep.Command, Done>ask(record, r -> new Sweep.Record(done, r), ASK, session.system().scheduler())
              .toCompletableFuture().get();
          listener.done(job.runId());
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) first = (Exception) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
    }
    SweepLog log = SweepLog.read(session.reader, id).orElseThrow();
    if (brake.reason().isPresent()) return new Stopped(log.runs().size());
    if (first instanceof SweepJobs.RunFailure f) return new Failed(f.getMessage());
    if (first != null) throw first;
    return new Finished(log, SweepOutputs.write(log, out));
  }
}
