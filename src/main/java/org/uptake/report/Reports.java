package org.uptake.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * report.html and its charts for a run (from the journal), a comparison or a sweep (from their output
 * folders, themselves built from the journal).
 */
public final class Reports {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The file name (without extension) of a comparison's band chart of active share, under charts/. */
  public static final String COMPARE_CHART = "compare-active";

  private Reports() {}

  /**
   * A run's report in {@code dir}: adoption by state, the department heat map, the goal measure and the
   * network at {@code ticks}, all from the journal ({@code r} is the run's projection of {@code log}).
   */
  public static Path run(RunLog log, RunProjection.Result r, Path dir, List<Integer> ticks) {
    RunSummary s = RunSummary.of(r);
    Path charts = dir.resolve("charts");
    HtmlReport html = new HtmlReport("Run " + s.runId(), String.format(Locale.ROOT,
        "%s — strategy %s, seed %d, %d people, %d weeks%s", s.scenario(), s.strategy(), s.seed(), s.people(),
        s.ticks(), r.finished() ? "" : " (not finished)"));
    List<List<String>> table = new ArrayList<>();
    table.add(HtmlReport.row("headline", "value"));
    s.headline().forEach(e -> table.add(HtmlReport.row(e.getKey(), e.getValue())));
    html.heading("Summary").table(table);
    html.figure(Charts.save(Charts.states(r), charts, "states",
        "People in each adoption state at the end of each week."), dir);
    html.figure(Charts.save(Charts.departmentHeatMap(r), charts, "departments",
        "Share of each department active, week by week: where the tool took hold and where it did not."), dir);
    html.figure(Charts.save(Charts.goal(r), charts, "goal",
        "The business-goal index lags active use; sponsorship is the mean over departments of executive support."),
        dir);
    Organisation org = Recorded.organisation(log);
    NetworkPicture picture = new NetworkPicture(org, s.seed());
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
    html.figure(picture.save(panels, charts, "network"), dir);
    return html.write(dir);
  }

  /** The ticks shown in a run's network picture by default: the start, the middle and the end. */
  public static List<Integer> defaultTicks(int lastTick) {
    return new ArrayList<>(new TreeSet<>(List.of(0, lastTick / 2, lastTick)));
  }

  /** A comparison's report, from compare.json, compare.csv and each run's timeseries.csv. */
  public static Path compare(Path dir) {
    JsonNode manifest = readJson(dir.resolve("compare.json"));
    Map<String, List<List<List<String>>>> runs = compareRuns(dir, manifest);
    Path charts = dir.resolve("charts");
    HtmlReport html = new HtmlReport("Comparison " + manifest.get("id").asText(), String.format(Locale.ROOT,
        "%d strategies over the same %d seeds (from %d); means with 95%% intervals (Student's t)", runs.size(),
        manifest.get("seeds").asInt(), manifest.get("first_seed").asLong()));
    List<List<String>> rows = readCsv(dir.resolve("compare.csv"));
    List<List<String>> table = new ArrayList<>();
    table.add(HtmlReport.row("metric", "scenario", "n", "mean", "95% interval"));
    for (List<String> row : rows.subList(1, rows.size())) {
      table.add(HtmlReport.row(row.get(0), row.get(1), row.get(2), round(row.get(3)),
          "[" + round(row.get(4)) + ", " + round(row.get(5)) + "]"));
    }
    html.heading("Metrics and the difference of the best from the runner-up").table(table);
    html.figure(activeChart(dir, runs), dir);
    html.figure(Charts.save(bandsChart(runs, "ever_adopted_fraction", "Ever adopted, mean and 95% interval",
        "share ever active"), charts, "compare-ever-adopted",
        "Share of people who have been active at least once (registered use)."), dir);
    html.figure(Charts.save(bandsChart(runs, "goal_index", "Goal index, mean and 95% interval", "goal index"),
        charts, "compare-goal", "The business-goal measure of each strategy."), dir);
    return html.write(dir);
  }

  /** The mean adoption curves of a comparison with their bands, written under its folder's charts/. */
  public static Figure compareChart(Path dir) {
    return activeChart(dir, compareRuns(dir, readJson(dir.resolve("compare.json"))));
  }

  private static Figure activeChart(Path dir, Map<String, List<List<List<String>>>> runs) {
    return Charts.save(bandsChart(runs, "active_fraction", "Active share, mean and 95% interval", "share active"),
        dir.resolve("charts"), COMPARE_CHART, "Mean share active per week for each strategy; dotted lines "
            + "bound the 95% interval over seeds.");
  }

  /** compare.json names each scenario's runs; their timeseries.csv files, under runs/, are read once each. */
  private static Map<String, List<List<List<String>>>> compareRuns(Path dir, JsonNode manifest) {
    Map<String, List<List<List<String>>>> runs = new LinkedHashMap<>();
    manifest.get("scenarios").fields().forEachRemaining(e -> {
      List<List<List<String>>> series = new ArrayList<>();
      e.getValue().forEach(id -> series.add(readCsv(dir.resolve("runs").resolve(id.asText())
          .resolve("timeseries.csv"))));
      runs.put(e.getKey(), series);
    });
    return runs;
  }

