package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import java.io.PrintWriter;
import java.time.Duration;
import org.uptake.cluster.ClusterConfig;
import org.uptake.organisation.Department;
import org.uptake.run.Placement;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** --cluster, for the commands that hand their work to the worker members of a cluster: run, resume, sweep. */
final class CoordinatorOptions {
  @Option(names = "--cluster", description = "Use the worker members (`uptake node`) of the Akka cluster reached "
      + "through --seed-nodes, all writing to the shared journal given by --db (PostgreSQL): `run` and `resume` "
      + "spread the run's departments over them, `sweep` its runs. This process joins only to coordinate.")
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
    return enabled ? new JournalSession(journal, member.config(ClusterConfig.COORDINATOR, 0))
        : new JournalSession(journal);
  }

  /** Waits for --workers worker members; if they do not come, says what to do and returns false. */
  boolean awaitWorkers(ActorSystem<?> system, PrintWriter err, String continueWith) throws InterruptedException {
    if (ClusterOptions.awaitWorkers(system, workers, Duration.ofMinutes(1))) return true;
    err.println("uptake: fewer than " + workers + " worker member(s) joined the cluster at "
        + String.join(",", member.seeds) + " within a minute; start them with `uptake node --seed-nodes ... "
        + "--db ...`; " + continueWith);
    return false;
  }

  /**
   * Where a run's departments go: with --cluster, the worker members' department entities, reached through
   * this process's sharding proxy (it is no worker itself).
   */
  Placement placement(ActorSystem<?> system) {
    if (!enabled) return Placement.LOCAL;
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(Department.KEY, ctx -> Behaviors.<Department.Command>empty())
        .withRole(ClusterConfig.WORKER));
    return new Placement.Sharded(sharding);
  }
}
