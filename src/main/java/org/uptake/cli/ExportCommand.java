package org.uptake.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.RunLog;
import org.uptake.report.OutputFolder;
import org.uptake.report.RunExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes a run's whole event log, in order (by tick; within a tick executives, departments, "
        + "then the clock), for pandas, R or a spreadsheet. --format jsonl: events.jsonl, one event per line with "
        + "all its data. --format csv: tidy tables that read with default settings: events.csv (one row per "
        + "event, with a short description), transitions.csv (one row per person-change, with its cause), "
        + "people.csv and ties.csv (the organisation), and the recorded scenario.conf; run.json describes the run. "
        + "A branch's export holds its parent's events up to the branch tick too (source_run names the run that "
        + "recorded each), so counting its transitions gives the branch's whole timeseries.",
        "Example: uptake export mandate-42 --format csv"})
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|csv", description = "Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "exports", description = "Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw new Errors.UsageException("--format " + format + ": expected jsonl or csv");
    }
    Outputs.checkWritable(out.resolve(runId), "--out");
    OutputFolder.check(out.resolve(runId));
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      RunLog log = session.header(runId);
      if (log.started().parentRun() != null) session.header(log.started().parentRun());
      Path dir = out.resolve(runId);
      int events = RunExport.write(session.reader, log, dir, format.equals("csv"));
      spec.commandLine().getOut().printf(Locale.ROOT, "Exported %d events of %s to %s%n", events, runId,
          dir.resolve(format.equals("jsonl") ? "events.jsonl" : "events.csv"));
      return 0;
    }
  }
}
