package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.uptake.journal.RunLog;
import org.uptake.report.RunOutputs;
import org.uptake.report.RunProjection;
import org.uptake.report.Reports;
import org.uptake.report.RunSummary;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.Lease;
import org.uptake.run.Brake;
import org.uptake.run.RunClock;
import org.uptake.run.Placement;
import org.uptake.run.RunPlan;
import org.uptake.run.Simulation;
import picocli.CommandLine.Option;

/** Runs a plan to its end with progress, then writes its outputs from the journal (run, branch, resume). */
final class Execution {
  enum Progress { AUTO, BAR, LINES, NONE }

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

    @Option(names = "--snapshot-every", paramLabel = "EVENTS", defaultValue = "26",
        description = "Snapshot each department every this many events (default: ${DEFAULT-VALUE}).")
    int snapshotEvery;

    @Option(names = "--min-free-disk", paramLabel = "MB", defaultValue = "64",
        description = "With an H2 file journal, stop between ticks (the run stays resumable) once the journal's "
            + "disk has less than this free (default: ${DEFAULT-VALUE}; 0 turns the guard off).")
    long minFreeDisk = 64;

    /** Where the departments go (set by --cluster, not an option itself). */
    Placement placement = Placement.LOCAL;

    Progress mode() {
      try {
        Progress p = Progress.valueOf(progress.toUpperCase(Locale.ROOT));
        if (quiet) return Progress.NONE;
        return p == Progress.AUTO ? (System.console() != null ? Progress.BAR : Progress.NONE) : p;
      } catch (IllegalArgumentException e) {
        throw new Errors.UsageException("--progress " + progress + ": expected auto, bar, lines or none");
      }
    }

    /** The same options without the per-run summary table and progress (for replications). */
    Options quietCopy() {
      Options o = quiet(out, snapshotEvery);
      o.report = report;
      o.minFreeDisk = minFreeDisk;
      o.placement = placement;
      return o;
    }

    /** Options for runs that report nothing themselves (replications, comparisons). */
    static Options quiet(Path out, int snapshotEvery) {
      Options o = new Options();
      o.out = out;
      o.quiet = true;
      o.progress = "none";
      o.snapshotEvery = snapshotEvery;
      return o;
    }

