package org.uptake.stats;

import java.util.TreeSet;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * The log-rank test of whether two groups of runs reach something at different rates, with right-censored
 * runs (Mantel 1966; as R's {@code survdiff}), and the hazard ratio of group b against group a with its 95%
 * interval from the same sums (Peto's one-step estimate: log HR = (O − E) / V, standard error 1 / √V). A
 * ratio above 1 means b reaches it sooner. The interval excludes 1 exactly when the test's p is below 0.05.
 */
public record LogRank(double chiSquare, double p, Interval hazardRatio) {

  /** Times and event flags of each group, as for {@link KaplanMeier}. */
  public static LogRank test(int[] timeA, boolean[] eventA, int[] timeB, boolean[] eventB) {
    TreeSet<Integer> times = new TreeSet<>();
    for (int i = 0; i < timeA.length; i++) if (eventA[i]) times.add(timeA[i]);
    for (int i = 0; i < timeB.length; i++) if (eventB[i]) times.add(timeB[i]);
    double observedB = 0;
    double expectedB = 0;
    double variance = 0;
    for (int t : times) {
      int nA = atRisk(timeA, t);
      int nB = atRisk(timeB, t);
      int dA = events(timeA, eventA, t);
      int dB = events(timeB, eventB, t);
      double n = nA + nB;
      double d = dA + dB;
      observedB += dB;
      expectedB += d * nB / n;
      if (n > 1) variance += d * (nA / n) * (nB / n) * (n - d) / (n - 1);
    }
    int total = timeA.length + timeB.length;
    if (variance <= 0) return new LogRank(0, 1, new Interval(total, Double.NaN, Double.NaN, Double.NaN));
    double chi = Math.pow(observedB - expectedB, 2) / variance;
    double p = 1 - new ChiSquaredDistribution(1).cumulativeProbability(chi);
    double logHr = (observedB - expectedB) / variance;
    double se = 1 / Math.sqrt(variance);
    return new LogRank(chi, p, new Interval(total, Math.exp(logHr), Math.exp(logHr - Interval.Z * se),
        Math.exp(logHr + Interval.Z * se)));
  }

  private static int atRisk(int[] time, int t) {
    int n = 0;
    for (int x : time) if (x >= t) n++;
    return n;
  }

  private static int events(int[] time, boolean[] event, int t) {
    int d = 0;
    for (int i = 0; i < time.length; i++) if (event[i] && time[i] == t) d++;
    return d;
  }
}
