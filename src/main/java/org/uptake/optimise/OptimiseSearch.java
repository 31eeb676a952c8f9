package org.uptake.optimise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.MersenneTwister;
import org.uptake.optimise.Optimisation.PlanEvaluated;
import org.uptake.optimise.Optimisation.Role;
import org.uptake.stats.UnitCubeSearch;
import org.uptake.sweep.Designs;

/**
 * The order in which an optimisation evaluates its plans, and nothing else. First the baseline (the base scenario
 * as written). Then, when every decision is discrete and the plans within the budget are no more than
 * {@code evaluations}, every one of them, in order: the exhaustive search, which cannot miss the best. Otherwise a
 * seeded Latin hypercube of ten points per decision on the unit cube, then bounded CMA-ES (Commons Math) from the
 * best of them, restarted from seeded random points while it converges before the budget is spent; a point maps to
 * a plan by cutting each axis into the decision's values, a plan over budget is never run (it scores worse than
 * every plan run so far) and a plan seen before is not run again. Last, the best plan, the runner-up and the
 * baseline are run again on fresh seeds, for a comparison free of the search's selection.
 * Plans are numbered in the order asked for; the search is seeded, so it asks for the same plans again on a
 * resume, and the evaluator can answer from the journal.
 */
public final class OptimiseSearch {
  /** CMA-ES's first step on the unit cube: wide enough to move between a decision's values. */
  static final double SIGMA = 0.3;
  /** The most CMA-ES starts. */
  static final int STARTS = 5;

  /** Runs a plan, or takes it from the journal when it was evaluated before. */
  @FunctionalInterface
  public interface Evaluator {
    PlanEvaluated evaluate(int number, Role role, List<String> values, List<Long> seeds) throws Exception;
  }

  private OptimiseSearch() {}

  /** Evaluates every plan of the optimisation {@code spec}, in order; an evaluator's exception ends it. */
  public static void run(OptimiseSpec spec, Evaluator evaluator) throws Exception {
    List<Long> common = new ArrayList<>();
    for (int r = 0; r < spec.replications(); r++) common.add(spec.firstSeed() + r);
    Search search = new Search(spec, evaluator, common);
    search.evaluate(List.of(), Role.BASELINE);
    if (exhaustive(spec)) {
      for (List<String> plan : spec.plans()) {
        if (spec.affordable(plan)) search.evaluate(plan, Role.SEARCH);
      }
    } else {
      search.cmaes();
    }
    List<PlanEvaluated> ranked = ranked(spec, search.seen.values().stream()
        .filter(p -> p.role() == Role.SEARCH).toList());
    List<Long> fresh = new ArrayList<>();
    for (int c = 0; c < spec.confirm(); c++) fresh.add(spec.firstSeed() + spec.replications() + c);
    PlanEvaluated best = ranked.get(0);
    evaluator.evaluate(++search.number, Role.CONFIRM, best.values(), fresh);
    PlanEvaluated runnerUp = runnerUp(ranked);
    if (runnerUp != null) evaluator.evaluate(++search.number, Role.CONFIRM, runnerUp.values(), fresh);
    evaluator.evaluate(++search.number, Role.CONFIRM, List.of(), fresh);
  }

  /**
   * The best plan whose runs did not all end as the best plan's did: a plan that only adds a lever that changed
   * nothing ties with the best (and costs more), and comparing the two would say nothing. Null if there is none.
   */
  static PlanEvaluated runnerUp(List<PlanEvaluated> ranked) {
    return ranked.stream().skip(1).filter(p -> !p.results().equals(ranked.get(0).results())).findFirst()
        .orElse(null);
  }

  /** Whether the search lists every plan within the budget. */
  public static boolean exhaustive(OptimiseSpec spec) {
    return spec.listable() && spec.plans().stream().filter(spec::affordable).count() <= spec.evaluations();
  }