  static org.knowm.xchart.XYChart bandsChart(Map<String, List<List<List<String>>>> runs, String column, String title,
      String y) {
    List<Charts.Band> bands = new ArrayList<>();
    runs.forEach((name, series) -> bands.add(band(name, series, column)));
    return Charts.bands(title, y, bands);
  }

  /**
   * Per tick, the mean and 95% interval of one column over runs, each a timeseries.csv read as rows with its
   * header first (runs that stopped early hold their end).
   */
  static Charts.Band band(String name, List<List<List<String>>> runs, String column) {
    List<double[]> series = new ArrayList<>();
    int length = 0;
    for (List<List<String>> rows : runs) {
      int c = rows.get(0).indexOf(column);
      if (c < 0) throw new IllegalStateException("timeseries.csv of " + name + ": no column " + column);
      double[] v = new double[rows.size() - 1];
      for (int k = 1; k < rows.size(); k++) v[k - 1] = Double.parseDouble(rows.get(k).get(c));
      series.add(v);
      length = Math.max(length, v.length);
    }
    double[] x = new double[length], mean = new double[length], low = new double[length], high = new double[length];
    for (int t = 0; t < length; t++) {
      double[] sample = new double[series.size()];
      for (int k = 0; k < sample.length; k++) {
        double[] v = series.get(k);
        sample[k] = v[Math.min(t, v.length - 1)];
      }
      Interval i = Interval.of(sample);
      x[t] = t;
      mean[t] = i.mean();
      low[t] = Double.isNaN(i.low()) ? i.mean() : i.low();
      high[t] = Double.isNaN(i.high()) ? i.mean() : i.high();
    }
    return new Charts.Band(name, x, mean, low, high);
  }

  /** A sweep's report: for every varied parameter and metric, the response with 95% intervals. */
  public static Path sweep(Path dir) {
    JsonNode manifest = readJson(dir.resolve("sweep.json"));
    List<String> params = new ArrayList<>();
    manifest.get("parameters").forEach(p -> params.add(p.asText()));
    List<String> metrics = new ArrayList<>();
    manifest.get("metrics").forEach(m -> metrics.add(m.asText()));
    List<List<String>> rows = readCsv(dir.resolve("sweep-summary.csv"));
    List<String> header = rows.get(0);
    List<List<String>> points = rows.subList(1, rows.size());
    Path charts = dir.resolve("charts");
    HtmlReport html = new HtmlReport("Sweep " + manifest.get("sweep_id").asText(), String.format(Locale.ROOT,
        "base %s; %d grid points × %d seeds; varied: %s", manifest.get("base").asText(), points.size(),
        manifest.get("seeds").asInt(), String.join(", ", params)));
    List<List<String>> table = new ArrayList<>();
    List<String> head = new ArrayList<>(params);
    metrics.forEach(m -> head.add(m + " (mean, 95% interval)"));
    table.add(head);
    for (List<String> p : points) {
      List<String> row = new ArrayList<>();
      for (String param : params) row.add(p.get(header.indexOf(param)));
      for (String m : metrics) {
        row.add(round(p.get(header.indexOf(m + "_mean"))) + " [" + round(p.get(header.indexOf(m + "_ci_low")))
            + ", " + round(p.get(header.indexOf(m + "_ci_high"))) + "]");
      }
      table.add(row);
    }
    html.heading("Grid points").table(table);
    for (String param : params) {
      for (String metric : metrics) {
        List<Charts.Response> series = response(header, points, params, param, metric);
        html.figure(Charts.save(Charts.response(metric, param, series), charts,
            slug("response-" + metric + "-" + param), "Mean over seeds with its 95% interval; one line per "
                + "setting of the other varied parameters."), dir);
      }
    }
    return html.write(dir);
  }

  static List<Charts.Response> response(List<String> header, List<List<String>> points, List<String> params,
      String param, String metric) {
    Map<String, List<double[]>> byOthers = new LinkedHashMap<>();
    for (List<String> p : points) {
      List<String> others = new ArrayList<>();
      for (String q : params) if (!q.equals(param)) others.add(q + "=" + p.get(header.indexOf(q)));
      String key = others.isEmpty() ? metric : String.join(", ", others);
      double mean = Double.parseDouble(p.get(header.indexOf(metric + "_mean")));
      double high = Double.parseDouble(p.get(header.indexOf(metric + "_ci_high")));
      byOthers.computeIfAbsent(key, k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(p.get(header.indexOf(param))), mean,
              Double.isNaN(high) ? 0 : high - mean});
    }
    List<Charts.Response> out = new ArrayList<>();
    byOthers.forEach((name, pts) -> {
      pts.sort((a, b) -> Double.compare(a[0], b[0]));
      out.add(new Charts.Response(name, pts.stream().mapToDouble(a -> a[0]).toArray(),
          pts.stream().mapToDouble(a -> a[1]).toArray(), pts.stream().mapToDouble(a -> a[2]).toArray()));
    });
    return out;
  }

  static List<List<String>> readCsv(Path file) {
    try (MappingIterator<List<String>> it = new CsvMapper().enable(
            com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
        .readerFor(List.class).with(CsvSchema.emptySchema()).readValues(file.toFile())) {
      return it.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String round(String number) {
    try {
      return String.format(Locale.ROOT, "%.3f", Double.parseDouble(number));
    } catch (NumberFormatException e) {
      return number;
    }
  }

  private static String slug(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
  }
}
