package org.uptake.cli;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.journal.RunLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true,
    description = {"Lists the runs recorded in the journal.",
        "STATUS is finished, failed, or interrupted (stopped before its last tick: `uptake resume` continues it). "
            + "On the embedded H2 journal a run in progress holds the database, so every run listed is at rest."})
final class RunsCommand implements Callable<Integer> {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal)) {
      List<String> ids = session.reader.runIds();
      if (ids.isEmpty()) {
        spec.commandLine().getOut().println("No runs recorded in " + session.db.describe() + ".");
        return 0;
      }
      String format = "%-40s %-28s %10s %9s %-12s %-20s %s%n";
      spec.commandLine().getOut().printf(format, "RUN ID", "SCENARIO", "SEED", "TICKS", "STATUS", "STARTED (UTC)",
          "BRANCH OF");
      for (String id : ids) {
        RunLog log = session.header(id);
        spec.commandLine().getOut().printf(format, id, log.started().scenarioName(), log.started().seed(),
            Math.max(0, log.lastTick()) + "/" + log.started().ticks(), log.status(),
            TIME.format(Instant.ofEpochMilli(log.startedAtMillis())),
            log.isBranch() ? log.started().parentRun() + " @ " + log.started().branchTick() : "");
      }
      return 0;
    }
  }
}
