package org.uptake.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.japi.function.Function;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.serialization.SerializationExtension;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.uptake.BadInput;
import org.uptake.RuntimeSettings;
import org.uptake.organisation.Department;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.Roster;
import org.uptake.run.Placement;
import org.uptake.run.Roles;
import org.uptake.scenario.Scenario;
import org.uptake.sweep.Measures;
import org.uptake.sweep.SweepJobs;

/**
 * Every sharded entity of Uptake is wired here: the departments of runs spread over the cluster and the runs of
 * sweeps, fits and optimisations, hosted by worker members and reached through a proxy by the process that
 * coordinates.
 */
public final class Sharding {
  private static final Duration ASK = RuntimeSettings.get().askTimeout();

  private Sharding() {}

  /**
   * A worker member: it hosts departments of runs spread over the cluster (snapshotting every {@code snapshotEvery}
   * events), whole runs of sweeps, done by {@code work}, and the candidates' runs of fits and optimisations, done by
   * {@code candidates}, on {@code pool}.
   */
  public static void hostWork(ActorSystem<?> system, int snapshotEvery, SweepJobs.Work work,
      SweepJobs.CandidateWork candidates, Executor pool) {
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(Department.KEY, ctx -> Department.entity(ctx.getEntityId(), snapshotEvery))
        .withRole(Roles.WORKER));
    sharding.init(Entity.of(SweepWorker.KEY, ctx -> SweepWorker.create(work, candidates, pool))
        .withRole(Roles.WORKER));
  }

  /**
   * Where a run's departments go when spread over the workers: their entities, reached through this process's
   * proxy (it hosts none). A run with a department too large to send to a member in one message is refused.
   */
  public static Placement departments(ActorSystem<?> system, Scenario scenario, Organisation org) {
    checkFits(system, scenario, org);
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(Department.KEY, ctx -> Behaviors.<Department.Command>empty()).withRole(Roles.WORKER));
    return new Placement.Sharded(sharding);
  }

  /**
   * Sweep runs done by the workers: each job is asked of its entity (one per run id). An ask that times out is
   * asked again: it reaches the same entity, still running or done, or, if its member was removed meanwhile, a new
   * one that resumes the run from the journal.
   */
  public static SweepJobs.Work sweepRuns(ActorSystem<?> system) {
    ClusterSharding sharding = workers(system);
    return (started, job) -> ask(system, sharding, job.runId(), reply -> new SweepWorker.Execute(started, job, reply));
  }

  /** The runs of fits' and optimisations' candidates done by the workers, asked as {@link #sweepRuns} asks. */
  public static SweepJobs.CandidateWork candidateRuns(ActorSystem<?> system) {
    ClusterSharding sharding = workers(system);
    return candidate -> ask(system, sharding, candidate.runId(), reply -> new SweepWorker.Measure(candidate, reply));
  }

  /** The proxy to the workers' run entities (this process hosts none). */
  private static ClusterSharding workers(ActorSystem<?> system) {
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(SweepWorker.KEY, ctx -> Behaviors.<SweepWorker.Command>empty()).withRole(Roles.WORKER));
    return sharding;
  }

  private static Measures ask(ActorSystem<?> system, ClusterSharding sharding, String runId,
      Function<ActorRef<SweepWorker.Result>, SweepWorker.Command> message) throws Exception {
    while (true) {
      try {
        SweepWorker.Result r = sharding.entityRefFor(SweepWorker.KEY, runId).ask(message, ASK)
            .toCompletableFuture().get();
        if (r.failure() != null) throw new SweepJobs.RunFailure("run " + runId + " failed: " + r.failure());
        return r.measures();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TimeoutException)) throw e;
        if (!Roles.awaitWorkers(system, 1, RuntimeSettings.get().workerWait())) {
          throw new SweepJobs.RunFailure("run " + runId + ": no worker member has been up for a minute");
        }
      }
    }
  }

  /**
   * The roster of the department with the most people and ties (what a roster's size grows with) is serialized as
   * it would be sent; if that one fits, they all do.
   */
  private static void checkFits(ActorSystem<?> system, Scenario scenario, Organisation org) {
    int largest = 0;
    long largestSize = -1;
    for (int d = 0; d < org.departments().size(); d++) {
      long size = 0;
      for (int id : org.departments().get(d).members()) size += 1 + org.ties()[id].length;
      if (size > largestSize) {
        largest = d;
        largestSize = size;
      }
    }
    Roster roster = Roster.of(org, largest);
    long bytes = SerializationExtension.get(system)
        .serialize(new Department.Form(roster, -1, null, scenario.ruleSpec(), null, null)).get().length;
    if (bytes > ClusterConfig.LARGE_MESSAGE_BYTES * 0.95) {
      throw new BadInput(String.format(Locale.ROOT, "--cluster: department %s (%d people) is too large to send to a "
          + "cluster member: its roster takes %.1f MB, and a message may take at most %d MB; split it into smaller "
          + "departments, or run it on one machine (without --cluster)", roster.department(),
          roster.members().size(), bytes / 1e6, ClusterConfig.LARGE_MESSAGE_BYTES >> 20));
    }
  }
}
