package org.uptake.optimise;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import java.util.List;
import java.util.Set;
import org.uptake.CborSerializable;

/**
 * The record of one optimisation in the journal: what was optimised (the spec and the base scenario as they were),
 * then every plan it evaluated, numbered in the order the search asked for them, with the objective in each run.
 * The optimisation's outputs are built from these events alone, and a resumed optimisation replays its seeded
 * search, taking each recorded plan from here instead of running it again.
 */
public final class Optimisation
    extends EventSourcedBehaviorWithEnforcedReplies<Optimisation.Command, Optimisation.Event, Optimisation.State> {

  public sealed interface Command extends CborSerializable permits Start, Record {}

  /** Records the start once; a resumed optimisation sends the recorded event again, which changes nothing. */
  public record Start(OptimisationStarted started, ActorRef<Done> replyTo) implements Command {}

  /** Records a plan once; the same number again changes nothing. */
  public record Record(PlanEvaluated plan, ActorRef<Done> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable permits OptimisationStarted, PlanEvaluated {}

  /** {@code baseScenario} is the base scenario as resolved at the start, so a resume can tell if it changed. */
  public record OptimisationStarted(String optimisationId, OptimiseSpec spec, String baseScenario, String version,
      int format) implements Event {}

  /**
   * Why a plan was evaluated: the baseline (the base scenario as written) on the search's seeds, a plan of the
   * search on the same seeds, or the best plan, the runner-up and the baseline again on fresh seeds.
   */
  public enum Role { BASELINE, SEARCH, CONFIRM }

  /**
   * One evaluated plan: its number (from 1), role, one value per decision (none for the baseline), its cost, the
   * seeds of its runs and the objective in each run, in seed order (null for a time not reached within the run).
   */
  public record PlanEvaluated(int number, Role role, List<String> values, double cost, List<Long> seeds,
      List<Double> results) implements Event {}

  public record State(boolean started, int last) implements CborSerializable {}

  public static PersistenceId persistenceId(String optimisationId) {
    return PersistenceId.ofUniqueId("Optimisation|" + optimisationId);
  }

  public static Behavior<Command> create(String optimisationId) {
    return new Optimisation(optimisationId);
  }

  private final String optimisationId;

  private Optimisation(String optimisationId) {
    super(persistenceId(optimisationId));
    this.optimisationId = optimisationId;
  }

  @Override
  public State emptyState() {
    return new State(false, 0);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of("optimisation:" + optimisationId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Start.class, (s, c) -> s.started() ? Effect().reply(c.replyTo(), Done.getInstance())
            : Effect().persist(c.started()).thenReply(c.replyTo(), after -> Done.getInstance()))
        .onCommand(Record.class, this::onRecord)
        .build();
  }

  private ReplyEffect<Event, State> onRecord(State state, Record c) {
    if (!state.started()) {
      throw new IllegalStateException("optimisation " + optimisationId + ": a plan was recorded before the optimisation started");
    }
    // Plans are evaluated one after another, so a number at or below the last is one already recorded.
    if (c.plan().number() <= state.last()) return Effect().reply(c.replyTo(), Done.getInstance());
    return Effect().persist(c.plan()).thenReply(c.replyTo(), after -> Done.getInstance());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(OptimisationStarted.class, (s, e) -> new State(true, s.last()))
        .onEvent(PlanEvaluated.class, (s, e) -> new State(true, Math.max(s.last(), e.number())))
        .build();
  }
}
