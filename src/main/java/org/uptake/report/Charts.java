package org.uptake.report;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.uptake.model.AdoptionState;
import org.uptake.report.RunProjection.Result;
import org.uptake.report.RunProjection.Row;

/** The charts of reports, drawn with XChart and saved as PNG and SVG. */
public final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 480;
  /** One colour per adoption state, kept the same in every chart and in the network picture. */
  static final Color[] STATE_COLOURS = {
      new Color(0xBDBDBD), new Color(0xFFB74D), new Color(0x4FC3F7), new Color(0x2E7D32), new Color(0xC62828)};
  /** Colour-blind-safe palette (Okabe and Ito) for strategies and series. */
  static final Color[] SERIES_COLOURS = {
      new Color(0xE69F00), new Color(0x0072B2), new Color(0x009E73), new Color(0xCC79A7), new Color(0x56B4E9),
      new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000)};

  private Charts() {}

  /** People in each adoption state, tick by tick. */
  public static XYChart states(Result r) {
    XYChart chart = xy("Adoption by state", r.unit(), "people");
    double[] ticks = r.rows().stream().mapToDouble(Row::tick).toArray();
    for (AdoptionState s : AdoptionState.values()) {
      double[] y = r.rows().stream().mapToDouble(row -> row.counts()[s.ordinal()]).toArray();
      line(chart, s.column(), ticks, y, STATE_COLOURS[s.ordinal()]);
    }
    return chart;
  }

  /** Active share by department (rows) and week (columns), binned so the grid stays readable. */
  public static HeatMapChart departmentHeatMap(Result r) {
    List<Row> rows = r.rows();
    int bin = Math.max(1, (int) Math.ceil(rows.size() / 52.0));
    List<Integer> xs = new ArrayList<>();
    for (int start = 0; start < rows.size(); start += bin) xs.add(rows.get(start).tick());
    List<String> ys = r.departments();
    List<Number[]> cells = new ArrayList<>();
    for (int b = 0; b < xs.size(); b++) {
      for (int d = 0; d < ys.size(); d++) {
        double sum = 0;
        int n = 0;
        for (int k = b * bin; k < Math.min(rows.size(), (b + 1) * bin); k++, n++) sum += rows.get(k).departmentActive()[d];
        cells.add(new Number[] {b, d, Math.round(sum / n * 1000) / 1000.0});
      }
    }
    HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(Math.max(HEIGHT, 60 + 40 * ys.size()))
        .title("Active share by department" + (bin > 1 ? " (mean over " + bin + "-" + r.unit() + " bins)" : ""))
        .xAxisTitle(r.unit()).yAxisTitle("").build();
    chart.getStyler().setMin(0).setMax(1).setRangeColors(new Color[] {
        new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
    chart.getStyler().setPlotContentSize(1.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setXAxisLabelRotation(90);
    chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    chart.addSeries("active share", xs, ys, cells);
    return chart;
  }

  /** The business-goal index next to active share and sponsorship: what executives see against use. */
  public static XYChart goal(Result r) {
    XYChart chart = xy("Goal measure, active share and sponsorship", r.unit(), "index (0-1)");
    double[] ticks = r.rows().stream().mapToDouble(Row::tick).toArray();
    line(chart, "goal index", ticks, r.rows().stream().mapToDouble(Row::goal).toArray(), SERIES_COLOURS[5]);
    line(chart, "active share", ticks, r.rows().stream().mapToDouble(Row::active).toArray(), STATE_COLOURS[3]);
    line(chart, "mean sponsorship", ticks, r.rows().stream().mapToDouble(Row::sponsorship).toArray(),
        SERIES_COLOURS[1]);
    chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    return chart;
  }

  /** Mean curve of one series per strategy with its band: dotted lines at the band's edges. */
  public static XYChart bands(String title, String yTitle, String unit, List<Band> bands) {
    XYChart chart = xy(title, unit, yTitle);
    for (int k = 0; k < bands.size(); k++) {
      Band b = bands.get(k);
      Color c = SERIES_COLOURS[k % SERIES_COLOURS.length];
      line(chart, b.name(), b.x(), b.mean(), c).setLineWidth(2.5f);
      Color edge = new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
      for (double[] bound : List.of(b.low(), b.high())) {
        XYSeries s = line(chart, b.name() + (bound == b.low() ? " (95% interval)" : " upper"), b.x(), bound, edge);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setLineWidth(1f);
        s.setShowInLegend(bound == b.low());
      }
    }
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    return chart;
  }

  /** A strategy's (or grid point's) mean curve over ticks with a 95% interval at each tick. */
  public record Band(String name, double[] x, double[] mean, double[] low, double[] high) {}

  /**
   * A metric against one varied parameter: one series per setting of the other parameters, its estimate with
   * markers and its 95% interval as dashed lines of the same colour (intervals may be asymmetric).
   */
  /** {@code joined}: each series a line with its interval; otherwise dots only (points that differ in more ways). */
  public static XYChart response(String metric, String parameter, List<Response> series, boolean joined) {
    XYChart chart = xy(metric + " against " + parameter, parameter, metric);
    for (int k = 0; k < series.size(); k++) {
      Response s = series.get(k);
      if (s.x().length == 0) continue;
      Color c = SERIES_COLOURS[k % SERIES_COLOURS.length];
      XYSeries xy = chart.addSeries(s.name(), s.x(), s.estimate());
      xy.setLineColor(c);
      xy.setMarkerColor(c);
      xy.setMarker(SeriesMarkers.CIRCLE);
      if (!joined) {
        // Dots alone must be seen at a glance: twice the size of the markers on a line.
        xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(9);
        continue;
      }
      Color edge = new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
      for (double[] bound : List.of(s.low(), s.high())) {
        XYSeries b = line(chart, s.name() + (bound == s.low() ? " (95% interval)" : " upper"), s.x(), bound, edge);
        b.setLineStyle(SeriesLines.DASH_DASH);
        b.setShowInLegend(bound == s.low());
      }
    }
    chart.getStyler().setXAxisDecimalPattern("0.###");
    chart.getStyler().setYAxisDecimalPattern("0.###");
    return chart;
  }

  /** Estimates with their 95% interval at each value of the varied parameter. */
  public record Response(String name, double[] x, double[] estimate, double[] low, double[] high) {}

  /**
   * Cost against objective: every plan evaluated as a dot, the baseline as a square, and the frontier (the plans
   * no cheaper plan matches) joined, with each frontier plan's 95% interval as a vertical bar; {@code percent}:
   * the objective is a share, shown in percent.
   */
  public static XYChart frontier(String metric, String cost, Response plans, Response frontier, double baselineCost,
      double baselineValue, boolean percent) {
    XYChart chart = xy(metric + " against cost", cost, metric);
    XYSeries dots = chart.addSeries("plans searched", plans.x(), plans.estimate());
    dots.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    dots.setMarker(SeriesMarkers.CIRCLE);
    dots.setMarkerColor(new Color(0x9E9E9E));
    XYSeries line = chart.addSeries("frontier", frontier.x(), frontier.estimate());
    line.setLineColor(SERIES_COLOURS[1]);
    line.setMarkerColor(SERIES_COLOURS[1]);
    line.setMarker(SeriesMarkers.DIAMOND);
    line.setLineWidth(2f);
    Color edge = new Color(SERIES_COLOURS[1].getRed(), SERIES_COLOURS[1].getGreen(), SERIES_COLOURS[1].getBlue(), 150);
    for (int i = 0; i < frontier.x().length; i++) {
      XYSeries bar = line(chart, "frontier (95% interval)" + (i == 0 ? "" : " " + i),
          new double[] {frontier.x()[i], frontier.x()[i]}, new double[] {frontier.low()[i], frontier.high()[i]}, edge);
      bar.setShowInLegend(i == 0);
    }
    XYSeries base = chart.addSeries("baseline", new double[] {baselineCost}, new double[] {baselineValue});
    base.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    base.setMarker(SeriesMarkers.SQUARE);
    base.setMarkerColor(SERIES_COLOURS[5]);
    chart.getStyler().setMarkerSize(9);
    chart.getStyler().setXAxisDecimalPattern("0.###");
    // Shares read as the tables print them: 42%, not 0.42.
    chart.getStyler().setYAxisDecimalPattern(percent ? "0%" : "0.###");
    return chart;
  }

  /** Observed values as points and a fitted curve through them. */
  public static XYChart observedAndFitted(String title, String x, String y, double[] xs, double[] observed,
      double[] fitted) {
    XYChart chart = xy(title, x, y);
    XYSeries seen = chart.addSeries("observed", xs, observed);
    seen.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    seen.setMarker(SeriesMarkers.CIRCLE);
    seen.setMarkerColor(SERIES_COLOURS[1]);
    line(chart, "fitted", xs, fitted, SERIES_COLOURS[0]);
    chart.getStyler().setMarkerSize(8);
    chart.getStyler().setYAxisMin(0.0);
    return chart;
  }

  /**
   * A fit: per observed series, the runs' mean curve at the estimate with the band where 95% of single runs fall
   * (dashed), the observed values the fit used as filled dots and the held-out ones as open dots.
   */
  public static XYChart fitted(String title, String unit, List<Fitted> curves) {
    XYChart chart = xy(title, unit, "share of the headcount");
    for (int k = 0; k < curves.size(); k++) {
      Fitted f = curves.get(k);
      Color c = SERIES_COLOURS[k % SERIES_COLOURS.length];
      line(chart, f.name() + ": simulated mean", f.x(), f.mean(), c).setLineWidth(2f);
      Color edge = new Color(c.getRed(), c.getGreen(), c.getBlue(), 150);
      for (double[] bound : List.of(f.low(), f.high())) {
        XYSeries s = line(chart, f.name() + (bound == f.low() ? ": 95% of single runs" : " upper"), f.x(), bound,
            edge);
        s.setLineStyle(SeriesLines.DASH_DASH);
        s.setLineWidth(1f);
        s.setShowInLegend(bound == f.low());
      }
      for (boolean held : List.of(false, true)) {
        double[] xs = held ? f.heldX() : f.seenX();
        if (xs.length == 0) continue;
        XYSeries seen = chart.addSeries(f.name() + (held ? ": observed, held out" : ": observed"), xs,
            held ? f.held() : f.seen());
        seen.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        seen.setMarker(held ? SeriesMarkers.TRIANGLE_UP : SeriesMarkers.CIRCLE);
        seen.setMarkerColor(held ? c.darker() : c);
      }
    }
    chart.getStyler().setMarkerSize(7);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setYAxisDecimalPattern("0.00");
    return chart;
  }

  /** One observed series of a fit and the runs' curve at the estimate (x: ticks; values: shares). */
  public record Fitted(String name, double[] x, double[] mean, double[] low, double[] high, double[] seenX,
      double[] seen, double[] heldX, double[] held) {}

  /** A chart as PNG and SVG bytes, for a folder of outputs to write. */
  public record Rendered(byte[] png, byte[] svg) {}

  public static Rendered render(Chart<?, ?> chart) {
    try {
      ByteArrayOutputStream svg = new ByteArrayOutputStream();
      VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      return new Rendered(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), svg.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot draw " + chart.getTitle() + ": " + e.getMessage(), e);
    }
  }

  /** Saves a chart as {@code dir/name.png} and {@code .svg}. */
  public static Figure save(Chart<?, ?> chart, Path dir, String name, String caption) {
    try {
      Files.createDirectories(dir);
      byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
      Path pngFile = dir.resolve(name + ".png");
      Files.write(pngFile, png);
      Path svgFile = dir.resolve(name + ".svg");
      try (OutputStream out = Files.newOutputStream(svgFile)) {
        VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
      }
      return new Figure(name, chart.getTitle(), caption, png, pngFile, svgFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chart " + name + " under " + dir + ": " + e.getMessage(), e);
    }
  }

  static byte[] png(java.awt.image.BufferedImage image) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      javax.imageio.ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static XYChart xy(String title, String x, String y) {
    XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(4);
    return chart;
  }

  private static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color colour) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(colour);
    return s;
  }
}
