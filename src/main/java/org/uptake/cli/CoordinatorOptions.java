package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.uptake.RuntimeSettings;
import org.uptake.cluster.Sharding;
import org.uptake.experiment.JournalSession;
import org.uptake.organisation.Organisation;
import org.uptake.run.Placement;
import org.uptake.run.Roles;
import org.uptake.scenario.Scenario;
import org.uptake.sweep.SweepJobs;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * --cluster, for the commands that hand their work to the worker members of a cluster: run, resume, sweep, fit and
 * optimise.
 */
final class CoordinatorOptions {
  @Option(names = "--cluster", description = "Use the worker members (`uptake node`) of the Akka cluster reached "
      + "through --seed-nodes, all writing to the shared journal given by --db (PostgreSQL): `run` and `resume` "
      + "spread the run's departments over them; `sweep`, `fit` and `optimise` their runs. This process joins only to "
      + "coordinate.")
  boolean enabled;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "1",
      description = "With --cluster, wait (up to a minute) for this many worker members before starting "
          + "(default: ${DEFAULT-VALUE}).")
  int workers;

  @Mixin ClusterOptions member;

  /** A session on the journal: with --cluster, as a coordinating member of the cluster. */
  JournalSession session(JournalOptions journal) {
    if (workers < 1) throw new Errors.UsageException("--workers: expected a whole number >= 1");
    if (!enabled && member.seeds != null) {
      throw new Errors.UsageException("--seed-nodes: only with --cluster (which uses the members it names)");
    }
    return enabled ? new JournalSession(journal.settings(), member.config(Roles.COORDINATOR, 0))
        : JournalSession.open(journal.settings());
  }

  /** Waits for --workers worker members; if they do not come, says what to do and returns false. */
  boolean awaitWorkers(ActorSystem<?> system, PrintWriter err, String continueWith) throws InterruptedException {
    if (Roles.awaitWorkers(system, workers, RuntimeSettings.get().workerWait())) return true;
    err.println("uptake: fewer than " + workers + " worker member(s) joined the cluster at "
        + String.join(",", member.seeds) + " within a minute; start them with `uptake node --seed-nodes ... "
        + "--db ...`; " + continueWith);
    return false;
  }

  /**
   * A fit's or an optimisation's outcome: without --cluster, {@code local}'s; with it, {@code remote}'s with the
   * candidates' runs done by the worker members, once --workers of them are up. Null, after saying why and
   * {@code ifNot}, if they do not come.
   */
  <O> O search(ActorSystem<?> system, PrintWriter err, String ifNot, Callable<O> local,
      SweepJobs.Search<O> remote) throws Exception {
    if (!enabled) return local.call();
    SweepJobs.CandidateWork work = Sharding.candidateRuns(system);
    return awaitWorkers(system, err, ifNot) ? remote.run(work) : null;
  }

  /** Options that would be silently ignored with --cluster are refused instead. */
  void refuseLocalOnly(CommandSpec command) {
    if (command.commandLine().getParseResult().hasMatchedOption("--snapshot-every")) {
      throw new Errors.UsageException("--snapshot-every: not with --cluster, where the departments snapshot as "
          + "each member's `uptake node --snapshot-every` says");
    }
  }

  /**
   * Where a run's departments go: without --cluster, here; with it, the worker members' department entities,
   * reached through this process's sharding proxy (it is no worker itself), once --workers of them are up.
   * Null, after saying why and {@code ifNot}, if they do not come. A run with a department too large to send to
   * a member in one message is refused first (exit 2, before anything is recorded).
   */
  Placement placement(ActorSystem<?> system, Scenario scenario, Organisation org, PrintWriter err, String ifNot)
      throws InterruptedException {
    if (!enabled) return Placement.LOCAL;
    Placement placement = Sharding.departments(system, scenario, org);
    return awaitWorkers(system, err, ifNot) ? placement : null;
  }
}