    void check() {
      mode();
      Outputs.checkWritable(out, "--out");
      if (snapshotEvery < 1) throw new Errors.UsageException("--snapshot-every: expected a whole number >= 1");
      if (minFreeDisk < 0) throw new Errors.UsageException("--min-free-disk: expected a whole number of MB >= 0");
    }
  }

  /** A run over a cluster that keeps losing departments (one failing on every member, say) stops trying. */
  private static final int MAX_RESUMES = 10;

  private Execution() {}

  /** How a run ended: its exit status and, for a finished run, its projection (read back once). */
  record Outcome(int status, RunProjection.Result result) {}

  /** Runs the plan; on success writes and reports the outputs and returns status 0 with the projection. */
  static Outcome runAndWrite(JournalSession session, RunPlan plan, Options options, PrintWriter out, PrintWriter err)
      throws InterruptedException, ExecutionException {
    // The run's folder must be free for Uptake's files before anything is recorded.
    org.uptake.report.OutputFolder.check(options.out.resolve(plan.runId()));
    DiskGuard disk = DiskGuard.of(session.db, options.minFreeDisk);
    disk.shortage().ifPresent(reason -> {
      throw new Errors.UsageException("run " + plan.runId() + " not started: " + reason);
    });
    RunClock.Progress outcome;
    boolean interrupted;
    try (Lease lease = lease(session, plan.runId()); Interruption interruption = Interruption.install(err)) {
      outcome = execute(session, plan, options.mode(), Brake.any(interruption, disk::shortage), options.placement, err);
      interrupted = interruption.requested();
    }
    String resume = "`uptake resume " + plan.runId() + (options.placement == Placement.LOCAL ? "" : " --cluster ...")
        + "` continues it from the journal";
    if (outcome instanceof RunClock.Refused r) {
      throw new Errors.UsageException("--run-id " + plan.runId() + ": " + r.reason() + "; choose another id");
    }
    if (outcome instanceof RunClock.Stopped st && interrupted) {
      err.println("uptake: run " + plan.runId() + " " + st.reason() + " after " + plan.scenario().unit() + " "
          + st.lastTick() + " of " + plan.scenario().ticks() + "; " + resume);
      return new Outcome(Interruption.EXIT_STATUS, null);
    }
    if (outcome instanceof RunClock.Stopped st) {
      err.println("uptake: run " + plan.runId() + " failed: " + st.reason() + "; " + resume);
      return new Outcome(Main.FAILED, null);
    }
    if (outcome instanceof RunClock.Failed f) {
      err.println("uptake: run " + plan.runId() + " failed: " + f.reason() + "; " + resume);
      return new Outcome(Main.FAILED, null);
    }
    RunLog log = session.log(plan.runId());
    RunProjection.Result result = RunProjection.project(log);
    Path dir = RunOutputs.write(result, options.out);
    if (!options.quiet) {
      SummaryTable.print(out, RunSummary.of(result), result);
      out.println("Outputs: " + dir.resolve("timeseries.csv") + ", " + dir.resolve("summary.json"));
    }
    if (options.report) {
      // The run has finished and its outputs are written: a report that fails is a warning, not a failed run.
      try {
        int last = result.rows().get(result.rows().size() - 1).tick();
        out.println("Report: " + Reports.run(log, result, dir, Reports.defaultTicks(last)));
      } catch (RuntimeException e) {
        err.println("uptake: run " + plan.runId() + " finished and its outputs are written, but its report could not "
            + "be: " + e.getMessage() + " (`uptake report " + plan.runId() + "` tries again)");
      }
    }
    return new Outcome(0, result);
  }

  /** The run's lease for the time it is written; a run somebody else is writing is refused (exit 2). */
  static Lease lease(JournalSession session, String runId) {
    return lease(session, runId, Lease.run(runId));
  }

  /** Lease {@code name}; one somebody else holds is refused (exit 2). */
  static Lease lease(JournalSession session, String id, String name) {
    try {
      return Lease.acquire(session.db, name);
    } catch (Lease.Held e) {
      throw new Errors.UsageException(e.getMessage() + "; it has one writer at a time: wait for it to finish (`uptake "
          + "runs` shows runs running)");
    }
  }

  /** "127.0.0.1:2551 (Sales, HR), 127.0.0.1:2552 (IT)". */
  private static String placed(RunClock.Placed placed) {
    java.util.Map<String, java.util.List<String>> byMember = new java.util.TreeMap<>();
    placed.members().forEach((d, m) -> byMember.computeIfAbsent(m, k -> new java.util.ArrayList<>()).add(d));
    return byMember.entrySet().stream().map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")")
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /**
   * Runs the plan with progress. Spread over a cluster, a run that loses a member is resumed from the journal on
   * the members left, up to {@link #MAX_RESUMES} times while any worker member is up.
   */
  static RunClock.Progress execute(JournalSession session, RunPlan plan, Progress mode, Brake brake,
      Placement placement, PrintWriter err) throws InterruptedException, ExecutionException {
    int ticks = plan.scenario().ticks();
    String unit = plan.scenario().unit();
    ProgressBar bar = mode != Progress.BAR ? null : new ProgressBarBuilder()
        .setTaskName(plan.runId())
        .setInitialMax(ticks)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" " + unit + "s", 1)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
    java.util.function.Consumer<RunClock.Progress> onProgress = p -> {
      if (p instanceof RunClock.Placed placed) {
        if (mode != Progress.NONE) {
          err.println("Departments on members: " + placed(placed));
          err.flush();
        }
        return;
      }
      RunClock.TickDone t = (RunClock.TickDone) p;
      String active = String.format(Locale.ROOT, "%.1f%% active", 100 * t.activeFraction());
      if (bar != null) {
        bar.stepTo(t.tick());
        bar.setExtraMessage(active);
      } else if (mode == Progress.LINES) {
        // "tick 12/104": the position in the scenario's ticks, as log readers and scripts expect it.
        System.err.println("tick " + t.tick() + "/" + t.ticks() + " " + active);
      }
    };
    try {
      RunClock.Progress outcome = Simulation.run(session.system, plan, onProgress, brake, placement)
          .toCompletableFuture().get();
      for (int resumes = 1; outcome instanceof RunClock.Interrupted i; resumes++) {
        if (resumes > MAX_RESUMES) {
          return new RunClock.Failed(plan.runId(), i.reason() + ", for the " + resumes + "th time: given up");
        }
        if (!ClusterOptions.awaitWorkers(session.system, 1, Duration.ofMinutes(1))) {
          return new RunClock.Failed(plan.runId(), i.reason() + ", and no worker member has been up for a minute");
        }
        err.println("uptake: run " + plan.runId() + ": " + i.reason() + "; resuming it from the journal on the "
            + "members left");
        err.flush();
        outcome = Simulation.run(session.system, plan.resumed(), onProgress, brake, placement)
            .toCompletableFuture().get();
      }
      return outcome;
    } finally {
      if (bar != null) bar.close();
    }
  }
}
