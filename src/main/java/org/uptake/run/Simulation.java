package org.uptake.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.SpawnProtocol;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.uptake.RuntimeSettings;

/**
 * Wiring only: an actor system on a journal, and a way to run one plan in it and hear how it goes. The
 * model lives in the actors; outputs are built from the journal afterwards (org.uptake.report).
 */
public final class Simulation {
  private Simulation() {}

  /**
   * An actor system on the journal that {@code journal} configures (journal.JournalSchema.ensure(db).akkaConfig():
   * its tables made and checked first), with {@code overrides} on top.
   */
  public static ActorSystem<SpawnProtocol.Command> system(Config journal, Config overrides) {
    Config config = overrides.withFallback(journal).withFallback(ConfigFactory.load());
    // Logging is set up before the system's threads log, so their first calls are not queued and replayed with a
    // warning; commands without a system (help, validate) never pay for it.
    org.slf4j.LoggerFactory.getLogger(Simulation.class);
    return ActorSystem.create(SpawnProtocol.create(), "uptake", config);
  }

  /** The runner's own signal: its clock stopped. */
  private enum ClockStopped { INSTANCE }

  /**
   * Runs (or, for a resumed plan, continues) the plan; completes with {@link RunClock.Finished},
   * {@link RunClock.Failed} or {@link RunClock.Refused}. {@code onTick} is called from an actor thread.
   * The clock is watched: if it stops without saying how the run ended (its journal write failed: the disk
   * is full, the database went away), the run is reported failed rather than waited for forever.
   */
  public static CompletionStage<RunClock.Progress> run(ActorSystem<SpawnProtocol.Command> system, RunPlan plan,
      Consumer<RunClock.TickDone> onTick) {
    return run(system, plan, p -> {
      if (p instanceof RunClock.TickDone t) onTick.accept(t);
    }, Brake.NONE, Placement.LOCAL);
  }

  /**
   * As above, and before each tick after the first {@code brake} is asked whether to stop (the journal's disk
   * at its reserve, Ctrl-C); if so, the clock stops between ticks (the journal keeps every completed tick, the
   * run is left interrupted and resumes from it) and the run completes with {@link RunClock.Stopped}. The departments
   * live where {@code placement} says; spread over a cluster, {@code onProgress} first hears where they are
   * ({@link RunClock.Placed}), and a run that loses a member completes with {@link RunClock.Interrupted}.
   * {@code onProgress} hears every {@link RunClock.TickDone} too.
   */
  public static CompletionStage<RunClock.Progress> run(ActorSystem<SpawnProtocol.Command> system, RunPlan plan,
      Consumer<RunClock.Progress> onProgress, Brake brake, Placement placement) {
    CompletableFuture<RunClock.Progress> outcome = new CompletableFuture<>();
    Behavior<Object> runner = Behaviors.setup(ctx -> {
      ActorRef<RunClock.Command> clock = ctx.spawn(RunClock.create(plan, brake, placement), "clock");
      ctx.watchWith(clock, ClockStopped.INSTANCE);
      clock.tell(new RunClock.Start(ctx.getSelf().narrow()));
      return Behaviors.receive(Object.class)
          .onMessage(RunClock.Progress.class, p -> {
            // Where the departments went and each tick, along the way; then how the run ended.
            if (p instanceof RunClock.TickDone || p instanceof RunClock.Placed) onProgress.accept(p);
            else outcome.complete(p);
            return Behaviors.same();
          })
          .onMessageEquals(ClockStopped.INSTANCE, () -> {
            outcome.complete(new RunClock.Failed(plan.runId(), "a journal write failed (disk full, database "
                + "unavailable, or another process recording the same run id; see the log)"));
            return Behaviors.stopped();
          })
          .build();
    });
    Duration timeout = RuntimeSettings.get().askTimeout();
    AskPattern.<SpawnProtocol.Command, ActorRef<Object>>ask(system,
        r -> new SpawnProtocol.Spawn<>(runner, "run-" + plan.runId() + "-" + java.util.UUID.randomUUID(),
            Props.empty(), r), timeout,
        system.scheduler())
        .exceptionally(e -> {
          outcome.completeExceptionally(e);
          return null;
        });
    return outcome;
  }

  /** How long {@link #terminate} waits: far longer than a coordinated shutdown takes when all is well. */
  public static final java.time.Duration TERMINATION = java.time.Duration.ofSeconds(60);

  /**
   * Terminates {@code system} and waits for it at most {@link #TERMINATION}. Everything a run recorded was
   * acknowledged before this is called, so nothing is lost by going on; a system that will not stop (a cluster
   * member leaving slowly under load, a coordinated shutdown that timed out) must not hold the process forever.
   */
  public static void terminate(akka.actor.typed.ActorSystem<?> system) throws InterruptedException,
      java.util.concurrent.ExecutionException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(TERMINATION.toSeconds(),
          java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      org.slf4j.LoggerFactory.getLogger(Simulation.class).warn("the actor system did not stop within {} s; going on",
          TERMINATION.toSeconds());
    }
  }
}
