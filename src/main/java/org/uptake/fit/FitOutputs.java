package org.uptake.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.report.Charts;
import org.uptake.report.HtmlReport;
import org.uptake.report.Numbers;
import org.uptake.report.OutputFolder;
import org.uptake.report.Reports;
import org.uptake.report.TidyCsv;

/**
 * A fit's files, all from its record in the journal: {@code fit.json} (estimates, intervals, correlations,
 * hold-out error, warnings), {@code fit.csv} (observed against simulated, week by week, tidy), {@code trace.csv}
 * (every candidate in order with the best loss so far), {@code best.conf} (the base scenario with the estimates,
 * runnable), {@code fit.png} / {@code .svg} and {@code report.html}.
 */
public final class FitOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FitOutputs() {}

  /** Writes the files into {@code dir} (refused, before anything is written, if it is not Uptake's to write). */
  public static List<Path> write(FitAnalysis a, Path dir) {
    OutputFolder folder = OutputFolder.open(dir);
    FitSpec spec = a.log().spec();
    List<Path> written = new ArrayList<>();
    written.add(folder.writeBytes("fit.json", json(a).getBytes(StandardCharsets.UTF_8)));
    written.add(folder.write("fit.csv", TidyCsv.table(List.of("week", "series", "observed", "simulated",
        "band_low", "band_high", "residual", "part"), rows -> {
          Observed observed = a.log().started().observed();
          for (Observed.Week w : observed.weeks()) {
            for (int c = 0; c < observed.columns().size(); c++) {
              Double v = w.values().get(c);
              if (v == null) continue;
              String column = observed.columns().get(c);
              double scale = Observed.isShare(column) ? 1 : a.best().people();
              FitAnalysis.Curve curve = a.curves().get(c);
              double simulated = curve.mean()[w.week()] * scale;
              rows.write(List.of(Integer.toString(w.week()), column, TidyCsv.number(v), TidyCsv.number(simulated),
                  TidyCsv.number(curve.low()[w.week()] * scale), TidyCsv.number(curve.high()[w.week()] * scale),
                  TidyCsv.number(v - simulated), w.week() <= spec.fitWeeks() ? "fit" : "holdout"));
            }
          }
        })));
    List<String> traceColumns = new ArrayList<>(List.of("candidate", "role"));
    traceColumns.addAll(spec.keys());
    traceColumns.addAll(List.of("loss", "best_loss"));
    written.add(folder.write("trace.csv", TidyCsv.table(traceColumns, rows -> {
      double best = Double.POSITIVE_INFINITY;
      for (Fit.CandidateEvaluated c : a.log().candidates()) {
        List<String> row = new ArrayList<>(List.of(Integer.toString(c.number()),
            c.role().name().toLowerCase(Locale.ROOT)));
        c.values().forEach(v -> row.add(TidyCsv.number(v)));
        if (c.role() == Fit.Role.SEARCH) best = Math.min(best, c.loss());
        row.add(Double.isFinite(c.loss()) ? TidyCsv.number(c.loss()) : "");
        row.add(TidyCsv.number(best));
        rows.write(row);
      }
    })));
    written.add(folder.writeBytes("best.conf", bestScenario(a, dir).getBytes(StandardCharsets.UTF_8)));
    Charts.Rendered chart = Charts.render(chart(a));
    written.add(folder.writeBytes("fit.png", chart.png()));
    written.add(folder.writeBytes("fit.svg", chart.svg()));
    written.add(Reports.staged(dir, tmp -> report(a, tmp)));
    return written;
  }

  static org.knowm.xchart.XYChart chart(FitAnalysis a) {
    FitSpec spec = a.log().spec();
    Observed observed = a.log().started().observed();
    List<Charts.Fitted> curves = new ArrayList<>();
    for (int c = 0; c < observed.columns().size(); c++) {
      FitAnalysis.Curve curve = a.curves().get(c);
      double[] x = new double[curve.mean().length];
      for (int w = 0; w < x.length; w++) x[w] = w;
      List<double[]> seen = new ArrayList<>();
      List<double[]> held = new ArrayList<>();
      for (Points.Point p : Points.of(observed, a.best().people(), 0, Integer.MAX_VALUE).points()) {
        if (p.column() != c) continue;
        (p.week() <= spec.fitWeeks() ? seen : held).add(new double[] {p.week(), p.share()});
      }
      curves.add(new Charts.Fitted(curve.column(), x, curve.mean(), curve.low(), curve.high(),
          seen.stream().mapToDouble(v -> v[0]).toArray(), seen.stream().mapToDouble(v -> v[1]).toArray(),
          held.stream().mapToDouble(v -> v[0]).toArray(), held.stream().mapToDouble(v -> v[1]).toArray()));
    }
    return Charts.fitted("Fit " + a.log().started().fitId() + ": observed against simulated", a.log().unit(),
        curves);
  }

  /** The base scenario with the estimated keys, included by a path relative to where the file is written. */
  static String bestScenario(FitAnalysis a, Path dir) {
    FitSpec spec = a.log().spec();
    Path base = Path.of(spec.base()).toAbsolutePath().normalize();
    String include = dir.toAbsolutePath().normalize().relativize(base).toString().replace('\\', '/');
    StringBuilder out = new StringBuilder();
    out.append("# The best candidate of fit ").append(a.log().started().fitId()).append(" (uptake fit ")
        .append(spec.file()).append("): the base scenario with the estimated keys.\n");
    out.append("# Run it with: uptake run ").append(dir.resolve("best.conf")).append('\n');
    out.append("include \"").append(include).append("\"\n");
    for (FitAnalysis.Parameter p : a.parameters()) {
      out.append(p.key()).append(" = ").append(p.estimate()).append('\n');
    }
    return out.toString();
  }

  static String json(FitAnalysis a) {
    FitSpec spec = a.log().spec();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fit_id", a.log().started().fitId());
    out.put("base", spec.base());
    out.put("observed", spec.observed());
    out.put("method", a.method());
    out.put("replications", spec.replications());
    out.put("first_seed", spec.firstSeed());
    out.put("candidates_searched", a.searched());
    out.put("evaluations", spec.evaluations());
    out.put("bootstrap_runs", spec.bootstrap());
    out.put("fit_weeks", spec.fitWeeks());
    out.put("points", a.points());
    Map<String, Object> estimates = new LinkedHashMap<>();
    for (FitAnalysis.Parameter p : a.parameters()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("estimate", p.estimate());
      e.put("standard_error", p.standardError());
      e.put("low", p.low());
      e.put("high", p.high());
      e.put("from", p.from());
      e.put("to", p.to());
      FitSpec.Prior prior = spec.estimate().get(estimates.size()).prior();
      if (prior != null) {
        Map<String, Object> normal = new LinkedHashMap<>();
        normal.put("distribution", "normal");
        normal.put("mean", prior.mean());
        normal.put("sd", prior.sd());
        e.put("prior", normal);
      }
      estimates.put(p.key(), e);
    }
    out.put("estimates", estimates);
    Map<String, Object> correlation = new LinkedHashMap<>();
    List<String> keys = spec.keys();
    for (int i = 0; i < keys.size(); i++) {
      for (int j = i + 1; j < keys.size(); j++) {
        double r = a.correlation()[i][j];
        correlation.put(keys.get(i) + " ~ " + keys.get(j), Double.isFinite(r) ? r : null);
      }
    }
    out.put("correlation", correlation);
    out.put("sum_of_squares", a.loss());
    out.put("rmse", Math.sqrt(a.loss() / a.points()));
    out.put("misfit_p", a.misfit());
    if (a.holdout() != null) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("points", a.holdout().points());
      h.put("rmse", a.holdout().rmse());
      h.put("in_band", a.holdout().inBand());
      out.put("holdout", h);
    }
    out.put("warnings", a.warnings());
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The lines a reader sees first, in the terminal and at the top of the report. */
  public static List<String> summary(FitAnalysis a) {
    FitSpec spec = a.log().spec();
    List<String> lines = new ArrayList<>();
    for (FitAnalysis.Parameter p : a.parameters()) {
      lines.add(p.low() == null ? String.format(Locale.ROOT, "%s = %s (no interval: not identifiable)", p.key(),
          Numbers.plain(p.estimate())) : String.format(Locale.ROOT, "%s = %s, 95%% interval %s to %s (standard error %s)",
          p.key(), Numbers.plain(p.estimate()), Numbers.plain(p.low()), Numbers.plain(p.high()), Numbers.plain(p.standardError())));
    }
    if (a.withPriors()) {
      lines.add("The estimates combine the data with the priors on " + String.join(", ", a.priors()) + ": each is "
          + "the posterior mean, its interval the posterior's.");
    }
    lines.add(String.format(Locale.ROOT, "Root mean square error %s of the headcount over %d observed values up "
        + "to %s %d (%d candidates searched, %d runs each).", Numbers.plain(Math.sqrt(a.loss() / a.points())), a.points(),
        a.log().unit(), spec.fitWeeks(), a.searched(), spec.replications()));
    if (a.holdout() != null) {
      lines.add(String.format(Locale.ROOT, "Forecast of the %d held-out values after %s %d: root mean square error "
          + "%s of the headcount; %d of them inside the band of 95%% of single runs.", a.holdout().points(),
          a.log().unit(), spec.fitWeeks(), Numbers.plain(a.holdout().rmse()), a.holdout().inBand()));
    }
    return lines;
  }

  private static void report(FitAnalysis a, Path tmp) {
    FitSpec spec = a.log().spec();
    HtmlReport html = new HtmlReport("Fit " + a.log().started().fitId(), "base " + spec.base() + ", observed "
        + spec.observed() + "; " + spec.replications() + " runs a candidate with common random numbers");
    html.heading("Estimates (95% intervals)");
    boolean priors = a.withPriors();
    List<List<String>> table = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("key", "estimate", "95% interval", "standard error", "bounds searched"));
    if (priors) header.add("prior");
    table.add(header);
    for (int i = 0; i < a.parameters().size(); i++) {
      FitAnalysis.Parameter p = a.parameters().get(i);
      List<String> row = new ArrayList<>(List.of(p.key(), Numbers.plain(p.estimate()), p.low() == null ? "undefined"
          : Numbers.plain(p.low()) + " to " + Numbers.plain(p.high()), p.standardError() == null ? "undefined"
          : Numbers.plain(p.standardError()), Numbers.plain(p.from()) + " to " + Numbers.plain(p.to())));
      if (priors) {
        FitSpec.Prior prior = spec.estimate().get(i).prior();
        row.add(prior == null ? "none" : FitAnalysis.words(prior));
      }
      table.add(row);
    }
    html.table(table);
    List<String> summary = summary(a);
    for (String line : summary.subList(a.parameters().size(), summary.size())) html.paragraph(line);
    for (String w : a.warnings()) html.paragraph("Warning: " + w + ".");
    html.paragraph("Method: " + a.method() + ".");
    String lines = priors ? "Lines: the mean of the " + spec.bootstrap() + " runs at the posterior estimate; dashed: "
        + "where 95% of them fall" : "Lines: the mean of the " + spec.replications() + " runs at the estimate; "
        + "dashed: where 95% of single runs at the estimate fall (" + spec.bootstrap() + " runs)";
    html.figure(Charts.save(chart(a), tmp.resolve("charts"), "fit", lines
        + "; dots: observed (triangles: held out, not used by the fit)."), tmp);
    html.write(tmp);
  }
}
