package org.uptake.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;
import org.uptake.BadInput;

/**
 * Fits the Bass curve to adoptions per period by nonlinear least squares on m·[F(t) − F(t − 1)] with the closed
 * form F (Srinivasan & Mason 1986, Marketing Science 5(2)). Levenberg–Marquardt (Commons Math) starts from a grid of
 * p, q and m and the least sum of squares wins, as a single start can stop in a poor local minimum or not
 * converge. The search runs on log p, log q and log m, which keeps them positive; the standard errors are those of
 * the usual NLS covariance s²(JᵀJ)⁻¹ in p, q and m themselves, s² = SSE / (n − 3).
 */
public final class BassFit {
  /** An estimate and its standard error. */
  public record Estimate(double estimate, double standardError) {}

  /**
   * The fit: the curve, the estimates of p, q and m, the correlations of the estimates (p–q, p–m, q–m), the sum of
   * squared residuals and its degrees of freedom, the expected adoptions per period, how many starts were tried and
   * how many converged, and warnings in words.
   */
  public record Result(BassCurve curve, Estimate p, Estimate q, Estimate m, double correlationPQ,
      double correlationPM, double correlationQM, double sse, int degreesOfFreedom, double[] fitted, int starts,
      int converged, List<String> warnings) {

    /** s, the residual standard error. */
    public double residualStandardError() {
      return Math.sqrt(sse / degreesOfFreedom);
    }
  }

  private static final double[] START_P = {0.001, 0.005, 0.02, 0.05, 0.1};
  private static final double[] START_Q = {0.05, 0.2, 0.4, 0.7, 1.0};
  private static final double[] START_M = {1.2, 2, 5};
  /** Bounds on log p and log q: p and q from about 2e-9 to 20 per period. */
  private static final double LOG_RATE_MIN = -20;
  private static final double LOG_RATE_MAX = 3;
  /** m from a tenth of the adoptions seen to ten thousand times them. */
  private static final double LOG_M_BELOW = Math.log(10);
  private static final double LOG_M_ABOVE = Math.log(1e4);

  private BassFit() {}

