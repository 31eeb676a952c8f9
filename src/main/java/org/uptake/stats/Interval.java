package org.uptake.stats;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * An estimate from {@code n} observations with its two-sided 95% confidence interval. Each factory says which
 * interval it is; docs/guide-experiments.md explains the choice for each kind of metric.
 */
public record Interval(int n, double estimate, double low, double high) {

  /** The normal quantile of a two-sided 95% interval. */
  static final double Z = new NormalDistribution().inverseCumulativeProbability(0.975);

  /** The mean with Student's t interval (Commons Math); one observation gives a point. */
  public static Interval mean(double[] sample) {
    SummaryStatistics s = stats(sample);
    if (s.getN() < 2) return new Interval((int) s.getN(), s.getMean(), s.getMean(), s.getMean());
    double half = t(s.getN()) * s.getStandardDeviation() / Math.sqrt(s.getN());
    return new Interval((int) s.getN(), s.getMean(), s.getMean() - half, s.getMean() + half);
  }

  /**
   * The mean of values in [0, 1] (shares) with an interval that stays inside [0, 1]: Student's t interval on
   * the logit scale by the delta method, logit(m) ± t · s / (√n · m(1 − m)), mapped back. Near the middle it
   * is the plain t interval; near 0 or 1 it is asymmetric instead of crossing the bound. When every value is
   * the same (all 0, say) there is no spread to speak of and the interval is that point.
   */
  public static Interval share(double[] sample) {
    SummaryStatistics s = stats(sample);
    double m = s.getMean();
    if (s.getN() < 2 || s.getStandardDeviation() == 0 || m <= 0 || m >= 1) {
      return new Interval((int) s.getN(), m, m, m);
    }
    double half = t(s.getN()) * s.getStandardDeviation() / (Math.sqrt(s.getN()) * m * (1 - m));
    double logit = Math.log(m / (1 - m));
    return new Interval((int) s.getN(), m, expit(logit - half), expit(logit + half));
  }

  /**
   * The mean of counts (never negative) with Student's t interval whose lower end is cut at 0: the cut only
   * drops impossible values, so the coverage is the t interval's.
   */
  public static Interval count(double[] sample) {
    Interval t = mean(sample);
    return new Interval(t.n(), t.estimate(), Math.max(0, t.low()), t.high());
  }

  /**
   * The share k of n with Wilson's score interval (Wilson 1927), which stays inside [0, 1] and, unlike the
   * normal approximation, does not collapse to a point at 0 of n or n of n.
   */
  public static Interval wilson(int k, int n) {
    if (n == 0) return new Interval(0, Double.NaN, Double.NaN, Double.NaN);
    double p = (double) k / n;
    double z2 = Z * Z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return new Interval(n, p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** Whether the interval excludes {@code value}: a difference resolved from 0, a ratio from 1. */
  public boolean excludes(double value) {
    return !Double.isNaN(low) && !Double.isNaN(high) && (low > value || high < value);
  }

  private static SummaryStatistics stats(double[] sample) {
    SummaryStatistics s = new SummaryStatistics();
    for (double x : sample) s.addValue(x);
    return s;
  }

  private static double t(long n) {
    return new TDistribution(n - 1).inverseCumulativeProbability(0.975);
  }

  private static double expit(double x) {
    return 1 / (1 + Math.exp(-x));
  }
}
