package org.uptake.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.Interval;
import org.uptake.report.RunProjection;
import org.uptake.report.Reports;
import org.uptake.report.RunSummary;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "compare", mixinStandardHelpOptions = true,
    description = {"Runs each scenario over the same N seeds (every run journaled) and prints, for each headline "
        + "metric, the mean and 95%% confidence interval per scenario, the best scenario, and its paired difference "
        + "from the runner-up with its interval. Writes <out>/<id>/compare.csv, compare.json (its runs) and "
        + "charts/compare-active.png/.svg (mean active share with 95%% bands). A time not reached counts as the "
        + "scenario's ticks + 1.",
        "Example: uptake compare simulations/from-the-edges.conf simulations/executive-mandate.conf "
            + "simulations/cross-functional-team.conf --seeds 5"})
final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "2..*", paramLabel = "SCENARIO", description = "Two or more scenario files.")
  List<Path> scenarios;

  @Option(names = "--seeds", defaultValue = "5", paramLabel = "N", description = "Seeds per scenario (default: ${DEFAULT-VALUE}).")
  int seeds;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "First seed (default: ${DEFAULT-VALUE}).")
  long firstSeed;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a key in every scenario (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--run-id", paramLabel = "ID", description = "Id of the comparison (default: compare-<timestamp>).")
  String id;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "compare", description = "Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--quiet", description = "No table.")
  boolean quiet;

  @Option(names = "--report", description = "Also write <out>/<id>/report.html: curves with bands, the table of "
      + "differences, charts as PNG and SVG under charts/.")
  boolean report;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    if (seeds < 2) throw new Errors.UsageException("--seeds: expected at least 2 for confidence intervals");
    RunCommand.checkRunId(id);
    // Every scenario must be valid before anything runs.
    for (Path file : scenarios) ScenarioLoader.load(file, overrides);
    String compareId = id != null ? id : "compare-" + RunCommand.timestamp();
    Map<String, List<RunSummary>> results = new LinkedHashMap<>();
    Map<String, List<String>> runIds = new LinkedHashMap<>();
    try (JournalSession session = new JournalSession(journal)) {
      for (int k = 0; k < scenarios.size(); k++) {
        String stem = scenarios.get(k).getFileName().toString().replaceAll("\\.conf$", "");
        List<RunSummary> runs = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
          long seed = firstSeed + i;
          String runId = compareId + "-" + stem + "-s" + seed;
          RunCommand.refuseExisting(session, runId);
          List<String> withSeed = new ArrayList<>(overrides);
          withSeed.add("seed=" + seed);
          Scenario s = ScenarioLoader.load(scenarios.get(k), withSeed);
          RunPlan plan = new RunPlan(runId, s, OrganisationBuilder.build(s), scenarios.get(k).toString(),
              List.copyOf(withSeed), Version.get(), 26);
          Execution.Options quietly = Execution.Options.quiet(out.resolve(compareId).resolve("runs"), 26);
          int status = Execution.runAndWrite(session, plan, quietly, spec.commandLine().getOut(),
              spec.commandLine().getErr());
          if (status != 0) return status;
          runs.add(RunSummary.of(RunProjection.project(session.log(runId))));
          runIds.computeIfAbsent(stem, x -> new ArrayList<>()).add(runId);
          if (!quiet) spec.commandLine().getErr().printf("%s seed %d done%n", stem, seed);
        }
        results.put(stem, runs);
      }
    }
    Path dir = out.resolve(compareId);
    Path csv = dir.resolve("compare.csv");
    write(results, csv);
    writeManifest(dir, compareId, runIds);
    // The report draws the band chart among its others; without it, the chart alone.
    Path html = report ? Reports.compare(dir) : null;
    Path chart = report ? dir.resolve("charts").resolve(Reports.COMPARE_CHART + ".png")
        : Reports.compareChart(dir).pngFile();
    if (!quiet) print(spec.commandLine().getOut(), results);
    spec.commandLine().getOut().println("Comparison: " + csv + ", " + chart);
    if (html != null) spec.commandLine().getOut().println("Report: " + html);
    return 0;
  }

  /** compare.json: which runs belong to which scenario, so the report can be rebuilt from the folder. */
  private void writeManifest(Path dir, String compareId, Map<String, List<String>> runIds) throws java.io.IOException {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("id", compareId);
    manifest.put("seeds", seeds);
    manifest.put("first_seed", firstSeed);
    manifest.put("overrides", overrides);
    manifest.put("scenarios", runIds);
    new com.fasterxml.jackson.databind.ObjectMapper()
        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("compare.json").toFile(), manifest);
  }

  static void print(PrintWriter o, Map<String, List<RunSummary>> results) {
    List<String> names = new ArrayList<>(results.keySet());
    o.printf("%n%-22s", "metric (mean, 95% CI)");
    for (String n : names) o.printf(" | %-30s", n.length() > 30 ? n.substring(0, 30) : n);
    o.printf(" | best (difference from runner-up, 95%% CI)%n");
    for (HeadlineMetric m : HeadlineMetric.ALL) {
      o.printf("%-22s", m.name());
      List<Interval> intervals = new ArrayList<>();
      for (String n : names) {
        Interval i = Interval.of(values(results.get(n), m));
        intervals.add(i);
        o.printf(Locale.ROOT, " | %-30s", String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", i.mean(), i.low(), i.high()));
      }
      Winner w = winner(results, m);
      o.printf(Locale.ROOT, " | %s (%+.3f [%.3f, %.3f])%n", w.name(), w.difference().mean(), w.difference().low(),
          w.difference().high());
    }
  }

  record Winner(String name, String runnerUp, Interval difference) {}

  /** Best by mean; the difference to the runner-up is paired by seed (same seeds for every scenario). */
  static Winner winner(Map<String, List<RunSummary>> results, HeadlineMetric m) {
    List<String> names = new ArrayList<>(results.keySet());
    names.sort((a, b) -> {
      double ma = Interval.of(values(results.get(a), m)).mean();
      double mb = Interval.of(values(results.get(b), m)).mean();
      return m.higherIsBetter() ? Double.compare(mb, ma) : Double.compare(ma, mb);
    });
    double[] best = values(results.get(names.get(0)), m);
    double[] next = values(results.get(names.get(1)), m);
    double[] diff = new double[best.length];
    for (int i = 0; i < diff.length; i++) diff[i] = best[i] - next[i];
    return new Winner(names.get(0), names.get(1), Interval.of(diff));
  }

  static double[] values(List<RunSummary> runs, HeadlineMetric m) {
    return runs.stream().mapToDouble(m.value()).toArray();
  }

  /** metric,scenario,n,mean,ci_low,ci_high; then metric,best:<name>,n,difference,ci_low,ci_high. */
  static void write(Map<String, List<RunSummary>> results, Path file) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("metric,scenario,n,mean,ci_low,ci_high\n");
      for (HeadlineMetric m : HeadlineMetric.ALL) {
        for (Map.Entry<String, List<RunSummary>> e : results.entrySet()) {
          Interval i = Interval.of(values(e.getValue(), m));
          w.write(String.format(Locale.ROOT, "%s,\"%s\",%d,%.6f,%.6f,%.6f%n", m.name(), e.getKey(), i.n(), i.mean(),
              i.low(), i.high()));
        }
        Winner win = winner(results, m);
        Interval d = win.difference();
        w.write(String.format(Locale.ROOT, "%s,\"best: %s minus %s\",%d,%.6f,%.6f,%.6f%n", m.name(), win.name(),
            win.runnerUp(), d.n(), d.mean(), d.low(), d.high()));
      }
    }
  }
}
