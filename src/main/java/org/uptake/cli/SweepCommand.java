package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.uptake.cluster.Sharding;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.MetricSummary;
import org.uptake.experiment.RunIds;
import org.uptake.experiment.Runner;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.Lease;
import org.uptake.report.OutputFolder;
import org.uptake.sweep.SweepJobs;
import org.uptake.sweep.SweepLog;
import org.uptake.sweep.SweepOutputs;
import org.uptake.sweep.SweepRun;
import org.uptake.sweep.SweepSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sweep", mixinStandardHelpOptions = true, defaultValueProvider = SweepCommand.OutDefault.class,
    description = {"Runs a scenario over a grid of parameter values, or points drawn by a Latin hypercube or at "
        + "random, and seeds (a sweep file, HOCON: base, seeds, first-seed, design, points, design-seed, vary, "
        + "metrics, journal), runs in parallel, every run recorded in the journal. Writes "
        + "<out>/<sweep-id>/sweep.csv (one row per run), sweep-summary.csv (tidy: one row per point, "
        + "metric and statistic) and sweep.json. A time to a threshold is summarised as how many runs reached it "
        + "and the Kaplan-Meier median; a run that did not reach it is never averaged as a number.",
        "An interrupted sweep continues with --resume SWEEP_ID: finished runs are kept, a run cut short is "
            + "resumed from the journal (journal = full) or redone (journal = summary). --progress lines prints "
            + "a line per finished run with the time left.",
        "Example: uptake sweep simulations/sweeps/enthusiasts-and-dropout.conf --sweep-id dropout",
        "         uptake sweep --resume dropout"})
