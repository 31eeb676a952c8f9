package org.uptake.model;

import java.util.List;
import java.util.Locale;
import org.uptake.model.AdoptionSpec;

/**
 * The canonical diffusion rules, with permanent adoption (unaware -> active), for validating the engine
 * against published and closed-form results (docs/MODEL.md, section 7). "Adopted" means active; shares
 * are unweighted: the number of adopted neighbours over the number of neighbours, or on a complete network
 * (mean field) the share of the whole population.
 * <ul>
 *   <li>bass: adopt with probability (p + q * share) * dt (Bass 1969);
 *   <li>fractional-threshold: adopt once share >= threshold; nobody without neighbours adopts (Granovetter 1978, Watts 2002);
 *   <li>absolute-threshold: adopt once at least count neighbours have adopted (Centola and Macy 2007);
 *   <li>independent-cascade: each neighbour who adopted in the previous tick converts with probability
 *       transmission, independently: 1 - (1 - transmission)^new (Kempe, Kleinberg and Tardos 2003).
 * </ul>
 */
public final class CanonicalRule implements Rule {
  private final AdoptionSpec spec;
  private final long seed;
  private final String unit;
  private final double[] thresholds;
  private final int[] counts;

  public CanonicalRule(AdoptionSpec spec, long seed, String unit) {
    this.spec = spec;
    this.seed = seed;
    this.unit = unit;
    this.thresholds = spec.thresholds().stream().mapToDouble(Double::doubleValue).toArray();
    this.counts = spec.counts().stream().mapToInt(Integer::intValue).toArray();
  }

  @Override
  public Transition decide(AdoptionRule.Person person, int tick, Neighbourhood hood, DepartmentContext ctx) {
    if (person.state() == AdoptionState.ACTIVE) return null;
    if (person.seedAt() == AdoptionRule.SeedKind.ENTHUSIAST || person.seedAt() == AdoptionRule.SeedKind.TEAM) {
      return adopt(person, Cause.of(CauseKind.SEED, "seeded " + Steps.when(unit, tick)));
    }
    boolean meanField = ctx.meanField();
    long adopted = meanField ? ctx.populationActive() : hood.activeCount();
    long others = meanField ? ctx.population() : hood.size();
    double share = others == 0 ? 0 : (double) adopted / others;
    switch (spec.rule()) {
      case BASS -> {
        double innovation = spec.p() * spec.dt();
        double imitation = spec.q() * share * spec.dt();
        if (Draws.uniform(seed, Draws.STREAM_ADOPTION, person.id(), tick) < innovation + imitation) {
          return adopt(person, imitation > innovation ? peers(hood, meanField, "imitation")
              : Cause.of(CauseKind.OWN_INITIATIVE, "innovation (p)"));
        }
      }
      case FRACTIONAL_THRESHOLD -> {
        double threshold = thresholds.length > 0 ? thresholds[person.id()] : spec.threshold();
        if (others > 0 && share >= threshold) {
          return adopt(person, peers(hood, meanField,
              String.format(Locale.ROOT, "%d of %d adopted, threshold %.3f", adopted, others, threshold)));
        }
      }
      case ABSOLUTE_THRESHOLD -> {
        int count = counts.length > 0 ? counts[person.id()] : spec.count();
        if (adopted >= count) {
          return adopt(person, peers(hood, meanField, adopted + " adopted, threshold " + count));
        }
      }
      case INDEPENDENT_CASCADE -> {
        long fresh = meanField ? ctx.populationNewlyActive() : hood.activeSince(tick - 1);
        double p = 1 - Math.pow(1 - spec.transmission(), fresh);
        if (fresh > 0 && Draws.uniform(seed, Draws.STREAM_ADOPTION, person.id(), tick) < p) {
          return adopt(person, peers(hood, meanField, fresh + " new adopters around"));
        }
      }
      default -> throw new IllegalStateException("not a canonical rule: " + spec.rule());
    }
    return null;
  }

  private static Cause peers(Neighbourhood hood, boolean meanField, String source) {
    return new Cause(CauseKind.PEERS, meanField ? List.of() : hood.topActive(), source);
  }

  private static Transition adopt(AdoptionRule.Person person, Cause cause) {
    return new Transition(person.id(), person.state(), AdoptionState.ACTIVE, false, false, null, false, cause);
  }
}
