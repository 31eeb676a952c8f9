package org.uptake.optimise;

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
import org.uptake.optimise.Optimisation.PlanEvaluated;
import org.uptake.optimise.Optimisation.Role;
import org.uptake.run.Brake;
import org.uptake.scenario.ScenarioLoader;
import org.uptake.sweep.SweepJobs;

/**
 * An optimisation from its plan to its files: the search's plans evaluated one after another, each plan's runs in
 * parallel on a throwaway in-memory journal (as a sweep with journal = summary runs them), and each plan recorded
 * in the optimisation's journal entity as soon as it is done, so a kill loses only the plan in progress and
 * {@code --resume} evaluates only what is left.
 */
public final class OptimiseRun {
  private static final Duration ASK = RuntimeSettings.get().askTimeout();

  private OptimiseRun() {}

  /** An optimisation ready to run: its start as recorded and the plans recorded so far (none for a new one). */
  public record Plan(Optimisation.OptimisationStarted started, List<PlanEvaluated> recorded, boolean resumed) {
    public String id() {
      return started.optimisationId();
    }
  }

  /** Hears each plan, whether evaluated now or taken from the journal. */
  @FunctionalInterface
  public interface Listener {
    void evaluated(PlanEvaluated plan, boolean fromJournal);
  }

  /** How an optimisation ended. */
  public sealed interface Outcome {}

  /** Every plan evaluated and recorded; the files are in {@code dir}. */
  public record Finished(OptimiseAnalysis analysis, List<Path> files) implements Outcome {}

  /** Stopped by the brake between or within a plan's runs: the optimisation can be resumed. */
  public record Stopped(int evaluated) implements Outcome {}

  /** A run failed: the optimisation can be resumed once the cause is fixed. */
  public record Failed(String reason) implements Outcome {}

  /** A new optimisation (its file already checked), refused if its id is taken. */
  public static Plan begin(JournalSession session, String id, OptimiseSpec spec) {
    String base = ScenarioLoader.load(Path.of(spec.base())).resolved();
    if (OptimiseLog.read(session.reader, id).isPresent()) {
      throw new BadInput("--optimisation-id " + id + ": an optimisation with this id is already in the journal "
          + session.db.describe() + "; `uptake optimise --resume " + id + "` continues it");
    }
    return new Plan(new Optimisation.OptimisationStarted(id, spec, base, JournalFormat.version(),
        JournalFormat.FORMAT), List.of(), false);
  }

  /** The optimisation {@code id} as recorded; refused if its base scenario changed while plans are still to run. */
  public static Plan resumed(JournalSession session, String id) {
    OptimiseLog log = OptimiseLog.read(session.reader, id).orElseThrow(() -> new BadInput(
        "no optimisation '" + id + "' in the journal " + session.db.describe()));
    Optimisation.OptimisationStarted started = log.started();
    if (!log.finished()
        && !ScenarioLoader.load(Path.of(started.spec().base())).resolved().equals(started.baseScenario())) {
      throw new BadInput("optimisation " + id + ": the base scenario " + started.spec().base() + " has changed since "
          + "the optimisation started; restore it to continue, or start a new optimisation");
    }
    return new Plan(started, log.plans(), true);
  }

  /**
   * Records the start, evaluates every plan the search asks for ({@code parallel} runs at a time, none started
   * once {@code brake} or the journal disk's reserve of {@code minFreeDisk} MB says stop), and writes the files into
   * {@code dir} when the last is recorded. The caller holds the optimisation's lease.
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
    ActorRef<Optimisation.Command> record = AskPattern.<SpawnProtocol.Command, ActorRef<Optimisation.Command>>ask(
        session.system(), r -> new SpawnProtocol.Spawn<>(Optimisation.create(id), "optimisation-" + id,
            Props.empty(), r), ASK, session.system().scheduler()).toCompletableFuture().get();
    AskPattern.<Optimisation.Command, Done>ask(record, r -> new Optimisation.Start(plan.started(), r), ASK,
        session.system().scheduler()).toCompletableFuture().get();
    Brake runs = Brake.any(brake, DiskGuard.of(session.db, minFreeDisk)::shortage);
    Map<Integer, PlanEvaluated> recorded = new HashMap<>();
    for (PlanEvaluated p : plan.recorded()) recorded.put(p.number(), p);
    int[] evaluated = {plan.recorded().size()};
    ExecutorService pool = SweepJobs.threads(parallel, "optimise-run");
    try {
      Plans plans = new Plans(plan.started(), work, pool, runs);
      OptimiseSearch.run(plan.started().spec(), (number, role, values, seeds) -> {
        PlanEvaluated done = recorded.get(number);
        if (done != null) {
          if (done.role() != role || !done.values().equals(values) || !done.seeds().equals(seeds)) {
            throw new IllegalStateException("optimisation " + id + ": plan " + number + " was recorded as "
                + done.role() + " " + done.values() + ", but the search now asks for " + role + " " + values);
          }
          listener.evaluated(done, true);
          return done;
        }
        PlanEvaluated p = plans.evaluate(number, role, values, seeds);
        AskPattern.<Optimisation.Command, Done>ask(record, r -> new Optimisation.Record(p, r), ASK,
            session.system().scheduler()).toCompletableFuture().get();
        evaluated[0]++;
        listener.evaluated(p, false);
        return p;
      });
    } catch (SweepJobs.RunFailure | StoppedByBrake e) {
      if (brake.reason().isPresent() || runs.reason().isPresent()) return new Stopped(evaluated[0]);
      return new Failed(e.getMessage());
    } finally {
      pool.shutdownNow();
    }
    OptimiseAnalysis analysis = OptimiseAnalysis.of(OptimiseLog.read(session.reader, id).orElseThrow());
    return new Finished(analysis, OptimiseOutputs.write(analysis, dir));
  }

  /** The brake said stop before a plan's runs started. */
  private static final class StoppedByBrake extends Exception {
    StoppedByBrake(String reason) {
      super(reason);
    }
  }

  /** Runs plans: each of its seeds a run of the base scenario with the plan's keys set. */
  private record Plans(Optimisation.OptimisationStarted started, SweepJobs.CandidateWork work, ExecutorService pool,
      Brake brake) {
    PlanEvaluated evaluate(int number, Role role, List<String> values, List<Long> seeds) throws Exception {
      if (brake.reason().isPresent()) throw new StoppedByBrake(brake.reason().get());
      OptimiseSpec spec = started.spec();
      List<Future<Double>> futures = new ArrayList<>();
      for (long seed : seeds) {
        SweepJobs.Candidate run = new SweepJobs.Candidate(started.optimisationId() + "-p" + number + "-s" + seed,
            spec.base(), started.baseScenario(), spec.overrides(values, seed), started.version(),
            List.of(spec.objective()), List.of());
        futures.add(pool.submit(() -> work.run(run).metrics().get(0)));
      }
      List<Double> results = SweepJobs.all(futures);
      return new PlanEvaluated(number, role, values, spec.cost(values), seeds,
          java.util.Collections.unmodifiableList(results));
    }
  }
}
