package org.uptake.experiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.RunSummary;
import org.uptake.stats.Interval;
import org.uptake.stats.LogRank;

/**
 * Scenarios (or variants) run over the same seeds, compared metric by metric: each scenario's
 * {@link MetricSummary}, the difference between every pair, and which is best where that is resolved.
 * Shares and counts are compared by the paired difference of their values seed by seed (the same seeds, so
 * common random numbers), with Student's t interval; times to a threshold by the log-rank test, with the
 * hazard ratio of reaching it and its interval, because a run that never got there has no number to subtract.
 * "Best" is named only when its difference from the runner-up is resolved (the interval excludes 0, or 1 for
 * a ratio); otherwise there is no clear difference, and among scenarios that never reached a threshold there
 * is none to name.
 */
public record Comparison(List<String> scenarios, List<HeadlineMetric> metrics, Map<String, List<MetricSummary>> byMetric,
    List<Difference> differences, Map<String, Verdict> verdicts, String unit) {

  /**
   * Of {@code metric}, scenario {@code b} against {@code a}: b − a for values (with the paired t-test's p), b's
   * hazard ratio of reaching it for times (with the log-rank test's p).
   */
  public record Difference(HeadlineMetric metric, String a, String b, Interval estimate, double p) {
    public String statistic() {
      return metric.kind() == HeadlineMetric.Kind.TIME ? "hazard_ratio" : "paired_mean_difference";
    }

    public boolean resolved() {
      return estimate.excludes(metric.kind() == HeadlineMetric.Kind.TIME ? 1 : 0);
    }

    /** Whether b does better than a, by the estimate. */
    boolean favoursB() {
      double e = estimate.estimate();
      if (metric.kind() == HeadlineMetric.Kind.TIME) return e > 1;
      return metric.higherIsBetter() ? e > 0 : e < 0;
    }
  }

  /** The longest horizon of the runs compared, where a time not reached is censored. */
  public int horizon() {
    return byMetric.values().stream().flatMap(List::stream).filter(MetricSummary.Time.class::isInstance)
        .mapToInt(t -> ((MetricSummary.Time) t).horizon()).max().orElse(0);
  }

  /** Which scenario is best on a metric, if any: {@code best} null when unresolved or nobody reached it. */
  public record Verdict(HeadlineMetric metric, String best, String runnerUp, Difference difference, String reason) {}

  /** {@code runs}: each scenario's runs, in the same seed order for all. */
  public static Comparison of(Map<String, List<RunSummary>> runs) {
    List<String> names = List.copyOf(runs.keySet());
    List<RunSummary> all = runs.values().stream().flatMap(List::stream).toList();
    List<HeadlineMetric> metrics = HeadlineMetric.forRuns(all);
    Map<String, List<MetricSummary>> byMetric = new LinkedHashMap<>();
    List<Difference> differences = new ArrayList<>();
    Map<String, Verdict> verdicts = new LinkedHashMap<>();
    for (HeadlineMetric m : metrics) {
      List<MetricSummary> summaries = names.stream().map(n -> MetricSummary.of(m, runs.get(n))).toList();
      byMetric.put(m.name(), summaries);
      for (int i = 0; i < names.size(); i++) {
        for (int j = i + 1; j < names.size(); j++) {
          differences.add(difference(m, names.get(i), runs.get(names.get(i)), names.get(j), runs.get(names.get(j))));
        }
      }
      verdicts.put(m.name(), verdict(m, names, summaries, runs));
    }
    String unit = all.isEmpty() ? "week" : all.get(0).unit();
    return new Comparison(names, metrics, byMetric, differences, verdicts, unit);
  }

  static Difference difference(HeadlineMetric m, String a, List<RunSummary> ra, String b, List<RunSummary> rb) {
    if (m.kind() == HeadlineMetric.Kind.TIME) {
      LogRank test = LogRank.test(times(m, ra), events(m, ra), times(m, rb), events(m, rb));
      return new Difference(m, a, b, test.hazardRatio(), test.p());
    }
    int n = Math.min(ra.size(), rb.size());
    double[] d = new double[n];
    for (int k = 0; k < n; k++) d[k] = m.value(rb.get(k)) - m.value(ra.get(k));
    return new Difference(m, a, b, Interval.mean(d), pairedP(d));
  }

  private static Verdict verdict(HeadlineMetric m, List<String> names, List<MetricSummary> summaries,
      Map<String, List<RunSummary>> runs) {
    if (names.size() < 2) return new Verdict(m, null, null, null, "only one scenario");
    List<Integer> order = new ArrayList<>();
    for (int k = 0; k < names.size(); k++) order.add(k);
    order.sort(Comparator.comparingDouble(k -> rank(m, summaries.get(k))));
    String best = names.get(order.get(0));
    String runnerUp = names.get(order.get(1));
    if (m.kind() == HeadlineMetric.Kind.TIME && ((MetricSummary.Time) summaries.get(order.get(0))).reached() == 0) {
      return new Verdict(m, null, null, null, "none reached it");
    }
    Difference d = difference(m, runnerUp, runs.get(runnerUp), best, runs.get(best));
    if (!d.resolved() || !d.favoursB()) return new Verdict(m, null, runnerUp, d, "no clear difference");
    return new Verdict(m, best, runnerUp, d, "resolved");
  }

  /**
   * Smaller is better. A time ranks by its median (not reached: after every reached one), then by the share
   * that reached it; a value by its mean.
   */
  private static double rank(HeadlineMetric m, MetricSummary s) {
    if (s instanceof MetricSummary.Time t) {
      Double median = t.curve().median();
      double share = t.reachedShare().estimate();
      return (median == null ? 1e12 : median * 1e3) - share;
    }
    double mean = ((MetricSummary.Value) s).interval().estimate();
    return m.higherIsBetter() ? -mean : mean;
  }

  /** Two-sided p of the paired t-test of {@code d} against 0 (1 when every difference is the same 0, NaN for one). */
  static double pairedP(double[] d) {
    if (d.length < 2) return Double.NaN;
    org.apache.commons.math3.stat.descriptive.SummaryStatistics s =
        new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
    for (double x : d) s.addValue(x);
    if (s.getStandardDeviation() == 0) return s.getMean() == 0 ? 1 : 0;
    double t = s.getMean() / (s.getStandardDeviation() / Math.sqrt(d.length));
    return 2 * (1 - new org.apache.commons.math3.distribution.TDistribution(d.length - 1)
        .cumulativeProbability(Math.abs(t)));
  }

  private static int[] times(HeadlineMetric m, List<RunSummary> runs) {
    return runs.stream().mapToInt(r -> {
      Double t = m.value(r);
      return t != null ? t.intValue() : r.scheduledTicks();
    }).toArray();
  }

  private static boolean[] events(HeadlineMetric m, List<RunSummary> runs) {
    boolean[] e = new boolean[runs.size()];
    for (int k = 0; k < e.length; k++) e[k] = m.value(runs.get(k)) != null;
    return e;
  }

  /**
   * The verdict in words: "cross-functional-team, +33.7 points [+25.9, +41.5] against
   * executive-mandate (p < 0.001)", "executive-mandate, sooner than cross-functional-team (median week 12 against
   * 19.5; log-rank p < 0.001)", "no clear difference" or "none reached it".
   */
  public String describe(Verdict v) {
    if (v.best() == null) return v.reason();
    Difference d = v.difference();
    if (v.metric().kind() == HeadlineMetric.Kind.TIME) {
      MetricSummary.Time best = (MetricSummary.Time) byMetric.get(v.metric().name()).get(scenarios.indexOf(v.best()));
      MetricSummary.Time next = (MetricSummary.Time) byMetric.get(v.metric().name()).get(scenarios.indexOf(v.runnerUp()));
      String against = next.curve().median() == null ? RunSummary.NOT_REACHED
          : MetricSummary.Time.tick(next.curve().median());
      return String.format(Locale.ROOT, "%s, sooner than %s (median %s %s against %s; log-rank %s)", v.best(),
          v.runnerUp(), unit, MetricSummary.Time.tick(best.curve().median()), against, p(d.p()));
    }
    Interval e = d.estimate();
    boolean share = v.metric().kind() == HeadlineMetric.Kind.SHARE;
    return v.best() + ", " + signed(v.metric(), e.estimate()) + (share ? " points" : "") + " ["
        + signed(v.metric(), e.low()) + ", " + signed(v.metric(), e.high()) + "] against " + v.runnerUp() + " ("
        + p(d.p()) + ")";
  }

  /** A difference: of shares in percentage points (+33.7), else in the metric's own terms. */
  private static String signed(HeadlineMetric m, double v) {
    String sign = v >= 0 ? "+" : "";
    return m.kind() == HeadlineMetric.Kind.SHARE ? String.format(Locale.ROOT, "%s%.1f", sign, 100 * v)
        : sign + m.format(v);
  }

  static String p(double p) {
    return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.3f", p);
  }
}
