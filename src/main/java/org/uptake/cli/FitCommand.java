package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uptake.fit.BassFit;
import org.uptake.fit.BassFitOutputs;
import org.uptake.fit.ObservedSeries;
import org.uptake.report.OutputFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fit", mixinStandardHelpOptions = true,
    description = {"Fits a model to observed adoption data. With --bass-curve: the Bass curve's p (innovation), "
        + "q (imitation) and m (market size) by nonlinear least squares on adoptions per period, with standard "
        + "errors, their correlations and warnings where the data do not pin them down. Prints the estimates and "
        + "writes fit.json, fit.csv (observed against fitted) and fit.png / fit.svg. Nothing is recorded in the "
        + "journal.",
        "The CSV has the header period,adoptions and one row per period: 1, 2, 3, ... in order.",
        "Example: uptake fit --bass-curve simulations/data/vcr-sales.csv"})
final class FitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--bass-curve", paramLabel = "FILE.csv", required = true,
      description = "Adoptions per period (columns period,adoptions) to fit the Bass curve to.")
  Path data;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where the files go (default: fits/<the CSV's name without .csv>).")
  Path out;

  @Override
  public Integer call() {
    Path dir = out != null ? out : Path.of("fits", data.getFileName().toString().replaceFirst("\\.csv$", ""));
    Outputs.checkWritable(dir, "--out");
    OutputFolder.check(dir);
    double[] adoptions = ObservedSeries.adoptionsPerPeriod(data);
    BassFit.Result fit = BassFit.fit(adoptions);
    List<Path> files = BassFitOutputs.write(fit, adoptions, data, dir);
    print(spec.commandLine().getOut(), fit, adoptions);
    spec.commandLine().getOut().println("Wrote " + String.join(", ", files.stream().map(Path::toString).toList()));
    return 0;
  }

  private void print(PrintWriter o, BassFit.Result fit, double[] adoptions) {
    double total = 0;
    for (double a : adoptions) total += a;
    o.printf(Locale.ROOT, "Bass curve fitted to %s: %d periods, %s adoptions in all.%n", data, adoptions.length,
        plain(total));
    o.printf(Locale.ROOT, "  %-18s %12s %16s%n", "", "estimate", "standard error");
    row(o, "p (innovation)", fit.p());
    row(o, "q (imitation)", fit.q());
    row(o, "m (market size)", fit.m());
    o.printf(Locale.ROOT, "Adoptions peak at period %.1f. Residual standard error %s on %d degrees of freedom "
        + "(best of %d starting points, %d converged).%n", fit.curve().peakTime(), plain(fit.residualStandardError()),
        fit.degreesOfFreedom(), fit.starts(), fit.converged());
    for (String w : fit.warnings()) o.println("Warning: " + w + ".");
  }

  private static void row(PrintWriter o, String name, BassFit.Estimate e) {
    o.printf(Locale.ROOT, "  %-18s %12s %16s%n", name, plain(e.estimate()),
        Double.isFinite(e.standardError()) ? plain(e.standardError()) : "undefined");
  }

  /** Four significant figures, without an exponent for everyday sizes. */
  private static String plain(double v) {
    if (v != 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 1e-4)) return String.format(Locale.ROOT, "%.4g", v);
    return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
