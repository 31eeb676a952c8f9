package org.uptake.organisation;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.sharding.typed.javadsl.EntityTypeKey;
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
import org.uptake.CborSerializable;
import org.uptake.model.AdoptionState;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Rule;
import org.uptake.model.RuleSpec;
import org.uptake.model.Transition;
import org.uptake.organisation.Roster.Member;
import org.uptake.staff.Directory;
import org.uptake.staff.Staff;
import org.uptake.staff.Workgroup;

/**
 * A department: the persistent owner of its people's adoption states. Each tick it asks every person to
 * decide, persists all their changes as one {@link TickResolved} event (docs/design.md, note 3: one event per
 * department per tick keeps the JDBC journal far from its per-event limit), then lets the people who
 * changed tell their neighbours, and reports its counts to the clock once all that news has landed. It
 * speaks to its people through {@link Workgroup}s, which hold them and work in parallel.
 */
public final class Department
    extends EventSourcedBehavior<Department.Command, Department.Event, Department.State> {

  // --- protocol -------------------------------------------------------------------------------------

  public sealed interface Command permits Form, Connect, Tick, Stop, FromGroup, ClockStopped, GetState {}

  // Form, Connect, Tick, Stop and the replies cross the network when the run is spread over a cluster.

  /**
   * Spawn the people as they were at the end of {@code asOfTick} (the clock's last completed tick), deciding
   * by {@code rule}. The roster is persisted first unless the journal already holds it, followed by
   * {@code restore} for a branch. {@code clock}, when the department is a cluster entity, is watched: a
   * department whose run's clock is gone (the run ended, or its process crashed) stops.
   */
  public record Form(Roster roster, int asOfTick, Restored restore, RuleSpec rule, ActorRef<Reply> replyTo,
      ActorRef<?> clock) implements Command, CborSerializable {}

  public record Connect(Directory directory, ActorRef<Reply> replyTo) implements Command, CborSerializable {}

  public record Tick(int tick, DepartmentContext context, ActorRef<Reply> replyTo)
      implements Command, CborSerializable {}

  /**
   * Stop; the reply comes once nothing more will be written (a write in progress is finished first), so a
   * new incarnation can take over the department's journal without a second writer.
   */
  public record Stop(ActorRef<Reply> replyTo) implements Command, CborSerializable {
    @JsonCreator
    public Stop {}
  }

  public record GetState(ActorRef<State> replyTo) implements Command {}

  private record FromGroup(Workgroup.Reply reply) implements Command {}

  private enum ClockStopped implements Command { INSTANCE }

  public sealed interface Reply extends CborSerializable permits Ready, Connected, Resolved, Stopped {}

  /**
   * The department's workgroups, in order (person k of the roster is in workgroup k / Workgroup.SIZE), and
   * the department itself, for the clock to watch.
   */
  public record Ready(String department, List<ActorRef<Workgroup.Command>> groups, ActorRef<Command> self)
      implements Reply {}

  public record Connected(String department) implements Reply {
    @JsonCreator
    public Connected {}
  }

  /**
   * The department's counts after a tick, and who became active in it (their ids): the clock passes those on to
   * whoever follows the run live, who can then count the people ever active without reading the journal.
   */
  public record Resolved(int tick, DepartmentReport report, int[] activated) implements Reply {}

  public record Stopped(String department) implements Reply {
    @JsonCreator
    public Stopped {}
  }

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

    /** The ids of those whom the last resolved tick made active. */
    int[] activated() {
      return lastTransitions.stream().filter(t -> t.to() == AdoptionState.ACTIVE).mapToInt(Transition::person)
          .toArray();
    }
  }

  // --- behaviour ------------------------------------------------------------------------------------

  public static PersistenceId persistenceId(String runId, String department) {
    return PersistenceId.ofUniqueId("Department|" + runId + "|" + department);
  }

  /** Departments as Cluster Sharding entities, for a run spread over the members of a cluster. */
  public static final EntityTypeKey<Command> KEY = EntityTypeKey.create(Command.class, "department");

  public static Behavior<Command> create(String runId, String department, int snapshotEvery) {
    return Behaviors.setup(ctx -> new Department(ctx, runId, department, snapshotEvery));
  }

  /**
   * The entity id of a department of a run: the run, the clock's incarnation (a run resumed after a member was
   * lost gets fresh entities, so no message meant for the stopped ones reaches them) and the department.
   */
  public static String entityId(String runId, String incarnation, String department) {
    return runId + "|" + incarnation + "|" + department;
  }

  /** The sharded department whose entity id {@link #entityId} made. Run ids never contain '|'. */
  public static Behavior<Command> entity(String entityId, int snapshotEvery) {
    String[] parts = entityId.split("\\|", 3);
    return create(parts[0], parts[2], snapshotEvery);
  }

  private final ActorContext<Command> context;
  private final String tag;
  /** Known before the roster is: a department asked to stop before it formed still says which it is. */
  private final String name;
  private final int snapshotEvery;
  private final ActorRef<Workgroup.Reply> groupReplies;

  // Runtime only, rebuilt from the state on every start: the rule, the people's workgroups, the tick in progress.
  private Rule rule;
  private int championInfluence;
  private List<ActorRef<Workgroup.Command>> groups = List.of();
  private boolean replayPending;
  private ActorRef<Reply> replyTo;
  private int tickInProgress;
  private Transition[] decisions;
  private int awaiting;

  private Department(ActorContext<Command> context, String runId, String department, int snapshotEvery) {
    super(persistenceId(runId, department));
    this.context = context;
    this.tag = "run:" + runId;
    this.name = department;
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
        .onCommand(Stop.class, (state, c) -> {
          // Commands wait while an event is being written, so by now nothing is in flight.
          return Effect().none().thenRun(s -> c.replyTo().tell(new Stopped(name))).thenStop();
        })
        .onCommand(ClockStopped.class, (state, c) -> Effect().stop())
        .onCommand(GetState.class, (state, c) -> Effect().none().thenReply(c.replyTo(), s -> s))
        .build();
  }

  private Effect<Event, State> onForm(State state, Form form) {
    rule = form.rule().rule();
    championInfluence = form.rule().championInfluence();
    if (form.clock() != null) context.watchWith(form.clock(), ClockStopped.INSTANCE);
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
    int headcount = members.size();
    List<ActorRef<Workgroup.Command>> gs = new ArrayList<>();
    for (int first = 0; first < headcount; first += Workgroup.SIZE) {
      List<Staff> block = new ArrayList<>(Workgroup.SIZE);
      for (int i = first; i < Math.min(headcount, first + Workgroup.SIZE); i++) {
        block.add(new Staff(members.get(i), rule, championInfluence, form.asOfTick(), people.stateOf(i),
            people.since()[i], people.champion()[i], people.mandated()[i], people.forwarded()[i],
            people.mandateSource()[i]));
      }
      ActorRef<Workgroup.Command> g = context.spawn(Workgroup.create(gs.size(), block), "g" + gs.size());
      gs.add(g);
    }
    groups = List.copyOf(gs);
    form.replyTo().tell(new Ready(s.roster().department(), groups, context.getSelf()));
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
      replyTo.tell(new Resolved(t.tick(), state.report(), state.activated()));
      return Effect().none();
    }
    decisions = new Transition[state.roster().members().size()];
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
        replyTo.tell(new Resolved(tickInProgress, state.report(), state.activated()));
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
    if (awaiting == 0) replyTo.tell(new Resolved(tick, s.report(), s.activated()));
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
