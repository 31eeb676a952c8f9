package org.uptake.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * belong to which scenario, with each scenario's verdicts, so the report can be rebuilt from the journal.
 */
public final class CompareOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CompareOutputs() {}

  public static void write(Path dir, Comparison c, Map<String, Object> manifest) {
    OutputFolder folder = OutputFolder.open(dir);
    try {
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
      String text = JSON.writeValueAsString(json) + "\n";
      folder.write("compare.json", w -> w.write(text));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the comparison's files under " + dir + ": " + e.getMessage(), e);
    }
  }
}
