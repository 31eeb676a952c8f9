package org.uptake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.RunIds;
import org.uptake.journal.Lease;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.run.RunPlan;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "branch", mixinStandardHelpOptions = true,
    description = {"Starts a new run from a recorded run's state at the end of tick T (read from the journal, "
        + "not re-simulated) and applies the changes from tick T+1 on. With no --set it reproduces the parent.",
        "Example: uptake branch RUN --at 20 --set 'interventions += { tick = 21, kind = mandate, by = CEO }'"})
final class BranchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID", description = "The parent run.")
  String parent;

  @Option(names = "--at", required = true, paramLabel = "T", description = "Branch after this tick.")
  int at;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Change a scenario key from T+1 on (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--run-id", paramLabel = "ID", description = "Id of the branch (default: <parent>-at<T>-<timestamp>).")
  String runId;

  @Mixin JournalOptions journal;

  @ArgGroup(exclusive = false, heading = "Output:%n")
  Execution.Options options = new Execution.Options();

  @Override
  public Integer call() throws Exception {
    RunIds.check(runId);
    options.check();
    try (JournalSession session = JournalSession.open(journal.settings())) {
      Lease.live(session.db, Lease.run(parent)).ifPresent(h -> {
        throw new Errors.UsageException("run " + parent + " is still running (being written by " + h.describe()
            + "); branch it once it has finished or stopped");
      });
      RunLog log = session.log(parent);
      String id = runId != null ? runId : RunIds.fresh(session.reader, parent + "-at" + at, log.started().seed());
      RunIds.refuseExisting(session, id);
      RunPlan plan = Recorded.branch(log, at, overrides, id, Version.get(), options.snapshotEvery());
      return Execution.runAndWrite(session, plan, options, spec.commandLine().getOut(), spec.commandLine().getErr())
          .status();
    }
  }
}
