package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.uptake.experiment.Comparison;
import org.uptake.experiment.CompareOutputs;
import org.uptake.journal.JournalReader;
import org.uptake.journal.Lease;
import org.uptake.journal.RunLog;
import org.uptake.run.Recorded;
import org.uptake.experiment.MetricSummary;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.Reports;
import org.uptake.report.RunProjection;
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
    description = {"Runs each scenario (and each --variant of the first) over the same N seeds, every run journaled, "
        + "and prints for each headline metric a summary per scenario and the best where the difference is "
        + "resolved. A share is a mean with a 95%% interval inside [0, 1]; a time to a threshold is how many runs "
        + "reached it (k/n) and the Kaplan-Meier median with its 95%% interval, so a run that never got there is "
        + "never averaged as a number. Writes <out>/<id>/compare.csv (tidy: scenario, metric, statistic, value), "
        + "compare-differences.csv (every pair: paired difference or hazard ratio, with its interval), "
        + "compare.json (which runs belong to which scenario) and charts/compare-active.png/.svg.",
        "Examples: uptake compare simulations/from-the-edges.conf simulations/executive-mandate.conf --seeds 10",
        "          uptake compare simulations/executive-mandate.conf --variant goal:measurement=business-goal"})
final class CompareCommand implements Callable<Integer> {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");

