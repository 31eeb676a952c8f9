package org.uptake.staff;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.Arrays;
import java.util.function.IntFunction;
import org.uptake.model.AdoptionRule;
import org.uptake.model.Rule;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionState;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Neighbourhood;
import org.uptake.model.Transition;
import org.uptake.organisation.Roster.Member;

/**
 * One person. Not persistent: the department persists its people's transitions, and a person is rebuilt
 * from that journal state. Each tick the person decides from what their neighbours had at the end of the
 * previous tick; once the department has persisted the decisions, a person who changed tells each
 * neighbour (and, with a mandate, each report) and waits for every acknowledgement before reporting back,
 * so the next tick never starts while news of this one is still travelling (design note 2).
 */
public final class Staff extends AbstractBehavior<Staff.Command> {

  public sealed interface Command permits Connect, Decide, Skip, Commit, Signal, MandateSignal, Ack {}

  /** Where everybody is; people whose state is not the initial one tell their neighbours (used on resume). */
  public record Connect(IntFunction<ActorRef<Command>> directory, ActorRef<Reply> replyTo) implements Command {}

  public record Decide(int tick, DepartmentContext context, ActorRef<Reply> replyTo) implements Command {}

  /**
   * On resume, a tick the journal already holds for this department is not decided again: the person just
   * moves past it (its changes arrive as Commits), so news of that tick from elsewhere now counts.
   */
  public record Skip(int tick) implements Command {}

  public record Commit(int tick, Transition transition, ActorRef<Reply> replyTo) implements Command {}

  /** A neighbour's news: their adoption state, since when, and champion flag as of the end of {@code tick}. */
  public record Signal(int tick, int from, AdoptionState state, int since, boolean champion,
      ActorRef<Command> replyTo) implements Command {}

  /** A mandate passed down by this person's manager. */
  public record MandateSignal(int tick, String source, ActorRef<Command> replyTo) implements Command {}

  public enum Ack implements Command { INSTANCE }

  /** Replies to the department. */
  public sealed interface Reply permits Connected, Decided, Propagated {}

  public record Connected(int person) implements Reply {}

  public record Decided(int tick, int index, Transition transition) implements Reply {}

  public record Propagated(int tick, int person) implements Reply {}

  private final Member me;
  private final int index;
  private final Rule rule;
  private final int championInfluence;
  private final int[] weights;
  private final byte[] states;
  private final int[] tieSince;
  private final int managerPos;
  private IntFunction<ActorRef<Command>> directory;
  private AdoptionState state;
  private int since;
  private boolean champion;
  private boolean mandated;
  private final boolean forwarded;
  /** The last tick this person has decided; news of a later tick waits until that tick is decided. */
  private int decided;
  private final java.util.List<Command> early = new java.util.ArrayList<>();
  private String mandate;
  private int pendingAcks;
  private Runnable whenAcked;

  /** A person whose state is {@code state} etc. as of the end of tick {@code asOfTick} (-1 for a fresh run). */
  public static Behavior<Command> create(Member member, int index, Rule rule, int championInfluence,
      int asOfTick, AdoptionState state, int since, boolean champion, boolean mandated, boolean forwarded,
      String mandateSource) {
    return Behaviors.setup(ctx -> new Staff(ctx, member, index, rule, championInfluence, asOfTick, state, since,
        champion, mandated, forwarded, mandateSource));
  }