  /** Fits adoptions per period, {@code adoptions[k]} in period k + 1. */
  public static Result fit(double[] adoptions) {
    int n = adoptions.length;
    if (n < 4) {
      throw new BadInput("a Bass curve has 3 parameters: expected at least 4 periods, got " + n);
    }
    double total = 0;
    for (double a : adoptions) total += a;
    if (total <= 0) throw new BadInput("every period has 0 adoptions: there is no curve to fit");
    double logMMin = Math.log(total) - LOG_M_BELOW;
    double logMMax = Math.log(total) + LOG_M_ABOVE;
    LeastSquaresOptimizer.Optimum best = null;
    int starts = 0;
    int converged = 0;
    for (double p0 : START_P) {
      for (double q0 : START_Q) {
        for (double m0 : START_M) {
          starts++;
          try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(new double[] {Math.log(p0), Math.log(q0), Math.log(m0 * total)})
                .model(logModel(n))
                .target(adoptions)
                .parameterValidator(v -> clamp(v, logMMin, logMMax))
                .maxEvaluations(20_000)
                .maxIterations(2_000)
                .build());
            if (!Double.isFinite(o.getCost())) continue;
            converged++;
            if (best == null || o.getCost() < best.getCost()) best = o;
          } catch (MathIllegalStateException e) {
            // This start did not converge; the others decide.
          }
        }
      }
    }
    if (best == null) {
      throw new BadInput("no least-squares Bass curve found from " + starts + " starting points: the series may have "
          + "no S shape to fit (least-squares estimates need not exist for every series, Markovic & Jukic 2013)");
    }
    RealVector at = best.getPoint();
    BassCurve curve = new BassCurve(Math.exp(at.getEntry(0)), Math.exp(at.getEntry(1)), Math.exp(at.getEntry(2)));
    double[] fitted = new double[n];
    RealMatrix jacobian = new Array2DRowRealMatrix(n, 3);
    double sse = 0;
    for (int k = 0; k < n; k++) {
      fitted[k] = curve.adoptions(k + 1);
      sse += (adoptions[k] - fitted[k]) * (adoptions[k] - fitted[k]);
      jacobian.setRow(k, curve.adoptionsGradient(k + 1));
    }
    int dof = n - 3;
    List<String> warnings = new ArrayList<>();
    LUDecomposition information = new LUDecomposition(jacobian.transpose().multiply(jacobian));
    double[] se = {Double.NaN, Double.NaN, Double.NaN};
    double[] r = {Double.NaN, Double.NaN, Double.NaN};
    if (information.getSolver().isNonSingular()) {
      RealMatrix covariance = information.getSolver().getInverse().scalarMultiply(sse / dof);
      for (int i = 0; i < 3; i++) se[i] = Math.sqrt(covariance.getEntry(i, i));
      r[0] = covariance.getEntry(0, 1) / (se[0] * se[1]);
      r[1] = covariance.getEntry(0, 2) / (se[0] * se[2]);
      r[2] = covariance.getEntry(1, 2) / (se[1] * se[2]);
    } else {
      warnings.add("the estimates' covariance cannot be computed (the fit is flat in some direction): p, q and m are "
          + "not all identifiable from this series");
    }
    warn(warnings, curve, se, r, n, at, logMMin, logMMax);
    return new Result(curve, new Estimate(curve.p(), se[0]), new Estimate(curve.q(), se[1]),
        new Estimate(curve.m(), se[2]), r[0], r[1], r[2], sse, dof, fitted, starts, converged, List.copyOf(warnings));
  }

  /** Adoptions per period and their derivatives in log p, log q and log m (each natural one times its value). */
  private static MultivariateJacobianFunction logModel(int n) {
    return point -> {
      double p = Math.exp(point.getEntry(0));
      double q = Math.exp(point.getEntry(1));
      double m = Math.exp(point.getEntry(2));
      BassCurve c = new BassCurve(p, q, m);
      RealVector value = new ArrayRealVector(n);
      RealMatrix jacobian = new Array2DRowRealMatrix(n, 3);
      for (int k = 0; k < n; k++) {
        value.setEntry(k, c.adoptions(k + 1));
        double[] g = c.adoptionsGradient(k + 1);
        jacobian.setEntry(k, 0, g[0] * p);
        jacobian.setEntry(k, 1, g[1] * q);
        jacobian.setEntry(k, 2, g[2] * m);
      }
      return new Pair<>(value, jacobian);
    };
  }

  private static RealVector clamp(RealVector v, double logMMin, double logMMax) {
    RealVector out = v.copy();
    out.setEntry(0, Math.max(LOG_RATE_MIN, Math.min(LOG_RATE_MAX, v.getEntry(0))));
    out.setEntry(1, Math.max(LOG_RATE_MIN, Math.min(LOG_RATE_MAX, v.getEntry(1))));
    out.setEntry(2, Math.max(logMMin, Math.min(logMMax, v.getEntry(2))));
    return out;
  }

  private static void warn(List<String> warnings, BassCurve curve, double[] se, double[] r, int n, RealVector at,
      double logMMin, double logMMax) {
    String[] names = {"p", "q", "m"};
    double[] values = {curve.p(), curve.q(), curve.m()};
    if (at.getEntry(2) >= logMMax - 1e-9 || at.getEntry(2) <= logMMin + 1e-9
        || at.getEntry(0) <= LOG_RATE_MIN + 1e-9 || at.getEntry(1) <= LOG_RATE_MIN + 1e-9
        || at.getEntry(0) >= LOG_RATE_MAX - 1e-9 || at.getEntry(1) >= LOG_RATE_MAX - 1e-9) {
      warnings.add("the best fit is at the edge of the search (p, q between 2e-9 and 20, m between a tenth and 10,000 "
          + "times the adoptions seen): the series does not pin the curve down");
    }
    if (curve.peakTime() > n + 0.5) {
      warnings.add(String.format(Locale.ROOT, "the series has not reached its peak (the fit puts it at period %.1f of "
          + "%d): m and q are extrapolated, and their standard errors say by how much", curve.peakTime(), n));
    }
    for (int i = 0; i < 3; i++) {
      if (se[i] > values[i]) {
        warnings.add(String.format(Locale.ROOT, "%s is poorly determined: its standard error (%.3g) exceeds the "
            + "estimate (%.3g)", names[i], se[i], values[i]));
      }
    }
    String[][] pairs = {{"p", "q"}, {"p", "m"}, {"q", "m"}};
    for (int i = 0; i < 3; i++) {
      if (Math.abs(r[i]) > 0.95) {
        warnings.add(String.format(Locale.ROOT, "the estimates of %s and %s are strongly correlated (r = %.2f): the "
            + "series cannot tell them apart well", pairs[i][0], pairs[i][1], r[i]));
      }
    }
  }
}
