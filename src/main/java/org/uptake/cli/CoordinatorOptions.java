package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import java.io.PrintWriter;
import akka.serialization.SerializationExtension;
import java.time.Duration;
import java.util.Locale;
import org.uptake.cluster.ClusterConfig;
import org.uptake.model.RuleSpec;
import org.uptake.organisation.Department;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.Roster;
import org.uptake.run.Placement;
import org.uptake.scenario.Scenario;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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
   * The roster of the department with the most people and ties (what a roster's size grows with) is
   * serialized as it would be sent; if that one fits, they all do.
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
        .serialize(new Department.Form(roster, -1, null, RuleSpec.of(scenario), null, null)).get().length;
    if (bytes > ClusterConfig.LARGE_MESSAGE_BYTES * 0.95) {
      throw new Errors.UsageException(String.format(Locale.ROOT, "--cluster: department %s (%d people) is too "
          + "large to send to a cluster member: its roster takes %.1f MB, and a message may take at most %d MB; "
          + "split it into smaller departments, or run it on one machine (without --cluster)", roster.department(),
          roster.members().size(), bytes / 1e6, ClusterConfig.LARGE_MESSAGE_BYTES >> 20));
    }
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
    checkFits(system, scenario, org);
    if (!awaitWorkers(system, err, ifNot)) return null;
    ClusterSharding sharding = ClusterSharding.get(system);
    sharding.init(Entity.of(Department.KEY, ctx -> Behaviors.<Department.Command>empty())
        .withRole(ClusterConfig.WORKER));
    return new Placement.Sharded(sharding);
  }
}
