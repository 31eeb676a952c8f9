package org.uptake.run;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.ChildFailed;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.CommandHandlerBuilderByState;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.SignalHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uptake.CborSerializable;
import org.uptake.model.AdoptionState;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Dynamics;
import org.uptake.model.GoalMeasure;
import org.uptake.model.RuleSpec;
import org.uptake.model.Steps;
import org.uptake.organisation.Department;
import org.uptake.organisation.DepartmentReport;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.Roster;
import org.uptake.scenario.Scenario;
import org.uptake.staff.Directory;
import org.uptake.staff.Workgroup;

/**
 * The clock of one run. It persists the run's lifecycle (started, with the whole scenario and seed; each
 * tick completed, with the departments' counts and goal index; finished) and drives simulated time as a
 * barrier with counted inputs: executives decide for tick t from the measures at the end of t-1, then every
 * department resolves t, and only when all have reported does t+1 begin (docs/design.md, note 2).
 */
public final class RunClock extends EventSourcedBehavior<RunClock.Command, RunClock.Event, RunClock.State> {
  /**
   * The journal format of the events this version writes, recorded in each run's start (journal.JournalFormat
   * reads it): format 2 is the time convention of docs/design.md, ticks = T plays steps 1..T; format 3 has the same
   * meaning, with a department's events in the binary encoding of docs/design.md, "Encoding".
   */
  public static final int FORMAT = 3;

  // --- protocol -------------------------------------------------------------------------------------

  public sealed interface Command
      permits Start, FromDepartment, FromExecutive, ChildStopped, NextTick, MemberRemoved, StopsOverdue,
      FormationOverdue, Stalled {}

  public record Start(ActorRef<Progress> listener) implements Command {}

  private record FromDepartment(Department.Reply reply) implements Command {}

  private record FromExecutive(Executive.Position position) implements Command {}

  /**
   * A watched executive or department stopped; {@code cause} is the failure that stopped it, if any, and
   * {@code elsewhere}, for a department on another cluster member, what became of it there (null otherwise).
   */
  private record ChildStopped(String name, Throwable cause, String elsewhere) implements Command {}

  /** A cluster member left or was removed (a run spread over a cluster only). */
  private record MemberRemoved(akka.cluster.Member member) implements Command {}

  /** The departments asked to stop did not all confirm in time. */
  private enum StopsOverdue implements Command { INSTANCE }

  /** Departments on cluster members did not all say they were ready in time. */
  private enum FormationOverdue implements Command { INSTANCE }

  /** Sent when {@code tick} has run for the placement's stall timeout (a run over a cluster only). */
  private record Stalled(int tick) implements Command {}

  /** Sent to self once a tick is persisted, so the next one starts from the updated state. */
  private enum NextTick implements Command { INSTANCE }

  /** What the caller hears: each completed tick, then the outcome. */
  public sealed interface Progress permits Placed, TickDone, Finished, Failed, Refused, Interrupted, Stopped {}

  /** Spread over a cluster: which member (host:port) each department is on, once all are formed. */
  public record Placed(Map<String, String> members) implements Progress {}

  /**
   * A tick is in the journal: the share of people active, each department's share active (in the scenario's
   * order), the goal index (departments' indices weighted by headcount), what the executives did in it, and the
   * ids of the people it made active.
   */
  public record TickDone(int tick, int ticks, double activeFraction, double[] departmentActive, double goal,
      List<Executive.Act> acts, int[] activated) implements Progress {}

  public record Finished(String runId, int lastTick) implements Progress {}

  public record Failed(String runId, String reason) implements Progress {}

  /**
   * A run spread over a cluster lost a member: its departments were stopped, nothing about the loss was
   * written, and the journal holds every completed tick, so the run can be resumed on the members left.
   */
  public record Interrupted(String runId, String reason) implements Progress {}

  /**
   * Stopped between ticks by its {@link Brake} ({@code reason}: the disk's reserve, Ctrl-C): the journal holds
   * every tick up to {@code lastTick} and nothing else, and the run resumes from it.
   */
  public record Stopped(String runId, int lastTick, String reason) implements Progress {}

