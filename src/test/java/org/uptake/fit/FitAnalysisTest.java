package org.uptake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The analysis of a recorded fit, on a record made by hand so that every figure can be worked out on paper. */
class FitAnalysisTest {

  /** Ticks 0 to 3 of one run: a single observed column. */
  private static List<List<Double>> run(double... ticks) {
    return List.of(Arrays.stream(ticks).boxed().toList());
  }

  private static Fit.CandidateEvaluated candidate(int n, Fit.Role role, double value, double loss,
      List<List<List<Double>>> runs) {
    return new Fit.CandidateEvaluated(n, role, List.of(value), List.of(1L), loss, 100, runs);
  }

  /**
   * Observed active_fraction 0.30 at week 1, 0.50 at week 2 (fitted) and 0.60 at week 3 (held out); one key
   * from -1 to 2, one run a candidate (R = 1), three bootstrap runs.
   */
  static FitLog handMade() {
    Observed observed = new Observed("observed.csv", List.of("active_fraction"), List.of(
        new Observed.Week(1, List.of(0.30)), new Observed.Week(2, List.of(0.50)), new Observed.Week(3, List.of(0.60))));
    FitSpec spec = new FitSpec("fit.conf", "base.conf", "observed.csv",
        List.of(new FitSpec.Estimate("model.k", -1, 2, null)), 1, 1, 2, 1, 2, 3);
    Fit.FitStarted started = new Fit.FitStarted("hand", spec, observed, "ticks = 3", "test", 1);
    return new FitLog(started, List.of(
        // Losses: (0.30 - 0.10)^2 + (0.50 - 0.20)^2 = 0.13 and (0.30 - 0.25)^2 + 0 = 0.0025.
        candidate(1, Fit.Role.SEARCH, 0.2, 0.13, List.of(run(0, 0.10, 0.20, 0.30))),
        candidate(2, Fit.Role.SEARCH, 0.5, 0.0025, List.of(run(0, 0.25, 0.50, 0.70))),
        candidate(3, Fit.Role.JACOBIAN, 0.45, 0.01, List.of(run(0, 0.225, 0.45, 0.65))),
        candidate(4, Fit.Role.JACOBIAN, 0.55, 0.01, List.of(run(0, 0.275, 0.55, 0.75))),
        new Fit.CandidateEvaluated(5, Fit.Role.BOOTSTRAP, List.of(0.5), List.of(2L, 3L, 4L), Double.NaN, 100, List.of(
            run(0, 0.30, 0.60, 0.75), run(0, 0.20, 0.40, 0.60), run(0, 0.27, 0.49, 0.72)))));
  }

  @Test
  void theEstimateIsTheBestCandidateAndItsIntervalTheBootstrapsByHand() {
    FitAnalysis a = FitAnalysis.of(handMade());
    FitAnalysis.Parameter k = a.parameters().get(0);
    assertEquals(0.5, k.estimate());
    assertEquals(0.0025, a.loss(), 1e-12);
    assertEquals(2, a.points());
    // J = ((0.275 - 0.225) / 0.1, (0.55 - 0.45) / 0.1) = (0.5, 1); J'J = 1.25. Bootstrap residuals from the fit
    // (0.25, 0.50): (0.05, 0.10), (-0.05, -0.10), (0.02, -0.01); one Gauss-Newton step J'r / J'J: 0.1, -0.1, 0.
    // Sample variance (0.01 + 0.01 + 0) / 2 = 0.01, times 1 + 1/R = 2: 0.02, standard error sqrt(0.02) = 0.141421.
    assertEquals(0.1414214, k.standardError(), 1e-6);
    // t(0.975; 2 degrees of freedom) = 4.302653 (tables): 0.5 -/+ 0.608490.
    assertEquals(0.5 - 0.608490, k.low(), 1e-5);
    assertEquals(0.5 + 0.608490, k.high(), 1e-5);
    // Sums of squares of the bootstrap runs about the fit: 0.0125, 0.0125, 0.0005; two are >= 0.0025: (1 + 2) / 4.
    assertEquals(0.75, a.misfit(), 1e-12);
    assertTrue(a.warnings().isEmpty(), a.warnings().toString());
  }

