package org.uptake.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.BadInput;
import org.uptake.experiment.MetricSummary;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.OutputFolder;
import org.uptake.report.TidyCsv;

/**
 * A sweep's files, built from its record in the journal only: {@code sweep.csv} (one row per run: its values,
 * seed, horizon and metrics, a time not reached left empty), {@code sweep-summary.csv} (tidy: one row per point,
 * metric and statistic, with the point's values as columns; the statistics are those of {@link MetricSummary}),
 * {@code sweep-series.csv} when the sweep collects series (tidy: one row per run, tick and series) and
 * {@code sweep.json} (what was swept).
 */
public final class SweepOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The file that says what was swept, and which sweep a folder holds. */
  public static final String MANIFEST = "sweep.json";

  private SweepOutputs() {}

  /** One grid point's runs summarised, metric by metric in the sweep's order; {@code keys} are the varied keys. */
  public record PointSummary(SweepSpec.Point point, List<String> keys, int n, List<MetricSummary> stats) {}

  public static Path write(SweepLog log, Path out) {
    Path dir = out.resolve(log.started().sweepId());
    try {
      OutputFolder folder = OutputFolder.open(dir);
      writeRuns(log, folder);
      writeSummary(log, folder);
      if (!log.spec().series().isEmpty()) writeSeries(log, folder);
      String json = JSON.writeValueAsString(description(log)) + "\n";
      folder.write(MANIFEST, w -> w.write(json));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sweep's files under " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The id of the sweep whose files are in {@code dir}, from its sweep.json. */
  public static String readSweepId(Path dir) {
    Path file = dir.resolve(MANIFEST);
    try {
      return JSON.readTree(file.toFile()).get("sweep_id").asText();
    } catch (IOException | RuntimeException e) {
      throw new BadInput(file + ": not a sweep's record (" + e.getMessage() + ")");
    }
  }

  /** Points in sweep order with at least one completed run. */
  public static List<PointSummary> summarise(SweepLog log) {
    SweepSpec spec = log.spec();
    List<PointSummary> points = new ArrayList<>();
    for (SweepSpec.Point p : spec.points()) {
      List<Sweep.RunCompleted> runs = log.runs().stream().filter(r -> r.point() == p.number()).toList();
      if (runs.isEmpty()) continue;
      List<MetricSummary> stats = new ArrayList<>();
      for (int m = 0; m < spec.metrics().size(); m++) {
        final int metric = m;
        stats.add(MetricSummary.of(HeadlineMetric.named(spec.metrics().get(m)).orElseThrow(),
            runs.stream().map(r -> r.metrics().get(metric)).toList(),
            runs.stream().map(Sweep.RunCompleted::horizon).toList()));
      }
      points.add(new PointSummary(p, spec.keys(), runs.size(), List.copyOf(stats)));
    }
    return points;
  }

  private static void writeRuns(SweepLog log, OutputFolder folder) {
    SweepSpec spec = log.spec();
    List<String> columns = new ArrayList<>(List.of("run_id"));
    columns.addAll(spec.keys());
    columns.addAll(List.of("seed", "horizon"));
    columns.addAll(spec.metrics());
    folder.write("sweep.csv", TidyCsv.table(columns, rows -> {
      for (Sweep.RunCompleted r : log.runs()) {
        List<String> row = new ArrayList<>(List.of(r.runId()));
        r.values().forEach(v -> row.add(SweepSpec.display(v)));
        row.add(Long.toString(r.seed()));
        row.add(Integer.toString(r.horizon()));
        r.metrics().forEach(v -> row.add(TidyCsv.number(v)));
        rows.write(row);
      }
    }));
  }

  private static void writeSummary(SweepLog log, OutputFolder folder) {
    SweepSpec spec = log.spec();
    List<String> columns = new ArrayList<>(List.of("point"));
    columns.addAll(spec.keys());
    columns.addAll(List.of("metric", "statistic", "value"));
    folder.write("sweep-summary.csv", TidyCsv.table(columns, rows -> {
      for (PointSummary p : summarise(log)) {
        for (MetricSummary m : p.stats()) {
          for (MetricSummary.Stat s : m.stats()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(p.point().number())));
            p.point().values().forEach(v -> row.add(SweepSpec.display(v)));
            row.addAll(List.of(m.metric().name(), s.name(), TidyCsv.number(s.value())));
            rows.write(row);
          }
        }
      }
    }));
  }

  /** Every run's series, long: run_id, point, the varied keys, seed, tick, metric (the series' name), value. */
  private static void writeSeries(SweepLog log, OutputFolder folder) {
    SweepSpec spec = log.spec();
    List<String> columns = new ArrayList<>(List.of("run_id", "point"));
    columns.addAll(spec.keys());
    columns.addAll(List.of("seed", "tick", "metric", "value"));
    folder.write("sweep-series.csv", TidyCsv.table(columns, rows -> {
      for (Sweep.RunCompleted r : log.runs()) {
        List<String> first = new ArrayList<>(List.of(r.runId(), Integer.toString(r.point())));
        r.values().forEach(v -> first.add(SweepSpec.display(v)));
        first.add(Long.toString(r.seed()));
        for (int s = 0; s < spec.series().size(); s++) {
          List<Double> values = r.series().get(s);
          for (int tick = 0; tick < values.size(); tick++) {
            List<String> row = new ArrayList<>(first);
            row.addAll(List.of(Integer.toString(tick), spec.series().get(s), TidyCsv.number(values.get(tick))));
            rows.write(row);
          }
        }
      }
    }));
  }

  private static Map<String, Object> description(SweepLog log) {
    SweepSpec spec = log.spec();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sweep_id", log.started().sweepId());
    json.put("base", spec.base());
    json.put("parameters", spec.keys());
    json.put("metrics", spec.metrics());
    json.put("seeds", spec.seeds());
    json.put("first_seed", spec.firstSeed());
    json.put("design", spec.design().text());
    json.put("points", spec.points().size());
    json.put("series", spec.series());
    json.put("journal", spec.journal().name().toLowerCase(Locale.ROOT));
    return json;
  }
}