  /** A new run whose id turned out to be in the journal already (another process started it): nothing written. */
  public record Refused(String runId, String reason) implements Progress {}

  public sealed interface Event extends CborSerializable
      permits RunStarted, TickCompleted, RunFinished, RunFailed, Restored {}

  /**
   * Everything needed to replay or explain the run without its files. A branch names its parent run and
   * the tick it starts after ({@code parentRun} null and {@code branchTick} -1 otherwise). {@code format} is the
   * journal format that wrote the run (journal.JournalFormat; 0 in runs recorded before formats were numbered).
   */
  public record RunStarted(
      String runId, String scenarioName, String strategy, String scenarioFile, String scenario, long seed,
      int ticks, List<String> overrides, String version, List<String> departments, List<String> executives,
      int people, String parentRun, int branchTick, int format) implements Event {}

  /** A branch's clock starts from its parent's counts and goal indices at the end of {@code tick}. */
  public record Restored(int tick, List<DepartmentReport> reports, List<Double> goals) implements Event {}

  public record RunFailed(int lastTick, String reason) implements Event {}

  /** The departments' counts at the end of the tick (in department order) and their goal indices. */
  public record TickCompleted(int tick, List<DepartmentReport> reports, List<Double> goals) implements Event {}

  public record RunFinished(int lastTick) implements Event {
    @com.fasterxml.jackson.annotation.JsonCreator
    public RunFinished {}
  }

  public record State(boolean started, boolean finished, int lastTick, List<DepartmentReport> reports,
      List<Double> goals) implements CborSerializable {
    State completed(int tick, List<DepartmentReport> r, List<Double> g) {
      return new State(true, false, tick, r, g);
    }
  }

  // --- behaviour ------------------------------------------------------------------------------------

  public static PersistenceId persistenceId(String runId) {
    return PersistenceId.ofUniqueId("Run|" + runId);
  }

  /**
   * A clock whose departments live where {@code placement} says, and that, between ticks, stops the run (left
   * interrupted, resumable) once {@code brake} says so.
   */
  public static Behavior<Command> create(RunPlan plan, Brake brake, Placement placement) {
    return Behaviors.setup(ctx -> new RunClock(ctx, plan, brake, placement));
  }

  /**
   * How long departments on cluster members have to form (recover, spawn their workgroups) and say where they
   * are: one that fails before that cannot be watched yet, so the run would otherwise wait for it forever.
   */
  private static final java.time.Duration FORMATION_TIMEOUT = java.time.Duration.ofMinutes(5);

  private final ActorContext<Command> context;
  private final RunPlan plan;
  private final Brake brake;
  private final Placement placement;
  private final Scenario scenario;
  private final Organisation org;
  private final List<String> departmentNames;
  private final ActorRef<Department.Reply> departmentReplies;
  private final ActorRef<Executive.Position> executiveReplies;

  private ActorRef<Progress> listener;
  private final Map<String, RecipientRef<Department.Command>> departments = new LinkedHashMap<>();
  private final List<ActorRef<Executive.Command>> executives = new ArrayList<>();
  private final Map<ActorRef<?>, String> watched = new HashMap<>();
  /** Each department's workgroups (once it is Ready), and each person's department and rank in it. */
  private final List<List<ActorRef<Workgroup.Command>>> groups = new ArrayList<>();
  private final int[] departmentOf;
  private final int[] rank;
  /** Each department itself, once Ready. */
  private final Map<String, ActorRef<Department.Command>> selves = new HashMap<>();
  /** Departments on cluster members being stopped (a member lost, the run stopped or ended). */
  private final DepartmentStops stops;
  private int awaiting;
  private int tick;
  private final Map<String, Executive.Position> positions = new HashMap<>();
  private final Map<String, DepartmentReport> resolved = new HashMap<>();
  private final Map<String, int[]> activated = new HashMap<>();
  private List<DepartmentReport> lastReports = List.of();

