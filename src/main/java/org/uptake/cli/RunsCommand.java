package org.uptake.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.JournalReader;
import org.uptake.journal.Lease;
import org.uptake.journal.RunLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true,
    description = {"Lists the runs recorded in the journal.",
        "STATUS is running (being written now), finished, failed, interrupted (stopped before its last tick: "
            + "`uptake resume` continues it), or damaged (`uptake check` says how)."})
final class RunsCommand implements Callable<Integer> {
  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      List<JournalReader.Listed> runs = session.reader.headers();
      if (runs.isEmpty()) {
        spec.commandLine().getOut().println("No runs recorded in " + session.db.describe() + ".");
        return 0;
      }
      String format = "%-40s %-28s %10s %9s %-12s %-20s %s%n";
      PrintWriter out = spec.commandLine().getOut();
      out.printf(format, "RUN ID", "SCENARIO", "SEED", "TICKS", "STATUS", "STARTED (UTC)", "BRANCH OF");
      Map<String, Lease.Holder> writing = Lease.live(session.db);
      for (JournalReader.Listed run : runs) {
        String id = run.runId();
        RunLog log = run.log();
        if (log == null) {
          // One damaged run is listed as such; the others are listed as ever.
          out.printf(format, id, "", "", "", "damaged", "", "(uptake check " + id + ")");
          continue;
        }
        String status = !log.finished() && writing.containsKey(Lease.run(id)) ? "running" : log.status();
        out.printf(format, id, log.started().scenarioName(), log.started().seed(),
            Math.max(0, log.lastTick()) + "/" + log.started().ticks(), status,
            TIME.format(Instant.ofEpochMilli(log.startedAtMillis())),
            log.isBranch() ? log.started().parentRun() + " @ " + log.started().branchTick() : "");
      }
      return 0;
    }
  }
}
