package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.RunLog;
import org.uptake.report.OutputFolder;
import org.uptake.report.RunOutputs;
import org.uptake.report.RunProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Rebuilds a run's timeseries.csv and summary.json from the journal alone (no scenario file, no "
        + "random draw); they are byte-identical to the live run's. With --to-tick T also writes state-at-T.csv.",
        "Example: uptake replay mandate-42 --to-tick 20 --out replays"})
final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Option(names = "--to-tick", paramLabel = "T",
      description = "Also write state-at-T.csv: every person's state at the end of tick T (0: the start).")
  Integer toTick;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "replays",
      description = "Where to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    Outputs.checkWritable(out, "--out");
    OutputFolder.check(out.resolve(runId));
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      long start = System.nanoTime();
      RunLog log = session.log(runId);
      if (toTick != null && (toTick < 0 || toTick > log.lastTick())) {
        throw new Errors.UsageException("--to-tick " + toTick + ": run " + runId + " has ticks 0 (the start) to "
            + log.lastTick());
      }
      Path dir = RunOutputs.write(RunProjection.project(log), out);
      if (toTick != null) RunOutputs.writeStateAt(log, toTick, OutputFolder.open(dir), "state-at-" + toTick + ".csv");
      double seconds = (System.nanoTime() - start) / 1e9;
      long events = log.eventCount();
      PrintWriter o = spec.commandLine().getOut();
      o.printf(Locale.ROOT, "Replayed %s from %d journal events in %.2f s (%.0f events/s, %d person-transitions).%n",
          runId, events, seconds, events / seconds, log.transitionCount());
      o.println("Outputs: " + dir.resolve("timeseries.csv") + ", " + dir.resolve("summary.json")
          + (toTick != null ? ", " + dir.resolve("state-at-" + toTick + ".csv") : ""));
      return 0;
    }
  }
}
