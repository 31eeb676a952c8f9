package org.uptake.report;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** A sample's mean with its two-sided 95% confidence interval from Student's t (Commons Math). */
public record Interval(int n, double mean, double low, double high) {

  public static Interval of(double[] sample) {
    SummaryStatistics s = new SummaryStatistics();
    for (double x : sample) s.addValue(x);
    if (s.getN() < 2) return new Interval((int) s.getN(), s.getMean(), s.getMean(), s.getMean());
    double t = new TDistribution(s.getN() - 1).inverseCumulativeProbability(0.975);
    double half = t * s.getStandardDeviation() / Math.sqrt(s.getN());
    return new Interval((int) s.getN(), s.getMean(), s.getMean() - half, s.getMean() + half);
  }

  public double halfWidth() {
    return (high - low) / 2;
  }
}
