package org.uptake.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.OutputFolder;
import org.uptake.report.TidyCsv;

/**
 * A comparison's files. {@code compare.csv} is one row per scenario, metric and statistic (tidy: pandas
 * {@code pivot}, R {@code pivot_wider} or a spreadsheet's pivot table turn it into any table);
 * {@code compare-differences.csv} one row per metric and pair of scenarios; {@code compare.json} says which runs
 * belong to which scenario, with each scenario's verdicts, so the report can be rebuilt from the journal. The manifest
 * is written before the first run ({@code "complete": false}), so a comparison stopped midway can be finished.
 */
public final class CompareOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CompareOutputs() {}

  /** What compare.json records of a comparison: enough to finish it. */
  public record Manifest(String id, int seeds, long firstSeed, List<String> overrides, List<Scenario> scenarios,
      boolean complete) {
    /** One scenario (or variant): its label, file, own overrides, run ids in seed order, and resolved text. */
    public record Scenario(String label, String file, List<String> overrides, List<String> runs, String resolved) {}
  }

  /** Writes the manifest of a comparison about to run. */
  public static void begin(Path dir, Map<String, Object> manifest) {
    Map<String, Object> json = new LinkedHashMap<>(manifest);
    json.put("complete", false);
    writeJson(OutputFolder.open(dir), dir, json);
  }

  /** The manifest in {@code dir}, or null if there is none. */
  public static Manifest readManifest(Path dir) {
    Path file = dir.resolve("compare.json");
    if (!Files.isRegularFile(file)) return null;
    try {
      JsonNode m = JSON.readTree(file.toFile());
      List<Manifest.Scenario> scenarios = new ArrayList<>();
      m.get("scenarios").fields().forEachRemaining(e -> scenarios.add(new Manifest.Scenario(e.getKey(),
          e.getValue().get("file").asText(), strings(e.getValue().get("overrides")), strings(e.getValue().get("runs")),
          e.getValue().hasNonNull("resolved") ? e.getValue().get("resolved").asText() : null)));
      return new Manifest(m.get("id").asText(), m.get("seeds").asInt(), m.get("first_seed").asLong(),
          strings(m.get("overrides")), scenarios, !m.has("complete") || m.get("complete").asBoolean());
    } catch (IOException | RuntimeException e) {
      throw new UncheckedIOException(new IOException(file + ": not a comparison's manifest (" + e.getMessage() + ")",
          e));
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void writeJson(OutputFolder folder, Path dir, Map<String, Object> json) {
    try {
      String text = JSON.writeValueAsString(json) + "\n";
      folder.write("compare.json", w -> w.write(text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("compare.json") + ": " + e.getMessage(), e);
    }
  }

  public static void write(Path dir, Comparison c, Map<String, Object> manifest) {
    OutputFolder folder = OutputFolder.open(dir);
    folder.write("compare.csv", TidyCsv.table(List.of("scenario", "metric", "statistic", "value"), rows -> {
      for (HeadlineMetric m : c.metrics()) {
        List<MetricSummary> summaries = c.byMetric().get(m.name());
        for (int k = 0; k < c.scenarios().size(); k++) {
          for (MetricSummary.Stat s : summaries.get(k).stats()) {
            rows.write(List.of(c.scenarios().get(k), m.name(), s.name(), TidyCsv.number(s.value())));
          }
        }
      }
    }));
    folder.write("compare-differences.csv", TidyCsv.table(List.of("metric", "scenario_a", "scenario_b", "statistic",
        "estimate", "ci_low", "ci_high", "resolved"), rows -> {
      for (Comparison.Difference d : c.differences()) {
        rows.write(List.of(d.metric().name(), d.a(), d.b(), d.statistic(), TidyCsv.number(d.estimate().estimate()),
            TidyCsv.number(d.estimate().low()), TidyCsv.number(d.estimate().high()), Boolean.toString(d.resolved())));
      }
    }));
    Map<String, Object> json = new LinkedHashMap<>(manifest);
    Map<String, Object> best = new LinkedHashMap<>();
    c.verdicts().forEach((metric, v) -> best.put(metric, v.best()));
    json.put("best", best);
    List<String> metrics = new ArrayList<>();
    c.metrics().forEach(m -> metrics.add(m.name()));
    json.put("metrics", metrics);
    json.put("complete", true);
    writeJson(folder, dir, json);
  }
}
