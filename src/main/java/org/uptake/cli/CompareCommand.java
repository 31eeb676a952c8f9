package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.uptake.experiment.Comparison;
import org.uptake.experiment.Comparisons;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.MetricSummary;
import org.uptake.experiment.RunIds;
import org.uptake.journal.Lease;
import org.uptake.report.HeadlineMetric;
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

  @Override
  public Integer call() throws Exception {
    if (resume != null) return resume();
    if (scenarios.isEmpty()) throw new Errors.UsageException("expected two or more scenarios, or one with --variant "
        + "NAME:KEY=VALUE (or --resume ID)");
    RunIds.check(id);
    List<Comparisons.Arm> arms = Comparisons.arms(scenarios, variants);
    String compareId = id != null ? id : "compare-" + RunIds.timestamp();
    Path dir = out.resolve(compareId);
    Outputs.checkWritable(dir, "--out");
    try (JournalSession session = JournalSession.open(journal.settings())) {
      return run(session, Comparisons.begin(session, compareId, dir, arms, seeds, firstSeed, overrides));
    }
  }

  /** Finishes a comparison from its manifest, once its scenarios are checked to be what they were. */
  private Integer resume() throws Exception {
    if (!scenarios.isEmpty() || !variants.isEmpty() || !overrides.isEmpty() || id != null) {
      throw new Errors.UsageException("--resume " + resume + ": the comparison's scenarios, variants, --set and "
          + "seeds are in its compare.json; give only --resume, --out and --db");
    }
    RunIds.check(resume);
    Comparisons.Plan plan = Comparisons.resumed(resume, out.resolve(resume));
    try (JournalSession session = JournalSession.open(journal.settings());
        Lease lease = Comparisons.lease(session, plan)) {
      return run(session, plan);
    }
  }

  private int run(JournalSession session, Comparisons.Plan plan) throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int[] status = {0};
    Comparisons.Step step = (run, runsDir) -> {
      Execution.Outcome outcome = Execution.runAndWrite(session, run, Execution.Options.quiet(runsDir), o, err);
      status[0] = outcome.status();
      return Optional.ofNullable(outcome.status() == 0 ? outcome.result() : null);
    };
    Comparisons.Listener listener = (arm, seed, done, total) -> {
      if (!quiet) err.printf("%s seed %d done (%d of %d runs)%n", arm, seed, done, total);
    };
    Optional<Comparisons.Result> result = Comparisons.run(session, plan, report, step, listener);
    if (result.isEmpty()) {
      err.println("uptake: comparison " + plan.id() + " stopped; `uptake compare --resume " + plan.id()
          + (out.equals(Path.of("compare")) ? "" : " --out " + out) + " " + session.db.option() + "` finishes it");
      return status[0];
    }
    Comparison comparison = result.get().comparison();
    Path dir = plan.dir();
    Path html = result.get().report();
    if (!quiet) print(o, comparison, plan.firstSeed(), plan.seeds());
    o.println("Comparison: " + dir.resolve("compare.csv") + ", " + dir.resolve("compare-differences.csv") + ", "
        + result.get().chart());
    if (html != null) o.println("Report: " + html);
    return 0;
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