  private Staff(ActorContext<Command> context, Member me, int index, Rule rule, int championInfluence,
      int asOfTick, AdoptionState state, int since, boolean champion, boolean mandated, boolean forwarded,
      String mandateSource) {
    super(context);
    this.decided = asOfTick;
    this.forwarded = forwarded;
    this.me = me;
    this.index = index;
    this.rule = rule;
    this.championInfluence = championInfluence;
    this.weights = me.tieWeights().clone();
    this.states = new byte[me.ties().length];
    this.tieSince = new int[me.ties().length];
    this.managerPos = me.manager() < 0 ? -1 : Arrays.binarySearch(me.ties(), me.manager());
    this.state = state;
    this.since = since;
    this.champion = champion;
    this.mandated = mandated;
    this.mandate = mandated ? mandateSource : null;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Decide.class, this::onDecide)
        .onMessage(Skip.class, k -> {
          passed(k.tick());
          return this;
        })
        .onMessage(Signal.class, this::onSignal)
        .onMessage(Ack.class, a -> onAck())
        .onMessage(Commit.class, this::onCommit)
        .onMessage(MandateSignal.class, this::onMandate)
        .onMessage(Connect.class, this::onConnect)
        .build();
  }

  private Behavior<Command> onConnect(Connect c) {
    directory = c.directory();
    // A fresh run starts with everybody unaware, so only a restored run sends anything here.
    broadcast(-1, state != AdoptionState.UNAWARE || champion, forwarded ? mandate : null,
        () -> c.replyTo().tell(new Connected(me.id())));
    return this;
  }

  private Behavior<Command> onDecide(Decide d) {
    if (me.manager() < 0 && d.context().mandateSource() != null && mandate == null) {
      mandate = d.context().mandateSource();
    }
    Boolean managerUsing = managerPos < 0 ? null : AdoptionState.of(states[managerPos]).using();
    SeedKind seed = me.seedTick() == d.tick() ? me.seedKind() : SeedKind.NONE;
    AdoptionRule.Person person = new AdoptionRule.Person(me.id(), state, since, champion, mandated, mandate,
        me.reports().length > 0, me.innovativeness(), seed);
    Transition t = rule.decide(person, d.tick(), new Neighbourhood(me.ties(), weights, states, tieSince, managerUsing),
        d.context());
    d.replyTo().tell(new Decided(d.tick(), index, t));
    passed(d.tick());
    return this;
  }

  private void passed(int tick) {
    decided = tick;
    if (!early.isEmpty()) {
      // Neighbours who had already resolved this tick told us before we decided it: their news counts from now.
      java.util.List<Command> news = java.util.List.copyOf(early);
      early.clear();
      news.forEach(n -> {
        if (n instanceof Signal s) apply(s);
        else apply((MandateSignal) n);
      });
    }
  }

  private Behavior<Command> onCommit(Commit c) {
    Transition t = c.transition();
    boolean visible = t.to() != state || t.champion() != champion;
    if (t.to() != state) since = c.tick();
    state = t.to();
    champion = t.champion();
    mandated = t.mandated();
    broadcast(c.tick(), visible, t.forwardsMandate() ? t.mandateArrived() : null,
        () -> c.replyTo().tell(new Propagated(c.tick(), me.id())));
    return this;
  }

  /** Tells the ties (if {@code toTies}) and passes a mandate to the reports; runs {@code done} once all acked. */
  private void broadcast(int tick, boolean toTies, String mandateToForward, Runnable done) {
    ActorRef<Command> self = getContext().getSelf();
    int sent = 0;
    if (toTies) {
      for (int n : me.ties()) {
        directory.apply(n).tell(new Signal(tick, me.id(), state, since, champion, self));
        sent++;
      }
    }
    if (mandateToForward != null) {
      String source = mandateToForward + ", via " + me.name();
      for (int r : me.reports()) {
        directory.apply(r).tell(new MandateSignal(tick, source, self));
        sent++;
      }
    }
    if (sent == 0) {
      done.run();
    } else {
      pendingAcks = sent;
      whenAcked = done;
    }
  }

  private Behavior<Command> onSignal(Signal s) {
    if (s.tick() > decided) early.add(s);
    else apply(s);
    s.replyTo().tell(Ack.INSTANCE);
    return this;
  }

  private void apply(Signal s) {
    int pos = Arrays.binarySearch(me.ties(), s.from());
    states[pos] = (byte) s.state().ordinal();
    tieSince[pos] = s.since();
    weights[pos] = s.champion() ? me.tieWeights()[pos] * championInfluence : me.tieWeights()[pos];
  }

  private Behavior<Command> onMandate(MandateSignal m) {
    if (m.tick() > decided) early.add(m);
    else apply(m);
    m.replyTo().tell(Ack.INSTANCE);
    return this;
  }

  private void apply(MandateSignal m) {
    if (mandate == null) mandate = m.source();
  }

  private Behavior<Command> onAck() {
    if (--pendingAcks == 0) {
      Runnable done = whenAcked;
      whenAcked = null;
      done.run();
    }
    return this;
  }
}
