package org.uptake.optimise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.optimise.Optimisation.PlanEvaluated;
import org.uptake.optimise.Optimisation.Role;
import org.uptake.stats.Interval;

/** Every figure of an optimisation's analysis, worked out by hand from a record made up for the purpose. */
class OptimiseAnalysisTest {
  @TempDir Path dir;

  private static PlanEvaluated plan(int number, Role role, List<String> values, double cost, List<Long> seeds,
      Double... results) {
    return new PlanEvaluated(number, role, values, cost, seeds, Arrays.asList(results));
  }

  /** The pilot optimisation with a budget of 40, aiming at {@code objective}. */
  private OptimiseSpec pilot(String objective) throws Exception {
    OptimiseSpec s = OptimiseSpec.load(SmallOptimisation.pilot(dir, 40, 2));
    return new OptimiseSpec(s.file(), s.base(), s.ticks(), objective, s.decisions(), s.budget(), s.template(),
        s.replications(), s.firstSeed(), s.evaluations(), s.searchSeed(), s.confirm());
  }

  @Test
  void plansAreRankedCheaperFirstOnTiesAndTheConfirmationIsPaired() throws Exception {
    OptimiseSpec spec = OptimiseSpec.load(SmallOptimisation.pilot(dir, 40, 3));
    List<Long> s = List.of(1L, 2L, 3L);
    List<Long> fresh = List.of(4L, 5L);
    List<String> finance = List.of("\"Finance\"", "0.4");
    List<String> sales = List.of("\"Sales\"", "0.4");
    List<String> salesHigh = List.of("\"Sales\"", "0.8");
    List<String> hr = List.of("\"HR\"", "0.8");
    OptimiseLog log = new OptimiseLog(new Optimisation.OptimisationStarted("t", spec, "{}", "test", 1), List.of(
        plan(1, Role.BASELINE, List.of(), 0, s, 0.1, 0.2, 0.3),
        plan(2, Role.SEARCH, finance, 10, s, 0.1, 0.2, 0.3),
        plan(3, Role.SEARCH, sales, 10, s, 0.2, 0.3, 0.4),
        plan(4, Role.SEARCH, salesHigh, 30, s, 0.2, 0.3, 0.4),
        plan(5, Role.SEARCH, hr, 30, s, 0.4, 0.5, 0.3),
        plan(6, Role.CONFIRM, hr, 30, fresh, 0.5, 0.7),
        plan(7, Role.CONFIRM, sales, 10, fresh, 0.3, 0.4),
        plan(8, Role.CONFIRM, List.of(), 0, fresh, 0.1, 0.2)));
    OptimiseAnalysis a = OptimiseAnalysis.of(log);
    // Means 0.4 (HR), 0.3 (Sales 0.4, cost 10), 0.3 (Sales 0.8, cost 30), 0.2 (Finance): equal means go to the cheaper.
    assertEquals(List.of(5, 3, 4, 2), a.ranked().stream().map(r -> r.plan().number()).toList());
    // HR against the baseline on seeds 1-3: differences 0.3, 0.3, 0.0; mean 0.2, standard deviation √0.03 = 0.173205;
    // t(2) = 4.302653 (two-sided 95%), so the half-width is 4.302653 · 0.173205 / √3 = 0.4302653.
    OptimiseAnalysis.Row best = a.ranked().get(0);
    assertEquals(0.2, best.difference().estimate(), 1e-12);
    assertEquals(0.2 - 0.4302653, best.difference().low(), 1e-6);
    assertEquals(0.2 + 0.4302653, best.difference().high(), 1e-6);
    // Sales 0.4 against the baseline: 0.1 on every seed, no spread: the interval is the point.
    assertEquals(0.1, a.ranked().get(1).difference().low(), 1e-12);
    assertEquals(0.1, a.ranked().get(1).difference().high(), 1e-12);
    // The frontier from the cheapest: Sales 0.4 (0.3 at 10), then HR (0.4 at 30); Finance and Sales 0.8 are matched
    // by a plan that costs no more.
    assertEquals(List.of(3, 5), a.frontier().stream().map(r -> r.plan().number()).toList());
    // The runner-up is the best plan whose runs differ from the best's: Sales 0.4.
    assertEquals(3, OptimiseSearch.runnerUp(OptimiseSearch.ranked(spec, log.plans().subList(1, 5))).number());
    // On the fresh seeds 4 and 5: HR − baseline = 0.4, 0.5: mean 0.45, sd 0.0707107, t(1) = 12.7062, half-width
    // 12.7062 · 0.0707107 / √2 = 0.63531; the upper end is cut at 1, the largest difference of two shares.
    OptimiseAnalysis.Confirmation c = a.confirmation();
    assertEquals(0.45, c.overBaseline().estimate(), 1e-12);
    assertEquals(0.45 - 0.63531, c.overBaseline().low(), 1e-5);
    assertEquals(1.0, c.overBaseline().high());
    assertFalse(a.better(c.overBaseline()), "an interval that holds 0 is no clear difference");
    // HR − Sales 0.4 = 0.2, 0.3: mean 0.25, the same half-width.
    assertEquals(0.25, c.overRunnerUp().estimate(), 1e-12);
    assertEquals(0.25 + 0.63531, c.overRunnerUp().high(), 1e-5);
    assertEquals(List.of(), a.ties());
    // Among Sales 0.4, Sales 0.8 (the same runs at a higher cost: a tie) and Finance, the runner-up is Finance: a
    // comparison with a plan whose every run is the same would say nothing.
    List<PlanEvaluated> tied = OptimiseSearch.ranked(spec, List.of(log.plans().get(2), log.plans().get(3),
        log.plans().get(1)));
    assertEquals(List.of(3, 4, 2), tied.stream().map(PlanEvaluated::number).toList());
    assertEquals(2, OptimiseSearch.runnerUp(tied).number());
  }

