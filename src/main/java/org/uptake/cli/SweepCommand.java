package org.uptake.cli;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.SpawnProtocol;
import akka.actor.typed.javadsl.AskPattern;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import org.uptake.cluster.ClusterConfig;
import org.uptake.cluster.SweepWorker;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSettings;
import org.uptake.run.Brake;
import org.uptake.run.Simulation;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import org.uptake.sweep.Sweep;
import org.uptake.sweep.SweepLog;
import org.uptake.sweep.SweepOutputs;
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
    description = {"Runs a scenario over a grid of parameter values and seeds (a sweep file, HOCON: base, seeds, "
        + "first-seed, vary, metrics, journal), runs in parallel, every run recorded in the journal. Writes "
        + "<out>/<sweep-id>/sweep.csv (one row per run), sweep-summary.csv (tidy: one row per grid point, "
        + "metric and statistic) and sweep.json. A time to a threshold is summarised as how many runs reached it "
        + "and the Kaplan-Meier median; a run that did not reach it is never averaged as a number.",
        "An interrupted sweep continues with --resume SWEEP_ID: finished runs are kept, a run cut short is "
            + "resumed from the journal (journal = full) or redone (journal = summary). --progress lines prints "
            + "a line per finished run with the time left.",
        "Example: uptake sweep simulations/sweeps/enthusiasts-and-dropout.conf --sweep-id dropout",
        "         uptake sweep --resume dropout"})