final class SweepCommand implements Callable<Integer> {
  /** The ids of sweeps and fits. */
  static final Pattern SWEEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP_FILE",
      description = "Sweep file (HOCON), e.g. simulations/sweeps/enthusiasts-and-dropout.conf")
  Path file;

  @Option(names = "--resume", paramLabel = "SWEEP_ID",
      description = "Continue this sweep from the journal (no sweep file: the recorded one is used).")
  String resume;

  @Option(names = "--sweep-id", paramLabel = "ID",
      description = "Id of the sweep (default: <sweep file>-<timestamp>); its runs are <id>-p<point>-s<seed>.")
  String sweepId;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Runs at the same time (default: the number of processors; with --cluster, runs handed out at "
          + "once, default 64, each member's own --jobs bounding what it runs). Results do not depend on it.")
  Integer jobs;

  @Mixin JournalOptions journal;

  @Mixin CoordinatorOptions cluster;

  @ArgGroup(exclusive = false, heading = "Output:%n")
  Execution.Options options = new Execution.Options();

  /** Sweeps go to ./sweeps by default, not to ./runs like the other commands sharing --out. */
  static final class OutDefault implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
      return arg instanceof OptionSpec o && o.longestName().equals("--out") ? "sweeps" : null;
    }
  }

  @Override
  public Integer call() throws Exception {
    options.check();
    int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    if (parallel < 1) throw new Errors.UsageException("--jobs: expected a whole number >= 1");
    if ((file == null) == (resume == null)) {
      throw new Errors.UsageException("expected a sweep file or --resume SWEEP_ID (one of them)");
    }
    DiskGuard.of(journal.settings(), options.minFreeDisk).shortage().ifPresent(reason -> {
      throw new Errors.UsageException("sweep not started: " + reason);
    });
    if (resume != null && sweepId != null) {
      throw new Errors.UsageException("--sweep-id: not with --resume (the sweep keeps its id)");
    }
    String id = resume != null ? resume : sweepId != null ? sweepId : defaultId(file);
    if (!SWEEP_ID.matcher(id).matches()) {
      throw new Errors.UsageException((resume != null ? "--resume " : "--sweep-id ") + id + ": expected letters, "
          + "digits, '.', '_' or '-' (at most 80, starting with a letter or digit)");
    }
    OutputFolder.check(options.out.resolve(id));
    // A new sweep is checked whole, every grid point's scenario included, before the journal is opened.
    SweepSpec fresh = file == null ? null : SweepSpec.load(file);
    try (JournalSession session = cluster.session(journal)) {
      SweepRun.Plan plan = fresh != null ? SweepRun.begin(session, id, fresh) : SweepRun.resumed(session, id);
      try (Lease lease = Runner.lease(session, Lease.sweep(id))) {
        return run(session, plan, parallel);
      }
    }
  }

  /** Runs what is left of the sweep, here or on the cluster, with progress; prints how it ended. */
  private int run(JournalSession session, SweepRun.Plan plan, int parallel) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String id = plan.id();
    if (!options.quiet && plan.resumed()) {
      out.printf("Resuming sweep %s: %d of %d runs done, %d to go.%n", id, plan.total() - plan.left().size(),
          plan.total(), plan.left().size());
    }
    String continueWith = "`uptake sweep --resume " + id + "` continues the sweep";
    SweepRun.Outcome outcome;
    try (Interruption interruption = Interruption.install(err);
        ProgressDisplay progress = new ProgressDisplay(options.mode(), err, id, plan.total(), plan.total() - plan.left().size())) {
      if (!cluster.enabled) {
        outcome = SweepRun.local(session, plan, parallel, interruption, options.minFreeDisk, options.snapshotEvery(),
            options.out, progress::done);
      } else {
        SweepJobs.Work remote = Sharding.sweepRuns(session.system());
        if (!plan.left().isEmpty() && !cluster.awaitWorkers(session.system(), err, continueWith)) return Main.FAILED;
        outcome = SweepRun.run(session, plan, remote, jobs != null ? jobs : 64, interruption, options.out,
            progress::done);
      }
      if (outcome instanceof SweepRun.Stopped st) {
        progress.close();
        err.println("uptake: sweep " + id + " " + interruption.reason().orElseThrow() + " with " + st.done() + " of "
            + plan.total() + " runs done; `uptake sweep --resume " + id + "` continues it");
        return Interruption.EXIT_STATUS;
      }
    }
    if (outcome instanceof SweepRun.Failed f) {
      err.println("uptake: " + f.reason() + "; " + continueWith);
      return Main.FAILED;
    }
    SweepRun.Finished done = (SweepRun.Finished) outcome;
    if (!options.quiet) print(out, done.log());
    out.println("Sweep: " + done.dir().resolve("sweep.csv") + ", " + done.dir().resolve("sweep-summary.csv") + ", "
        + done.dir().resolve(SweepOutputs.MANIFEST));
    return 0;
  }

  /** {@code <file name without .conf>-<timestamp>}, the default id of a sweep or fit. */
  static String defaultId(Path file) {
    String stem = file.getFileName().toString().replaceAll("\\.conf$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
    return stem + "-" + RunIds.timestamp();
  }

  /** Runs done out of all the sweep's; a line for logs says the time left at this session's pace. */
  private static final class ProgressDisplay implements AutoCloseable {
    private final ConsoleProgress console;
    private final int total;
    private final int already;
    private final long startNanos = System.nanoTime();
    private int done;

    ProgressDisplay(Execution.ProgressMode mode, PrintWriter err, String sweepId, int total, int already) {
      this.console = new ConsoleProgress(mode, err, "sweep " + sweepId, total, already, "runs");
      this.total = total;
      this.already = already;
      this.done = already;
    }

    synchronized void done(String runId) {
      done++;
      // Runs in parallel finish faster than one run takes, so the time left comes from this session's pace.
      long left = (System.nanoTime() - startNanos) / (done - already) * (total - done);
      console.step(done, null, () -> String.format(Locale.ROOT, "run %d/%d done (%s), about %s left", done, total,
          runId, ConsoleProgress.clock(Duration.ofNanos(left))));
    }

    @Override
    public void close() {
      console.close();
    }
  }

  /**
   * One line per grid point: its values, the seeds done, and each metric's summary (a share's mean with its
   * 95% interval, a time's Kaplan-Meier median with its interval and how many runs reached it).
   */
  static void print(PrintWriter o, SweepLog log) {
    SweepSpec s = log.spec();
    o.printf("%nSweep %s  (%s, %d points x %d seeds, journal %s; 95%% intervals)%n", log.started().sweepId(),
        s.base(), s.points().size(), s.seeds(), s.journal().name().toLowerCase(Locale.ROOT));
    StringBuilder header = new StringBuilder(String.format("%-5s", "point"));
    for (String k : s.keys()) header.append(String.format(" | %-" + Math.max(8, k.length()) + "s", k));
    header.append(" | n ");
    for (String m : s.metrics()) header.append(String.format(" | %-34s", m));
    o.println(header);
    for (SweepOutputs.PointSummary p : SweepOutputs.summarise(log)) {
      StringBuilder line = new StringBuilder(String.format("%-5d", p.point().number()));
      for (int k = 0; k < s.keys().size(); k++) {
        line.append(String.format(" | %-" + Math.max(8, s.keys().get(k).length()) + "s",
            SweepSpec.display(p.point().values().get(k))));
      }
      line.append(String.format(" | %-2d", p.n()));
      for (MetricSummary m : p.stats()) {
        line.append(String.format(Locale.ROOT, " | %-34s", m.describe(log.unit())));
      }
      o.println(line);
    }
  }
}
