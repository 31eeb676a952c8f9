package org.uptake.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uptake.experiment.CompareReport;
import org.uptake.experiment.Comparison;
import org.uptake.report.Charts;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.RunProjection;

/**
 * A comparison the page follows: how many of its runs are done, then its result as the page draws it. The numbers are
 * experiment.Comparison's, the ones `uptake compare` prints and writes.
 */
public final class Comparing {
  /** One headline metric: each scenario's summary (in the scenarios' order) and the verdict. */
  public record MetricRow(String label, List<String> values, String best) {}

  /** A scenario's mean share active per week with its 95% interval (inside [0, 1]). */
  public record Band(String scenario, double[] x, double[] mean, double[] low, double[] high) {}

  /** The result: scenarios, the table, the curves, and a paragraph that says it in words. */
  public record View(String id, String unit, int seeds, List<String> scenarios, List<MetricRow> metrics,
      List<Band> bands, String summary) {}

  private final String id;
  private final int total;
  private int done;
  private String status = "queued";
  private String message;
  private View view;

  Comparing(String id, int total) {
    this.id = id;
    this.total = total;
  }

  public String id() {
    return id;
  }

  /** What the page polls: status, runs done of all, and the result or why there is none. */
  public synchronized Map<String, Object> state() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    out.put("status", status);
    out.put("done", done);
    out.put("total", total);
    out.put("message", message);
    out.put("result", view);
    return out;
  }

  public synchronized String status() {
    return status;
  }

  public synchronized boolean ended() {
    return !status.equals("queued") && !status.equals("running");
  }

  synchronized void running() {
    status = "running";
  }

  synchronized void runDone() {
    done++;
  }

  synchronized void end(String s, String why) {
    status = s;
    message = why;
  }

  synchronized void finish(Comparison c, Map<String, List<RunProjection.Result>> projections, int seeds) {
    List<MetricRow> rows = new ArrayList<>();
    List<String> said = new ArrayList<>();
    for (HeadlineMetric m : c.metrics()) {
      List<String> values = c.byMetric().get(m.name()).stream().map(s -> s.describe(c.unit())).toList();
      Comparison.Verdict v = c.verdicts().get(m.name());
      rows.add(new MetricRow(m.label(), values, c.describe(v)));
      if (v.best() != null) said.add(m.label() + ": " + c.describe(v) + ".");
    }
    List<Band> bands = new ArrayList<>();
    projections.forEach((name, runs) -> {
      Charts.Band b = CompareReport.band(name, runs, RunProjection.Row::active);
      bands.add(new Band(name, b.x(), b.mean(), b.low(), b.high()));
    });
    String summary = said.isEmpty()
        ? "Over these " + seeds + " seeds (the same for each scenario) no scenario is clearly better on any headline "
            + "metric: the differences are within the runs' spread. More seeds may resolve them."
        : "Over " + seeds + " seeds (the same for each scenario), where the difference is resolved (95% interval): "
            + String.join(" ", said) + " Elsewhere there is no clear difference.";
    view = new View(id, c.unit(), seeds, c.scenarios(), rows, bands, summary);
    done = total;
    status = "finished";
  }
}
