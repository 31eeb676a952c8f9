package org.uptake.cli;

import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.Lease;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.run.RunPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "resume", mixinStandardHelpOptions = true,
    description = "Continues an interrupted or failed run from what the journal holds; the result is the same "
        + "as if it had never stopped.")
final class ResumeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The run to continue (see `uptake runs`).")
  String runId;

  @Mixin JournalOptions journal;

  @Mixin CoordinatorOptions cluster;

  @ArgGroup(exclusive = false, heading = "Output:%n")
  Execution.Options options = new Execution.Options();

  @Override
  public Integer call() throws Exception {
    options.check();
    if (cluster.enabled) cluster.refuseLocalOnly(spec);
    try (JournalSession session = cluster.session(journal)) {
      Lease.live(session.db, Lease.run(runId)).ifPresent(h -> {
        throw new Errors.UsageException("run " + runId + " is running (being written by " + h.describe() + "); a run "
            + "has one writer: wait for it to finish, or stop it (Ctrl-C) and resume it then");
      });
      RunLog log = session.log(runId);
      if (log.finished()) {
        throw new Errors.UsageException("run " + runId + " is already finished; `uptake replay " + runId
            + "` rewrites its outputs");
      }
      if (!options.quiet) {
        spec.commandLine().getOut().println("Resuming " + runId + " after tick " + log.lastTick() + " of "
            + log.started().ticks() + ".");
      }
      RunPlan plan = Recorded.resume(log, options.snapshotEvery());
      options.placement = cluster.placement(session.system(), plan.scenario(), plan.organisation(),
          spec.commandLine().getErr(), "nothing was resumed");
      if (options.placement == null) return Main.FAILED;
      return Execution.runAndWrite(session, plan, options,
          spec.commandLine().getOut(), spec.commandLine().getErr()).status();
    }
  }
}