  private RunClock(ActorContext<Command> context, RunPlan plan, Brake brake, Placement placement) {
    super(persistenceId(plan.runId()));
    this.brake = brake;
    this.placement = placement;
    this.context = context;
    this.plan = plan;
    this.scenario = plan.scenario();
    this.org = plan.organisation();
    this.departmentNames = org.departments().stream().map(Organisation.Unit::name).toList();
    this.departmentReplies = context.messageAdapter(Department.Reply.class, FromDepartment::new);
    this.executiveReplies = context.messageAdapter(Executive.Position.class, FromExecutive::new);
    this.stops = new DepartmentStops(context, departmentReplies);
    this.departmentOf = new int[org.size()];
    this.rank = new int[org.size()];
    for (int d = 0; d < org.departments().size(); d++) {
      int[] members = org.departments().get(d).members();
      for (int k = 0; k < members.length; k++) {
        departmentOf[members[k]] = d;
        rank[members[k]] = k;
      }
      groups.add(List.of());
    }
  }

  @Override
  public State emptyState() {
    return new State(false, false, -1, List.of(), List.of());
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of("run:" + plan.runId());
  }

  /**
   * Where the run is in its life. Not persisted: a clock that starts again (resume, or recovery after a crash)
   * is always forming, and the journal says from which tick.
   */
  private enum Phase {
    /** Waiting for Start. */
    IDLE,
    /** Departments recovering and spawning their workgroups, then connecting to one another. */
    FORMING,
    /** The tick barrier: executives review, departments resolve, the tick is written, the next begins. */
    TICKING,
    /** Departments on cluster members asked to stop; the outcome is reported once they confirm. */
    STOPPING
  }

