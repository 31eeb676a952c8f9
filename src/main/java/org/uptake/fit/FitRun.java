package org.uptake.fit;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Props;
import akka.actor.typed.SpawnProtocol;
import akka.actor.typed.javadsl.AskPattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.uptake.BadInput;
import org.uptake.RuntimeSettings;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.DiskGuard;
import org.uptake.journal.JournalFormat;
import org.uptake.run.Brake;
import org.uptake.scenario.ScenarioLoader;
import org.uptake.sweep.Measures;
import org.uptake.sweep.SweepJobs;

/**
 * A fit from its plan to its files: the search's candidates evaluated one after another, each candidate's runs in
 * parallel on a throwaway in-memory journal (as a sweep with journal = summary runs them), and each candidate
 * recorded in the fit's journal entity as soon as it is done, so a kill loses only the candidate in progress and
 * {@code --resume} evaluates only what is left.
 */
public final class FitRun {
  private static final Duration ASK = RuntimeSettings.get().askTimeout();

  private FitRun() {}

  /** A fit ready to run: its start as recorded and the candidates recorded so far (none for a new fit). */
  public record Plan(Fit.FitStarted started, List<Fit.CandidateEvaluated> recorded, boolean resumed) {
    public String id() {
      return started.fitId();
    }
  }

  /** Hears each candidate, whether evaluated now or taken from the journal. */
  @FunctionalInterface
  public interface Listener {
    void evaluated(Fit.CandidateEvaluated candidate, boolean fromJournal);
  }

  /** How a fit ended. */
  public sealed interface Outcome {}

  /** Every candidate evaluated and recorded; the fit's files are in {@code dir}. */
  public record Finished(FitAnalysis analysis, List<Path> files) implements Outcome {}

  /** Stopped by the brake between or within a candidate's runs: the fit can be resumed. */
  public record Stopped(int evaluated) implements Outcome {}

  /** A run failed: the fit can be resumed once the cause is fixed. */
  public record Failed(String reason) implements Outcome {}

  /** A new fit (its file and observed series already checked), refused if its id is taken. */
  public static Plan begin(JournalSession session, String id, FitSpec.Loaded loaded) {
    FitSpec spec = loaded.spec();
    String base = ScenarioLoader.load(Path.of(spec.base())).resolved();
    if (FitLog.read(session.reader, id).isPresent()) {
      throw new BadInput("--fit-id " + id + ": a fit with this id is already in the journal " + session.db.describe()
          + "; `uptake fit --resume " + id + "` continues it");
    }
    return new Plan(new Fit.FitStarted(id, spec, loaded.observed(), base, JournalFormat.version(),
        JournalFormat.FORMAT), List.of(), false);
  }

  /** The fit {@code id} as recorded; refused if its base scenario changed while candidates are still to run. */
  public static Plan resumed(JournalSession session, String id) {
    FitLog log = FitLog.read(session.reader, id).orElseThrow(() -> new BadInput(
        "no fit '" + id + "' in the journal " + session.db.describe()));
    Fit.FitStarted started = log.started();
    if (!log.finished() && !ScenarioLoader.load(Path.of(started.spec().base())).resolved().equals(started.baseScenario())) {
      throw new BadInput("fit " + id + ": the base scenario " + started.spec().base() + " has changed since the fit "
          + "started; restore it to continue the fit, or start a new fit");
    }
    return new Plan(started, log.candidates(), true);
  }

  /**
   * Records the fit's start, evaluates every candidate the search asks for ({@code parallel} runs at a time, none
   * started once {@code brake} or the journal disk's reserve of {@code minFreeDisk} MB says stop), and writes the
   * fit's files into {@code dir} when the last is recorded. The caller holds the fit's lease.
   */
  public static Outcome local(JournalSession session, Plan plan, int parallel, Brake brake, long minFreeDisk,
      Path dir, Listener listener) throws Exception {
    return SweepJobs.locally(session.db, brake, minFreeDisk,
        work -> run(session, plan, work, parallel, brake, minFreeDisk, dir, listener));
  }

