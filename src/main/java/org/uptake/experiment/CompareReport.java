package org.uptake.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.uptake.report.Charts;
import org.uptake.report.Figure;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.HtmlReport;
import org.uptake.report.Reports;
import org.uptake.report.RunProjection;
import org.uptake.stats.Interval;

/** A comparison's report.html and charts, from its runs' projections (read from the journal). */
public final class CompareReport {
  /** The file name (without extension) of a comparison's band chart of active share, under charts/. */
  public static final String COMPARE_CHART = "compare-active";

  private CompareReport() {}

  /**
   * A comparison's report: the table of every metric per scenario with the verdicts, and the mean curves with
   * their bands, all from the runs' projections (read from the journal).
   */
  public static Path compare(Path dir, String id, Comparison c,
      Map<String, List<RunProjection.Result>> runs) {
    return Reports.staged(dir, tmp -> {
      int seeds = runs.values().iterator().next().size();
      HtmlReport html = new HtmlReport("Comparison " + id, String.format(Locale.ROOT,
          "%d scenarios over the same %d seeds; shares are means with 95%% intervals inside [0, 1]; a time is the "
              + "Kaplan-Meier median with its 95%% interval and how many runs reached it", c.scenarios().size(),
          seeds));
      List<List<String>> table = new ArrayList<>();
      List<String> head = new ArrayList<>(List.of("metric"));
      head.addAll(c.scenarios());
      head.add("best (only where resolved)");
      table.add(head);
      for (HeadlineMetric m : c.metrics()) {
        List<String> row = new ArrayList<>(List.of(m.label()));
        c.byMetric().get(m.name()).forEach(summary -> row.add(summary.describe(c.unit())));
        row.add(c.describe(c.verdicts().get(m.name())));
        table.add(row);
      }
      html.heading("Headline metrics").table(table);
      html.paragraph("A time is the Kaplan-Meier median with its 95% interval and, in brackets, how many runs reached "
          + "it of all; \"not reached\" is beyond the runs' " + c.horizon() + " " + c.unit() + "s. A scenario is "
          + "named best only where the 95% interval of its difference from the runner-up excludes zero (p < 0.05); "
          + "differences of shares are in percentage points.");
      Path charts = tmp.resolve("charts");
      html.figure(activeChart(charts, runs, c.unit()), tmp);
      html.figure(Charts.save(bandsChart(runs, RunProjection.Row::everAdopted, "Ever adopted, mean and 95% interval",
          "share ever active", c.unit()), charts, "compare-ever-adopted",
          "Share of people who have been active at least once (registered use)."), tmp);
      if (c.metrics().stream().anyMatch(m -> m.name().equals("final_goal_index"))) {
        html.figure(Charts.save(bandsChart(runs, RunProjection.Row::goal, "Goal index, mean and 95% interval",
            "goal index", c.unit()), charts, "compare-goal", "The business-goal measure of each strategy."), tmp);
      }
      html.write(tmp);
    });
  }

  /** The mean adoption curves of a comparison with their bands, written under its folder's charts/; the PNG's path. */
  public static Path compareChart(Path dir, Map<String, List<RunProjection.Result>> runs) {
    String unit = runs.values().iterator().next().get(0).unit();
    Reports.staged(dir, tmp -> activeChart(tmp.resolve("charts"), runs, unit));
    return chartIn(dir);
  }

  /** Where a comparison's chart of active share is, in its folder {@code dir}. */
  public static Path chartIn(Path dir) {
    return dir.resolve("charts").resolve(COMPARE_CHART + ".png");
  }

  private static Figure activeChart(Path charts, Map<String, List<RunProjection.Result>> runs, String unit) {
    return Charts.save(bandsChart(runs, RunProjection.Row::active, "Active share, mean and 95% interval",
        "share active", unit), charts, COMPARE_CHART, "Mean share active per " + unit + " for each strategy; dotted "
            + "lines bound the 95% interval over seeds (inside [0, 1]).");
  }

  static XYChart bandsChart(Map<String, List<RunProjection.Result>> runs,
      ToDoubleFunction<RunProjection.Row> column, String title, String y, String unit) {
    List<Charts.Band> bands = new ArrayList<>();
    runs.forEach((name, series) -> bands.add(band(name, series, column)));
    return Charts.bands(title, y, unit, bands);
  }

  /**
   * Per tick, the mean and 95% interval (inside [0, 1]: {@link Interval#share}) of one share
   * over runs; runs that stopped early hold their end.
   */
  public static Charts.Band band(String name, List<RunProjection.Result> runs,
      ToDoubleFunction<RunProjection.Row> column) {
    int length = runs.stream().mapToInt(r -> r.rows().size()).max().orElse(0);
    double[] x = new double[length], mean = new double[length], low = new double[length], high = new double[length];
    for (int t = 0; t < length; t++) {
      double[] sample = new double[runs.size()];
      for (int k = 0; k < sample.length; k++) {
        List<RunProjection.Row> rows = runs.get(k).rows();
        sample[k] = column.applyAsDouble(rows.get(Math.min(t, rows.size() - 1)));
      }
      Interval i = Interval.share(sample);
      x[t] = t;
      mean[t] = i.estimate();
      low[t] = i.low();
      high[t] = i.high();
    }
    return new Charts.Band(name, x, mean, low, high);
  }

}
