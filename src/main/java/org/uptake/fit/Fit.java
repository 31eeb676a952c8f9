package org.uptake.fit;

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
 * The record of one fit in the journal: what was fitted (the spec, the observed series and the base scenario as
 * they were), then every candidate the fit evaluated, numbered in the order the search asked for them, with the
 * series its runs produced. The fit's outputs are built from these events alone, and a resumed fit replays its
 * seeded search, taking each recorded candidate from here instead of running it again.
 */
public final class Fit extends EventSourcedBehaviorWithEnforcedReplies<Fit.Command, Fit.Event, Fit.State> {

  public sealed interface Command extends CborSerializable permits Start, Record {}

  /** Records the start once; a resumed fit sends the recorded event again, which changes nothing. */
  public record Start(FitStarted started, ActorRef<Done> replyTo) implements Command {}

  /** Records a candidate once; the same number again changes nothing. */
  public record Record(CandidateEvaluated candidate, ActorRef<Done> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable permits FitStarted, CandidateEvaluated {}

  /** {@code baseScenario} is the base scenario as resolved at the start, so a resume can tell if it changed. */
  public record FitStarted(String fitId, FitSpec spec, Observed observed, String baseScenario, String version,
      int format) implements Event {}

  /**
   * What a candidate is for: the search, the Jacobian at the search's best, the bootstrap runs at it, and (for a fit
   * with priors) the runs at the estimate the priors and the data give together, on the bootstrap's seeds.
   */
  public enum Role { SEARCH, JACOBIAN, BOOTSTRAP, POSTERIOR }

  /**
   * One evaluated candidate: its number (from 1), role, the estimated keys' values, the seeds of its runs, its loss
   * (NaN for a bootstrap candidate, which is not compared with the observed series), the headcount, and per run
   * the observed columns' series at ticks 0 to the horizon, as shares of the headcount.
   */
  public record CandidateEvaluated(int number, Role role, List<Double> values, List<Long> seeds, double loss,
      int people, List<List<List<Double>>> series) implements Event {}

  public record State(boolean started, int last) implements CborSerializable {}

  public static PersistenceId persistenceId(String fitId) {
    return PersistenceId.ofUniqueId("Fit|" + fitId);
  }

  public static Behavior<Command> create(String fitId) {
    return new Fit(fitId);
  }

  private final String fitId;

  private Fit(String fitId) {
    super(persistenceId(fitId));
    this.fitId = fitId;
  }

  @Override
  public State emptyState() {
    return new State(false, 0);
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of("fit:" + fitId);
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
      throw new IllegalStateException("fit " + fitId + ": a candidate was recorded before the fit started");
    }
    // Candidates are evaluated one after another, so a number at or below the last is one already recorded.
    if (c.candidate().number() <= state.last()) return Effect().reply(c.replyTo(), Done.getInstance());
    return Effect().persist(c.candidate()).thenReply(c.replyTo(), after -> Done.getInstance());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(FitStarted.class, (s, e) -> new State(true, s.last()))
        .onEvent(CandidateEvaluated.class, (s, e) -> new State(true, Math.max(s.last(), e.number())))
        .build();
  }
}
