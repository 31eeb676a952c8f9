package org.uptake.model;

import static org.uptake.model.AdoptionState.ACTIVE;
import static org.uptake.model.AdoptionState.AWARE;
import static org.uptake.model.AdoptionState.LAPSED;
import static org.uptake.model.AdoptionState.TRIALING;

/**
 * The person-level decision of one tick, as a pure function of the person's state, their neighbourhood at
 * the end of the previous tick, the department context, and draws keyed by (seed, person, tick). Equations
 * and defaults are in docs/MODEL.md; the recorded cause is the largest term of the hazard that fired.
 */
public final class AdoptionRule implements Rule {
  private final ModelParams p;
  private final long seed;
  /** What a tick is called, for the recorded causes ("in week 4"). */
  private final String unit;

  public AdoptionRule(ModelParams params, long seed, String unit) {
    this.p = params;
    this.seed = seed;
    this.unit = unit;
  }

  /** Everything about one person that the decision reads. */
  public record Person(
      int id,
      AdoptionState state,
      int since,
      boolean champion,
      boolean mandated,
      String mandate,
      boolean hasReports,
      double innovativeness,
      SeedKind seedAt) {}

  /** How a person is seeded at this tick, if at all. */
  public enum SeedKind { NONE, ENTHUSIAST, TEAM }

  /** Returns the person's change this tick, or null if nothing changes. */
  @Override
  public Transition decide(Person person, int tick, Neighbourhood hood, DepartmentContext ctx) {
    if (person.seedAt() == SeedKind.ENTHUSIAST && person.state() != ACTIVE) {
      return new Transition(person.id(), person.state(), ACTIVE, person.champion(), person.mandated(), null, false,
          Cause.of(CauseKind.SEED, "enthusiast seeded " + Steps.when(unit, tick)));
    }
    if (person.seedAt() == SeedKind.TEAM) {
      return new Transition(person.id(), person.state(), ACTIVE, true, person.mandated(), null, false,
          Cause.of(CauseKind.TEAM, "cross-functional team formed " + Steps.when(unit, tick)));
    }

    boolean mandateArrives = person.mandate() != null && !person.mandated();
    boolean mandated = person.mandated() || mandateArrives;
    boolean forwards = mandateArrives && person.hasReports()
        && Draws.uniform(seed, Draws.STREAM_GATEKEEPER, person.id(), tick) >= p.gatekeeping();
    double u = Draws.uniform(seed, Draws.STREAM_ADOPTION, person.id(), tick);
    double share = hood.activeShare();
    double value = p.value(ctx.alignment(), hood.activeCount());

    AdoptionState to = person.state();
    boolean champion = person.champion();
    Cause cause = null;
    switch (person.state()) {
      case UNAWARE -> {
        if (mandateArrives) {
          to = AWARE;
        } else {
          Hazard h = new Hazard()
              .term(CauseKind.OWN_INITIATIVE, p.awarenessBaseline())
              .term(CauseKind.PEERS, p.awarenessWordOfMouth() * share)
              .term(CauseKind.CAMPAIGN, ctx.campaign())
              .term(CauseKind.TEAM_OUTREACH, ctx.teamPresent() ? p.awarenessTeamOutreach() : 0);
          if (u < h.anyOf()) {
            to = AWARE;
            cause = h.cause(hood, ctx, tick, person.mandate());
          }
        }
      }
      case AWARE -> {
        double drag = hood.managerUsing() == Boolean.FALSE ? 1 - p.managerDrag() : 1;
        double scale = person.innovativeness() * (1 - p.costOfChange()) * drag;
        Hazard h = new Hazard()
            .term(CauseKind.OWN_INITIATIVE, scale * p.trialBaseline())
            .term(CauseKind.PEERS, scale * p.trialWordOfMouth() * share)
            .term(CauseKind.SPONSORSHIP, scale * p.trialSponsorship() * ctx.sponsorship())
            .term(CauseKind.CAMPAIGN, scale * ctx.campaign())
            .term(CauseKind.TEAM_OUTREACH, ctx.teamPresent() ? scale * p.trialTeamOutreach() : 0)
            .term(CauseKind.MANDATE, mandated ? p.mandateCompliance() : 0);
        if (u < h.sum()) {
          to = TRIALING;
          cause = h.cause(hood, ctx, tick, person.mandate());
        }
      }
      case TRIALING -> {
        double protect = 1 - p.sponsorshipProtection() * ctx.sponsorship();
        double activate = p.activationBaseline() + p.activationValue() * value;
        double drop = p.dropOutTrial() * (1 - value) * protect * shallowness(mandated);
        double total = activate + drop;
        double norm = total > 1 ? 1 / total : 1;
        if (u < activate * norm) {
          to = ACTIVE;
          // As for every change, the cause is the larger term: the value from active contacts, or the baseline.
          cause = p.activationValue() * value > p.activationBaseline()
              ? new Cause(CauseKind.VALUE, hood.topActive(), valueSource(value, hood))
              : Cause.of(CauseKind.OWN_INITIATIVE, "kept at it after the trial (baseline activation)");
        } else if (u < total * norm) {
          to = LAPSED;
          cause = Cause.of(CauseKind.LACK_OF_VALUE, valueSource(value, hood));
        }
      }
      case ACTIVE -> {
        double lapse = p.dropOutActive() * (1 - value)
            * (1 - p.sponsorshipProtection() * ctx.sponsorship())
            * shallowness(mandated)
            * (person.champion() ? 1 - p.championProtection() : 1);
        if (u < lapse) {
          to = LAPSED;
          champion = false;
          cause = Cause.of(CauseKind.LACK_OF_VALUE, valueSource(value, hood));
        } else if (!person.champion() && tick - person.since() >= p.championMinTicks()
            && Draws.uniform(seed, Draws.STREAM_CHAMPION, person.id(), tick)
                < p.championProbability() * person.innovativeness()) {
          champion = true;
          cause = Cause.of(CauseKind.SUSTAINED_USE, "active since " + unit + " " + person.since());
        }
      }
      case LAPSED -> {
        Hazard h = new Hazard()
            .term(CauseKind.PEERS, p.retrial() * person.innovativeness() * share)
            .term(CauseKind.MANDATE, mandateArrives ? p.mandateCompliance() : 0);
        if (u < h.sum()) {
          to = TRIALING;
          cause = h.cause(hood, ctx, tick, person.mandate());
        }
      }
    }
    if (to == person.state() && champion == person.champion() && !mandateArrives) {
      return null;
    }
    if (cause == null) {
      cause = Cause.of(CauseKind.MANDATE, person.mandate());
    }
    return new Transition(person.id(), person.state(), to, champion, mandated,
        mandateArrives ? person.mandate() : null, forwards, cause);
  }

