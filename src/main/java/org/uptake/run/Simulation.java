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
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;

/**
 * Wiring only: an actor system on a journal, and a way to run one plan in it and hear how it goes. The
 * model lives in the actors; outputs are built from the journal afterwards (org.uptake.report).
 */
public final class Simulation {
  private Simulation() {}

  /** An actor system whose journal is {@code db}; the tables are created and checked first. */
  public static ActorSystem<SpawnProtocol.Command> system(JournalSettings db, Config overrides) {
    JournalSchema.ensure(db);
    Config config = overrides.withFallback(db.akkaConfig()).withFallback(ConfigFactory.load());
    return ActorSystem.create(SpawnProtocol.create(), "uptake", config);
  }

  public static ActorSystem<SpawnProtocol.Command> system(JournalSettings db) {
    return system(db, ConfigFactory.empty());
  }

  /**
   * Runs (or, if the journal already holds part of it, continues) the plan; completes with
   * {@link RunClock.Finished} or {@link RunClock.Failed}. {@code onTick} is called from an actor thread.
   */
  public static CompletionStage<RunClock.Progress> run(ActorSystem<SpawnProtocol.Command> system, RunPlan plan,
      Consumer<RunClock.TickDone> onTick) {
    CompletableFuture<RunClock.Progress> outcome = new CompletableFuture<>();
    Behavior<RunClock.Progress> listener = Behaviors.receive(RunClock.Progress.class)
        .onMessage(RunClock.TickDone.class, t -> {
          onTick.accept(t);
          return Behaviors.same();
        })
        .onAnyMessage(p -> {
          outcome.complete(p);
          return Behaviors.stopped();
        })
        .build();
    Duration timeout = Duration.ofSeconds(30);
    CompletionStage<ActorRef<RunClock.Progress>> listenerRef = AskPattern.ask(system,
        r -> new SpawnProtocol.Spawn<>(listener, "listener-" + plan.runId(), Props.empty(), r), timeout,
        system.scheduler());
    CompletionStage<ActorRef<RunClock.Command>> clockRef = AskPattern.ask(system,
        r -> new SpawnProtocol.Spawn<>(RunClock.create(plan), "run-" + plan.runId(), Props.empty(), r), timeout,
        system.scheduler());
    listenerRef.thenCombine(clockRef, (l, c) -> {
      c.tell(new RunClock.Start(l));
      return null;
    }).exceptionally(e -> {
      outcome.completeExceptionally(e);
      return null;
    });
    return outcome;
  }
}
