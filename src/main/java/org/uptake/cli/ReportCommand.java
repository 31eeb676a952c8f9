package org.uptake.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.uptake.experiment.CompareReport;
import org.uptake.experiment.Comparison;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.RunLog;
import org.uptake.report.Reports;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.sweep.SweepLog;
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
      if (!comparison && !Files.exists(dir.resolve("sweep.json"))) {
        throw new Errors.UsageException(target + ": expected a run id, a comparison folder (with compare.json) or "
            + "a sweep folder (with sweep.json)");
      }
      JsonNode manifest = new ObjectMapper().readTree(dir.resolve(comparison ? "compare.json" : "sweep.json").toFile());
      try (JournalSession session = JournalSession.reading(journal.settings())) {
        Path html = comparison ? compare(session, dir, manifest) : SweepReport.sweep(dir, SweepLog.read(session.reader,
            manifest.get("sweep_id").asText()).orElseThrow(() -> new Errors.UsageException("no sweep '"
                + manifest.get("sweep_id").asText() + "' in the journal " + session.db.describe())));
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

  /** A comparison's report, rebuilt from its runs in the journal (compare.json says which). */
  private static Path compare(JournalSession session, Path dir, JsonNode manifest) {
    if (manifest.has("complete") && !manifest.get("complete").asBoolean()) {
      String id = manifest.get("id").asText();
      throw new Errors.UsageException("comparison " + id + " stopped before its end; `uptake compare --resume " + id
          + " --out " + dir.getParent() + "` finishes it");
    }
    Map<String, List<RunProjection.Result>> runs = new LinkedHashMap<>();
    Map<String, List<RunSummary>> summaries = new LinkedHashMap<>();
    manifest.get("scenarios").fields().forEachRemaining(e -> {
      List<RunProjection.Result> results = new ArrayList<>();
      e.getValue().get("runs").forEach(id -> results.add(RunProjection.project(session.log(id.asText()))));
      runs.put(e.getKey(), results);
      summaries.put(e.getKey(), results.stream().map(RunSummary::of).toList());
    });
    return CompareReport.compare(dir, manifest.get("id").asText(), Comparison.of(summaries), runs);
  }
}
