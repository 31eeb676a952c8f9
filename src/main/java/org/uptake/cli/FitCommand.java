package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.Runner;
import org.uptake.fit.BassFit;
import org.uptake.fit.BassFitOutputs;
import org.uptake.fit.FitOutputs;
import org.uptake.fit.FitRun;
import org.uptake.fit.FitSearch;
import org.uptake.fit.FitSpec;
import org.uptake.fit.ObservedSeries;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.Lease;
import org.uptake.report.Numbers;
import org.uptake.report.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fits a scenario to observed adoption data (a fit file, HOCON: base, observed, estimate, "
        + "replications, first-seed, evaluations, search-seed, fit-weeks, bootstrap). Estimates the keys named "
        + "under estimate, within their bounds, by least squares between the observed series and the mean of "
        + "`replications` runs per candidate (the same seeds for every candidate), searched by CMA-ES; 95%% "
        + "intervals and correlations by a parametric bootstrap. Every candidate is recorded in the journal as it "
        + "is done: an interrupted fit continues with --resume FIT_ID. Writes into --out: fit.json, fit.csv "
        + "(observed against simulated, with a band), trace.csv (the search), best.conf (the base with the "
        + "estimates, runnable), fit.png / fit.svg and report.html.",
        "The observed CSV has a week column (0 before the first step) and any of timeseries.csv's columns "
            + "(active_fraction, ever_adopted_fraction, active, ...); weeks and values may be missing.",
        "With --bass-curve: the Bass curve's p (innovation), q (imitation) and m (market size) by nonlinear "
            + "least squares on adoptions per period (the CSV's header period,adoptions, one row per period: 1, 2, "
            + "3, ...), with standard errors, their correlations and warnings; nothing is recorded in the journal.",
        "Example: uptake fit simulations/fits/bass-from-simulated.conf --fit-id bass",
        "         uptake fit --resume bass",
        "         uptake fit --bass-curve simulations/data/vcr-sales.csv"})
