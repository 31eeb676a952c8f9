package org.uptake.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.uptake.journal.RunLog;
import org.uptake.model.AdoptionState;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.People;
import org.uptake.organisation.Roster;
import org.uptake.run.Recorded;

/**
 * report.html and its charts for a run, a comparison or a sweep, all rebuilt from the journal (a run's events,
 * a comparison's runs, a sweep's record). Each is built aside and moved into place when complete.
 */
public final class Reports {
  /** The file name (without extension) of a comparison's band chart of active share, under charts/. */
  public static final String COMPARE_CHART = "compare-active";

  private Reports() {}

  /**
   * A run's report in {@code dir}: adoption by state, the department heat map, the goal measure and the
   * network at {@code ticks}, all from the journal ({@code r} is the run's projection of {@code log}).
   */
  public static Path run(RunLog log, RunProjection.Result r, Path dir, List<Integer> ticks) {
    return staged(dir, tmp -> {
      RunSummary s = RunSummary.of(r);
      Path charts = tmp.resolve("charts");
      String unit = r.unit();
      HtmlReport html = new HtmlReport("Run " + s.runId(), String.format(Locale.ROOT,
          "%s — strategy %s, seed %d, %d people, %d %s%s", s.scenario(), s.strategy(), s.seed(), s.people(),
          s.ticks(), RunSummary.plural(unit, s.ticks()), r.finished() ? "" : " (not finished)"));
      List<List<String>> table = new ArrayList<>();
      table.add(HtmlReport.row("headline", "value"));
      s.headline().forEach(e -> table.add(HtmlReport.row(e.getKey(), e.getValue())));
      html.heading("Summary").table(table);
      html.figure(Charts.save(Charts.states(r), charts, "states",
          "People in each adoption state at the end of each " + unit + " (" + unit + " 0: the start)."), tmp);
      if (!r.population()) {
        html.figure(Charts.save(Charts.departmentHeatMap(r), charts, "departments",
            "Share of each department active, " + unit + " by " + unit
                + ": where the tool took hold and where it did not."), tmp);
        html.figure(Charts.save(Charts.goal(r), charts, "goal",
            "The business-goal index lags active use; sponsorship is the mean over departments of executive "
                + "support."), tmp);
      }
      Organisation org = Recorded.organisation(log);
      NetworkPicture picture = new NetworkPicture(org, s.seed(), unit);
      List<NetworkPicture.Panel> panels = new ArrayList<>();
      List<Roster> rosters = Recorded.rosters(log);
      for (int tick : ticks) {
        AdoptionState[] states = new AdoptionState[org.size()];
        Map<String, People> people = Recorded.peopleAt(log, tick);
        for (Roster roster : rosters) {
          People p = people.get(roster.department());
          for (int k = 0; k < roster.members().size(); k++) states[roster.members().get(k).id()] = p.stateOf(k);
        }
        panels.add(new NetworkPicture.Panel(tick, states));
      }
      html.figure(picture.save(panels, charts, "network"), tmp);
      html.write(tmp);
    });
  }

  /** The ticks shown in a run's network picture by default: the start, the middle and the end. */
  public static List<Integer> defaultTicks(int lastTick) {
    return new ArrayList<>(new TreeSet<>(List.of(0, lastTick / 2, lastTick)));
  }