  private Phase phase = Phase.IDLE;

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    // The phase's own handlers first, then what a running clock does in either phase; anything else is news
    // for a phase the clock has left (a late timer, a reply after a stop) and is dropped.
    return idle().orElse(forming()).orElse(ticking()).orElse(stopping()).orElse(running())
        .orElse(newCommandHandlerBuilder().forAnyState().onCommand(Command.class, c -> Effect().none())).build();
  }

  private CommandHandlerBuilderByState<Command, Event, State, State> in(Phase p) {
    return newCommandHandlerBuilder().forState(s -> phase == p);
  }

  private CommandHandlerBuilderByState<Command, Event, State, State> idle() {
    return in(Phase.IDLE).onCommand(Start.class, this::onStart);
  }

  private CommandHandlerBuilderByState<Command, Event, State, State> forming() {
    return in(Phase.FORMING)
        .onCommand(FromDepartment.class, this::onForming)
        .onCommand(MemberRemoved.class, (s, c) -> {
          // A member that goes before every department said where it is may have taken an unwatched one along.
          if (c.member().hasRole(Roles.WORKER) && selves.size() < departmentNames.size()) {
            return interrupt("cluster member " + c.member().address() + " left while the departments formed");
          }
          return Effect().none();
        })
        .onCommand(FormationOverdue.class, (s, c) -> {
          if (selves.size() == departmentNames.size()) return Effect().none();
          List<String> missing = departmentNames.stream().filter(d -> !selves.containsKey(d)).toList();
          String reason = "department(s) " + String.join(", ", missing) + " did not form on a cluster member within "
              + FORMATION_TIMEOUT.toMinutes() + " minutes (see the members' logs)";
          return Effect().none().thenRun(after -> listener.tell(new Failed(plan.runId(), reason))).thenStop();
        });
  }

  private CommandHandlerBuilderByState<Command, Event, State, State> ticking() {
    return in(Phase.TICKING)
        .onCommand(FromExecutive.class, this::onPosition)
        .onCommand(FromDepartment.class, (s, c) -> c.reply() instanceof Department.Resolved r
            ? onResolved(s, r) : Effect().none())
        .onCommand(NextTick.class, this::onNextTick)
        .onCommand(Stalled.class, (s, c) -> c.tick() != tick ? Effect().none() : interrupt("tick " + tick
            + " did not complete within " + ((Placement.Sharded) placement).stallTimeout().toSeconds() + " s (a "
            + "message between cluster members may have been lost)"));
  }

  private CommandHandlerBuilderByState<Command, Event, State, State> stopping() {
    return in(Phase.STOPPING)
        .onCommand(FromDepartment.class, (s, c) -> c.reply() instanceof Department.Stopped stopped
            && stops.confirmed(stopped.department()) ? reportStopped() : Effect().none())
        .onCommand(StopsOverdue.class, (s, c) -> reportStopped());
  }

  /** Forming or ticking: a child that stops ends the run. */
  private CommandHandlerBuilderByState<Command, Event, State, State> running() {
    return newCommandHandlerBuilder().forState(s -> phase == Phase.FORMING || phase == Phase.TICKING)
        .onCommand(ChildStopped.class, (s, c) -> {
          if (c.elsewhere() != null) {
            // Whether its member crashed, is leaving (its entities are handed off before it leaves) or it failed
            // there, a department on another member ends the tick; fresh ones take over from the journal.
            stops.lost(c.name());
            return interrupt(c.name() + " " + c.elsewhere());
          }
          String reason = c.name() + " stopped unexpectedly: " + rootMessage(c.cause()) + " (see the log)";
          return Effect().persist(new RunFailed(s.lastTick(), reason))
              .thenRun(after -> listener.tell(new Failed(plan.runId(), reason)))
              .thenStop();
        });
  }

  private Effect<Event, State> onNextTick(State state, NextTick next) {
    // Between ticks nothing is being written: stopping here leaves every completed tick and nothing else.
    java.util.Optional<String> stop = tick <= scenario.ticks() ? brake.reason() : java.util.Optional.empty();
    if (stop.isEmpty()) return beginTick(state);
    Stopped stopped = new Stopped(plan.runId(), state.lastTick(), stop.get());
    if (placement != Placement.LOCAL) {
      stopDepartments(stopped);
      return Effect().none();
    }
    return Effect().none().thenRun(after -> listener.tell(stopped)).thenStop();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    // A plain watch (not watchWith) so that the failure that stopped a child reaches the run's message.
    return newSignalHandlerBuilder()
        .onSignal(Terminated.class, (state, t) -> {
          String name = watched.get(t.getRef());
          if (name != null) {
            String elsewhere = placement == Placement.LOCAL ? null : stops.memberGone(t.getRef())
                ? "went with the cluster member it was on"
                : "stopped on its cluster member (handed off as the member leaves, or failed: see its log)";
            context.getSelf().tell(new ChildStopped(name, t instanceof ChildFailed f ? f.getCause() : null,
                elsewhere));
          }
        })
        .build();
  }

  /**
   * A member with some of the run's departments is gone, and news sent to them is lost: the tick in progress
   * cannot complete. The other departments are asked to stop (each confirms once it writes nothing more) and
   * the run is reported interrupted, to be resumed from the journal by fresh departments on the members left.
   */
  private Effect<Event, State> interrupt(String reason) {
    context.getLog().warn("run {}: {}; stopping its departments to resume it from the journal", plan.runId(), reason);
    stopDepartments(new Interrupted(plan.runId(), reason));
    return Effect().none();
  }

  /** Asks the departments on members still up to stop, and reports {@code outcome} once they have. */
  private void stopDepartments(Progress outcome) {
    phase = Phase.STOPPING;
    stops.begin(outcome, departments, selves, context.getSelf(), StopsOverdue.INSTANCE);
  }

  private Effect<Event, State> reportStopped() {
    Progress report = stops.outcome(plan.runId());
    return Effect().none().thenRun(s -> listener.tell(report)).thenStop();
  }

  private void watch(ActorRef<?> child, String name) {
    watched.put(child, name);
    context.watch(child);
  }

  /** The innermost cause's first line: for a journal failure, what the database or the disk said. */
  private static String rootMessage(Throwable cause) {
    if (cause == null) return "it reported no failure";
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  private Effect<Event, State> onStart(State state, Start start) {
    listener = start.listener();
    if (state.started() && !plan.resuming()) {
      // The caller checked the id was free, but another process recorded the run's start since then.
      listener.tell(new Refused(plan.runId(), "a run with this id is already in the journal (another process "
          + "started it at the same moment)"));
      return Effect().stop();
    }
    if (state.finished()) {
      listener.tell(new Finished(plan.runId(), state.lastTick()));
      return Effect().stop();
    }
    if (state.started()) {
      spawnChildren(state);
      return Effect().none();
    }
    Branch branch = plan.branch();
    RunStarted started = new RunStarted(plan.runId(), scenario.name(), scenario.strategy(), plan.scenarioFile(),
        scenario.resolved(), scenario.seed(), scenario.ticks(), plan.overrides(), plan.version(),
        departmentNames, scenario.executives().stream().map(Scenario.ExecutiveSpec::role).toList(), org.size(),
        branch == null ? null : branch.parentRun(), branch == null ? -1 : branch.tick(), FORMAT);
    List<Event> first = branch == null ? List.of(started)
        : List.of(started, new Restored(branch.tick(), branch.reports(), branch.goals()));
    return Effect().persist(first).thenRun(this::spawnChildren);
  }

  private void spawnChildren(State state) {
    RuleSpec rule = scenario.ruleSpec();
    for (Scenario.ExecutiveSpec spec : scenario.executives()) {
      Executive.Restored restore = plan.branch() == null || !plan.branch().executives().containsKey(spec.role())
          ? null : new Executive.Restored(plan.branch().tick(),
          plan.branch().executives().get(spec.role()), plan.branch().parentRun());
      ActorRef<Executive.Command> ref = context.spawn(Executive.create(plan.runId(), spec,
          scenario.interventions(), scenario.measurement(), scenario.review(), scenario.unit(), departmentNames,
          restore),
          "executive-" + executives.size());
      watch(ref, "executive " + spec.role());
      executives.add(ref);
    }
    awaiting = departmentNames.size();
    // Fresh entities for every start of the clock: none of them can get a message meant for an earlier one.
    String incarnation = java.util.UUID.randomUUID().toString();
    if (placement != Placement.LOCAL) {
      Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
          context.messageAdapter(ClusterEvent.MemberRemoved.class, e -> new MemberRemoved(e.member())),
          ClusterEvent.MemberRemoved.class));
      context.scheduleOnce(FORMATION_TIMEOUT, context.getSelf(), FormationOverdue.INSTANCE);
    }
    for (int d = 0; d < departmentNames.size(); d++) {
      String name = departmentNames.get(d);
      RecipientRef<Department.Command> ref;
      if (placement instanceof Placement.Sharded sharded) {
        ref = sharded.sharding().entityRefFor(Department.KEY, Department.entityId(plan.runId(), incarnation, name));
      } else {
        ActorRef<Department.Command> child = context.spawn(Department.create(plan.runId(), name,
            plan.snapshotEvery()), "department-" + d);
        watch(child, "department " + name);
        ref = child;
      }
      departments.put(name, ref);
      Department.Restored restore = plan.branch() == null ? null : new Department.Restored(plan.branch().tick(),
          plan.branch().people().get(name), plan.branch().parentRun());
      ref.tell(new Department.Form(Roster.of(org, d), state.lastTick(), restore, rule, departmentReplies,
          placement == Placement.LOCAL ? null : context.getSelf()));
    }
    tick = state.lastTick() + 1;
    phase = Phase.FORMING;
  }

  private Effect<Event, State> onForming(State state, FromDepartment message) {
    Department.Reply reply = message.reply();
    if (reply instanceof Department.Ready r) {
      groups.set(departmentNames.indexOf(r.department()), r.groups());
      selves.put(r.department(), r.self());
      // A cluster entity cannot be watched through sharding, but the department itself can.
      if (placement != Placement.LOCAL) watch(r.self(), "department " + r.department());
      if (--awaiting == 0) connect();
    } else if (reply instanceof Department.Connected && --awaiting == 0) {
      phase = Phase.TICKING;
      return beginTick(state);
    }
    return Effect().none();
  }

  /** Every department is ready: say where they are (over a cluster) and give each the directory of all. */
  private void connect() {
    if (placement != Placement.LOCAL) {
      Map<String, String> where = new LinkedHashMap<>();
      for (String name : departmentNames) {
        akka.actor.Address a = selves.get(name).path().address();
        where.put(name, a.host().isDefined() ? a.host().get() + ":" + a.port().get() : a.toString());
      }
      listener.tell(new Placed(where));
    }
    awaiting = departments.size();
    Department.Connect connect = new Department.Connect(Directory.of(groups, departmentOf, rank), departmentReplies);
    departments.values().forEach(d -> d.tell(connect));
  }

  private Effect<Event, State> onResolved(State state, Department.Resolved r) {
    resolved.put(r.report().department(), r.report());
    activated.put(r.report().department(), r.activated());
    return --awaiting == 0 ? completeTick(state) : Effect().none();
  }

  private Effect<Event, State> beginTick(State state) {
    if (tick > scenario.ticks() || settled(state)) {
      // Stopping the clock stops the run's departments, executives and staff: a JVM that runs many runs
      // (comparisons, sweeps, replications) keeps none of them. Departments on cluster members are asked to.
      if (placement != Placement.LOCAL) {
        return Effect().persist(new RunFinished(state.lastTick()))
            .thenRun(s -> stopDepartments(new Finished(plan.runId(), s.lastTick())));
      }
      return Effect().persist(new RunFinished(state.lastTick()))
          .thenRun(s -> listener.tell(new Finished(plan.runId(), s.lastTick())))
          .thenStop();
    }
    positions.clear();
    if (placement instanceof Placement.Sharded sharded) {
      context.scheduleOnce(sharded.stallTimeout(), context.getSelf(), new Stalled(tick));
    }
    if (executives.isEmpty()) {
      resolveDepartments(state);
      return Effect().none();
    }
    Map<String, Executive.Measure> measures = measures(state);
    awaiting = executives.size();
    executives.forEach(e -> e.tell(new Executive.Review(tick, measures, executiveReplies)));
    return Effect().none();
  }

  private Effect<Event, State> onPosition(State state, FromExecutive message) {
    positions.put(message.position().role(), message.position());
    if (--awaiting == 0) resolveDepartments(state);
    return Effect().none();
  }

  private void resolveDepartments(State state) {
    lastReports = state.reports();
    resolved.clear();
    activated.clear();
    awaiting = departments.size();
    for (int d = 0; d < departmentNames.size(); d++) {
      String name = departmentNames.get(d);
      departments.get(name).tell(new Department.Tick(tick, context(d), departmentReplies));
    }
  }

  /** What department d sees this tick, from the executives' positions in scenario order. */
  private DepartmentContext context(int d) {
    String name = departmentNames.get(d);
    double sponsorship = 0;
    double campaign = 0;
    String mandate = null;
    for (Scenario.ExecutiveSpec spec : scenario.executives()) {
      Executive.Position p = positions.get(spec.role());
      if (p.scope().contains(name)) sponsorship = Math.max(sponsorship, p.support());
      for (Executive.MandateIssued m : p.mandates()) {
        if (mandate == null && m.departments().contains(name)) mandate = m.source();
      }
      for (Executive.CampaignLaunched c : p.campaigns()) {
        if (c.departments().contains(name)) {
          campaign += Dynamics.campaign(c.strength(), c.tick(), c.halfLife(), tick);
        }
      }
    }
    Scenario.TeamSpec team = scenario.team();
    boolean teamPresent = team.formed() && tick >= team.start() && team.departments().contains(name);
    double alignment = scenario.goal().alignmentOf(org.departments().get(d).function());
    boolean meanField = scenario.network().kind() == Scenario.NetworkKind.COMPLETE;
    long active = 0;
    long fresh = 0;
    for (DepartmentReport r : lastReports) {
      active += r.count(AdoptionState.ACTIVE);
      fresh += r.newlyActive();
    }
    return new DepartmentContext(sponsorship, Math.min(1, campaign), teamPresent, alignment, mandate, meanField,
        org.size(), active, fresh);
  }

  private Effect<Event, State> completeTick(State state) {
    List<DepartmentReport> reports = new ArrayList<>();
    List<Double> goals = new ArrayList<>();
    for (int d = 0; d < departmentNames.size(); d++) {
      DepartmentReport r = resolved.get(departmentNames.get(d));
      reports.add(r);
      double previous = state.goals().isEmpty() ? 0 : state.goals().get(d);
      // The goal index moves once a step; at the start it is where every department begins.
      goals.add(tick == Steps.START ? 0.0 : GoalMeasure.next(previous, scenario.goal().response(),
          scenario.goal().alignmentOf(org.departments().get(d).function()), r.share(AdoptionState.ACTIVE)));
    }
    int done = tick;
    TickDone progress = progress(done, reports, goals);
    return Effect().persist(new TickCompleted(done, reports, goals)).thenRun(s -> {
      listener.tell(progress);
      tick = done + 1;
      context.getSelf().tell(NextTick.INSTANCE);
    });
  }

  /** Whether a canonical run has nothing left to change (Dynamics#settled). */
  private boolean settled(State state) {
    if (state.reports().isEmpty()) return false;
    long active = 0;
    long fresh = 0;
    for (DepartmentReport r : state.reports()) {
      active += r.count(AdoptionState.ACTIVE);
      fresh += r.newlyActive();
    }
    return Dynamics.settled(scenario.adoption().rule(), active, fresh, org.size(), state.lastTick(),
        scenario.seeding().tick());
  }

  private TickDone progress(int done, List<DepartmentReport> reports, List<Double> goals) {
    double[] departmentActive = new double[reports.size()];
    double goal = 0;
    long people = 0;
    for (int d = 0; d < reports.size(); d++) {
      departmentActive[d] = reports.get(d).share(AdoptionState.ACTIVE);
      goal += goals.get(d) * reports.get(d).headcount();
      people += reports.get(d).headcount();
    }
    List<Executive.Act> acts = new ArrayList<>();
    if (!executives.isEmpty()) {
      for (Scenario.ExecutiveSpec spec : scenario.executives()) acts.addAll(positions.get(spec.role()).acts());
    }
    int[] made = departmentNames.stream().map(activated::get).flatMapToInt(Arrays::stream).toArray();
    return new TickDone(done, scenario.ticks(), activeFraction(reports), departmentActive, goal / people, acts,
        made);
  }

  private static double activeFraction(List<DepartmentReport> reports) {
    long active = 0;
    long people = 0;
    for (DepartmentReport r : reports) {
      active += r.count(AdoptionState.ACTIVE);
      people += r.headcount();
    }
    return (double) active / people;
  }

  private Map<String, Executive.Measure> measures(State state) {
    Map<String, Executive.Measure> out = new HashMap<>();
    for (int d = 0; d < departmentNames.size(); d++) {
      int headcount = org.departments().get(d).members().length;
      if (state.reports().isEmpty()) {
        out.put(departmentNames.get(d), new Executive.Measure(headcount, 0, 0, 0));
      } else {
        DepartmentReport r = state.reports().get(d);
        out.put(departmentNames.get(d), new Executive.Measure(headcount, r.share(AdoptionState.ACTIVE),
            r.usingShare(), state.goals().get(d)));
      }
    }
    return out;
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(RunStarted.class, (s, e) -> new State(true, false, -1, List.of(), List.of()))
        .onEvent(Restored.class, (s, e) -> s.completed(e.tick(), e.reports(), e.goals()))
        .onEvent(TickCompleted.class, (s, e) -> s.completed(e.tick(), e.reports(), e.goals()))
        .onEvent(RunFinished.class, (s, e) -> new State(true, true, s.lastTick(), s.reports(), s.goals()))
        .onEvent(RunFailed.class, (s, e) -> s)
        .build();
  }
}
