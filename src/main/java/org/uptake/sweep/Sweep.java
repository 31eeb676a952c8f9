package org.uptake.sweep;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.uptake.CborSerializable;

/**
 * The record of one parameter sweep in the journal: what was swept (the resolved spec, with the base
 * scenario as it was), then each run as it completes with its metric values. The sweep's outputs are
 * built from these events alone; a resumed sweep redoes exactly the runs that have no {@link RunCompleted}.
 * RunCompleted events are in the order runs finished, which depends on timing when runs go in parallel;
 * the outputs sort them by point and seed.
 */
public final class Sweep
    extends EventSourcedBehaviorWithEnforcedReplies<Sweep.Command, Sweep.Event, Sweep.State> {

  public sealed interface Command extends CborSerializable permits Start, Record {}

  /** Records the start once; a resumed sweep sends the recorded event again, which changes nothing. */
  public record Start(SweepStarted started, ActorRef<Done> replyTo) implements Command {}

  /** Records a completed run once; the same run again (point and seed) changes nothing. */
  public record Record(RunCompleted run, ActorRef<Done> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable permits SweepStarted, RunCompleted {}

  /**
   * {@code baseScenario} is the base scenario as resolved at the start, so a resume can tell if it changed;
   * {@code format} the journal format (0 before formats were numbered).
   */
  public record SweepStarted(String sweepId, SweepSpec spec, String baseScenario, String version, int format)
      implements Event {}

  /**
   * One finished run: its point (numbered from 1), the point's values, seed, run id, metric values (a time not
   * reached is null), horizon (the scenario's ticks, where a time not reached is censored) and the series the sweep
   * collects, each at ticks 0, 1, ... (empty when it collects none).
   */
  public record RunCompleted(int point, List<String> values, long seed, String runId, List<Double> metrics,
      int horizon, List<List<Double>> series) implements Event {
    public RunCompleted {
      // Runs recorded before sweeps collected series have none.
      series = series == null ? List.of() : series;
    }
  }

  public record State(SweepStarted started, List<RunCompleted> runs) implements CborSerializable {
    boolean has(RunCompleted run) {
      return runs.stream().anyMatch(r -> r.point() == run.point() && r.seed() == run.seed());
    }
  }

  public static PersistenceId persistenceId(String sweepId) {
    return PersistenceId.ofUniqueId("Sweep|" + sweepId);
  }

  public static Behavior<Command> create(String sweepId) {
    return new Sweep(sweepId);
  }

  private final String sweepId;

  private Sweep(String sweepId) {
    super(persistenceId(sweepId));
    this.sweepId = sweepId;
  }

  @Override
  public State emptyState() {
    return new State(null, List.of());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of("sweep:" + sweepId);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder().forAnyState()
        .onCommand(Start.class, (s, c) -> s.started() != null ? Effect().reply(c.replyTo(), Done.getInstance())
            : Effect().persist(c.started()).thenReply(c.replyTo(), after -> Done.getInstance()))
        .onCommand(Record.class, this::onRecord)
        .build();
  }

  private ReplyEffect<Event, State> onRecord(State state, Record c) {
    if (state.started() == null) {
      throw new IllegalStateException("sweep " + sweepId + ": a run was recorded before the sweep started");
    }
    if (state.has(c.run())) return Effect().reply(c.replyTo(), Done.getInstance());
    return Effect().persist(c.run()).thenReply(c.replyTo(), after -> Done.getInstance());
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(SweepStarted.class, (s, e) -> new State(e, s.runs()))
        .onEvent(RunCompleted.class, (s, e) -> {
          List<RunCompleted> runs = new ArrayList<>(s.runs());
          runs.add(e);
          return new State(s.started(), List.copyOf(runs));
        })
        .build();
  }
}
