package org.uptake.fit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uptake.report.Charts;
import org.uptake.report.OutputFolder;
import org.uptake.report.TidyCsv;

/**
 * A Bass-curve fit's files: {@code fit.json} (the estimates, their standard errors and correlations, the residual
 * error, warnings), {@code fit.csv} (observed against fitted, period by period) and {@code fit.png} / {@code .svg}.
 */
public final class BassFitOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  public static final String METHOD = "nonlinear least squares on adoptions per period, m*[F(t) - F(t-1)], with the "
      + "closed-form Bass F (Srinivasan & Mason 1986); Levenberg-Marquardt from a grid of starting points; standard "
      + "errors from s^2 (J'J)^-1";

  private BassFitOutputs() {}

  /** Writes the files into {@code dir} (refused, before anything is written, if it is not Uptake's to write). */
  public static List<Path> write(BassFit.Result fit, double[] observed, Path data, Path dir) {
    OutputFolder folder = OutputFolder.open(dir);
    List<Path> written = new ArrayList<>();
    written.add(folder.writeBytes("fit.json", json(fit, observed, data).getBytes(StandardCharsets.UTF_8)));
    written.add(folder.write("fit.csv", TidyCsv.table(List.of("period", "observed", "fitted", "residual",
        "observed_cumulative", "fitted_cumulative"), rows -> {
          double seen = 0;
          for (int k = 0; k < observed.length; k++) {
            seen += observed[k];
            rows.write(List.of(Integer.toString(k + 1), TidyCsv.number(observed[k]), TidyCsv.number(fit.fitted()[k]),
                TidyCsv.number(observed[k] - fit.fitted()[k]), TidyCsv.number(seen),
                TidyCsv.number(fit.curve().m() * fit.curve().share(k + 1))));
          }
        })));
    double[] periods = new double[observed.length];
    for (int k = 0; k < periods.length; k++) periods[k] = k + 1;
    Charts.Rendered chart = Charts.render(Charts.observedAndFitted("Bass curve fitted to " + data.getFileName(),
        "period", "adoptions per period", periods, observed, fit.fitted()));
    written.add(folder.writeBytes("fit.png", chart.png()));
    written.add(folder.writeBytes("fit.svg", chart.svg()));
    return written;
  }

  static String json(BassFit.Result fit, double[] observed, Path data) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("model", "bass");
    out.put("method", METHOD);
    out.put("data", data.toString());
    out.put("periods", observed.length);
    double total = 0;
    for (double a : observed) total += a;
    out.put("adoptions", total);
    out.put("p", estimate(fit.p()));
    out.put("q", estimate(fit.q()));
    out.put("m", estimate(fit.m()));
    Map<String, Object> correlation = new LinkedHashMap<>();
    correlation.put("p_q", finite(fit.correlationPQ()));
    correlation.put("p_m", finite(fit.correlationPM()));
    correlation.put("q_m", finite(fit.correlationQM()));
    out.put("correlation", correlation);
    out.put("peak_time", fit.curve().peakTime());
    out.put("sum_of_squares", fit.sse());
    out.put("degrees_of_freedom", fit.degreesOfFreedom());
    out.put("residual_standard_error", fit.residualStandardError());
    out.put("starts", fit.starts());
    out.put("starts_converged", fit.converged());
    out.put("warnings", fit.warnings());
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> estimate(BassFit.Estimate e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("estimate", e.estimate());
    out.put("standard_error", finite(e.standardError()));
    return out;
  }

  /** JSON has no NaN: an undefined value is null. */
  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
