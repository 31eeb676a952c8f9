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
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.uptake.CborSerializable;
import org.uptake.model.AdoptionRule;
import org.uptake.model.AdoptionState;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Transition;
import org.uptake.organisation.Roster.Member;
import org.uptake.staff.Staff;

/**
 * A department: the persistent owner of its people's adoption states. Each tick it asks every person to
 * decide, persists all their changes as one {@link TickResolved} event (design note 3: one event per
 * department per tick keeps the JDBC journal far from its per-event limit), then lets the people who
 * changed tell their neighbours, and reports its counts to the clock once all that news has landed.
 */
public final class Department
    extends EventSourcedBehavior<Department.Command, Department.Event, Department.State> {

  // --- protocol -------------------------------------------------------------------------------------

  public sealed interface Command permits Form, Connect, Tick, FromStaff, GetState {}

  /** Spawn the people; the roster is persisted first unless the journal already holds it. */
  public record Form(Roster roster, ActorRef<Reply> replyTo) implements Command {}

  public record Connect(IntFunction<ActorRef<Staff.Command>> directory, ActorRef<Reply> replyTo)
      implements Command {}

  public record Tick(int tick, DepartmentContext context, ActorRef<Reply> replyTo) implements Command {}

  public record GetState(ActorRef<State> replyTo) implements Command {}

  private record FromStaff(Staff.Reply reply) implements Command {}

  public sealed interface Reply permits Ready, Connected, Resolved {}

  /** The department's people in roster order. */
  public record Ready(String department, List<ActorRef<Staff.Command>> staff) implements Reply {}

  public record Connected(String department) implements Reply {}

  public record Resolved(int tick, DepartmentReport report) implements Reply {}

  public sealed interface Event extends CborSerializable permits Formed, TickResolved {}

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

  /** The people's states after the last resolved tick, indexed like the roster's members. */
  public record State(
      Roster roster, byte[] states, int[] since, boolean[] champion, boolean[] mandated, boolean[] forwarded,
      int lastTick) implements CborSerializable {

    static State empty() {
      return new State(null, new byte[0], new int[0], new boolean[0], new boolean[0], new boolean[0], -1);
    }

    public boolean formed() {
      return roster != null;
    }

    public AdoptionState stateOf(int index) {
      return AdoptionState.of(states[index]);
    }

    public DepartmentReport report() {
      int[] counts = new int[AdoptionState.values().length];
      int champions = 0;
      int mandates = 0;
      for (int i = 0; i < states.length; i++) {
        counts[states[i]]++;
        if (champion[i]) champions++;
        if (mandated[i]) mandates++;
      }
      return new DepartmentReport(roster.department(), counts, champions, mandates);
    }
  }

  // --- behaviour ------------------------------------------------------------------------------------

  public static PersistenceId persistenceId(String runId, String department) {
    return PersistenceId.ofUniqueId("Department|" + runId + "|" + department);
  }

  public static Behavior<Command> create(String runId, String department, AdoptionRule rule,
      int championInfluence, int snapshotEvery) {
    return Behaviors.setup(ctx -> new Department(ctx, runId, department, rule, championInfluence, snapshotEvery));
  }

  private final ActorContext<Command> context;
  private final String tag;
  private final AdoptionRule rule;
  private final int championInfluence;
  private final int snapshotEvery;
  private final ActorRef<Staff.Reply> staffReplies;

  // Runtime only, rebuilt from the state on every start: the people and the tick in progress.
  private List<ActorRef<Staff.Command>> staff = List.of();
  private ActorRef<Reply> replyTo;
  private int tickInProgress;
  private Transition[] decisions;
  private int awaiting;

  private Department(ActorContext<Command> context, String runId, String department, AdoptionRule rule,
      int championInfluence, int snapshotEvery) {
    super(persistenceId(runId, department));
    this.context = context;
    this.tag = "run:" + runId;
    this.rule = rule;
    this.championInfluence = championInfluence;
    this.snapshotEvery = snapshotEvery;
    this.staffReplies = context.messageAdapter(Staff.Reply.class, FromStaff::new);
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
        .onCommand(FromStaff.class, this::onStaff)
        .onCommand(GetState.class, (state, c) -> Effect().none().thenReply(c.replyTo(), s -> s))
        .build();
  }

  private Effect<Event, State> onForm(State state, Form form) {
    if (state.formed()) {
      spawnStaff(state);
      form.replyTo().tell(new Ready(state.roster().department(), staff));
      return Effect().none();
    }
    return Effect().persist(new Formed(form.roster())).thenRun(s -> {
      spawnStaff(s);
      form.replyTo().tell(new Ready(s.roster().department(), staff));
    });
  }

  private void spawnStaff(State s) {
    List<ActorRef<Staff.Command>> refs = new ArrayList<>(s.roster().members().size());
    for (int i = 0; i < s.roster().members().size(); i++) {
      Member m = s.roster().members().get(i);
      refs.add(context.spawn(Staff.create(m, i, rule, championInfluence, s.stateOf(i), s.since()[i],
          s.champion()[i], s.mandated()[i], s.forwarded()[i]), "p" + m.id()));
    }
    staff = List.copyOf(refs);
  }

  private Effect<Event, State> onConnect(State state, Connect c) {
    replyTo = c.replyTo();
    awaiting = staff.size();
    staff.forEach(p -> p.tell(new Staff.Connect(c.directory(), staffReplies)));
    return Effect().none();
  }

  private Effect<Event, State> onTick(State state, Tick t) {
    replyTo = t.replyTo();
    if (t.tick() <= state.lastTick()) {
      // Already resolved before an interruption: the journal has it, so only the report is owed.
      replyTo.tell(new Resolved(t.tick(), state.report()));
      return Effect().none();
    }
    tickInProgress = t.tick();
    decisions = new Transition[staff.size()];
    awaiting = staff.size();
    Staff.Decide decide = new Staff.Decide(t.tick(), t.context(), staffReplies);
    staff.forEach(p -> p.tell(decide));
    return Effect().none();
  }

  private Effect<Event, State> onStaff(State state, FromStaff message) {
    Staff.Reply reply = message.reply();
    if (reply instanceof Staff.Decided d) {
      decisions[d.index()] = d.transition();
      if (--awaiting == 0) return persistDecisions();
    } else if (--awaiting == 0) {
      if (reply instanceof Staff.Connected) {
        replyTo.tell(new Connected(state.roster().department()));
      } else {
        replyTo.tell(new Resolved(tickInProgress, state.report()));
      }
    }
    return Effect().none();
  }

  private Effect<Event, State> persistDecisions() {
    List<Transition> changes = new ArrayList<>();
    List<Integer> who = new ArrayList<>();
    for (int i = 0; i < decisions.length; i++) {
      if (decisions[i] != null) {
        changes.add(decisions[i]);
        who.add(i);
      }
    }
    decisions = null;
    int tick = tickInProgress;
    return Effect().persist(new TickResolved(tick, changes)).thenRun(s -> {
      awaiting = changes.size();
      if (awaiting == 0) {
        replyTo.tell(new Resolved(tick, s.report()));
        return;
      }
      for (int k = 0; k < changes.size(); k++) {
        staff.get(who.get(k)).tell(new Staff.Commit(tick, changes.get(k), staffReplies));
      }
    });
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Formed.class, (s, e) -> formed(e.roster()))
        .onEvent(TickResolved.class, Department::apply)
        .build();
  }

  private static State formed(Roster roster) {
    int n = roster.members().size();
    return new State(roster, new byte[n], new int[n], new boolean[n], new boolean[n], new boolean[n], -1);
  }

  /** Pure: a new state with the tick's transitions applied. */
  static State apply(State s, TickResolved e) {
    byte[] states = s.states().clone();
    int[] since = s.since().clone();
    boolean[] champion = s.champion().clone();
    boolean[] mandated = s.mandated().clone();
    boolean[] forwarded = s.forwarded().clone();
    List<Member> members = s.roster().members();
    int index = 0;
    for (Transition t : e.transitions()) {
      while (members.get(index).id() != t.person()) index++;
      if (states[index] != t.to().ordinal()) since[index] = e.tick();
      states[index] = (byte) t.to().ordinal();
      champion[index] = t.champion();
      mandated[index] = t.mandated();
      forwarded[index] |= t.forwardsMandate();
    }
    return new State(s.roster(), states, since, champion, mandated, forwarded, e.tick());
  }
}
