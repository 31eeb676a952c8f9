package org.uptake.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.uptake.BadInput;
import org.uptake.RuntimeSettings;
import org.uptake.journal.Deletion;
import org.uptake.journal.JournalReader;
import org.uptake.journal.Lease;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.OutputFolder;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/**
 * Comparisons of scenarios over common seeds: planned (every scenario checked before anything runs), run (finished
 * runs kept, interrupted ones resumed, so a stopped comparison can be finished), and summarised into compare.csv,
 * compare-differences.csv, compare.json and the chart of active share.
 */
public final class Comparisons {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,39}");
  /** Events between a department's snapshots in a comparison's runs. */
  private static final int SNAPSHOT_EVERY = RuntimeSettings.get().snapshotEvery();

  private Comparisons() {}

  /** One scenario of the comparison: its label, file and the overrides that make it (besides the shared ones). */
  public record Arm(String label, Path file, List<String> overrides) {}

  /** A comparison ready to run: its id and folder, arms, seeds, shared overrides, run ids per arm, resolved texts. */
  public record Plan(String id, Path dir, List<Arm> arms, int seeds, long firstSeed, List<String> overrides,
      Map<String, List<String>> runIds, Map<String, String> resolved) {

    List<String> withSeed(Arm arm, long seed) {
      List<String> all = new ArrayList<>(overrides);
      all.addAll(arm.overrides());
      all.add("seed=" + seed);
      return all;
    }

    Map<String, Object> manifest() {
      Map<String, Object> manifest = new LinkedHashMap<>();
      manifest.put("id", id);
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
  }

  /** How one run of a comparison is run (with whatever progress and messages its caller shows); empty if stopped. */
  @FunctionalInterface
  public interface Step {
    Optional<RunProjection.Result> run(RunPlan plan, Path out) throws Exception;
  }

  /** Hears each run of a comparison finish. */
  @FunctionalInterface
  public interface Listener {
    void done(String arm, long seed, int done, int total);
  }

  /**
   * A finished comparison: its statistics, the projections of its runs, its chart of active share and its
   * report.html (null if none was asked for).
   */
  public record Result(Comparison comparison, Map<String, List<RunProjection.Result>> projections, Path chart,
      Path report) {}

  /** The scenarios and variants (NAME:KEY=VALUE of the first scenario) with their labels, every label unique. */
  public static List<Arm> arms(List<Path> scenarios, List<String> variants) {
    List<Arm> arms = new ArrayList<>();
    for (Path file : scenarios) {
      String label = file.getFileName().toString().replaceAll("\\.conf$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
      if (arms.stream().anyMatch(a -> a.label().equals(label))) {
        throw new BadInput(file + ": given twice (or a scenario of the same name is); to compare a scenario with a "
            + "variant of itself, give it once and add --variant NAME:KEY=VALUE");
      }
      arms.add(new Arm(label, file, List.of()));
    }
    Map<String, List<String>> variantOverrides = new LinkedHashMap<>();
    for (String v : variants) {
      int colon = v.indexOf(':');
      if (colon <= 0 || v.indexOf('=', colon) < 0) {
        throw new BadInput("--variant " + v + ": expected NAME:KEY=VALUE, e.g. --variant goal:measurement=business-goal");
      }
      String name = v.substring(0, colon);
      if (!LABEL.matcher(name).matches()) {
        throw new BadInput("--variant " + v + ": the name '" + name + "' may have letters, digits, '.', '_' or '-' "
            + "(at most 40, starting with a letter or digit)");
      }
      if (arms.stream().anyMatch(a -> a.label().equals(name))) {
        throw new BadInput("--variant " + v + ": '" + name + "' is already the name of a scenario; choose another "
            + "name");
      }
      variantOverrides.computeIfAbsent(name, k -> new ArrayList<>()).add(v.substring(colon + 1));
    }
    variantOverrides.forEach((name, o) -> arms.add(new Arm(name, scenarios.get(0), List.copyOf(o))));
    if (arms.size() < 2) throw new BadInput("expected two or more scenarios, or one with --variant NAME:KEY=VALUE");
    return arms;
  }

  /**
   * A new comparison, checked before anything runs (every scenario and the organisation of its first seed, the
   * folder, run ids not yet in the journal), with its manifest written so that it can be finished if stopped.
   */
  public static Plan begin(JournalSession session, String id, Path dir, List<Arm> arms, int seeds, long firstSeed,
      List<String> overrides) {
    if (seeds < 2) throw new BadInput("--seeds: expected at least 2 for confidence intervals");
    if (seeds > 10_000) throw new BadInput("--seeds: expected at most 10000");
    Map<String, List<String>> runIds = new LinkedHashMap<>();
    Map<String, String> resolved = new LinkedHashMap<>();
    Plan plan = new Plan(id, dir, arms, seeds, firstSeed, overrides, runIds, resolved);
    for (Arm arm : arms) {
      resolved.put(arm.label(), check(plan, arm));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < seeds; i++) ids.add(id + "-" + arm.label() + "-s" + (firstSeed + i));
      runIds.put(arm.label(), ids);
    }
    OutputFolder.check(dir);
    for (List<String> ids : runIds.values()) {
      for (String runId : ids) RunIds.refuseExisting(session, runId);
    }
    // The comparison's folder is Uptake's before its runs' folders are made inside it.
    CompareOutputs.begin(dir, plan.manifest());
    return plan;
  }

  /** The plan of the comparison stopped in {@code dir}, refused if one of its scenarios has changed since. */
  public static Plan resumed(String id, Path dir) {
    CompareOutputs.Manifest recorded = CompareOutputs.readManifest(dir);
    if (recorded == null) {
      throw new BadInput("--resume " + id + ": no comparison at " + dir + " (no compare.json); give the --out it was "
          + "written to");
    }
    List<Arm> arms = new ArrayList<>();
    Map<String, List<String>> runIds = new LinkedHashMap<>();
    Map<String, String> resolved = new LinkedHashMap<>();
    Plan plan = new Plan(id, dir, arms, recorded.seeds(), recorded.firstSeed(), recorded.overrides(), runIds,
        resolved);
    for (CompareOutputs.Manifest.Scenario a : recorded.scenarios()) {
      Arm arm = new Arm(a.label(), Path.of(a.file()), a.overrides());
      String now = check(plan, arm);
      if (a.resolved() != null && !a.resolved().equals(now)) {
        throw new BadInput("--resume " + id + ": " + a.file() + " has changed since the comparison started ("
            + String.join(", ", ScenarioLoader.differingKeys(a.resolved(), now)) + "); its runs would not be "
            + "comparable: run a new comparison");
      }
      arms.add(arm);
      runIds.put(a.label(), a.runs());
      resolved.put(a.label(), now);
    }
    return plan;
  }

  /** The comparison's own lease, held while it is finished: one process at a time. */
  public static Lease lease(JournalSession session, Plan plan) {
    try {
      return Lease.acquire(session.db, "compare:" + plan.id());
    } catch (Lease.Held e) {
      throw new BadInput("comparison " + plan.id() + " is being finished by " + e.holder().describe());
    }
  }

  /** Loads an arm's scenario and organisation at the first seed; its resolved text. */
  private static String check(Plan plan, Arm arm) {
    Scenario s = ScenarioLoader.load(arm.file(), plan.withSeed(arm, plan.firstSeed()));
    OrganisationBuilder.build(s);
    return s.resolved();
  }

  /**
   * Runs every run not yet finished (resuming interrupted ones) through {@code step}, then writes the comparison's
   * files (with its report.html if {@code report}); empty if a run stopped (the comparison can be finished later).
   */
  public static Optional<Result> run(JournalSession session, Plan plan, boolean report, Step step, Listener listener)
      throws Exception {
    Map<String, List<RunSummary>> results = new LinkedHashMap<>();
    Map<String, List<RunProjection.Result>> projections = new LinkedHashMap<>();
    int done = 0;
    for (Arm arm : plan.arms()) {
      List<RunSummary> runs = new ArrayList<>();
      List<RunProjection.Result> projected = new ArrayList<>();
      for (int i = 0; i < plan.seeds(); i++) {
        long seed = plan.firstSeed() + i;
        Optional<RunProjection.Result> r = runOne(session, plan, arm, seed, plan.runIds().get(arm.label()).get(i),
            step);
        if (r.isEmpty()) return Optional.empty();
        projected.add(r.get());
        runs.add(RunSummary.of(r.get()));
        listener.done(arm.label(), seed, ++done, plan.arms().size() * plan.seeds());
      }
      results.put(arm.label(), runs);
      projections.put(arm.label(), projected);
    }
    Comparison comparison = Comparison.of(results);
    CompareOutputs.write(plan.dir(), comparison, plan.manifest());
    if (!report) {
      return Optional.of(new Result(comparison, projections, CompareReport.compareChart(plan.dir(), projections),
          null));
    }
    // The report draws the chart of active share among its figures.
    Path html = CompareReport.compare(plan.dir(), plan.id(), comparison, projections);
    return Optional.of(new Result(comparison, projections, CompareReport.chartIn(plan.dir()), html));
  }

  /** One run: read back if it finished, resumed if it was interrupted after its departments formed, else run. */
  private static Optional<RunProjection.Result> runOne(JournalSession session, Plan plan, Arm arm, long seed,
      String runId, Step step) throws Exception {
    Optional<RunLog> before = session.reader.header(runId);
    if (before.isPresent() && before.get().finished()) return Optional.of(RunProjection.project(session.log(runId)));
    RunPlan run;
    if (before.isPresent() && Recorded.formed(session.log(runId))) {
      run = Recorded.resume(session.log(runId), SNAPSHOT_EVERY);
    } else {
      // A run that stopped before its departments formed is run afresh.
      if (before.isPresent()) Deletion.delete(session.db, JournalReader.entities(before.get().started()));
      List<String> all = plan.withSeed(arm, seed);
      Scenario s = ScenarioLoader.load(arm.file(), all);
      run = new RunPlan(runId, s, OrganisationBuilder.build(s), arm.file().toString(), List.copyOf(all),
          org.uptake.journal.JournalFormat.version(), SNAPSHOT_EVERY);
    }
    return step.run(run, plan.dir().resolve("runs"));
  }

  /** Redraws a finished comparison's report from its runs in the journal (its compare.json says which). */
  public static Path report(JournalSession session, Path dir) {
    Result r = recorded(session, dir);
    return CompareReport.compare(dir, CompareOutputs.readManifest(dir).id(), r.comparison(), r.projections());
  }

  /**
   * A finished comparison's statistics and runs, read back from the journal (its compare.json says which); its
   * chart and report are left as they are (null here). Refused, saying how to finish it, if it stopped before its end.
   */
  public static Result recorded(JournalSession session, Path dir) {
    CompareOutputs.Manifest manifest = CompareOutputs.readManifest(dir);
    if (!manifest.complete()) {
      throw new BadInput("comparison " + manifest.id() + " stopped before its end; `uptake compare --resume "
          + manifest.id() + " --out " + dir.getParent() + "` finishes it");
    }
    Map<String, List<RunProjection.Result>> runs = new LinkedHashMap<>();
    Map<String, List<RunSummary>> summaries = new LinkedHashMap<>();
    for (CompareOutputs.Manifest.Scenario a : manifest.scenarios()) {
      List<RunProjection.Result> results = new ArrayList<>();
      for (String id : a.runs()) results.add(RunProjection.project(session.log(id)));
      runs.put(a.label(), results);
      summaries.put(a.label(), results.stream().map(RunSummary::of).toList());
    }
    return new Result(Comparison.of(summaries), runs, null, null);
  }
}
