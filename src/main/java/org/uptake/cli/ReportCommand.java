package org.uptake.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.experiment.Comparisons;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.RunLog;
import org.uptake.report.Reports;
import org.uptake.report.RunProjection;
import org.uptake.sweep.SweepOutputs;
import org.uptake.sweep.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Writes a self-contained report.html (opens from disk, no network) with its charts as PNG and "
        + "SVG under charts/. For a run (from the journal): adoption by state, active share by department over "
        + "time, the goal measure, and the network coloured by adoption. For a comparison folder: each "
        + "strategy's curves with 95%% bands and the table of metrics with the verdicts. For a sweep folder: the "
        + "response of each metric to each varied parameter. Comparisons and sweeps are rebuilt from the journal "
        + "(their folder's compare.json or sweep.json says which runs).",
        "Examples: uptake report from-the-edges-s42-20261129-101500",
        "          uptake report compare/compare-20261129-101500",
        "          uptake report sweeps/enthusiasts-and-dropout-20261129-101500"})
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID|COMPARE_DIR|SWEEP_DIR")
  String target;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
      description = "For a run: the report goes to <out>/<run-id>/ (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--at", paramLabel = "TICK", split = ",",
      description = "For a run: the weeks shown in the network picture (default: first, middle and last).")
  List<Integer> at = new ArrayList<>();

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    Path dir = Path.of(target);
    if (Files.isDirectory(dir)) {
      boolean comparison = Files.exists(dir.resolve("compare.json"));
      if (!comparison && !Files.exists(dir.resolve(SweepOutputs.MANIFEST))) {
        throw new Errors.UsageException(target + ": expected a run id, a comparison folder (with compare.json) or "
            + "a sweep folder (with sweep.json)");
      }
      try (JournalSession session = JournalSession.reading(journal.settings())) {
        Path html = comparison ? Comparisons.report(session, dir) : SweepReport.redraw(session, dir);
        spec.commandLine().getOut().println("Report: " + html);
      }
      return 0;
    }
    Outputs.checkWritable(out, "--out");
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      RunLog log = session.log(target);
      int last = Math.max(0, log.lastTick());
      for (int tick : at) {
        if (tick < 0 || tick > last) {
          throw new Errors.UsageException("--at " + tick + ": expected a tick from 0 (the start) to " + last
              + " (the last run " + target + " recorded)");
        }
      }
      List<Integer> ticks = at.isEmpty() ? Reports.defaultTicks(last) : at;
      spec.commandLine().getOut().println("Report: " + Reports.run(log, RunProjection.project(log), out.resolve(target),
          ticks));
      return 0;
    }
  }
}
