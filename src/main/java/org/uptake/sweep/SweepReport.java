package org.uptake.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.BadInput;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.MetricSummary;
import org.uptake.report.Charts;
import org.uptake.report.HtmlReport;
import org.uptake.report.Reports;
import org.uptake.report.Slug;
import org.uptake.stats.Interval;

/** A sweep's report.html and charts, from its record in the journal. */
public final class SweepReport {
  private SweepReport() {}

  /** Redraws the report of the sweep whose files are in {@code dir}, from its record in the journal. */
  public static Path redraw(JournalSession session, Path dir) {
    String id = SweepOutputs.readSweepId(dir);
    return sweep(dir, SweepLog.read(session.reader, id).orElseThrow(() -> new BadInput("no sweep '" + id
        + "' in the journal " + session.db.describe())));
  }

  /**
   * A sweep's report, from its record in the journal: a table of every grid point and, for every varied
   * parameter and metric, the response with 95% intervals (a time: the Kaplan-Meier median, where reached).
   */
  public static Path sweep(Path dir, SweepLog log) {
    return Reports.staged(dir, tmp -> {
      SweepSpec spec = log.spec();
      List<SweepOutputs.PointSummary> points = SweepOutputs.summarise(log);
      List<String> params = spec.keys();
      Path charts = tmp.resolve("charts");
      HtmlReport html = new HtmlReport("Sweep " + log.started().sweepId(), String.format(Locale.ROOT,
          "base %s; %s, %d points × %d seeds; varied: %s", spec.base(), spec.design() == SweepSpec.Design.GRID
              ? "the full grid" : "a " + spec.design().text() + " design", spec.points().size(), spec.seeds(),
          String.join(", ", params)));
      List<List<String>> table = new ArrayList<>();
      List<String> head = new ArrayList<>(params);
      head.add("runs");
      for (MetricSummary m : points.isEmpty() ? List.<MetricSummary>of()
          : points.get(0).stats()) {
        head.add(m.metric().label());
      }
      table.add(head);
      for (SweepOutputs.PointSummary p : points) {
        List<String> row = new ArrayList<>();
        p.point().values().forEach(v -> row.add(SweepSpec.display(v)));
        row.add(Integer.toString(p.n()));
        p.stats().forEach(m -> row.add(m.describe(log.unit())));
        table.add(row);
      }
      boolean grid = spec.design() == SweepSpec.Design.GRID;
      html.heading((grid ? "Grid points" : "Points of the design") + " (95% intervals)").table(table);
      for (int k = 0; k < params.size(); k++) {
        for (int m = 0; m < spec.metrics().size(); m++) {
          List<Charts.Response> series = response(points, k, m, grid);
          String metric = spec.metrics().get(m);
          String estimate = metric.startsWith("time_to")
              ? "Kaplan-Meier median over seeds, where at least half the runs reached it" : "Mean over seeds";
          String caption = grid ? estimate + " with its 95% interval; one line per setting of the other varied "
              + "parameters." : estimate + ", one dot per point of the design; the other varied parameters differ "
              + "from dot to dot, so the dots are not joined. Each point's interval is in the table above.";
          html.figure(Charts.save(Charts.response(metric, params.get(k), series, grid), charts,
              Slug.of("response-" + metric + "-" + params.get(k), "-"), caption), tmp);
        }
      }
      html.write(tmp);
    });
  }

  /**
   * The response of metric {@code m} to parameter {@code k}: one series per setting of the other parameters (or,
   * unless {@code grouped}, one of every point), sorted by the parameter's value; points without an estimate (a
   * median not reached) are left out.
   */
  static List<Charts.Response> response(List<SweepOutputs.PointSummary> points, int k, int m, boolean grouped) {
    Map<String, List<double[]>> byOthers = new LinkedHashMap<>();
    for (SweepOutputs.PointSummary p : points) {
      List<String> others = new ArrayList<>();
      for (int q = 0; q < p.point().values().size(); q++) {
        if (q != k) others.add(p.keys().get(q) + "=" + SweepSpec.display(p.point().values().get(q)));
      }
      MetricSummary s = p.stats().get(m);
      String key = !grouped ? "points of the design" : others.isEmpty() ? s.metric().name() : String.join(", ", others);
      double[] point = estimate(s);
      List<double[]> list = byOthers.computeIfAbsent(key, x -> new ArrayList<>());
      if (point != null) {
        list.add(new double[] {Double.parseDouble(SweepSpec.display(p.point().values().get(k))),
            point[0], point[1], point[2]});
      }
    }
    List<Charts.Response> out = new ArrayList<>();
    byOthers.forEach((name, pts) -> {
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      out.add(new Charts.Response(name, pts.stream().mapToDouble(a -> a[0]).toArray(),
          pts.stream().mapToDouble(a -> a[1]).toArray(), pts.stream().mapToDouble(a -> a[2]).toArray(),
          pts.stream().mapToDouble(a -> a[3]).toArray()));
    });
    return out;
  }

  /** {estimate, low, high}, or null where there is none (a median not reached); an unreached limit is the estimate. */
  private static double[] estimate(MetricSummary s) {
    if (s instanceof MetricSummary.Time t) {
      Double median = t.curve().median();
      if (median == null) return null;
      Double low = t.curve().medianLow();
      Double high = t.curve().medianHigh();
      return new double[] {median, low == null ? median : low, high == null ? t.horizon() : high};
    }
    Interval i = ((MetricSummary.Value) s).interval();
    return new double[] {i.estimate(), i.low(), i.high()};
  }
}
