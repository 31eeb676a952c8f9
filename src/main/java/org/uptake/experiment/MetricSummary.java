package org.uptake.experiment;

import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.RunSummary;
import org.uptake.stats.Interval;
import org.uptake.stats.KaplanMeier;

/**
 * One headline metric over a group of runs (one scenario's seeds, one grid point of a sweep). A time to a
 * threshold is summarised without ever averaging a run that did not get there: how many did (k of n, with
 * Wilson's interval for the share) and the Kaplan–Meier median with its 95% interval, each run censored at
 * its own horizon. A share or index gets the mean with an interval inside [0, 1], a count the mean with Student's t.
 */
public sealed interface MetricSummary permits MetricSummary.Time, MetricSummary.Value {

  HeadlineMetric metric();

  int n();

  /** The statistics as (name, value) pairs for tidy files; null values are written as empty cells. */
  List<Stat> stats();

  /**
   * The summary in a few words for a table: "44.6% [34.5%, 54.7%]", or for a time "week 12 [10, 15] (5/5)", the
   * median with its interval and how many runs reached it, or "not reached (1/5)".
   */
  String describe(String unit);

  record Stat(String name, Double value) {}

  /** {@code horizon}: the largest of the runs' scheduled ticks, where the not-reached ones are censored. */
  record Time(HeadlineMetric metric, int n, Interval reachedShare, KaplanMeier curve, int horizon)
      implements MetricSummary {

    public int reached() {
      return curve.reached();
    }

    @Override
    public List<Stat> stats() {
      return List.of(new Stat("runs", (double) n), new Stat("reached", (double) reached()),
          new Stat("reached_share", reachedShare.estimate()), new Stat("reached_share_ci_low", reachedShare.low()),
          new Stat("reached_share_ci_high", reachedShare.high()), new Stat("median", curve.median()),
          new Stat("median_ci_low", curve.medianLow()), new Stat("median_ci_high", curve.medianHigh()),
          new Stat("horizon", (double) horizon));
    }

    @Override
    public String describe(String unit) {
      String reachedText = "(" + reached() + "/" + n + ")";
      if (curve.median() == null) return RunSummary.NOT_REACHED + " " + reachedText;
      return String.format(Locale.ROOT, "%s %s [%s, %s] %s", unit, tick(curve.median()), tick(curve.medianLow()),
          tick(curve.medianHigh()), reachedText);
    }

    static String tick(Double t) {
      if (t == null) return RunSummary.NOT_REACHED;
      return t == Math.rint(t) ? Long.toString(Math.round(t)) : String.format(Locale.ROOT, "%.1f", t);
    }
  }

  /** {@code sd} is NaN with a single run. */
  record Value(HeadlineMetric metric, Interval interval, double sd) implements MetricSummary {
    @Override
    public int n() {
      return interval.n();
    }

    @Override
    public List<Stat> stats() {
      boolean spread = n() > 1;
      return List.of(new Stat("runs", (double) n()), new Stat("mean", interval.estimate()),
          new Stat("sd", spread ? sd : null), new Stat("ci_low", spread ? interval.low() : null),
          new Stat("ci_high", spread ? interval.high() : null));
    }

    @Override
    public String describe(String unit) {
      return metric.format(interval.estimate()) + " [" + metric.format(interval.low()) + ", "
          + metric.format(interval.high()) + "]";
    }
  }

  /** The summary of {@code metric} over {@code runs}. */
  static MetricSummary of(HeadlineMetric metric, List<RunSummary> runs) {
    return of(metric, runs.stream().map(metric::value).toList(),
        runs.stream().map(RunSummary::scheduledTicks).toList());
  }

  /**
   * The summary of one metric's values over runs ({@code values.get(i)} null: a time run i did not reach within
   * its {@code horizons.get(i)} ticks).
   */
  public static MetricSummary of(HeadlineMetric metric, List<Double> values, List<Integer> horizons) {
    int n = values.size();
    if (metric.kind() == HeadlineMetric.Kind.TIME) {
      int[] time = new int[n];
      boolean[] event = new boolean[n];
      int horizon = 0;
      for (int i = 0; i < n; i++) {
        Double t = values.get(i);
        event[i] = t != null;
        time[i] = t != null ? t.intValue() : horizons.get(i);
        horizon = Math.max(horizon, horizons.get(i));
      }
      KaplanMeier curve = new KaplanMeier(time, event);
      return new Time(metric, n, Interval.wilson(curve.reached(), n), curve, horizon);
    }
    double[] sample = values.stream().mapToDouble(Double::doubleValue).toArray();
    SummaryStatistics s = new SummaryStatistics();
    for (double v : sample) s.addValue(v);
    Interval i = metric.bounded() ? Interval.share(sample) : Interval.count(sample);
    return new Value(metric, i, n > 1 ? s.getStandardDeviation() : Double.NaN);
  }
}