  @Test
  void differencesOfSharesReadInPointsAndTheChartInPercent() throws Exception {
    OptimiseSpec spec = pilot("final_active_fraction");
    List<Long> seeds = List.of(1L, 2L);
    OptimiseLog log = new OptimiseLog(new Optimisation.OptimisationStarted("t", spec, "{}", "test", 1), List.of(
        plan(1, Role.BASELINE, List.of(), 0, seeds, 0.1, 0.2),
        plan(2, Role.SEARCH, List.of("\"Sales\"", "0.4"), 10, seeds, 0.3, 0.5),
        plan(3, Role.CONFIRM, List.of("\"Sales\"", "0.4"), 10, List.of(3L, 4L), 0.3, 0.4),
        plan(4, Role.CONFIRM, List.of(), 0, List.of(3L, 4L), 0.1, 0.1)));
    OptimiseAnalysis a = OptimiseAnalysis.of(log);
    assertEquals("+25.0 points", a.format(0.25, true));
    assertEquals("+20.0 to +30.0 points", a.interval(new Interval(2, 0.25, 0.2, 0.3), true));
    assertEquals("20.0% to 30.0%", a.interval(new Interval(2, 0.25, 0.2, 0.3), false));
    assertEquals("0%", OptimiseOutputs.chart(a).getStyler().getYAxisDecimalPattern());
  }

  @Test
  void aTimeNotReachedCountsAsTheHorizonAndLessIsBetter() throws Exception {
    OptimiseSpec spec = pilot("time_to_10pct_active");
    List<Long> seeds = List.of(1L, 2L);
    PlanEvaluated a = plan(2, Role.SEARCH, List.of("\"Sales\"", "0.4"), 10, seeds, 10.0, null);
    PlanEvaluated b = plan(3, Role.SEARCH, List.of("\"HR\"", "0.4"), 10, seeds, 20.0, 30.0);
    // The horizon is 52 weeks: a's restricted mean is (10 + 52) / 2 = 31, b's (20 + 30) / 2 = 25, and less is better.
    assertArrayEquals(new double[] {10, 52}, OptimiseSearch.values(spec, a));
    assertEquals(List.of(3, 2), OptimiseSearch.ranked(spec, List.of(a, b)).stream().map(PlanEvaluated::number)
        .toList());
    OptimiseAnalysis.Row row = OptimiseAnalysis.row(spec, a, b);
    assertEquals(1, row.reached(), "one of a's two runs reached 10% active");
    assertEquals(31.0, row.objective().estimate(), 1e-12);
    // a − b on the same seeds: −10 and 22, mean 6; t(1) · sd / √2 = 12.7062 · 22.627417 / √2 = 203.2992, cut at
    // ±52 weeks, the widest a difference of two times within the horizon can be.
    assertEquals(6.0, row.difference().estimate(), 1e-12);
    assertEquals(-52.0, row.difference().low());
    assertEquals(52.0, row.difference().high());
    assertNull(OptimiseSearch.runnerUp(List.of(a)));
  }
}
