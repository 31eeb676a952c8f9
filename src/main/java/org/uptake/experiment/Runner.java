package org.uptake.experiment;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.uptake.BadInput;
import org.uptake.RuntimeSettings;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.Lease;
import org.uptake.journal.RunLog;
import org.uptake.report.OutputFolder;
import org.uptake.report.Reports;
import org.uptake.report.RunOutputs;
import org.uptake.report.RunProjection;
import org.uptake.run.Brake;
import org.uptake.run.Placement;
import org.uptake.run.Roles;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.run.Simulation;

/**
 * Runs a plan (fresh, resumed or branched) to its end and writes its outputs from the journal, reading the run back
 * once: what `run`, `resume`, `branch` and `compare` do with each run, and what the workbench will.
 */
public final class Runner {
  /** A run over a cluster that keeps losing departments (one failing on every member, say) stops trying. */
  private static final int MAX_RESUMES = 10;

  private Runner() {}

  /**
   * Where outputs go, whether to draw the report, the journal disk's reserve in MB (0: no guard), and where the
   * departments live.
   */
  public record Settings(Path out, boolean report, long minFreeDisk, Placement placement) {}

  /** What a run's caller hears as it goes: where its departments went, each tick, a resume after a member left. */
  public interface Listener {
    default void placed(RunClock.Placed placed) {}

    default void tick(RunClock.TickDone tick) {}

    default void resuming(String reason) {}
  }

  /** How a run ended. */
  public sealed interface Result {}

  /**
   * Finished, with its projection (read from the journal once), the folder its outputs are in, and its report (or,
   * if drawing it failed, why: the run and its outputs stand).
   */
  public record Finished(RunLog log, RunProjection.Result projection, Path dir, Path report, String reportProblem)
      implements Result {}

  /** Stopped between ticks by the brake (Ctrl-C, the disk's reserve): resumable from the journal. */
  public record Stopped(String reason, int lastTick) implements Result {}

  /** Failed (a journal write, a member lost too often): resumable from the journal. */
  public record Failed(String reason) implements Result {}

  /**
   * Runs the plan, holding its lease while it is written, and on success writes its outputs. Refused (BadInput)
   * before anything is recorded: a folder that is not Uptake's, a disk below its reserve, a run somebody is writing,
   * an id already taken.
   */
  public static Result run(JournalSession session, RunPlan plan, Settings settings, Brake brake, Listener listener)
      throws InterruptedException, ExecutionException {
    OutputFolder.check(settings.out().resolve(plan.runId()));
    DiskGuard disk = DiskGuard.of(session.db, settings.minFreeDisk());
    disk.shortage().ifPresent(reason -> {
      throw new BadInput("run " + plan.runId() + " not started: " + reason);
    });
    RunClock.Progress outcome;
    try (Lease lease = Lease.acquire(session.db, Lease.run(plan.runId()))) {
      outcome = execute(session, plan, Brake.any(brake, disk::shortage), settings.placement(), listener);
    } catch (Lease.Held e) {
      // A new run whose id another process has just started is a run id taken, as if its first event were in.
      if (!plan.resuming()) {
        throw new BadInput("--run-id " + plan.runId() + ": a run with this id is already in the journal "
            + session.db.describe() + " (being written by " + e.holder().describe() + "); choose another id");
      }
      throw held(e);
    }
    if (outcome instanceof RunClock.Refused r) {
      throw new BadInput("--run-id " + plan.runId() + ": " + r.reason() + "; choose another id");
    }
    if (outcome instanceof RunClock.Stopped st) return new Stopped(st.reason(), st.lastTick());
    if (outcome instanceof RunClock.Failed f) return new Failed(f.reason());
    RunLog log = session.log(plan.runId());
    RunProjection.Result projection = RunProjection.project(log);
    Path dir = RunOutputs.write(projection, settings.out());
    Path report = null;
    String problem = null;
    if (settings.report()) {
      try {
        int last = projection.rows().get(projection.rows().size() - 1).tick();
        report = Reports.run(log, projection, dir, Reports.defaultTicks(last));
      } catch (RuntimeException e) {
        problem = e.getMessage();
      }
    }
    return new Finished(log, projection, dir, report, problem);
  }

  /** Lease {@code name} (a run's, a comparison's); one somebody else holds is refused. */
  public static Lease lease(JournalSession session, String name) {
    try {
      return Lease.acquire(session.db, name);
    } catch (Lease.Held e) {
      throw held(e);
    }
  }

  private static BadInput held(Lease.Held e) {
    return new BadInput(e.getMessage() + "; it has one writer at a time: wait for it to finish (`uptake runs` shows "
        + "runs running)");
  }

  /**
   * Runs the plan. Spread over a cluster, a run that loses a member is resumed from the journal on the members
   * left, up to {@link #MAX_RESUMES} times while any worker member is up.
   */
  private static RunClock.Progress execute(JournalSession session, RunPlan plan, Brake brake, Placement placement,
      Listener listener) throws InterruptedException, ExecutionException {
    Consumer<RunClock.Progress> onProgress = p -> {
      if (p instanceof RunClock.Placed placed) listener.placed(placed);
      else listener.tick((RunClock.TickDone) p);
    };
    RunClock.Progress outcome = Simulation.run(session.system(), plan, onProgress, brake, placement)
        .toCompletableFuture().get();
    for (int resumes = 1; outcome instanceof RunClock.Interrupted i; resumes++) {
      if (resumes > MAX_RESUMES) {
        return new RunClock.Failed(plan.runId(), i.reason() + ", for the " + resumes + "th time: given up");
      }
      if (!Roles.awaitWorkers(session.system(), 1, RuntimeSettings.get().workerWait())) {
        return new RunClock.Failed(plan.runId(), i.reason() + ", and no worker member has been up for a minute");
      }
      listener.resuming(i.reason());
      outcome = Simulation.run(session.system(), plan.resumed(), onProgress, brake, placement)
          .toCompletableFuture().get();
    }
    return outcome;
  }
}
