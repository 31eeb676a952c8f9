package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.uptake.RuntimeSettings;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.Runner;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.Placement;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import picocli.CommandLine.Option;

/** The console face of running a plan (experiment.Runner): the options, progress, and what is printed. */
final class Execution {
  enum ProgressMode {
    AUTO, BAR, LINES, NONE;

    /** The mode {@code --quiet} and {@code --progress MODE} ask for: auto is a bar on a terminal, none elsewhere. */
    static ProgressMode of(boolean quiet, String progress) {
      try {
        ProgressMode p = valueOf(progress.toUpperCase(Locale.ROOT));
        if (quiet) return NONE;
        return p == AUTO ? (System.console() != null ? BAR : NONE) : p;
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException("--progress " + progress + ": expected auto, bar, lines or none");
      }
    }
  }

  /** Options shared by the commands that run a simulation. */
  static final class Options {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
        description = "Where outputs go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quiet", description = "No progress and no summary table.")
    boolean quiet;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
        description = "auto (a bar on a terminal), bar, lines (one line per tick on stderr, for logs), none.")
    String progress;

    @Option(names = "--report",
        description = "Also write <out>/<run-id>/report.html with its charts (PNG and SVG under charts/).")
    boolean report;

    @Option(names = "--snapshot-every", paramLabel = "EVENTS",
        description = "Snapshot each department every this many events (default: 26, the "
            + "snapshot-every runtime setting).")
    Integer snapshotEvery;

    @Option(names = "--min-free-disk", paramLabel = "MB", defaultValue = "64",
        description = "With an H2 file journal, stop between ticks (the run stays resumable) once the journal's "
            + "disk has less than this free (default: ${DEFAULT-VALUE}; 0 turns the guard off).")
    long minFreeDisk = 64;

    /**
     * The option's value, or the runtime settings' when none was parsed: picocli leaves a group none of whose
     * options is given as it was made, without its defaults.
     */
    int snapshotEvery() {
      return snapshotEvery != null ? snapshotEvery : RuntimeSettings.get().snapshotEvery();
    }

    /** Where the departments go (set by --cluster, not an option itself). */
    Placement placement = Placement.LOCAL;

    ProgressMode mode() {
      return ProgressMode.of(quiet, progress);
    }

    /** The same options without the per-run summary table and progress (for replications). */
    Options quietCopy() {
      Options o = quiet(out);
      o.snapshotEvery = snapshotEvery;
      o.report = report;
      o.minFreeDisk = minFreeDisk;
      o.placement = placement;
      return o;
    }

    /** Options for runs that report nothing themselves (replications, comparisons). */
    static Options quiet(Path out) {
      Options o = new Options();
      o.out = out;
      o.quiet = true;
      o.progress = "none";
      return o;
    }

    void check() {
      mode();
      Outputs.checkWritable(out, "--out");
      if (snapshotEvery() < 1) throw new Errors.UsageException("--snapshot-every: expected a whole number >= 1");
      if (minFreeDisk < 0) throw new Errors.UsageException("--min-free-disk: expected a whole number of MB >= 0");
    }
  }

  private Execution() {}

  /** How a run ended: its exit status and, for a finished run, its projection (read back once). */
  record Outcome(int status, RunProjection.Result result) {}

  /** Runs the plan with progress on {@code err}; prints its summary and outputs, and returns its exit status. */
  static Outcome runAndWrite(JournalSession session, RunPlan plan, Options options, PrintWriter out, PrintWriter err)
      throws InterruptedException, ExecutionException {
    Runner.Settings settings = new Runner.Settings(options.out, options.report, options.minFreeDisk,
        options.placement);
    Runner.Result result;
    boolean interrupted;
    try (Interruption interruption = Interruption.install(err); ProgressDisplay display = new ProgressDisplay(plan,
        options.mode(), err)) {
      result = Runner.run(session, plan, settings, interruption, display);
      interrupted = interruption.requested();
    }
    String resume = "`uptake resume " + plan.runId() + (options.placement == Placement.LOCAL ? "" : " --cluster ...")
        + "` continues it from the journal";
    if (result instanceof Runner.Stopped st && interrupted) {
      err.println("uptake: run " + plan.runId() + " " + st.reason() + " after " + plan.scenario().unit() + " "
          + st.lastTick() + " of " + plan.scenario().ticks() + "; " + resume);
      return new Outcome(Interruption.EXIT_STATUS, null);
    }
    if (result instanceof Runner.Stopped st) {
      err.println("uptake: run " + plan.runId() + " failed: " + st.reason() + "; " + resume);
      return new Outcome(Main.FAILED, null);
    }
    if (result instanceof Runner.Failed f) {
      err.println("uptake: run " + plan.runId() + " failed: " + f.reason() + "; " + resume);
      return new Outcome(Main.FAILED, null);
    }
    Runner.Finished done = (Runner.Finished) result;
    if (!options.quiet) {
      SummaryTable.print(out, RunSummary.of(done.projection()), done.projection());
      out.println("Outputs: " + done.dir().resolve("timeseries.csv") + ", " + done.dir().resolve("summary.json"));
    }
    if (done.report() != null) out.println("Report: " + done.report());
    if (done.reportProblem() != null) {
      // The run has finished and its outputs are written: a report that fails is a warning, not a failed run.
      err.println("uptake: run " + plan.runId() + " finished and its outputs are written, but its report could not "
          + "be: " + done.reportProblem() + " (`uptake report " + plan.runId() + "` tries again)");
    }
    return new Outcome(0, done.projection());
  }

  /** A run's progress on the console, tick by tick, and where its departments are on a cluster. */
  private static final class ProgressDisplay implements Runner.Listener, AutoCloseable {
    private final String runId;
    private final PrintWriter err;
    private final ConsoleProgress console;

    ProgressDisplay(RunPlan plan, ProgressMode mode, PrintWriter err) {
      this.runId = plan.runId();
      this.err = err;
      this.console = new ConsoleProgress(mode, err, plan.runId(), plan.scenario().ticks(), 0,
          plan.scenario().unit() + "s");
    }

    @Override
    public void placed(RunClock.Placed placed) {
      // "127.0.0.1:2551 (Sales, HR), 127.0.0.1:2552 (IT)".
      Map<String, List<String>> byMember = new TreeMap<>();
      placed.members().forEach((d, m) -> byMember.computeIfAbsent(m, k -> new ArrayList<>()).add(d));
      console.say("Departments on members: " + byMember.entrySet().stream()
          .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining(", ")));
    }

    @Override
    public void tick(RunClock.TickDone t) {
      String active = String.format(Locale.ROOT, "%.1f%% active", 100 * t.activeFraction());
      // "tick 12/104": the position in the scenario's ticks, as log readers and scripts expect it.
      console.step(t.tick(), active, () -> "tick " + t.tick() + "/" + t.ticks() + " " + active);
    }

    @Override
    public void resuming(String reason) {
      // Said whatever the progress mode: the run goes on, but not where it started.
      err.println("uptake: run " + runId + ": " + reason + "; resuming it from the journal on the members left");
      err.flush();
    }

    @Override
    public void close() {
      console.close();
    }
  }
}