  /**
   * A comparison's report: the table of every metric per scenario with the verdicts, and the mean curves with
   * their bands, all from the runs' projections (read from the journal).
   */
  public static Path compare(Path dir, String id, org.uptake.experiment.Comparison c,
      Map<String, List<RunProjection.Result>> runs) {
    return staged(dir, tmp -> {
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
          + "it of all; \"not reached\" is beyond the runs' " + c.horizon() + " " + c.unit() + "s. A difference is "
          + "named best only where its interval excludes no difference (p < 0.05); shares differ in percentage points.");
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
    staged(dir, tmp -> activeChart(tmp.resolve("charts"), runs, unit));
    return dir.resolve("charts").resolve(COMPARE_CHART + ".png");
  }

  private static Figure activeChart(Path charts, Map<String, List<RunProjection.Result>> runs, String unit) {
    return Charts.save(bandsChart(runs, RunProjection.Row::active, "Active share, mean and 95% interval",
        "share active", unit), charts, COMPARE_CHART, "Mean share active per " + unit + " for each strategy; dotted "
            + "lines bound the 95% interval over seeds (inside [0, 1]).");
  }

  static org.knowm.xchart.XYChart bandsChart(Map<String, List<RunProjection.Result>> runs,
      java.util.function.ToDoubleFunction<RunProjection.Row> column, String title, String y, String unit) {
    List<Charts.Band> bands = new ArrayList<>();
    runs.forEach((name, series) -> bands.add(band(name, series, column)));
    return Charts.bands(title, y, unit, bands);
  }

  /**
   * Per tick, the mean and 95% interval (inside [0, 1]: {@link org.uptake.stats.Interval#share}) of one share
   * over runs; runs that stopped early hold their end.
   */
  static Charts.Band band(String name, List<RunProjection.Result> runs,
      java.util.function.ToDoubleFunction<RunProjection.Row> column) {
    int length = runs.stream().mapToInt(r -> r.rows().size()).max().orElse(0);
    double[] x = new double[length], mean = new double[length], low = new double[length], high = new double[length];
    for (int t = 0; t < length; t++) {
      double[] sample = new double[runs.size()];
      for (int k = 0; k < sample.length; k++) {
        List<RunProjection.Row> rows = runs.get(k).rows();
        sample[k] = column.applyAsDouble(rows.get(Math.min(t, rows.size() - 1)));
      }
      org.uptake.stats.Interval i = org.uptake.stats.Interval.share(sample);
      x[t] = t;
      mean[t] = i.estimate();
      low[t] = i.low();
      high[t] = i.high();
    }
    return new Charts.Band(name, x, mean, low, high);
  }

  /**
   * Builds a report in a folder of its own beside {@code dir}'s files, then moves its charts and report.html into
   * place: a report that fails half-way leaves nothing half-written. Returns report.html's path, or null if the
   * build made charts only.
   */
  static Path staged(Path dir, java.util.function.Consumer<Path> build) {
    OutputFolder folder = OutputFolder.open(dir);
    Path tmp = dir.resolve(".report.partial");
    try {
      deleteTree(tmp);
      Files.createDirectories(tmp);
      build.accept(tmp);
      Path charts = tmp.resolve("charts");
      if (Files.isDirectory(charts)) {
        try (java.util.stream.Stream<Path> files = Files.list(charts)) {
          for (Path f : files.sorted().toList()) folder.move(f, "charts/" + f.getFileName());
        }
      }
      Path html = tmp.resolve("report.html");
      return Files.exists(html) ? folder.move(html, "report.html") : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report under " + dir + ": " + e.getMessage(), e);
    } finally {
      try {
        deleteTree(tmp);
      } catch (IOException e) {
        // A leftover staging folder holds nothing anybody reads; the next report replaces it.
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (java.util.stream.Stream<Path> walk = Files.walk(p)) {
      for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }

  /**
   * A sweep's report, from its record in the journal: a table of every grid point and, for every varied
   * parameter and metric, the response with 95% intervals (a time: the Kaplan-Meier median, where reached).
   */
  public static Path sweep(Path dir, org.uptake.sweep.SweepLog log) {
    return staged(dir, tmp -> {
      org.uptake.sweep.SweepSpec spec = log.spec();
      List<org.uptake.sweep.SweepOutputs.PointSummary> points = org.uptake.sweep.SweepOutputs.summarise(log);
      List<String> params = spec.keys();
      Path charts = tmp.resolve("charts");
      HtmlReport html = new HtmlReport("Sweep " + log.started().sweepId(), String.format(Locale.ROOT,
          "base %s; %d grid points × %d seeds; varied: %s", spec.base(), spec.points().size(), spec.seeds(),
          String.join(", ", params)));
      List<List<String>> table = new ArrayList<>();
      List<String> head = new ArrayList<>(params);
      head.add("runs");
      for (org.uptake.experiment.MetricSummary m : points.isEmpty() ? List.<org.uptake.experiment.MetricSummary>of()
          : points.get(0).stats()) {
        head.add(m.metric().label());
      }
      table.add(head);
      for (org.uptake.sweep.SweepOutputs.PointSummary p : points) {
        List<String> row = new ArrayList<>();
        p.point().values().forEach(v -> row.add(org.uptake.sweep.SweepSpec.display(v)));
        row.add(Integer.toString(p.n()));
        p.stats().forEach(m -> row.add(m.describe(log.unit())));
        table.add(row);
      }
      html.heading("Grid points (95% intervals)").table(table);
      for (int k = 0; k < params.size(); k++) {
        for (int m = 0; m < spec.metrics().size(); m++) {
          List<Charts.Response> series = response(points, k, m);
          String metric = spec.metrics().get(m);
          String caption = metric.startsWith("time_to")
              ? "Kaplan-Meier median over seeds with its 95% interval, where at least half the runs reached it; "
                  + "one line per setting of the other varied parameters."
              : "Mean over seeds with its 95% interval; one line per setting of the other varied parameters.";
          html.figure(Charts.save(Charts.response(metric, params.get(k), series), charts,
              slug("response-" + metric + "-" + params.get(k)), caption), tmp);
        }
      }
      html.write(tmp);
    });
  }

  /**
   * The response of metric {@code m} to parameter {@code k}: one series per setting of the other parameters,
   * sorted by the parameter's value; points without an estimate (a median not reached) are left out.
   */
  static List<Charts.Response> response(List<org.uptake.sweep.SweepOutputs.PointSummary> points, int k, int m) {
    Map<String, List<double[]>> byOthers = new LinkedHashMap<>();
    for (org.uptake.sweep.SweepOutputs.PointSummary p : points) {
      List<String> others = new ArrayList<>();
      for (int q = 0; q < p.point().values().size(); q++) {
        if (q != k) others.add(p.keys().get(q) + "=" + org.uptake.sweep.SweepSpec.display(p.point().values().get(q)));
      }
      org.uptake.experiment.MetricSummary s = p.stats().get(m);
      String key = others.isEmpty() ? s.metric().name() : String.join(", ", others);
      double[] point = estimate(s);
      List<double[]> list = byOthers.computeIfAbsent(key, x -> new ArrayList<>());
      if (point != null) {
        list.add(new double[] {Double.parseDouble(org.uptake.sweep.SweepSpec.display(p.point().values().get(k))),
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
  private static double[] estimate(org.uptake.experiment.MetricSummary s) {
    if (s instanceof org.uptake.experiment.MetricSummary.Time t) {
      Double median = t.curve().median();
      if (median == null) return null;
      Double low = t.curve().medianLow();
      Double high = t.curve().medianHigh();
      return new double[] {median, low == null ? median : low, high == null ? t.horizon() : high};
    }
    org.uptake.stats.Interval i = ((org.uptake.experiment.MetricSummary.Value) s).interval();
    return new double[] {i.estimate(), i.low(), i.high()};
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
