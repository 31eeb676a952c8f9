package org.uptake.organisation;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.uptake.CborSerializable;
import org.uptake.model.Steps;
import org.uptake.scenario.Scenario.Commitment;
import org.uptake.scenario.Scenario.ExecutiveSpec;
import org.uptake.scenario.Scenario.Intervention;
import org.uptake.scenario.Scenario.Measurement;
import org.uptake.scenario.Scenario.ReviewSpec;

/**
 * An executive (CEO, CMO, ...): sponsors departments, issues mandates, launches campaigns and pilots on
 * the scenario's schedule, and reviews what is measured (clicks or the business goal) to decide whether to
 * keep supporting it. Every decision is persisted with its tick and reason; the clock reads the executive's
 * current position from the reply.
 */
public final class Executive
    extends EventSourcedBehavior<Executive.Command, Executive.Event, Executive.State> {

  // --- protocol -------------------------------------------------------------------------------------

  public sealed interface Command permits Review {}

  /** Decide for tick {@code tick}, seeing the departments' measures at the end of the previous tick. */
  public record Review(int tick, Map<String, Measure> measures, ActorRef<Position> replyTo) implements Command {}

  /** What an executive can see of a department: its headcount, active share, using share (clicks) and goal index. */
  public record Measure(int headcount, double active, double using, double goal) {}

  /**
   * The executive's position for a tick: support and its scope, mandates issued now, campaigns running, and what it
   * did this tick (the events it recorded, without the reviews that kept support as it was).
   */
  public record Position(String role, double support, List<String> scope, List<MandateIssued> mandates,
      List<CampaignLaunched> campaigns, List<Act> acts) {}

  /** An executive's act: one event it recorded, with who it is. */
  public record Act(String role, Event event) {
    public int tick() {
      return event.tick();
    }

    /** What kind of act it is, in a word or two: the marker on a run's time axis. */
    public String kind() {
      if (event instanceof MandateIssued) return "mandate";
      if (event instanceof CampaignLaunched) return "campaign";
      if (event instanceof PilotStarted) return "pilot";
      SupportChanged s = (SupportChanged) event;
      if (s.reason().startsWith("pilot ")) return "pilot review";
      if (s.support() <= 0) return "withdrawal";
      return Double.isNaN(s.measured()) ? "sponsorship" : "support lowered";
    }

    /** What the executive did, in the words `uptake explain` and the workbench use. */
    public String describe(String unit) {
      if (event instanceof SupportChanged s) {
        return String.format(Locale.ROOT, "%s sets sponsorship to %.2f -- %s", role, s.support(), s.reason());
      }
      if (event instanceof MandateIssued m) return m.source();
      if (event instanceof PilotStarted p) {
        return role + " starts a pilot here, reviewed in " + unit + " " + p.reviewAt();
      }
      CampaignLaunched c = (CampaignLaunched) event;
      return String.format(Locale.ROOT, "%s launches a campaign (strength %.2f, half-life %.0f %ss)", role,
          c.strength(), c.halfLife(), unit);
    }

    /** Whether an event is an act: a review that kept support, or a branch's restored start, is not. */
    public static boolean is(Event e) {
      return !(e instanceof Reviewed || e instanceof Restored);
    }
  }

  public sealed interface Event extends CborSerializable
      permits SupportChanged, MandateIssued, CampaignLaunched, PilotStarted, Reviewed, Restored {
    int tick();
  }

  /** {@code measured} is the value a review saw (NaN when the change was not a review's). */
  public record SupportChanged(int tick, double support, List<String> scope, double measured, String reason)
      implements Event {}

  public record MandateIssued(int tick, List<String> departments, String source) implements Event {}

  public record CampaignLaunched(int tick, List<String> departments, double strength, double halfLife)
      implements Event {}

  public record PilotStarted(int tick, List<String> departments, double support, int reviewAt, double success)
      implements Event {}

  /** A review that kept support as it was, with the measure seen (it is the baseline for the next one). */
  public record Reviewed(int tick, String measure, double value, String reason) implements Event {}

  /** A branch starts from its parent's executive as it was at the end of {@code tick}. */
  public record Restored(int tick, State state, String parentRun) implements Event {}

  /**
   * {@code lastTick} is the last tick with a decision and {@code lastMandates} the mandates issued then, so
   * a review of a tick already decided (on resume) is answered from the journal instead of decided again.
   */
  public record State(double support, List<String> scope, int supportSince, double lastMeasure,
      List<CampaignLaunched> campaigns, int pilotReviewAt, double pilotSuccess, int lastTick,
      List<MandateIssued> lastMandates) implements CborSerializable {

    public static State initial() {
      return new State(0, List.of(), -1, Double.NaN, List.of(), -1, 0, -1, List.of());
    }

    State at(int tick) {
      return tick == lastTick ? this : new State(support, scope, supportSince, lastMeasure, campaigns,
          pilotReviewAt, pilotSuccess, tick, List.of());
    }
  }

  // --- behaviour ------------------------------------------------------------------------------------

  public static PersistenceId persistenceId(String runId, String role) {
    return PersistenceId.ofUniqueId("Executive|" + runId + "|" + role);
  }

  /**
   * {@code restore}, for a branch, is persisted before the first decision (null otherwise); {@code unit} is what
   * a tick is called, for the reasons recorded ("in week 4").
   */
  public static Behavior<Command> create(String runId, ExecutiveSpec spec, List<Intervention> plan,
      Measurement measurement, ReviewSpec review, String unit, List<String> allDepartments, Restored restore) {
    return new Executive(runId, spec, plan, measurement, review, unit, allDepartments, restore);
  }

  private final String tag;
  private final ExecutiveSpec spec;
  private final List<Intervention> plan;
  private final Measurement measurement;
  private final ReviewSpec review;
  private final String unit;
  private final List<String> allDepartments;
  private final Restored restore;

  private Executive(String runId, ExecutiveSpec spec, List<Intervention> plan, Measurement measurement,
      ReviewSpec review, String unit, List<String> allDepartments, Restored restore) {
    super(persistenceId(runId, spec.role()));
    this.tag = "run:" + runId;
    this.spec = spec;
    this.plan = plan.stream().filter(i -> i.by().equals(spec.role())).toList();
    this.measurement = measurement;
    this.review = review;
    this.unit = unit;
    this.allDepartments = allDepartments;
    this.restore = restore;
  }

  @Override
  public State emptyState() {
    return State.initial();
  }

  @Override
  public Set<String> tagsFor(Event event) {
    return Set.of(tag);
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onCommand(Review.class, this::onReview).build();
  }

  private Effect<Event, State> onReview(State state, Review r) {
    if (r.tick() <= state.lastTick()) {
      r.replyTo().tell(position(state, state.lastTick() == r.tick() ? state.lastMandates() : List.of(), List.of()));
      return Effect().none();
    }
    List<Event> events = new ArrayList<>();
    State s = state;
    if (restore != null && state.lastTick() < 0 && restore.state().lastTick() >= 0) {
      events.add(restore);
      s = apply(s, restore);
    }
    events.addAll(decide(s, r.tick(), r.measures()));
    List<MandateIssued> mandates = events.stream()
        .filter(MandateIssued.class::isInstance).map(MandateIssued.class::cast).toList();
    List<Act> acts = events.stream().filter(Act::is).map(e -> new Act(spec.role(), e)).toList();
    return Effect().persist(events).thenRun(after -> r.replyTo().tell(position(after, mandates, acts)));
  }

  private Position position(State s, List<MandateIssued> mandates, List<Act> acts) {
    return new Position(spec.role(), s.support(), s.scope(), mandates, s.campaigns(), acts);
  }

  /** The decisions of one tick, in a fixed order: the schedule first, then pilots, campaign ends, reviews. */
  List<Event> decide(State state, int tick, Map<String, Measure> measures) {
    List<Event> events = new ArrayList<>();
    State s = state;
    if (tick == Steps.START) {
      // The start is not a step: an executive's support from the start is in place, nothing else happens.
      if (spec.support() > 0) {
        events.add(new SupportChanged(tick, spec.support(), spec.sponsors(), Double.NaN, "sponsor from the start"));
      }
      return events;
    }
    for (Intervention i : plan) {
      if (i.tick() != tick) continue;
      String where = i.departments().equals(allDepartments) ? "all departments" : String.join(", ", i.departments());
      switch (i.kind()) {
        case SPONSOR -> events.add(new SupportChanged(tick, i.level(), i.departments(),
            Double.NaN, "sponsorship announced for " + where));
        case MANDATE -> events.add(new MandateIssued(tick, i.departments(),
            "mandate by " + spec.role() + " " + Steps.when(unit, tick)));
        case CAMPAIGN -> events.add(new CampaignLaunched(tick, i.departments(), i.strength(), i.halfLife()));
        case PILOT -> events.add(new PilotStarted(tick, i.departments(), i.level(), tick + i.reviewAfter(),
            i.success()));
      }
    }
    for (Event e : events) s = apply(s, e);
    boolean changedNow = events.stream().anyMatch(e -> e instanceof SupportChanged || e instanceof PilotStarted);
    if (s.pilotReviewAt() == tick) {
      double active = weighted(measures, s.scope(), Measure::active);
      boolean success = active >= s.pilotSuccess();
      events.add(new SupportChanged(tick, success ? s.support() : 0, success ? allDepartments : s.scope(),
          Double.NaN, String.format(Locale.ROOT, "pilot %s: %.1f%% active against a %.1f%% bar%s",
              success ? "succeeded" : "failed", 100 * active, 100 * s.pilotSuccess(),
              success ? "; scaled to all departments" : "; support withdrawn")));
      return events;
    }
    if (changedNow || s.support() <= 0) return events;
    if (spec.commitment() == Commitment.CAMPAIGN && tick - s.supportSince() >= spec.campaignLength()) {
      events.add(new SupportChanged(tick, 0, s.scope(), Double.NaN,
          "campaign commitment over after " + spec.campaignLength() + " " + unit + "s"));
      return events;
    }
    if (tick % review.every() != 0) return events;
    String name = measurement == Measurement.CLICKS ? "clicks" : "goal index";
    double value = weighted(measures, s.scope(),
        measurement == Measurement.CLICKS ? Measure::using : Measure::goal);
    if (!Double.isNaN(s.lastMeasure()) && value < s.lastMeasure() - review.declineTolerance()) {
      events.add(new SupportChanged(tick, Math.max(0, s.support() - review.withdrawStep()), s.scope(),
          value, String.format(Locale.ROOT, "%s fell from %.3f to %.3f", name, s.lastMeasure(), value)));
    } else if (tick - s.supportSince() >= review.patience() && value < review.target()) {
      events.add(new SupportChanged(tick, Math.max(0, s.support() - review.withdrawStep()), s.scope(),
          value, String.format(Locale.ROOT, "%s at %.3f, below the %.3f target after %d %ss", name, value,
              review.target(), tick - s.supportSince(), unit)));
    } else {
      events.add(new Reviewed(tick, name, value, "kept support"));
    }
    return events;
  }

  private static double weighted(Map<String, Measure> measures, List<String> scope,
      java.util.function.ToDoubleFunction<Measure> f) {
    double sum = 0;
    int people = 0;
    for (String d : scope) {
      Measure m = measures.get(d);
      sum += f.applyAsDouble(m) * m.headcount();
      people += m.headcount();
    }
    return people == 0 ? 0 : sum / people;
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onAnyEvent(Executive::apply);
  }

  /** Pure: the executive's state after one more event. */
  public static State apply(State before, Event e) {
    if (e instanceof Restored r) return r.state();
    State s = before.at(e.tick());
    if (e instanceof SupportChanged c) {
      boolean starts = s.support() <= 0 && c.support() > 0;
      // A review compares like with like: a new scope starts a new baseline.
      double baseline = !Double.isNaN(c.measured()) ? c.measured()
          : c.scope().equals(s.scope()) ? s.lastMeasure() : Double.NaN;
      return new State(c.support(), c.scope(), starts ? c.tick() : s.supportSince(),
          c.support() > 0 ? baseline : Double.NaN, s.campaigns(), -1, s.pilotSuccess(), s.lastTick(),
          s.lastMandates());
    }
    if (e instanceof PilotStarted p) {
      return new State(p.support(), p.departments(), p.tick(), Double.NaN, s.campaigns(), p.reviewAt(),
          p.success(), s.lastTick(), s.lastMandates());
    }
    if (e instanceof CampaignLaunched c) {
      return new State(s.support(), s.scope(), s.supportSince(), s.lastMeasure(), append(s.campaigns(), c),
          s.pilotReviewAt(), s.pilotSuccess(), s.lastTick(), s.lastMandates());
    }
    if (e instanceof Reviewed r) {
      return new State(s.support(), s.scope(), s.supportSince(), r.value(), s.campaigns(), s.pilotReviewAt(),
          s.pilotSuccess(), s.lastTick(), s.lastMandates());
    }
    MandateIssued m = (MandateIssued) e;
    return new State(s.support(), s.scope(), s.supportSince(), s.lastMeasure(), s.campaigns(), s.pilotReviewAt(),
        s.pilotSuccess(), s.lastTick(), append(s.lastMandates(), m));
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return List.copyOf(out);
  }
}
