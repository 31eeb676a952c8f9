package org.uptake.fit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.random.MersenneTwister;
import org.uptake.stats.UnitCubeSearch;
import org.uptake.sweep.Designs;

/**
 * The order in which a fit evaluates its candidates, and nothing else: on the keys scaled to [0, 1], a seeded Latin
 * hypercube of ten candidates per key, then a bounded CMA-ES search (Hansen's covariance matrix adaptation, from
 * Commons Math; it needs no gradient and tolerates the roughness of a simulated loss) from the best of them; then, around the best candidate, two candidates per key for
 * the Jacobian of the mean curve and a Gauss-Newton step from it, while such steps lower the loss; then one
 * candidate of fresh runs at the best for the parametric bootstrap; and, for a fit with priors, one candidate on the
 * bootstrap's seeds at the estimate the priors and the data give together ({@link Posterior}).
 * Candidates are numbered in the order asked for. The search is seeded, so it asks for the same candidates again on
 * a resume, and the evaluator can answer from the journal.
 */
public final class FitSearch {
  /** The Jacobian's step, as a share of each key's range: large enough to see past the runs' discreteness. */
  static final double STEP = 0.05;
  /** CMA-ES's first step size on the unit cube, started from the best screened point: a tenth of each range. */
  static final double SIGMA = 0.1;
  /** The most Gauss-Newton steps after the search. */
  static final int POLISH = 5;

  /** Runs a candidate, or takes it from the journal when it was evaluated before. */
  @FunctionalInterface
  public interface Evaluator {
    Fit.CandidateEvaluated evaluate(int number, Fit.Role role, List<Double> values, List<Long> seeds)
        throws Exception;
  }

  private FitSearch() {}

  /** Evaluates every candidate of the fit of {@code spec} to {@code observed}, in order; an evaluator's exception ends it. */
  public static void run(FitSpec spec, Observed observed, Evaluator evaluator) throws Exception {
    List<Long> common = new ArrayList<>();
    for (int r = 0; r < spec.replications(); r++) common.add(spec.firstSeed() + r);
    int[] number = {0};
    Fit.CandidateEvaluated[] best = {null};
    double[] bestX = null;
    int k = spec.estimate().size();
    // A seeded Latin hypercube first, so the local search starts in the right valley of a rough loss.
    int screen = Math.min(screening(spec), spec.evaluations());
    for (double[] x : Designs.latinHypercube(screen, k, spec.searchSeed())) {
      Fit.CandidateEvaluated c = evaluator.evaluate(++number[0], Fit.Role.SEARCH, values(spec, x), common);
      if (best[0] == null || c.loss() < best[0].loss()) {
        best[0] = c;
        bestX = x;
      }
    }
    if (screen < spec.evaluations()) {
      UnitCubeSearch.minimise(x -> {
        Fit.CandidateEvaluated c = evaluator.evaluate(++number[0], Fit.Role.SEARCH, values(spec, x), common);
        if (c.loss() < best[0].loss()) best[0] = c;
        return c.loss();
      }, bestX, SIGMA, spec.evaluations() - screen, new MersenneTwister(spec.searchSeed()));
    }
    List<Fit.CandidateEvaluated> pairs = new ArrayList<>();
    Fit.CandidateEvaluated estimate = polish(spec, observed, best[0], evaluator, number, common, pairs);
    List<Long> fresh = new ArrayList<>();
    for (int b = 0; b < spec.bootstrap(); b++) fresh.add(spec.firstSeed() + spec.replications() + b);
    Fit.CandidateEvaluated bootstrap = evaluator.evaluate(++number[0], Fit.Role.BOOTSTRAP, estimate.values(), fresh);
    if (spec.hasPriors()) {
      Optional<Posterior> posterior = Posterior.of(spec,
          Linearised.at(spec, observed, estimate, pairs, bootstrap), estimate.values());
      if (posterior.isPresent()) {
        evaluator.evaluate(++number[0], Fit.Role.POSTERIOR, posterior.get().values(), fresh);
      }
    }
  }

  /**
   * Gauss-Newton steps from the search's best: the Jacobian of the mean curve there by central differences, the
   * step it says minimises the squares, taken if it lowers the loss (halved once if not), until a step does not, or
   * {@link #POLISH} steps. CMA-ES finds the valley; near the bottom of a least-squares valley these steps converge in
   * a few candidates where CMA-ES would take many. The last Jacobian is at the estimate, for its intervals; its
   * pairs are left in {@code pairs}.
   */
  private static Fit.CandidateEvaluated polish(FitSpec spec, Observed observed, Fit.CandidateEvaluated best,
      Evaluator evaluator, int[] number, List<Long> common, List<Fit.CandidateEvaluated> pairs) throws Exception {
    Points points = Points.of(observed, best.people(), 0, spec.fitWeeks());
    double[] y = points.observed();
    for (int step = 0; ; step++) {
      pairs.clear();
      for (int j = 0; j < spec.estimate().size(); j++) {
        FitSpec.Estimate e = spec.estimate().get(j);
        double h = STEP * e.width();
        double at = best.values().get(j);
        for (double end : List.of(Math.max(e.from(), at - h), Math.min(e.to(), at + h))) {
          List<Double> values = new ArrayList<>(best.values());
          values.set(j, Math.min(e.to(), Math.max(e.from(), round(end))));
          pairs.add(evaluator.evaluate(++number[0], Fit.Role.JACOBIAN, List.copyOf(values), common));
        }
      }
      if (step == POLISH) return best;
      SingularValueDecomposition svd = new SingularValueDecomposition(
          new Array2DRowRealMatrix(points.jacobian(pairs), false));
      if (svd.getRank() < spec.estimate().size()) return best;
      double[] fitted = points.mean(best.series());
      double[] r = new double[y.length];
      for (int i = 0; i < y.length; i++) r[i] = y[i] - fitted[i];
      double[] delta = svd.getSolver().solve(new ArrayRealVector(r, false)).toArray();
      Fit.CandidateEvaluated better = null;
      for (double scale : List.of(1.0, 0.5)) {
        List<Double> values = new ArrayList<>();
        for (int j = 0; j < delta.length; j++) {
          FitSpec.Estimate e = spec.estimate().get(j);
          values.add(Math.min(e.to(), Math.max(e.from(), round(best.values().get(j) + scale * delta[j]))));
        }
        if (values.equals(best.values())) break;
        Fit.CandidateEvaluated c = evaluator.evaluate(++number[0], Fit.Role.SEARCH, List.copyOf(values), common);
        if (c.loss() < best.loss()) {
          better = c;
          break;
        }
      }
      if (better == null) return best;
      best = better;
    }
  }

  /** How many candidates of the Latin hypercube that starts the search: ten per key. */
  static int screening(FitSpec spec) {
    return 10 * spec.estimate().size();
  }

  /** The most candidates a fit of {@code spec} evaluates. */
  public static int most(FitSpec spec) {
    int k = spec.estimate().size();
    return spec.evaluations() + POLISH * (2 * k + 2) + 2 * k + 1 + (spec.hasPriors() ? 1 : 0);
  }

  /** A point of the unit cube as the keys' values, to six significant figures (what best.conf will say). */
  static List<Double> values(FitSpec spec, double[] x) {
    List<Double> values = new ArrayList<>();
    for (int j = 0; j < x.length; j++) {
      FitSpec.Estimate e = spec.estimate().get(j);
      values.add(Math.min(e.to(), Math.max(e.from(), round(e.from() + x[j] * e.width()))));
    }
    return List.copyOf(values);
  }

  static double round(double v) {
    return new BigDecimal(v).round(new MathContext(6)).doubleValue();
  }
}