  @Test
  void theBandIsWhereTheBootstrapRunsFallAndTheHoldoutIsForecastFromTheFit() {
    FitAnalysis a = FitAnalysis.of(handMade());
    FitAnalysis.Curve c = a.curves().get(0);
    // With three runs the 2.5% and 97.5% quantiles are the smallest and the largest.
    assertEquals(0.20, c.low()[1], 1e-12);
    assertEquals(0.30, c.high()[1], 1e-12);
    assertEquals(0.60, c.low()[3], 1e-12);
    assertEquals(0.75, c.high()[3], 1e-12);
    assertEquals(0.70, c.mean()[3], 1e-12);
    // Week 3: observed 0.60 against 0.70 forecast; the band's low end is 0.60, so it is inside.
    assertEquals(1, a.holdout().points());
    assertEquals(0.10, a.holdout().rmse(), 1e-12);
    assertEquals(1, a.holdout().inBand());
  }

  @Test
  void aKeyTheSeriesDoNotDependOnHasNoIntervalAndAWarning() {
    FitLog log = handMade();
    List<Fit.CandidateEvaluated> flat = log.candidates().stream().map(c -> c.role() != Fit.Role.JACOBIAN ? c
        : candidate(c.number(), c.role(), c.values().get(0), 0.0025, List.of(run(0, 0.25, 0.50, 0.70)))).toList();
    FitAnalysis a = FitAnalysis.of(new FitLog(log.started(), flat));
    assertNull(a.parameters().get(0).low());
    assertTrue(a.warnings().get(0).startsWith("model.k is not identifiable"), a.warnings().toString());
  }

  @Test
  void aModelThatFitsWorseThanEveryOneOfItsOwnRunsIsSaidToMisfit() {
    FitLog log = handMade();
    // 24 bootstrap runs close to the fit, and observed values far off it: no run is as far, p = 1 / 25 = 0.04.
    List<List<List<Double>>> runs = new java.util.ArrayList<>();
    for (int b = 0; b < 24; b++) {
      double e = (b % 2 == 0 ? 1 : -1) * 0.01 * (1 + b % 3);
      runs.add(run(0, 0.25 + e, 0.50 - e, 0.70));
    }
    List<Fit.CandidateEvaluated> candidates = new java.util.ArrayList<>(log.candidates().subList(0, 4));
    candidates.add(new Fit.CandidateEvaluated(5, Fit.Role.BOOTSTRAP, List.of(0.5), List.of(), Double.NaN, 100, runs));
    Observed far = new Observed("observed.csv", List.of("active_fraction"), List.of(
        new Observed.Week(1, List.of(0.25)), new Observed.Week(2, List.of(0.80))));
    Fit.FitStarted started = new Fit.FitStarted("hand", log.spec(), far, "ticks = 3", "test", 1);
    FitAnalysis a = FitAnalysis.of(new FitLog(started, candidates));
    assertEquals(0.04, a.misfit(), 1e-12);
    assertTrue(a.warnings().stream().anyMatch(w -> w.contains("worse than 24 of the 24 series")), a.warnings().toString());
    // Observed on the fitted curve, the same runs raise no such warning.
    Observed near = new Observed("observed.csv", List.of("active_fraction"), List.of(
        new Observed.Week(1, List.of(0.25)), new Observed.Week(2, List.of(0.50))));
    FitAnalysis fits = FitAnalysis.of(new FitLog(new Fit.FitStarted("hand", log.spec(), near, "", "test", 1),
        candidates));
    assertEquals(1.0, fits.misfit(), 1e-12);
    assertTrue(fits.warnings().isEmpty(), fits.warnings().toString());
  }
}
