package org.uptake.cli;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.uptake.RuntimeSettings;
import org.uptake.cluster.Sharding;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.DiskGuard;
import org.uptake.run.Brake;
import org.uptake.run.Roles;
import org.uptake.scenario.ScenarioLoader;
import org.uptake.sweep.Sweep;
import org.uptake.sweep.SweepJobs;
import org.uptake.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "node", mixinStandardHelpOptions = true,
    description = {"Starts a cluster member that hosts departments of runs spread over the cluster (`uptake run "
        + "--cluster`) and runs sweep runs (`uptake sweep --cluster`), writing them to the shared journal "
        + "(PostgreSQL), and the candidates' runs of `uptake fit --cluster` and `uptake optimise --cluster`. Runs "
        + "until stopped (Ctrl-C or SIGTERM: it leaves the cluster and its runs "
        + "move to the other members; a member that crashes is removed after a few seconds and its runs resume "
        + "elsewhere from the journal). Every member needs the base scenario at the same path.",
        "Example: uptake node --port 2551 --seed-nodes 127.0.0.1:2551,127.0.0.1:2552 "
            + "--db jdbc:postgresql://127.0.0.1/uptake"})
final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JournalOptions journal;

  @Mixin ClusterOptions cluster;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Runs this member does at once (default: the number of processors).")
  Integer jobs;

  @Option(names = "--snapshot-every", paramLabel = "EVENTS",
      description = "Snapshot each department every this many events (default: 26, the "
            + "snapshot-every runtime setting).")
  Integer snapshotEvery;

  /** The option's value, or the runtime settings' (read only when a command needs them). */
  int snapshotEvery() {
    return snapshotEvery != null ? snapshotEvery : RuntimeSettings.get().snapshotEvery();
  }

  private SweepJobs summaryJobs;

  @Override
  public Integer call() throws Exception {
    int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    if (parallel < 1) throw new Errors.UsageException("--jobs: expected a whole number >= 1");
    if (snapshotEvery() < 1) throw new Errors.UsageException("--snapshot-every: expected a whole number >= 1");
    // A member the cluster has removed ends its process rather than lingering outside it.
    Config config = cluster.config(Roles.WORKER, 2551)
        .withFallback(ConfigFactory.parseString("akka.coordinated-shutdown.exit-jvm = on\n"
            + "akka.coordinated-shutdown.reason-overrides.\"akka.actor.CoordinatedShutdown$IncompatibleConfigurationDetectedReason$\".exit-code = 1"));
    ExecutorService pool = SweepJobs.threads(parallel, "node-run");
    JournalSession session = new JournalSession(journal.settings(), config);
    SweepJobs full = new SweepJobs(session.system(), session.reader, session.db, false,
        DiskGuard.of(session.db, 64)::shortage, snapshotEvery());
    // Departments of runs spread over the cluster (`uptake run --cluster`), whole runs of sweeps, and the runs of
    // fits' and optimisations' candidates (on the throwaway journal, as on one machine).
    Sharding.hostWork(session.system(), snapshotEvery(), (started, job) -> {
      checkBase(started);
      SweepJobs jobs = started.spec().journal() == SweepSpec.JournalMode.SUMMARY ? summaryJobs() : full;
      return jobs.run(started, job);
    }, candidate -> summaryJobs().measure(candidate), pool);
    PrintWriter out = spec.commandLine().getOut();
    var self = akka.cluster.typed.Cluster.get(session.system()).selfMember().address();
    out.println("uptake node: member " + self + " of the cluster at " + String.join(",", cluster.seeds)
        + ", journal " + session.db.describe() + ", up to " + parallel + " runs at a time. Ctrl-C leaves the cluster.");
    out.flush();
    // Refused at the door (SameJournal), the member is shut down and its JVM exits: say why on the way out.
    java.util.concurrent.atomic.AtomicBoolean joined = new java.util.concurrent.atomic.AtomicBoolean();
    akka.cluster.Cluster.get(akka.actor.typed.javadsl.Adapter.toClassic(session.system()))
        .registerOnMemberUp(() -> joined.set(true));
    PrintWriter err = spec.commandLine().getErr();
    CoordinatedShutdown.get(session.system()).addTask(CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "uptake-join-refused", () -> {
          if (!joined.get()) {
            err.println("uptake node: did not join the cluster at " + String.join(",", cluster.seeds) + ": its "
                + "members write to another journal than " + session.db.describe() + ", or run another version of "
                + "uptake; start every member with the same --db and version");
            err.flush();
          }
          return CompletableFuture.completedFuture(Done.getInstance());
        });
    session.system().getWhenTerminated().toCompletableFuture().get();
    return joined.get() ? 0 : Main.FAILED;
  }

  /**
   * journal = summary and candidates: this member's runs go to its own throwaway in-memory journal, as on one
   * machine; made on the first such job, so a member that never gets one starts no second actor system.
   */
  private synchronized SweepJobs summaryJobs() {
    if (summaryJobs == null) summaryJobs = SweepJobs.inMemory(Brake.NONE, snapshotEvery());
    return summaryJobs;
  }

  /** A member whose copy of the base scenario differs would run another scenario under the sweep's name. */
  private static void checkBase(Sweep.SweepStarted started) throws SweepJobs.RunFailure {
    String here = ScenarioLoader.load(Path.of(started.spec().base())).resolved();
    if (!here.equals(started.baseScenario())) {
      throw new SweepJobs.RunFailure("the base scenario " + started.spec().base() + " on this member ("
          + Path.of("").toAbsolutePath() + ") differs from the sweep's; give every member the same file");
    }
  }
}
