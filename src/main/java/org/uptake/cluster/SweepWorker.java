package org.uptake.cluster;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.uptake.CborSerializable;
import org.uptake.sweep.Measures;
import org.uptake.sweep.Sweep;
import org.uptake.sweep.SweepJobs;
import org.uptake.sweep.SweepSpec;

/**
 * One run of a sweep, or of a fit's or an optimisation's candidate, as a Cluster Sharding entity whose id is the run
 * id: sharding places it on one worker member, and on another if that member leaves or crashes. It runs the job (a
 * sweep's work resumes a run the journal holds in part; a candidate runs afresh), answers every ask that arrived
 * meanwhile, and stops.
 */
public final class SweepWorker {
  public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "sweep-run");

  public sealed interface Command extends CborSerializable permits Execute, Measure, Finished {}

  public record Execute(Sweep.SweepStarted started, SweepSpec.Job job, ActorRef<Result> replyTo)
      implements Command {}

  public record Measure(SweepJobs.Candidate candidate, ActorRef<Result> replyTo) implements Command {}

  /** The job's measures, or why it failed ({@code measures} null). */
  public record Result(String runId, Measures measures, String failure) implements CborSerializable {}

  private record Finished(Result result) implements Command {}

  private SweepWorker() {}

  /**
   * The entity: sweep jobs done by {@code work}, candidates by {@code candidates}, on {@code executor}, whose size
   * bounds the runs a member does at once.
   */
  public static Behavior<Command> create(SweepJobs.Work work, SweepJobs.CandidateWork candidates, Executor executor) {
    return Behaviors.receive(Command.class)
        .onMessage(Execute.class, e -> start(executor, e.job().runId(), e.replyTo(),
            () -> work.run(e.started(), e.job())))
        .onMessage(Measure.class, m -> start(executor, m.candidate().runId(), m.replyTo(),
            () -> candidates.run(m.candidate())))
        .build();
  }

  private static Behavior<Command> start(Executor executor, String runId, ActorRef<Result> first,
      Callable<Measures> job) {
    return Behaviors.setup(ctx -> {
      CompletableFuture<Measures> done = CompletableFuture.supplyAsync(() -> {
        try {
          return job.call();
        } catch (Exception e) {
          throw new CompletionException(e);
        }
      }, executor);
      ctx.pipeToSelf(done, (values, failure) -> new Finished(failure == null
          ? new Result(runId, values, null)
          : new Result(runId, null, message(failure))));
      List<ActorRef<Result>> waiting = new ArrayList<>(List.of(first));
      return Behaviors.receive(Command.class)
          .onMessage(Execute.class, e -> {
            waiting.add(e.replyTo());
            return Behaviors.same();
          })
          .onMessage(Measure.class, m -> {
            waiting.add(m.replyTo());
            return Behaviors.same();
          })
          .onMessage(Finished.class, f -> {
            waiting.forEach(r -> r.tell(f.result()));
            // Nothing is kept: an ask that comes again gets a new entity, which reads a finished run back
            // from the journal, or tries a failed one afresh (a resumed sweep must not meet an old failure).
            return Behaviors.stopped();
          })
          .build();
    });
  }

  private static String message(Throwable failure) {
    Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