  /**
   * As {@link #local}, with the runs done by {@code work} (the worker members of a cluster), {@code parallel} asked
   * at a time.
   */
  public static Outcome run(JournalSession session, Plan plan, SweepJobs.CandidateWork work, int parallel,
      Brake brake, long minFreeDisk, Path dir, Listener listener) throws Exception {
    String id = plan.id();
    ActorRef<Fit.Command> record = AskPattern.<SpawnProtocol.Command, ActorRef<Fit.Command>>ask(session.system(),
        r -> new SpawnProtocol.Spawn<>(Fit.create(id), "fit-" + id, Props.empty(), r), ASK,
        session.system().scheduler()).toCompletableFuture().get();
    AskPattern.<Fit.Command, Done>ask(record, r -> new Fit.Start(plan.started(), r), ASK,
        session.system().scheduler()).toCompletableFuture().get();
    Brake runs = Brake.any(brake, DiskGuard.of(session.db, minFreeDisk)::shortage);
    Map<Integer, Fit.CandidateEvaluated> recorded = new HashMap<>();
    for (Fit.CandidateEvaluated c : plan.recorded()) recorded.put(c.number(), c);
    int[] evaluated = {plan.recorded().size()};
    ExecutorService pool = SweepJobs.threads(parallel, "fit-run");
    try {
      int ticks = ScenarioLoader.load(Path.of(plan.started().spec().base())).ticks();
      Candidates candidates = new Candidates(plan.started(), ticks, work, pool, runs);
      FitSearch.run(plan.started().spec(), plan.started().observed(), (number, role, values, seeds) -> {
        Fit.CandidateEvaluated done = recorded.get(number);
        if (done != null) {
          if (done.role() != role || !done.values().equals(values) || !done.seeds().equals(seeds)) {
            throw new IllegalStateException("fit " + id + ": candidate " + number + " was recorded as " + done.role()
                + " " + done.values() + ", but the search now asks for " + role + " " + values);
          }
          listener.evaluated(done, true);
          return done;
        }
        done = candidates.evaluate(number, role, values, seeds);
        Fit.CandidateEvaluated c = done;
        AskPattern.<Fit.Command, Done>ask(record, r -> new Fit.Record(c, r), ASK, session.system().scheduler())
            .toCompletableFuture().get();
        evaluated[0]++;
        listener.evaluated(done, false);
        return done;
      });
    } catch (SweepJobs.RunFailure | StoppedByBrake e) {
      if (brake.reason().isPresent() || runs.reason().isPresent()) return new Stopped(evaluated[0]);
      return new Failed(e.getMessage());
    } finally {
      pool.shutdownNow();
    }
    FitAnalysis analysis = FitAnalysis.of(FitLog.read(session.reader, id).orElseThrow());
    return new Finished(analysis, FitOutputs.write(analysis, dir));
  }

  /** The brake said stop before a candidate's runs started. */
  private static final class StoppedByBrake extends Exception {
    StoppedByBrake(String reason) {
      super(reason);
    }
  }

  /** Runs candidates: each of its seeds a run of the base scenario with the candidate's values. */
  private record Candidates(Fit.FitStarted started, int ticks, SweepJobs.CandidateWork work, ExecutorService pool,
      Brake brake) {
    Fit.CandidateEvaluated evaluate(int number, Fit.Role role, List<Double> values, List<Long> seeds)
        throws Exception {
      if (brake.reason().isPresent()) throw new StoppedByBrake(brake.reason().get());
      FitSpec spec = started.spec();
      List<String> columns = started.observed().columns();
      List<Future<Measures>> futures = new ArrayList<>();
      for (long seed : seeds) {
        SweepJobs.Candidate run = new SweepJobs.Candidate(started.fitId() + "-c" + number + "-s" + seed, spec.base(),
            started.baseScenario(), spec.overrides(values, seed), started.version(), List.of(), columns);
        futures.add(pool.submit(() -> work.run(run)));
      }
      List<Measures> results = SweepJobs.all(futures);
      int people = results.get(results.size() - 1).people();
      List<List<List<Double>>> series = new ArrayList<>();
      for (Measures result : results) series.add(shares(result, columns, ticks));
      double loss = Double.NaN;
      if (role != Fit.Role.BOOTSTRAP) {
        Points points = Points.of(started.observed(), people, 0, spec.fitWeeks());
        loss = points.squares(points.mean(series));
      }
      return new Fit.CandidateEvaluated(number, role, values, seeds, loss, people, List.copyOf(series));
    }

    /**
     * The run's observed columns at ticks 0 to {@code ticks}, as shares of its headcount. A canonical run that
     * settled (nothing left to change) ends early; its last values hold to the horizon.
     */
    private static List<List<Double>> shares(Measures result, List<String> columns, int ticks) {
      List<List<Double>> out = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        double scale = Observed.isShare(columns.get(i)) ? 1 : 1.0 / result.people();
        List<Double> values = new ArrayList<>(result.series().get(i).stream().map(v -> v * scale).toList());
        while (values.size() <= ticks) values.add(values.get(values.size() - 1));
        out.add(List.copyOf(values));
      }
      return List.copyOf(out);
    }
  }
}
