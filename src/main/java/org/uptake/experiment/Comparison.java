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

  /** Of {@code metric}, scenario {@code b} against {@code a}: b − a for values, b's hazard ratio for times. */
  public record Difference(HeadlineMetric metric, String a, String b, Interval estimate) {
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
      return new Difference(m, a, b, LogRank.test(times(m, ra), events(m, ra), times(m, rb), events(m, rb))
          .hazardRatio());
    }
    int n = Math.min(ra.size(), rb.size());
    double[] d = new double[n];
    for (int k = 0; k < n; k++) d[k] = m.value(rb.get(k)) - m.value(ra.get(k));
    return new Difference(m, a, b, Interval.mean(d));
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

  /** The verdict in words, e.g. "executive-mandate (+0.368 [0.243, 0.494] against team)" or "no clear difference". */
  public static String describe(Verdict v) {
    if (v.best() == null) return v.reason();
    Interval e = v.difference().estimate();
    if (v.metric().kind() == HeadlineMetric.Kind.TIME) {
      return String.format(Locale.ROOT, "%s (reaches it %.1f [%.1f, %.1f] times as fast as %s)", v.best(),
          e.estimate(), e.low(), e.high(), v.runnerUp());
    }
    String format = v.metric().kind() == HeadlineMetric.Kind.COUNT ? "%s (%+.1f [%.1f, %.1f] against %s)"
        : "%s (%+.3f [%.3f, %.3f] against %s)";
    return String.format(Locale.ROOT, format, v.best(), e.estimate(), e.low(), e.high(), v.runnerUp());
  }
}