  @Spec CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "SCENARIO",
      description = "Scenario files; two or more, or one with --variant.")
  List<Path> scenarios = new ArrayList<>();

  @Option(names = "--resume", paramLabel = "ID",
      description = "Finish comparison ID, stopped before its end (killed, Ctrl-C, a full disk): its finished runs "
          + "are kept, interrupted ones resumed and missing ones run, from <out>/ID/compare.json; give the same --out "
          + "and --db, and no scenarios.")
  String resume;

  @Option(names = "--variant", paramLabel = "NAME:KEY=VALUE",
      description = "A variant of the first scenario named NAME, with KEY=VALUE changed (repeat to change several "
          + "keys of one variant, or to add variants), e.g. --variant goal:measurement=business-goal.")
  List<String> variants = new ArrayList<>();

  @Option(names = "--seeds", defaultValue = "10", paramLabel = "N",
      description = "Seeds per scenario, the same for each (default: ${DEFAULT-VALUE}).")
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

  /** One scenario of the comparison: its label, file and the overrides that make it (besides --set and seed). */
  record Arm(String label, Path file, List<String> overrides) {}

  @Override
  public Integer call() throws Exception {
    if (resume != null) return resume();
    if (scenarios.isEmpty()) throw new Errors.UsageException("expected two or more scenarios, or one with --variant "
        + "NAME:KEY=VALUE (or --resume ID)");
    if (seeds < 2) throw new Errors.UsageException("--seeds: expected at least 2 for confidence intervals");
    if (seeds > 10_000) throw new Errors.UsageException("--seeds: expected at most 10000");
    RunCommand.checkRunId(id);
    List<Arm> arms = arms();
    String compareId = id != null ? id : "compare-" + RunCommand.timestamp();
    Path dir = out.resolve(compareId);
    Outputs.checkWritable(dir, "--out");
    // Every scenario, and the organisation of its first seed, must be valid before anything runs.
    Map<String, String> resolved = new LinkedHashMap<>();
    for (Arm arm : arms) resolved.put(arm.label(), check(arm));
    org.uptake.report.OutputFolder.check(dir);
    try (JournalSession session = new JournalSession(journal)) {
      Map<String, List<String>> runIds = runIds(compareId, arms);
      for (List<String> ids : runIds.values()) {
        for (String runId : ids) RunCommand.refuseExisting(session, runId);
      }
      // The comparison's folder is Uptake's before its runs' folders are made inside it; its manifest is there
      // before the first run, so a comparison stopped midway can be finished (--resume).
      Map<String, Object> manifest = manifest(compareId, arms, runIds, resolved);
      CompareOutputs.begin(dir, manifest);
      return runAll(session, compareId, dir, arms, runIds, manifest);
    }
  }

  /** Finishes a comparison from its manifest, once its scenarios are checked to be what they were. */
  private Integer resume() throws Exception {
    if (!scenarios.isEmpty() || !variants.isEmpty() || !overrides.isEmpty() || id != null) {
      throw new Errors.UsageException("--resume " + resume + ": the comparison's scenarios, variants, --set and "
          + "seeds are in its compare.json; give only --resume, --out and --db");
    }
    RunCommand.checkRunId(resume);
    Path dir = out.resolve(resume);
    CompareOutputs.Manifest recorded = CompareOutputs.readManifest(dir);
    if (recorded == null) {
      throw new Errors.UsageException("--resume " + resume + ": no comparison at " + dir + " (no compare.json); give "
          + "the --out it was written to");
    }
    seeds = recorded.seeds();
    firstSeed = recorded.firstSeed();
    overrides = recorded.overrides();
    List<Arm> arms = new ArrayList<>();
    Map<String, List<String>> runIds = new LinkedHashMap<>();
    Map<String, String> resolved = new LinkedHashMap<>();
    for (CompareOutputs.Manifest.Scenario a : recorded.scenarios()) {
      Arm arm = new Arm(a.label(), Path.of(a.file()), a.overrides());
      String now = check(arm);
      if (a.resolved() != null && !a.resolved().equals(now)) {
        throw new Errors.UsageException("--resume " + resume + ": " + a.file() + " has changed since the comparison "
            + "started (" + String.join(", ", ScenarioLoader.differingKeys(a.resolved(), now)) + "); its runs would "
            + "not be comparable: run a new comparison");
      }
      arms.add(arm);
      runIds.put(a.label(), a.runs());
      resolved.put(a.label(), now);
    }
    try (JournalSession session = new JournalSession(journal);
        Lease lease = Lease.acquire(session.db, "compare:" + resume)) {
      return runAll(session, resume, dir, arms, runIds, manifest(resume, arms, runIds, resolved));
    } catch (Lease.Held e) {
      throw new Errors.UsageException("comparison " + resume + " is being finished by " + e.holder().describe());
    }
  }

  /** Loads an arm's scenario and organisation at the first seed; its resolved text. */
  private String check(Arm arm) {
    Scenario s = ScenarioLoader.load(arm.file(), withSeed(arm, firstSeed));
    OrganisationBuilder.build(s);
    return s.resolved();
  }

  private Map<String, List<String>> runIds(String compareId, List<Arm> arms) {
    Map<String, List<String>> runIds = new LinkedHashMap<>();
    for (Arm arm : arms) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < seeds; i++) ids.add(compareId + "-" + arm.label() + "-s" + (firstSeed + i));
      runIds.put(arm.label(), ids);
    }
    return runIds;
  }

  private Map<String, Object> manifest(String compareId, List<Arm> arms, Map<String, List<String>> runIds,
      Map<String, String> resolved) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("id", compareId);
    manifest.put("seeds", seeds);
    manifest.put("first_seed", firstSeed);
    manifest.put("overrides", overrides);
    Map<String, Object> described = new LinkedHashMap<>();
    for (Arm arm : arms) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("file", arm.file().toString());
      a.put("overrides", arm.overrides());
      a.put("runs", runIds.get(arm.label()));
      a.put("resolved", resolved.get(arm.label()));
      described.put(arm.label(), a);
    }
    manifest.put("scenarios", described);
    return manifest;
  }

  /** Runs every run of the comparison not yet finished (resuming interrupted ones), then writes its files. */
  private int runAll(JournalSession session, String compareId, Path dir, List<Arm> arms,
      Map<String, List<String>> runIds, Map<String, Object> manifest) throws Exception {
    Map<String, List<RunSummary>> results = new LinkedHashMap<>();
    Map<String, List<RunProjection.Result>> projections = new LinkedHashMap<>();
    int done = 0;
    for (Arm arm : arms) {
      List<RunSummary> runs = new ArrayList<>();
      List<RunProjection.Result> projected = new ArrayList<>();
      for (int i = 0; i < seeds; i++) {
        long seed = firstSeed + i;
        String runId = runIds.get(arm.label()).get(i);
        Execution.Outcome outcome = runOne(session, arm, seed, runId, dir);
        if (outcome.status() != 0) {
          spec.commandLine().getErr().println("uptake: comparison " + compareId + " stopped; `uptake compare --resume "
              + compareId + (out.equals(Path.of("compare")) ? "" : " --out " + out) + journalOption(session)
              + "` finishes it");
          return outcome.status();
        }
        projected.add(outcome.result());
        runs.add(RunSummary.of(outcome.result()));
        done++;
        if (!quiet) {
          spec.commandLine().getErr().printf("%s seed %d done (%d of %d runs)%n", arm.label(), seed, done,
              arms.size() * seeds);
        }
      }
      results.put(arm.label(), runs);
      projections.put(arm.label(), projected);
    }
    Comparison comparison = Comparison.of(results);
    CompareOutputs.write(dir, comparison, manifest);
    Path html = report ? Reports.compare(dir, compareId, comparison, projections) : null;
    Path chart = report ? dir.resolve("charts").resolve(Reports.COMPARE_CHART + ".png")
        : Reports.compareChart(dir, projections);
    if (!quiet) print(spec.commandLine().getOut(), comparison, firstSeed, seeds);
    spec.commandLine().getOut().println("Comparison: " + dir.resolve("compare.csv") + ", "
        + dir.resolve("compare-differences.csv") + ", " + chart);
    if (html != null) spec.commandLine().getOut().println("Report: " + html);
    return 0;
  }

  private static String journalOption(JournalSession session) {
    return " " + session.db.option();
  }

  /**
   * One run of the comparison: read back if it finished, resumed if it was interrupted after its departments
   * formed, else run (afresh, if it stopped before).
   */
  private Execution.Outcome runOne(JournalSession session, Arm arm, long seed, String runId, Path dir)
      throws Exception {
    Execution.Options quietly = Execution.Options.quiet(dir.resolve("runs"), 26);
    RunPlan plan;
    java.util.Optional<RunLog> before = session.reader.header(runId);
    if (before.isPresent() && before.get().finished()) {
      RunProjection.Result result = RunProjection.project(session.log(runId));
      return new Execution.Outcome(0, result);
    }
    if (before.isPresent() && Recorded.formed(session.log(runId))) {
      plan = Recorded.resume(session.log(runId), 26);
    } else {
      if (before.isPresent()) RmCommand.delete(session.db, JournalReader.entities(before.get().started()));
      List<String> all = withSeed(arm, seed);
      Scenario s = ScenarioLoader.load(arm.file(), all);
      plan = new RunPlan(runId, s, OrganisationBuilder.build(s), arm.file().toString(), List.copyOf(all),
          Version.get(), 26);
    }
    return Execution.runAndWrite(session, plan, quietly, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  private List<String> withSeed(Arm arm, long seed) {
    List<String> all = new ArrayList<>(overrides);
    all.addAll(arm.overrides());
    all.add("seed=" + seed);
    return all;
  }

  /** The scenarios and variants with their labels; every label unique, checked before anything runs. */
  List<Arm> arms() {
    List<Arm> arms = new ArrayList<>();
    for (Path file : scenarios) {
      String label = file.getFileName().toString().replaceAll("\\.conf$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
      if (arms.stream().anyMatch(a -> a.label().equals(label))) {
        throw new Errors.UsageException(file + ": given twice (or a scenario of the same name is); to compare a "
            + "scenario with a variant of itself, give it once and add --variant NAME:KEY=VALUE");
      }
      arms.add(new Arm(label, file, List.of()));
    }
    Map<String, List<String>> variantOverrides = new LinkedHashMap<>();
    for (String v : variants) {
      int colon = v.indexOf(':');
      if (colon <= 0 || v.indexOf('=', colon) < 0) {
        throw new Errors.UsageException("--variant " + v + ": expected NAME:KEY=VALUE, e.g. "
            + "--variant goal:measurement=business-goal");
      }
      String name = v.substring(0, colon);
      if (!LABEL.matcher(name).matches()) {
        throw new Errors.UsageException("--variant " + v + ": the name '" + name + "' may have letters, digits, "
            + "'.', '_' or '-' (at most 40, starting with a letter or digit)");
      }
      if (arms.stream().anyMatch(a -> a.label().equals(name))) {
        throw new Errors.UsageException("--variant " + v + ": '" + name + "' is already the name of a scenario; "
            + "choose another name");
      }
      variantOverrides.computeIfAbsent(name, k -> new ArrayList<>()).add(v.substring(colon + 1));
    }
    variantOverrides.forEach((name, o) -> arms.add(new Arm(name, scenarios.get(0), List.copyOf(o))));
    if (arms.size() < 2) {
      throw new Errors.UsageException("expected two or more scenarios, or one with --variant NAME:KEY=VALUE");
    }
    return arms;
  }

  /** One block per metric: each scenario's summary, then the verdict. */
  static void print(PrintWriter o, Comparison c, long firstSeed, int seeds) {
    o.printf("%n%d scenarios over seeds %d to %d (the same seeds for each); 95%% intervals.%n", c.scenarios().size(),
        firstSeed, firstSeed + seeds - 1);
    o.printf("A time is the Kaplan-Meier median with its interval and (runs that reached it/runs); \"not reached\" is "
        + "beyond the run's %d %ss.%n", c.horizon(), c.unit());
    int width = Math.max(12, c.scenarios().stream().mapToInt(String::length).max().orElse(0));
    for (HeadlineMetric m : c.metrics()) {
      o.printf("%n%s%n", m.label());
      List<MetricSummary> summaries = c.byMetric().get(m.name());
      for (int k = 0; k < c.scenarios().size(); k++) {
        o.printf(Locale.ROOT, "  %-" + width + "s  %s%n", c.scenarios().get(k), summaries.get(k).describe(c.unit()));
      }
      Comparison.Verdict v = c.verdicts().get(m.name());
      o.printf("  best: %s%n", v.best() == null ? v.reason() : c.describe(v));
    }
  }
}