  private double shallowness(boolean mandated) {
    return mandated ? 1 + p.mandateShallowness() : 1;
  }

  private static String valueSource(double value, Neighbourhood hood) {
    return String.format(java.util.Locale.ROOT, "value %.2f from %d active contacts", value, hood.activeCount());
  }

  /** Adds up the terms of a hazard and remembers which one is largest, so the cause can be recorded. */
  private final class Hazard {
    private double sum;
    private double none = 1;
    private double largest = -1;
    private CauseKind largestKind;

    Hazard term(CauseKind kind, double value) {
      sum += value;
      none *= 1 - Math.min(1, value);
      if (value > largest) {
        largest = value;
        largestKind = kind;
      }
      return this;
    }

    double sum() {
      return sum;
    }

    /** Probability that at least one of the independent channels fires. */
    double anyOf() {
      return 1 - none;
    }

    Cause cause(Neighbourhood hood, DepartmentContext ctx, int tick, String mandate) {
      return switch (largestKind) {
        case PEERS -> new Cause(CauseKind.PEERS, hood.topActive(), "colleagues who use it");
        case MANDATE -> Cause.of(CauseKind.MANDATE, mandate);
        case CAMPAIGN -> Cause.of(CauseKind.CAMPAIGN, "campaign push " + Steps.when(unit, tick));
        case SPONSORSHIP -> Cause.of(CauseKind.SPONSORSHIP, "executive sponsorship " + ctx.sponsorship());
        case TEAM_OUTREACH -> Cause.of(CauseKind.TEAM_OUTREACH, "cross-functional team in the department");
        default -> Cause.of(largestKind, "own initiative");
      };
    }
  }
}
