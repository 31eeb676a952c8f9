package org.uptake.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.uptake.report.Interval;

/**
 * A sweep's files, built from its record in the journal only: {@code sweep.csv} (one row per run),
 * {@code sweep-summary.csv} (one row per grid point: mean, standard deviation and 95% Student-t interval
 * of each metric over the seeds) and {@code sweep.json} (what was swept). Each file is written beside its
 * place and moved over it, so a reader never sees half a file. Numbers have at most six decimals.
 */
public final class SweepOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SweepOutputs() {}

  /** A metric over one point's seeds; {@code sd} is NaN with a single seed (no spread to speak of). */
  public record Stat(Interval interval, double sd) {}

  public record PointSummary(SweepSpec.Point point, int n, List<Stat> stats) {}

  public static Path write(SweepLog log, Path out) {
    Path dir = out.resolve(log.started().sweepId());
    try {
      Files.createDirectories(dir);
      atomically(dir.resolve("sweep.csv"), w -> writeRuns(log, w));
      atomically(dir.resolve("sweep-summary.csv"), w -> writeSummary(log, w));
      atomically(dir.resolve("sweep.json"), w -> w.write(JSON.writeValueAsString(description(log)) + "\n"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sweep's files under " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Points in sweep order with at least one completed run. */
  public static List<PointSummary> summarise(SweepLog log) {
    SweepSpec spec = log.spec();
    List<PointSummary> points = new ArrayList<>();
    for (SweepSpec.Point p : spec.points()) {
      List<Sweep.RunCompleted> runs = log.runs().stream().filter(r -> r.point() == p.number()).toList();
      if (runs.isEmpty()) continue;
      List<Stat> stats = new ArrayList<>();
      for (int m = 0; m < spec.metrics().size(); m++) {
        final int metric = m;
        double[] sample = runs.stream().mapToDouble(r -> r.metrics().get(metric)).toArray();
        SummaryStatistics s = new SummaryStatistics();
        for (double x : sample) s.addValue(x);
        stats.add(new Stat(Interval.of(sample), sample.length > 1 ? s.getStandardDeviation() : Double.NaN));
      }
      points.add(new PointSummary(p, runs.size(), List.copyOf(stats)));
    }
    return points;
  }

  private static void writeRuns(SweepLog log, Writer w) throws IOException {
    SweepSpec spec = log.spec();
    List<String> columns = new ArrayList<>(List.of("run_id"));
    columns.addAll(spec.keys());
    columns.add("seed");
    columns.addAll(spec.metrics());
    try (var rows = csv(columns, w)) {
      for (Sweep.RunCompleted r : log.runs()) {
        List<String> row = new ArrayList<>(List.of(r.runId()));
        r.values().forEach(v -> row.add(SweepSpec.display(v)));
        row.add(Long.toString(r.seed()));
        r.metrics().forEach(v -> row.add(number(v)));
        rows.write(row);
      }
    }
  }

  private static void writeSummary(SweepLog log, Writer w) throws IOException {
    SweepSpec spec = log.spec();
    List<String> columns = new ArrayList<>(spec.keys());
    columns.add("n");
    for (String m : spec.metrics()) {
      for (String s : List.of("_mean", "_sd", "_ci_low", "_ci_high")) columns.add(m + s);
    }
    try (var rows = csv(columns, w)) {
      for (PointSummary p : summarise(log)) {
        List<String> row = new ArrayList<>();
        p.point().values().forEach(v -> row.add(SweepSpec.display(v)));
        row.add(Integer.toString(p.n()));
        for (Stat s : p.stats()) {
          // With one seed there is no spread and no interval: the cells are left empty rather than invented.
          boolean spread = p.n() > 1;
          row.add(number(s.interval().mean()));
          row.add(spread ? number(s.sd()) : "");
          row.add(spread ? number(s.interval().low()) : "");
          row.add(spread ? number(s.interval().high()) : "");
        }
        rows.write(row);
      }
    }
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
    json.put("points", spec.points().size());
    json.put("journal", spec.journal().name().toLowerCase(Locale.ROOT));
    return json;
  }

  private static com.fasterxml.jackson.databind.SequenceWriter csv(List<String> columns, Writer w) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder();
    columns.forEach(schema::addColumn);
    // Strict checking quotes only what needs it; by default Jackson quotes every value longer than 24 characters.
    return new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
        .writer(schema.build().withHeader().withLineSeparator("\n")).writeValues(w);
  }

  /** Six decimals at most, no trailing zeros: 105 for a tick, 0.041667 for a fraction; empty if undefined. */
  static String number(double v) {
    if (!Double.isFinite(v)) return "";
    return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  private interface Body {
    void write(Writer w) throws IOException;
  }

  private static void atomically(Path file, Body body) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      body.write(w);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
