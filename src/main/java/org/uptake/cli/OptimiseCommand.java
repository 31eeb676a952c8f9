package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.Runner;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.Lease;
import org.uptake.optimise.OptimiseRun;
import org.uptake.optimise.OptimiseSearch;
import org.uptake.optimise.OptimiseSpec;
import org.uptake.report.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "optimise", aliases = "optimize", mixinStandardHelpOptions = true,
    description = {"Searches the plan (which levers, when, where) that gives the best headline metric within a "
        + "budget (an optimisation file, HOCON: base, objective, decide, set, budget, replications, first-seed, "
        + "evaluations, search-seed, confirm). Each plan is `replications` runs of the base scenario with the keys "
        + "its decisions set, the same seeds for every plan; every plan within the budget is run when they are no "
        + "more than `evaluations`, otherwise CMA-ES searches. The best plan, the runner-up and the baseline (the "
        + "base as written) are then run again on `confirm` fresh seeds, and the best plan's paired difference from "
        + "each gets a 95%% interval. Every plan is recorded in the journal as it is done: an interrupted "
        + "optimisation continues with --resume ID. Writes into --out: optimise.json, plans.csv, best.conf (runnable), "
        + "frontier.png / frontier.svg (cost against objective) and report.html.",
        "Example: uptake optimise simulations/optimise/rollout.conf --optimisation-id rollout",
        "         uptake optimise --resume rollout"})
final class OptimiseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "OPT_FILE",
      description = "Optimisation file (HOCON), e.g. simulations/optimise/rollout.conf")
  Path file;

  @Option(names = "--resume", paramLabel = "ID",
      description = "Continue this optimisation from the journal (no file: the recorded one is used).")
  String resume;

  @Option(names = "--optimisation-id", paramLabel = "ID",
      description = "Id of the optimisation (default: <file>-<timestamp>).")
  String optimisationId;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the files go (default: optimisations/<id>).")
  Path out;

  @Mixin SearchOptions search;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    if ((file != null) == (resume != null)) {
      throw new Errors.UsageException("expected an optimisation file or --resume ID (one of them)");
    }
    int parallel = search.parallel();
    Execution.ProgressMode mode = search.mode();
    String id = SearchOptions.id(resume, optimisationId, "--optimisation-id", file);
    Path dir = out != null ? out : Path.of("optimisations", id);
    Outputs.checkWritable(dir, "--out");
    OutputFolder.check(dir);
    DiskGuard.of(journal.settings(), search.minFreeDisk).shortage().ifPresent(reason -> {
      throw new Errors.UsageException("optimisation not started: " + reason);
    });
    // A new optimisation is checked whole, every decision's every value, before the journal is opened.
    OptimiseSpec fresh = file == null ? null : OptimiseSpec.load(file);
    try (JournalSession session = search.cluster.session(journal)) {
      OptimiseRun.Plan plan = fresh != null ? OptimiseRun.begin(session, id, fresh) : OptimiseRun.resumed(session, id);
      try (Lease lease = Runner.lease(session, Lease.optimisation(id))) {
        return run(session, plan, parallel, mode, dir);
      }
    }
  }

  private int run(JournalSession session, OptimiseRun.Plan plan, int parallel, Execution.ProgressMode mode,
      Path dir) throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String id = plan.id();
    OptimiseSpec opt = plan.started().spec();
    int most = OptimiseSearch.most(opt);
    if (!search.quiet) {
      o.printf("%s optimisation %s: %s, at most %d plans of %d runs%s.%n", plan.resumed() ? "Resuming" : "Starting",
          id, OptimiseSearch.exhaustive(opt) ? "every plan within the budget" : "searched by CMA-ES", most,
          opt.replications(), plan.resumed() ? " (" + plan.recorded().size() + " recorded)" : "");
    }
    OptimiseRun.Outcome outcome;
    try (Interruption interruption = Interruption.install(err);
        ConsoleProgress progress = new ConsoleProgress(mode, err, "optimise " + id, most, 0, "plans")) {
      long start = System.nanoTime();
      int[] fresh = {0};
      OptimiseRun.Listener listener = (p, recorded) -> {
        if (!recorded) fresh[0]++;
        long left = fresh[0] == 0 ? 0 : (System.nanoTime() - start) / fresh[0] * Math.max(0, most - p.number());
        progress.step(p.number(), null, () -> String.format(Locale.ROOT, "plan %d (%s%s)%s, at most %d, about %s left",
            p.number(), p.role().name().toLowerCase(Locale.ROOT), p.values().isEmpty() ? "" : ": "
            + opt.describe(p.values()), recorded ? " from the journal" : "", most,
            ConsoleProgress.clock(Duration.ofNanos(left))));
      };
      outcome = search.cluster.search(session.system(), err,
          "`uptake optimise --resume " + id + "` continues the optimisation",
          () -> OptimiseRun.local(session, plan, parallel, interruption, search.minFreeDisk, dir, listener),
          work -> OptimiseRun.run(session, plan, work, parallel, interruption, search.minFreeDisk, dir, listener));
      if (outcome == null) return Main.FAILED;
      if (outcome instanceof OptimiseRun.Stopped st) {
        progress.close();
        err.println("uptake: optimisation " + id + " " + interruption.reason().orElse("stopped") + " with "
            + st.evaluated() + " plans recorded; `uptake optimise --resume " + id + "` continues it");
        return Interruption.EXIT_STATUS;
      }
    }
    if (outcome instanceof OptimiseRun.Failed f) {
      err.println("uptake: " + f.reason() + "; `uptake optimise --resume " + id + "` continues the optimisation");
      return Main.FAILED;
    }
    OptimiseRun.Finished done = (OptimiseRun.Finished) outcome;
    if (!search.quiet) {
      o.println("Optimisation " + id + " of " + opt.base() + ":");
      for (String line : done.analysis().summary()) o.println("  " + line);
    }
    o.println("Wrote " + String.join(", ", done.files().stream().map(Path::toString).toList()));
    return 0;
  }
}