  /** The most plans an optimisation of {@code spec} evaluates: the baseline, the search, three confirmations. */
  public static int most(OptimiseSpec spec) {
    long search = exhaustive(spec) ? spec.plans().stream().filter(spec::affordable).count() : spec.evaluations();
    return (int) (1 + search + 3);
  }

  /**
   * Plans from best to worst by their mean objective over their runs (a time not reached counts as the horizon:
   * the restricted mean); equal means go to the cheaper plan, then to the one found first.
   */
  public static List<PlanEvaluated> ranked(OptimiseSpec spec, List<PlanEvaluated> plans) {
    return plans.stream().sorted(Comparator.comparingDouble((PlanEvaluated p) -> -better(spec, p))
        .thenComparingDouble(PlanEvaluated::cost).thenComparingInt(PlanEvaluated::number)).toList();
  }

  /** The plan's mean objective with its sign turned so that more is better. */
  static double better(OptimiseSpec spec, PlanEvaluated p) {
    double mean = Arrays.stream(values(spec, p)).average().orElse(Double.NaN);
    return spec.metric().higherIsBetter() ? mean : -mean;
  }

  /** The objective in each run; a time not reached within the run counts as the horizon. */
  public static double[] values(OptimiseSpec spec, PlanEvaluated p) {
    return p.results().stream().mapToDouble(v -> v == null ? spec.ticks() : v).toArray();
  }

  /** The search's state: the plans seen, by their values, and the last number given. */
  private static final class Search {
    final OptimiseSpec spec;
    final Evaluator evaluator;
    final List<Long> seeds;
    final Map<List<String>, PlanEvaluated> seen = new HashMap<>();
    int number;
    int searched;
    /** The worst score (to minimise) of any plan run: a plan over budget scores worse. */
    double worst = Double.NEGATIVE_INFINITY;

    Search(OptimiseSpec spec, Evaluator evaluator, List<Long> seeds) {
      this.spec = spec;
      this.evaluator = evaluator;
      this.seeds = seeds;
    }

    PlanEvaluated evaluate(List<String> plan, Role role) throws Exception {
      PlanEvaluated p = seen.get(plan);
      if (p == null) {
        p = evaluator.evaluate(++number, role, plan, seeds);
        seen.put(plan, p);
        if (role == Role.SEARCH) searched++;
        worst = Math.max(worst, -better(spec, p));
      }
      return p;
    }

    void cmaes() throws Exception {
      int k = spec.decisions().size();
      double[] start = null;
      double best = Double.POSITIVE_INFINITY;
      for (double[] x : Designs.latinHypercube(Math.min(10 * k, spec.evaluations()), k, spec.searchSeed())) {
        List<String> plan = plan(x);
        if (!spec.affordable(plan)) continue;
        double score = -better(spec, evaluate(plan, Role.SEARCH));
        if (score < best) {
          best = score;
          start = x;
        }
      }
      MersenneTwister random = new MersenneTwister(spec.searchSeed());
      UnitCubeSearch.Objective score = x -> {
        List<String> plan = plan(x);
        if (!spec.affordable(plan)) return worst + 1 + (spec.cost(plan) - spec.budget()) / (1 + spec.budget());
        if (!seen.containsKey(plan) && searched >= spec.evaluations()) throw new UnitCubeSearch.Stop();
        return -better(spec, evaluate(plan, Role.SEARCH));
      };
      for (int s = 0; s < STARTS && searched < spec.evaluations(); s++) {
        double[] from = start;
        if (from == null || s > 0) {
          from = new double[k];
          for (int j = 0; j < k; j++) from[j] = random.nextDouble();
        }
        UnitCubeSearch.minimise(score, from, SIGMA, 50 * spec.evaluations(), random);
      }
    }

    List<String> plan(double[] x) {
      List<String> plan = new ArrayList<>();
      for (int j = 0; j < x.length; j++) plan.add(spec.decisions().get(j).at(x[j]));
      return List.copyOf(plan);
    }
  }
}
