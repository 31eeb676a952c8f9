package org.uptake.organisation;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.uptake.CborSerializable;
import org.uptake.model.Rule;
import org.uptake.model.AdoptionState;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Transition;
import org.uptake.organisation.Roster.Member;
import org.uptake.staff.Staff;
import org.uptake.staff.Workgroup;

/**
 * A department: the persistent owner of its people's adoption states. Each tick it asks every person to
 * decide, persists all their changes as one {@link TickResolved} event (design note 3: one event per
 * department per tick keeps the JDBC journal far from its per-event limit), then lets the people who
 * changed tell their neighbours, and reports its counts to the clock once all that news has landed. It
 * speaks to its people through {@link Workgroup}s, which hold them and work in parallel.
 */
public final class Department
    extends EventSourcedBehavior<Department.Command, Department.Event, Department.State> {

  // --- protocol -------------------------------------------------------------------------------------

  public sealed interface Command permits Form, Connect, Tick, FromGroup, GetState {}

  /**
   * Spawn the people as they were at the end of {@code asOfTick} (the clock's last completed tick). The
   * roster is persisted first unless the journal already holds it, followed by {@code restore} for a branch.
   */
  public record Form(Roster roster, int asOfTick, Restored restore, ActorRef<Reply> replyTo) implements Command {}

  public record Connect(IntFunction<Workgroup.Address> directory, ActorRef<Reply> replyTo) implements Command {}

  public record Tick(int tick, DepartmentContext context, ActorRef<Reply> replyTo) implements Command {}

  public record GetState(ActorRef<State> replyTo) implements Command {}

  private record FromGroup(Workgroup.Reply reply) implements Command {}

  public sealed interface Reply permits Ready, Connected, Resolved {}

  /** Where the department's people are, in roster order. */
  public record Ready(String department, List<Workgroup.Address> people) implements Reply {}

  public record Connected(String department) implements Reply {}

  public record Resolved(int tick, DepartmentReport report) implements Reply {}

  public sealed interface Event extends CborSerializable permits Formed, TickResolved, Restored {}

  public record Formed(Roster roster) implements Event {
    @JsonCreator
    public Formed {}
  }

  /** Every change among the department's people in one tick, in ascending person order, with causes. */
  public record TickResolved(int tick, List<Transition> transitions) implements Event {
    public TickResolved {
      transitions = List.copyOf(transitions);
    }
  }

  /** A branch starts from its parent run's people as they were at the end of {@code tick}. */
  public record Restored(int tick, People people, String parentRun) implements Event {}

  /**
   * The people after the last resolved tick, and before it: on resume, a department whose last tick the
   * clock never completed starts its people from {@code previous} and replays that tick's news
   * ({@code lastTransitions}) instead of deciding it again.
   */
  public record State(Roster roster, People current, People previous, List<Transition> lastTransitions,
      int lastTick) implements CborSerializable {

    static State empty() {
      return new State(null, People.initial(0), People.initial(0), List.of(), -1);
    }

    public boolean formed() {
      return roster != null;
    }

    public DepartmentReport report() {
      return current.report(roster.department(), lastTransitions);
    }
  }

  // --- behaviour ------------------------------------------------------------------------------------

  public static PersistenceId persistenceId(String runId, String department) {
    return PersistenceId.ofUniqueId("Department|" + runId + "|" + department);
  }

  public static Behavior<Command> create(String runId, String department, Rule rule,
      int championInfluence, int snapshotEvery) {
    return Behaviors.setup(ctx -> new Department(ctx, runId, department, rule, championInfluence, snapshotEvery));
  }

  private final ActorContext<Command> context;
  private final String tag;
  private final Rule rule;
  private final int championInfluence;
  private final int snapshotEvery;
  private final ActorRef<Workgroup.Reply> groupReplies;

  // Runtime only, rebuilt from the state on every start: the people's workgroups and the tick in progress.
  private int headcount;
  private List<ActorRef<Workgroup.Command>> groups = List.of();
  private boolean replayPending;
  private ActorRef<Reply> replyTo;
  private int tickInProgress;
  private Transition[] decisions;
  private int awaiting;

  private Department(ActorContext<Command> context, String runId, String department, Rule rule,
      int championInfluence, int snapshotEvery) {
    super(persistenceId(runId, department));
    this.context = context;
    this.tag = "run:" + runId;
    this.rule = rule;
    this.championInfluence = championInfluence;
    this.snapshotEvery = snapshotEvery;
    this.groupReplies = context.messageAdapter(Workgroup.Reply.class, FromGroup::new);
  }

  @Override
  public State emptyState() {
    return State.empty();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(tag);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2);
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Form.class, this::onForm)
        .onCommand(Connect.class, this::onConnect)
        .onCommand(Tick.class, this::onTick)
        .onCommand(FromGroup.class, this::onGroup)
        .onCommand(GetState.class, (state, c) -> Effect().none().thenReply(c.replyTo(), s -> s))
        .build();
  }

  private Effect<Event, State> onForm(State state, Form form) {
    if (state.formed()) {
      start(state, form);
      return Effect().none();
    }
    List<Event> first = form.restore() == null ? List.of(new Formed(form.roster()))
        : List.of(new Formed(form.roster()), form.restore());
    return Effect().persist(first).thenRun(s -> start(s, form));
  }

  private void start(State s, Form form) {
    // The journal may hold one tick more than the clock completed (the process stopped in between): start
    // from the people before it, and replay its news when the clock asks for that tick again.
    replayPending = s.lastTick() > form.asOfTick();
    People people = replayPending ? s.previous() : s.current();
    List<Member> members = s.roster().members();
    headcount = members.size();
    List<ActorRef<Workgroup.Command>> gs = new ArrayList<>();
    List<Workgroup.Address> addresses = new ArrayList<>(headcount);
    for (int first = 0; first < headcount; first += Workgroup.SIZE) {
      List<Staff> block = new ArrayList<>(Workgroup.SIZE);
      for (int i = first; i < Math.min(headcount, first + Workgroup.SIZE); i++) {
        block.add(new Staff(members.get(i), rule, championInfluence, form.asOfTick(), people.stateOf(i),
            people.since()[i], people.champion()[i], people.mandated()[i], people.forwarded()[i],
            people.mandateSource()[i]));
      }
      ActorRef<Workgroup.Command> g = context.spawn(Workgroup.create(gs.size(), block), "g" + gs.size());
      for (int k = 0; k < block.size(); k++) addresses.add(new Workgroup.Address(g, k));
      gs.add(g);
    }
    groups = List.copyOf(gs);
    form.replyTo().tell(new Ready(s.roster().department(), List.copyOf(addresses)));
  }

  private Effect<Event, State> onConnect(State state, Connect c) {
    replyTo = c.replyTo();
    awaiting = groups.size();
    groups.forEach(g -> g.tell(new Workgroup.Connect(c.directory(), groupReplies)));
    return Effect().none();
  }

  private Effect<Event, State> onTick(State state, Tick t) {
    replyTo = t.replyTo();
    tickInProgress = t.tick();
    if (t.tick() == state.lastTick() && replayPending) {
      replayPending = false;
      Workgroup.Skip skip = new Workgroup.Skip(t.tick());
      groups.forEach(g -> g.tell(skip));
      commit(state.lastTick(), state.lastTransitions(), state);
      return Effect().none();
    }
    if (t.tick() <= state.lastTick()) {
      replyTo.tell(new Resolved(t.tick(), state.report()));
      return Effect().none();
    }
    decisions = new Transition[headcount];
    awaiting = groups.size();
    Workgroup.Decide decide = new Workgroup.Decide(t.tick(), t.context(), groupReplies);
    groups.forEach(g -> g.tell(decide));
    return Effect().none();
  }

  private Effect<Event, State> onGroup(State state, FromGroup message) {
    Workgroup.Reply reply = message.reply();
    if (reply instanceof Workgroup.Decided d) {
      System.arraycopy(d.decisions(), 0, decisions, d.group() * Workgroup.SIZE, d.decisions().length);
      if (--awaiting == 0) return persistDecisions();
    } else if (--awaiting == 0) {
      if (reply instanceof Workgroup.Connected) {
        replyTo.tell(new Connected(state.roster().department()));
      } else {
        replyTo.tell(new Resolved(tickInProgress, state.report()));
      }
    }
    return Effect().none();
  }

  private Effect<Event, State> persistDecisions() {
    List<Transition> changes = new ArrayList<>();
    for (Transition d : decisions) {
      if (d != null) changes.add(d);
    }
    decisions = null;
    int tick = tickInProgress;
    return Effect().persist(new TickResolved(tick, changes)).thenRun(s -> commit(tick, changes, s));
  }

  /** Lets each person who changed apply it and tell their neighbours; Resolved once all have. */
  private void commit(int tick, List<Transition> changes, State s) {
    List<Member> members = s.roster().members();
    awaiting = 0;
    int index = 0;
    int from = 0;
    int[] positions = new int[changes.size()];
    while (from < changes.size()) {
      // The changes are in roster order, so each workgroup's share is one run of the list.
      int group = -1;
      int to = from;
      while (to < changes.size()) {
        while (members.get(index).id() != changes.get(to).person()) index++;
        if (group >= 0 && index / Workgroup.SIZE != group) break;
        group = index / Workgroup.SIZE;
        positions[to] = index % Workgroup.SIZE;
        to++;
      }
      groups.get(group).tell(new Workgroup.Commit(tick, changes.subList(from, to),
          Arrays.copyOfRange(positions, from, to), groupReplies));
      awaiting++;
      from = to;
    }
    if (awaiting == 0) replyTo.tell(new Resolved(tick, s.report()));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Formed.class, (s, e) -> {
          People none = People.initial(e.roster().members().size());
          return new State(e.roster(), none, none, List.of(), -1);
        })
        .onEvent(TickResolved.class, (s, e) -> new State(s.roster(),
            s.current().apply(e.tick(), e.transitions(), s.roster().members()), s.current(), e.transitions(),
            e.tick()))
        .onEvent(Restored.class, (s, e) -> new State(s.roster(), e.people(), e.people(), List.of(), e.tick()))
        .build();
  }
}