final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FIT_FILE",
      description = "Fit file (HOCON), e.g. simulations/fits/bass-from-simulated.conf")
  Path file;

  @Option(names = "--resume", paramLabel = "FIT_ID",
      description = "Continue this fit from the journal (no fit file: the recorded one is used).")
  String resume;

  @Option(names = "--fit-id", paramLabel = "ID", description = "Id of the fit (default: <fit file>-<timestamp>).")
  String fitId;

  @Option(names = "--bass-curve", paramLabel = "FILE.csv",
      description = "Fit the Bass curve to adoptions per period (columns period,adoptions) instead.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the files go (default: fits/<fit-id>, or fits/<the CSV's name> with --bass-curve).")
  Path out;

  @Mixin SearchOptions search;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    int given = (file != null ? 1 : 0) + (resume != null ? 1 : 0) + (data != null ? 1 : 0);
    if (given != 1) {
      throw new Errors.UsageException("expected a fit file, --resume FIT_ID or --bass-curve FILE.csv (one of them)");
    }
    return data != null ? bassCurve() : simulation();
  }

  private int simulation() throws Exception {
    int parallel = search.parallel();
    Execution.ProgressMode mode = search.mode();
    String id = SearchOptions.id(resume, fitId, "--fit-id", file);
    Path dir = out != null ? out : Path.of("fits", id);
    Outputs.checkWritable(dir, "--out");
    OutputFolder.check(dir);
    DiskGuard.of(journal.settings(), search.minFreeDisk).shortage().ifPresent(reason -> {
      throw new Errors.UsageException("fit not started: " + reason);
    });
    // A new fit is checked whole, its observed series and both ends of every bound, before the journal is opened.
    FitSpec.Loaded fresh = file == null ? null : FitSpec.load(file);
    try (JournalSession session = search.cluster.session(journal)) {
      FitRun.Plan plan = fresh != null ? FitRun.begin(session, id, fresh) : FitRun.resumed(session, id);
      try (Lease lease = Runner.lease(session, Lease.fit(id))) {
        return run(session, plan, parallel, mode, dir);
      }
    }
  }

  private int run(JournalSession session, FitRun.Plan plan, int parallel, Execution.ProgressMode mode, Path dir)
      throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String id = plan.id();
    FitSpec fit = plan.started().spec();
    int most = FitSearch.most(fit);
    if (!search.quiet && plan.resumed()) {
      o.printf("Resuming fit %s: %d candidates recorded, at most %d in all.%n", id, plan.recorded().size(), most);
    }
    FitRun.Outcome outcome;
    try (Interruption interruption = Interruption.install(err);
        ConsoleProgress progress = new ConsoleProgress(mode, err, "fit " + id, most, 0, "candidates")) {
      long start = System.nanoTime();
      int[] fresh = {0};
      FitRun.Listener listener = (c, recorded) -> {
        if (!recorded) fresh[0]++;
        long left = fresh[0] == 0 ? 0 : (System.nanoTime() - start) / fresh[0] * Math.max(0, most - c.number());
        progress.step(c.number(), null, () -> String.format(Locale.ROOT, "candidate %d (%s%s)%s, at most %d, about "
            + "%s left", c.number(), c.role().name().toLowerCase(Locale.ROOT), Double.isFinite(c.loss())
            ? String.format(Locale.ROOT, ", loss %.4g", c.loss()) : "", recorded ? " from the journal" : "", most,
            ConsoleProgress.clock(Duration.ofNanos(left))));
      };
      outcome = search.cluster.search(session.system(), err, "`uptake fit --resume " + id + "` continues the fit",
          () -> FitRun.local(session, plan, parallel, interruption, search.minFreeDisk, dir, listener),
          work -> FitRun.run(session, plan, work, parallel, interruption, search.minFreeDisk, dir, listener));
      if (outcome == null) return Main.FAILED;
      if (outcome instanceof FitRun.Stopped st) {
        progress.close();
        err.println("uptake: fit " + id + " " + interruption.reason().orElse("stopped") + " with " + st.evaluated()
            + " candidates recorded; `uptake fit --resume " + id + "` continues it");
        return Interruption.EXIT_STATUS;
      }
    }
    if (outcome instanceof FitRun.Failed f) {
      err.println("uptake: " + f.reason() + "; `uptake fit --resume " + id + "` continues the fit");
      return Main.FAILED;
    }
    FitRun.Finished done = (FitRun.Finished) outcome;
    if (!search.quiet) {
      o.println("Fit " + id + " of " + fit.base() + " to " + fit.observed() + ":");
      for (String line : FitOutputs.summary(done.analysis())) o.println("  " + line);
      for (String w : done.analysis().warnings()) o.println("Warning: " + w + ".");
    }
    o.println("Wrote " + String.join(", ", done.files().stream().map(Path::toString).toList()));
    return 0;
  }

  private int bassCurve() {
    if (search.cluster.enabled) {
      throw new Errors.UsageException("--cluster: not with --bass-curve, which fits a closed form and runs nothing");
    }
    Path dir = out != null ? out : Path.of("fits", data.getFileName().toString().replaceFirst("\\.csv$", ""));
    Outputs.checkWritable(dir, "--out");
    OutputFolder.check(dir);
    double[] adoptions = ObservedSeries.adoptionsPerPeriod(data);
    BassFit.Result fit = BassFit.fit(adoptions);
    List<Path> files = BassFitOutputs.write(fit, adoptions, data, dir);
    print(spec.commandLine().getOut(), fit, adoptions);
    spec.commandLine().getOut().println("Wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
    return 0;
  }

  private void print(PrintWriter o, BassFit.Result fit, double[] adoptions) {
    double total = 0;
    for (double a : adoptions) total += a;
    o.printf(Locale.ROOT, "Bass curve fitted to %s: %d periods, %s adoptions in all.%n", data, adoptions.length,
        Numbers.plain(total));
    o.printf(Locale.ROOT, "  %-18s %12s %16s%n", "", "estimate", "standard error");
    row(o, "p (innovation)", fit.p());
    row(o, "q (imitation)", fit.q());
    row(o, "m (market size)", fit.m());
    o.printf(Locale.ROOT, "Adoptions peak at period %.1f. Residual standard error %s on %d degrees of freedom "
        + "(best of %d starting points, %d converged).%n", fit.curve().peakTime(), Numbers.plain(fit.residualStandardError()),
        fit.degreesOfFreedom(), fit.starts(), fit.converged());
    for (String w : fit.warnings()) o.println("Warning: " + w + ".");
  }

  private static void row(PrintWriter o, String name, BassFit.Estimate e) {
    o.printf(Locale.ROOT, "  %-18s %12s %16s%n", name, Numbers.plain(e.estimate()),
        Double.isFinite(e.standardError()) ? Numbers.plain(e.standardError()) : "undefined");
  }
}
