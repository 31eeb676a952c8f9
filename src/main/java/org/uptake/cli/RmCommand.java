package org.uptake.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.Removal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "rm", mixinStandardHelpOptions = true,
    description = "Deletes a run's events, tags and snapshots from the journal (asks first unless --yes). A run "
        + "with branches cannot be removed before its branches.")
final class RmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      Removal removal = Removal.of(session, runId);
      if (!yes && !confirm()) {
        spec.commandLine().getOut().println("Nothing removed.");
        return 0;
      }
      spec.commandLine().getOut().printf("Removed run %s: %d events.%n", runId, removal.remove());
      return 0;
    }
  }

  private boolean confirm() throws java.io.IOException {
    if (System.console() == null) {
      throw new Errors.UsageException("rm " + runId + ": not asking without a terminal; add --yes to remove it");
    }
    spec.commandLine().getOut().printf("Remove run %s and all its events from the journal? [y/N] ", runId);
    spec.commandLine().getOut().flush();
    String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    return answer != null && answer.trim().equalsIgnoreCase("y");
  }
}
