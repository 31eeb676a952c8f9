package org.uptake.optimise;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.uptake.optimise.Optimisation.PlanEvaluated;
import org.uptake.optimise.OptimiseAnalysis.Row;
import org.uptake.report.Charts;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.HtmlReport;
import org.uptake.report.Numbers;
import org.uptake.report.OutputFolder;
import org.uptake.report.Reports;
import org.uptake.report.TidyCsv;
import org.uptake.stats.Interval;

/**
 * An optimisation's files, all from its record in the journal: {@code optimise.json} (the best plan, its
 * confirmation against the baseline and the runner-up, the top ten, the frontier), {@code plans.csv} (every plan
 * evaluated, tidy, in the order evaluated), {@code best.conf} (the base scenario with the best plan, runnable),
 * {@code frontier.png} / {@code .svg} and {@code report.html}.
 */
public final class OptimiseOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  /** How many plans the top table shows. */
  static final int TOP = 10;

  private OptimiseOutputs() {}

  /** Writes the files into {@code dir} (refused, before anything is written, if it is not Uptake's to write). */
  public static List<Path> write(OptimiseAnalysis a, Path dir) {
    OutputFolder folder = OutputFolder.open(dir);
    List<Path> written = new ArrayList<>();
    written.add(folder.writeBytes("optimise.json", json(a).getBytes(StandardCharsets.UTF_8)));
    written.add(folder.write("plans.csv", plansCsv(a)));
    written.add(folder.writeBytes("best.conf", bestScenario(a, dir).getBytes(StandardCharsets.UTF_8)));
    Charts.Rendered chart = Charts.render(chart(a));
    written.add(folder.writeBytes("frontier.png", chart.png()));
    written.add(folder.writeBytes("frontier.svg", chart.svg()));
    written.add(Reports.staged(dir, tmp -> report(a, tmp)));
    return written;
  }

  private static TidyCsv.Body plansCsv(OptimiseAnalysis a) {
    OptimiseSpec spec = a.spec();
    boolean time = spec.metric().kind() == HeadlineMetric.Kind.TIME;
    List<String> columns = new ArrayList<>(List.of("plan", "role", "rank"));
    columns.addAll(spec.names());
    columns.addAll(List.of("cost", "runs", "objective", "objective_low", "objective_high"));
    if (time) columns.add("runs_reached");
    columns.addAll(List.of("difference", "difference_low", "difference_high"));
    List<Row> rows = new ArrayList<>();
    rows.add(OptimiseAnalysis.row(spec, a.baseline(), a.baseline()));
    rows.addAll(a.ranked());
    rows.sort(java.util.Comparator.comparingInt(r -> r.plan().number()));
    return TidyCsv.table(columns, out -> {
      for (Row r : rows) {
        PlanEvaluated p = r.plan();
        List<String> line = new ArrayList<>(List.of(Integer.toString(p.number()), p.role().name().toLowerCase(
            java.util.Locale.ROOT), p.role() == Optimisation.Role.BASELINE ? "" : Integer.toString(a.ranked().indexOf(r) + 1)));
        for (int k = 0; k < spec.decisions().size(); k++) {
          line.add(p.values().isEmpty() ? "" : TidyCsv.text(spec.decisions().get(k).label(p.values().get(k))));
        }
        line.addAll(List.of(TidyCsv.number(p.cost()), Integer.toString(p.results().size()),
            TidyCsv.number(r.objective().estimate()), TidyCsv.number(r.objective().low()),
            TidyCsv.number(r.objective().high())));
        if (time) line.add(Integer.toString(r.reached()));
        line.addAll(List.of(TidyCsv.number(r.difference().estimate()), TidyCsv.number(r.difference().low()),
            TidyCsv.number(r.difference().high())));
        out.write(line);
      }
    });
  }

  static XYChart chart(OptimiseAnalysis a) {
    List<Row> all = a.ranked();
    List<Row> f = a.frontier();
    Row base = OptimiseAnalysis.row(a.spec(), a.baseline(), a.baseline());
    return Charts.frontier(a.spec().metric().label(), "cost", response("plans", all), response("frontier", f),
        0, base.objective().estimate(), a.spec().metric().kind() == HeadlineMetric.Kind.SHARE);
  }

  private static Charts.Response response(String name, List<Row> rows) {
    return new Charts.Response(name, rows.stream().mapToDouble(r -> r.plan().cost()).toArray(),
        rows.stream().mapToDouble(r -> r.objective().estimate()).toArray(),
        rows.stream().mapToDouble(r -> r.objective().low()).toArray(),
        rows.stream().mapToDouble(r -> r.objective().high()).toArray());
  }

  /** The base scenario with the best plan's keys, included by a path relative to where the file is written. */
  static String bestScenario(OptimiseAnalysis a, Path dir) {
    OptimiseSpec spec = a.spec();
    Path base = Path.of(spec.base()).toAbsolutePath().normalize();
    String include = dir.toAbsolutePath().normalize().relativize(base).toString().replace('\\', '/');
    List<String> values = a.confirmation().best().plan().values();
    StringBuilder out = new StringBuilder();
    out.append("# The best plan of optimisation ").append(a.log().started().optimisationId()).append(" (uptake ")
        .append("optimise ").append(spec.file()).append("):\n#   ").append(spec.describe(values)).append('\n');
    out.append("# Run it with: uptake run ").append(dir.resolve("best.conf")).append('\n');
    out.append("include \"").append(include).append("\"\n");
    spec.keys(values).forEach((key, hocon) -> out.append(ConfigFactory.parseString(key + " = " + hocon).root()
        .render(ConfigRenderOptions.defaults().setOriginComments(false).setJson(false))));
    return out.toString();
  }

  static String json(OptimiseAnalysis a) {
    OptimiseSpec spec = a.spec();
    OptimiseAnalysis.Confirmation c = a.confirmation();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("optimisation_id", a.log().started().optimisationId());
    out.put("base", spec.base());
    out.put("objective", spec.objective());
    out.put("direction", spec.metric().higherIsBetter() ? "maximise" : "minimise");
    out.put("horizon", spec.ticks());
    out.put("budget", spec.budget());
    out.put("search", OptimiseSearch.exhaustive(spec) ? "exhaustive" : "cmaes");
    out.put("replications", spec.replications());
    out.put("first_seed", spec.firstSeed());
    out.put("plans_searched", a.ranked().size());
    out.put("confirmation_runs", spec.confirm());
    out.put("best", plan(a, c.best()));
    out.put("baseline", plan(a, c.baseline()));
    out.put("best_minus_baseline", interval(c.overBaseline()));
    out.put("best_better_than_baseline", a.better(c.overBaseline()));
    if (c.runnerUp() != null) {
      out.put("runner_up", plan(a, c.runnerUp()));
      out.put("best_minus_runner_up", interval(c.overRunnerUp()));
      out.put("best_better_than_runner_up", a.better(c.overRunnerUp()));
    }
    out.put("top", a.ranked().subList(0, Math.min(TOP, a.ranked().size())).stream().map(r -> plan(a, r)).toList());
    out.put("frontier", a.frontier().stream().map(r -> plan(a, r)).toList());
    out.put("summary", a.summary());
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> plan(OptimiseAnalysis a, Row r) {
    OptimiseSpec spec = a.spec();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("plan", r.plan().number());
    Map<String, Object> values = new LinkedHashMap<>();
    for (int k = 0; k < r.plan().values().size(); k++) {
      values.put(spec.names().get(k), spec.decisions().get(k).label(r.plan().values().get(k)));
    }
    out.put("decisions", values);
    out.put("cost", r.plan().cost());
    out.put("runs", r.plan().results().size());
    out.put("objective", interval(r.objective()));
    if (spec.metric().kind() == HeadlineMetric.Kind.TIME) out.put("runs_reached", r.reached());
    return out;
  }

  private static Map<String, Object> interval(Interval i) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("estimate", i.estimate());
    out.put("low", i.low());
    out.put("high", i.high());
    return out;
  }

  private static void report(OptimiseAnalysis a, Path tmp) {
    OptimiseSpec spec = a.spec();
    HtmlReport html = new HtmlReport("Optimisation " + a.log().started().optimisationId(), "base " + spec.base()
        + "; objective: " + a.objectiveLabel() + " at " + a.log().unit() + " " + spec.ticks() + ", "
        + (spec.metric().higherIsBetter() ? "more" : "less") + " is better");
    html.heading("What to do");
    for (String line : a.summary()) html.paragraph(line);
    html.heading("The top " + Math.min(TOP, a.ranked().size()) + " plans (" + spec.replications()
        + " runs each, the same seeds for every plan)");
    List<List<String>> table = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("rank"));
    header.addAll(spec.names());
    header.addAll(List.of("cost", a.spec().metric().label() + " (95% interval)", "against the baseline (95% interval)"));
    if (spec.metric().kind() == HeadlineMetric.Kind.TIME) header.add("runs reaching it");
    table.add(header);
    for (int i = 0; i < Math.min(TOP, a.ranked().size()); i++) {
      Row r = a.ranked().get(i);
      List<String> line = new ArrayList<>(List.of(Integer.toString(i + 1)));
      for (int k = 0; k < spec.decisions().size(); k++) line.add(spec.decisions().get(k).label(r.plan().values().get(k)));
      line.add(Numbers.plain(r.plan().cost()));
      line.add(a.format(r.objective().estimate(), false) + " (" + a.interval(r.objective(), false) + ")");
      line.add(a.format(r.difference().estimate(), true) + " (" + a.interval(r.difference(), true) + ")");
      if (spec.metric().kind() == HeadlineMetric.Kind.TIME) line.add(r.reached() + " of " + r.plan().results().size());
      table.add(line);
    }
    html.table(table);
    html.paragraph("The search's own means favour whichever plan was luckiest on its seeds, so the best plan, the "
        + "runner-up and the baseline were run again on " + spec.confirm() + " fresh seeds; the sentences above rest on "
        + "those runs. Every plan evaluated is in plans.csv.");
    html.figure(Charts.save(chart(a), tmp.resolve("charts"), "frontier", "Grey dots: every plan searched, at its "
        + "cost and mean; blue: the frontier, the plans no cheaper plan matches, with their 95% intervals; red "
        + "square: the baseline."), tmp);
    html.write(tmp);
  }
}