final class SweepCommand implements Callable<Integer> {
  private static final Pattern SWEEP_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
  private static final Duration ASK = Duration.ofSeconds(30);

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
    org.uptake.report.OutputFolder.check(options.out.resolve(id));
    // A new sweep is checked whole, every grid point's scenario included, before the journal is opened.
    SweepSpec fresh = file == null ? null : SweepSpec.load(file);
    String baseNow = fresh == null ? null : ScenarioLoader.load(Path.of(fresh.base())).resolved();
    try (JournalSession session = cluster.session(journal)) {
      Sweep.SweepStarted started;
      List<SweepSpec.Job> left;
      if (fresh != null) {
        started = new Sweep.SweepStarted(id, fresh, baseNow, Version.get(), org.uptake.journal.JournalFormat.FORMAT);
        left = fresh.jobs(id);
        if (SweepLog.read(session.reader, id).isPresent()) {
          throw new Errors.UsageException("--sweep-id " + id + ": a sweep with this id is already in the journal "
              + session.db.describe() + "; `uptake sweep --resume " + id + "` continues it");
        }
        if (fresh.journal() == SweepSpec.JournalMode.FULL) {
          for (SweepSpec.Job job : left) RunCommand.refuseExisting(session, job.runId());
        }
      } else {
        SweepLog log = SweepLog.read(session.reader, id).orElseThrow(() -> new Errors.UsageException(
            "no sweep '" + id + "' in the journal " + session.db.describe()));
        started = log.started();
        left = started.spec().jobs(id).stream().filter(j -> !log.done(j)).toList();
        if (!left.isEmpty()) checkBaseUnchanged(started);
      }
      try (org.uptake.journal.Lease lease = Execution.lease(session, id, org.uptake.journal.Lease.sweep(id))) {
        return runSweep(session, started, left, id, parallel);
      }
    }
  }

  /** Records the sweep's start, runs what is left, and writes the files; the caller holds the sweep's lease. */
  private int runSweep(JournalSession session, Sweep.SweepStarted started, List<SweepSpec.Job> left, String id,
      int parallel) throws Exception {
    ActorRef<Sweep.Command> record = AskPattern.<SpawnProtocol.Command, ActorRef<Sweep.Command>>ask(session.system,
        r -> new SpawnProtocol.Spawn<>(Sweep.create(id), "sweep-" + id, Props.empty(), r), ASK,
        session.system.scheduler()).toCompletableFuture().get();
    AskPattern.<Sweep.Command, Done>ask(record, r -> new Sweep.Start(started, r), ASK, session.system.scheduler())
        .toCompletableFuture().get();
    PrintWriter out = spec.commandLine().getOut();
    int total = started.spec().jobs(id).size();
    if (!options.quiet && resume != null) {
      out.printf("Resuming sweep %s: %d of %d runs done, %d to go.%n", id, total - left.size(), total, left.size());
    }
    int status;
    try (Interruption interruption = Interruption.install(spec.commandLine().getErr())) {
      status = cluster.enabled ? runOnCluster(session, started, record, left, total, interruption)
          : runAll(session, started, record, left, total, parallel, interruption);
      if (interruption.requested()) {
        int done = SweepLog.read(session.reader, id).orElseThrow().runs().size();
        spec.commandLine().getErr().println("uptake: sweep " + id + " " + interruption.reason().orElseThrow()
            + " with " + done + " of " + total + " runs done; `uptake sweep --resume " + id + "` continues it");
        return Interruption.EXIT_STATUS;
      }
    }
    if (status != 0) return status;
    SweepLog log = SweepLog.read(session.reader, id).orElseThrow();
    Path dir = SweepOutputs.write(log, options.out);
    if (!options.quiet) print(out, log);
    out.println("Sweep: " + dir.resolve("sweep.csv") + ", " + dir.resolve("sweep-summary.csv") + ", "
        + dir.resolve("sweep.json"));
    return 0;
  }

  private static String defaultId(Path file) {
    String stem = file.getFileName().toString().replaceAll("\\.conf$", "").replaceAll("[^A-Za-z0-9._-]+", "-");
    return stem + "-" + RunCommand.timestamp();
  }

  /** Runs still to do need the base scenario as it was: a changed file would mix two scenarios in one sweep. */
  private static void checkBaseUnchanged(Sweep.SweepStarted started) {
    Scenario now = ScenarioLoader.load(Path.of(started.spec().base()));
    if (!now.resolved().equals(started.baseScenario())) {
      throw new Errors.UsageException("sweep " + started.sweepId() + ": the base scenario " + started.spec().base()
          + " has changed since the sweep started; restore it to continue the sweep, or start a new sweep");
    }
  }

  /**
   * Runs the jobs on {@code parallel} threads, each run its own entities in one actor system. Every run is
   * recorded in the sweep as soon as it is done, so a kill loses only the runs in progress. Returns 0, or 1
   * if a run failed (after the others have finished and been recorded).
   */
  private int runAll(JournalSession session, Sweep.SweepStarted started, ActorRef<Sweep.Command> record,
      List<SweepSpec.Job> left, int total, int parallel, Interruption interruption) throws Exception {
    if (left.isEmpty()) return 0;
    boolean summary = started.spec().journal() == SweepSpec.JournalMode.SUMMARY;
    // journal = summary: the runs' events go to a throwaway in-memory journal, only the sweep to the real one.
    JournalSettings memoryDb = summary ? JournalSettings.of("jdbc:h2:mem:uptake-sweep-" + UUID.randomUUID()) : null;
    ActorSystem<SpawnProtocol.Command> system = summary ? Simulation.system(memoryDb) : session.system;
    JournalReader reader = summary ? new JournalReader(system) : session.reader;
    Runner runner = new Runner(session, started, record, new SweepJobs(system, reader, summary ? memoryDb : session.db,
        summary, Brake.any(interruption, DiskGuard.of(session.db, options.minFreeDisk)::shortage),
        options.snapshotEvery)::run, interruption,
        new Progress(options.mode(), spec.commandLine().getErr(), started.sweepId(), total, total - left.size()));
    try {
      return await(runner, left, parallel, started);
    } finally {
      if (summary) {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get();
        // The in-memory database outlives its connections (DB_CLOSE_DELAY=-1) until it is shut down.
        try (java.sql.Connection c = org.uptake.journal.JournalSchema.connect(memoryDb);
            java.sql.Statement st = c.createStatement()) {
          st.execute("SHUTDOWN");
        } catch (java.sql.SQLException e) {
          // Nothing of the sweep is in it any more; a database that will not shut down only holds memory.
        }
      }
    }
  }

  /**
   * Runs {@code runner} over the jobs, {@code parallel} at a time; returns 0, or 1 if a run failed (after the
   * others have finished and been recorded).
   */
  private int await(Runner runner, List<SweepSpec.Job> left, int parallel, Sweep.SweepStarted started)
      throws Exception {
    ExecutorService pool = SweepJobs.threads(parallel, "sweep-run");
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (SweepSpec.Job job : left) futures.add(pool.submit(() -> runner.run(job)));
      Exception first = null;
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          if (first == null) first = (Exception) e.getCause();
        }
      }
      runner.progress.close();
      if (first instanceof SweepJobs.RunFailure f) {
        // Runs stopped by Ctrl-C are the caller's to report, in one line for the sweep.
        if (!runner.interruption.requested()) {
          spec.commandLine().getErr().println("uptake: " + f.getMessage() + "; `uptake sweep --resume "
              + started.sweepId() + "` continues the sweep");
        }
        return Main.FAILED;
      }
      if (first != null) throw first;
      return 0;
    } finally {
      pool.shutdownNow();
      runner.progress.close();
    }
  }

  /**
   * Hands the jobs to the cluster's worker members through Cluster Sharding (one entity per run id) and
   * records each result as it comes. An ask that times out is asked again: it reaches the same entity, still
   * running or done, or, if its member was removed meanwhile, a new one that resumes the run from the journal.
   */
  private int runOnCluster(JournalSession session, Sweep.SweepStarted started, ActorRef<Sweep.Command> record,
      List<SweepSpec.Job> left, int total, Interruption interruption) throws Exception {
    if (left.isEmpty()) return 0;
    ClusterSharding sharding = ClusterSharding.get(session.system);
    // Not a worker itself, this process only reaches the entities (a sharding proxy).
    sharding.init(Entity.of(SweepWorker.KEY, ctx -> Behaviors.<SweepWorker.Command>empty())
        .withRole(ClusterConfig.WORKER));
    if (!cluster.awaitWorkers(session.system, spec.commandLine().getErr(),
        "`uptake sweep --resume " + started.sweepId() + "` continues the sweep")) {
      return Main.FAILED;
    }
    SweepWorker.Work remote = (s, job) -> {
      while (true) {
        try {
          SweepWorker.Result r = sharding.entityRefFor(SweepWorker.KEY, job.runId())
              .<SweepWorker.Result>ask(reply -> new SweepWorker.Execute(s, job, reply), ASK)
              .toCompletableFuture().get();
          if (r.failure() != null) throw new SweepJobs.RunFailure("run " + job.runId() + " failed: " + r.failure());
          return r.measures();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof java.util.concurrent.TimeoutException)) throw e;
          if (!ClusterOptions.awaitWorkers(session.system, 1, Duration.ofMinutes(1))) {
            throw new SweepJobs.RunFailure("run " + job.runId() + ": no worker member has been up for a minute");
          }
        }
      }
    };
    Runner runner = new Runner(session, started, record, remote, interruption,
        new Progress(options.mode(), spec.commandLine().getErr(), started.sweepId(), total, total - left.size()));
    return await(runner, left, jobs != null ? jobs : 64, started);
  }

  /** One run of the sweep, from its plan (or what the journal holds of it) to its record in the sweep. */
  private static final class Runner {
    final JournalSession session;
    final Sweep.SweepStarted started;
    final ActorRef<Sweep.Command> record;
    final SweepWorker.Work jobs;
    final Interruption interruption;
    final Progress progress;

    Runner(JournalSession session, Sweep.SweepStarted started, ActorRef<Sweep.Command> record, SweepWorker.Work jobs,
        Interruption interruption, Progress progress) {
      this.session = session;
      this.started = started;
      this.record = record;
      this.jobs = jobs;
      this.interruption = interruption;
      this.progress = progress;
    }

    /** Runs and records a job; once a stop was asked for, starts no more. */
    Void run(SweepSpec.Job job) throws Exception {
      if (interruption.requested()) return null;
      record(jobs.run(started, job), job);
      return null;
    }

    /** Records the run in the sweep (so a kill loses only runs in progress) and counts it as done. */
    void record(org.uptake.sweep.Measures measures, SweepSpec.Job job) throws Exception {
      Sweep.RunCompleted done = new Sweep.RunCompleted(job.point().number(), job.point().values(), job.seed(),
          job.runId(), measures.metrics(), measures.horizon());
      AskPattern.<Sweep.Command, Done>ask(record, r -> new Sweep.Record(done, r), ASK, session.system.scheduler())
          .toCompletableFuture().get();
      progress.done(job.runId());
    }
  }

  /** Runs done out of all the sweep's: a bar with its ETA on a terminal, or a line per run for logs. */
  private static final class Progress {
    final Execution.Progress mode;
    final PrintWriter err;
    final int total;
    final int already;
    final long startNanos = System.nanoTime();
    final ProgressBar bar;
    int done;
    boolean closed;

    Progress(Execution.Progress mode, PrintWriter err, String sweepId, int total, int already) {
      this.mode = mode;
      this.err = err;
      this.total = total;
      this.already = already;
      this.done = already;
      this.bar = mode != Execution.Progress.BAR ? null : new ProgressBarBuilder()
          .setTaskName("sweep " + sweepId)
          .setInitialMax(total)
          .startsFrom(already, Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit(" runs", 1)
          .setConsumer(new ConsoleProgressBarConsumer(System.err))
          .build();
    }

    synchronized void done(String runId) {
      done++;
      if (bar != null) {
        bar.stepTo(done);
      } else if (mode == Execution.Progress.LINES) {
        // Time left from this session's pace: runs in parallel finish faster than one run takes.
        long elapsed = System.nanoTime() - startNanos;
        long left = elapsed / (done - already) * (total - done);
        err.printf(Locale.ROOT, "run %d/%d done (%s), about %s left%n", done, total, runId,
            clock(Duration.ofNanos(left)));
        err.flush();
      }
    }

    synchronized void close() {
      if (bar != null && !closed) bar.close();
      closed = true;
    }

    static String clock(Duration d) {
      return String.format(Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
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
      for (org.uptake.experiment.MetricSummary m : p.stats()) {
        line.append(String.format(Locale.ROOT, " | %-34s", m.describe(log.unit())));
      }
      o.println(line);
    }
  }
}
