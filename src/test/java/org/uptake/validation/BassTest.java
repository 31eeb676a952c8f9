package org.uptake.validation;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.report.RunProjection;

/**
 * The Bass model on a complete network (mean field): in each step every non-adopter adopts with probability
 * (p + q F) dt, F the adopted share at the end of the previous step. Row 0 is the start (nobody has adopted
 * without seeds) and step k ends at model time k dt, so row k is F(k dt).
 */
@Tag("validation")
class BassTest {
  static final double P = 0.03;
  static final double Q = 0.38;
  static final int N = 5000;

  static String scenario(double dt, int ticks) {
    return "ticks = " + ticks + "\nnetwork { kind = complete, size = " + N + " }\n"
        + "adoption { rule = bass, p = " + P + ", q = " + Q + ", dt = " + dt + " }\nseeding.kind = none\n";
  }

  /** F_{k+1} = F_k + (p + q F_k)(1 - F_k) dt, F_0 = 0: the exact expectation of the agent model (Satoh 2001). */
  static double[] recursion(double dt, int steps) {
    double[] f = new double[steps + 1];
    for (int k = 0; k < steps; k++) f[k + 1] = f[k] + (P + Q * f[k]) * (1 - f[k]) * dt;
    return f;
  }

  /** Bass (1969): F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}). */
  static double closedForm(double t) {
    double e = Math.exp(-(P + Q) * t);
    return (1 - e) / (1 + Q / P * e);
  }

  /**
   * Tolerance: four standard errors of the replication mean (at least the binomial one of N people and r
   * runs, for ticks where all runs agree), plus q/N for the finite-population bias of E[F] against the
   * recursion of means (the gap is q Var(F), and Var(F) <= 1/(4N) per step, accumulated at most a few-fold).
   */
  static double tolerance(double[] xs, double expected, int r) {
    double binomial = Math.sqrt(expected * (1 - expected) / N / r);
    return 4 * Math.max(CanonicalRuns.se(xs), binomial) + Q / N * 4;
  }

  /**
   * Rows 1, 5 and 10 against F(1) = 0.03, F(5) = 0.2729 and F(10) = 0.7826 of the recursion with p = 0.03, q = 0.38
   * (computed by {@link #recursion}; by hand, F(1) = p and F(2) = 0.03 + 0.0414 x 0.97 = 0.0702), and the
   * start row 0 at exactly 0.
   */
  @Test
  void followsTheDiscreteRecursionExactlyWhenDtIsOne(@TempDir Path dir) {
    int r = 8;
    try (CanonicalRuns runs = new CanonicalRuns(dir)) {
      List<RunProjection.Result> results = runs.replicate(scenario(1.0, 20), r);
      double[] f = recursion(1.0, 20);
      ValidationReport.check("Bass dt=1, largest row 0 of " + r + " runs (the start, no seeds)",
          results.stream().mapToDouble(x -> x.rows().get(0).active()).max().orElseThrow(), 0, 0,
          "time convention: row 0 is the state before the first step");
      ValidationReport.check("Bass dt=1, rows of a run of ticks = 20", results.get(0).rows().size(), 21, 0,
          "time convention: ticks = T plays steps 1..T, rows 0..T");
      // The recursion itself, against the values it must give (four decimals, as the issue states them).
      ValidationReport.check("recursion F(5)", f[5], 0.2729, 5e-5, "F(t+1) = F(t) + (p + qF(t))(1 - F(t))");
      ValidationReport.check("recursion F(10)", f[10], 0.7826, 5e-5, "F(t+1) = F(t) + (p + qF(t))(1 - F(t))");
      for (int tick : new int[] {1, 2, 5, 8, 10, 12, 20}) {
        double[] xs = results.stream().mapToDouble(x -> x.rows().get(tick).active()).toArray();
        ValidationReport.check("Bass dt=1, F(" + tick + ") in row " + tick + " vs discrete recursion",
            CanonicalRuns.mean(xs), f[tick], tolerance(xs, f[tick], r),
            "Bass 1969 hazard; recursion F_{t+1}=F_t+(p+qF_t)(1-F_t), F_0=0, p=0.03 q=0.38");
      }
    }
  }

  @Test
  void approachesTheClosedFormWithSmallTicks(@TempDir Path dir) {
    int r = 6;
    double dt = 0.1;
    int ticks = 100;
    double[] discrete = recursion(dt, ticks);
    try (CanonicalRuns runs = new CanonicalRuns(dir)) {
      List<RunProjection.Result> results = runs.replicate(scenario(dt, ticks), r);
      for (int tick : new int[] {20, 50, 100}) {
        double t = tick * dt;
        double expected = closedForm(t);
        double[] xs = results.stream().mapToDouble(x -> x.rows().get(tick).active()).toArray();
        // The agent model follows the discrete recursion; its distance to the continuous curve is the
        // time-step bias, which shrinks with dt and is added to the statistical tolerance.
        double stepBias = Math.abs(discrete[tick] - expected);
        ValidationReport.check(String.format(java.util.Locale.ROOT, "Bass dt=0.1, F(%.0f) vs closed form", t),
            CanonicalRuns.mean(xs), expected, tolerance(xs, expected, r) + stepBias,
            "Bass 1969 closed form; step bias " + String.format(java.util.Locale.ROOT, "%.4f", stepBias));
      }
    }
  }
}
