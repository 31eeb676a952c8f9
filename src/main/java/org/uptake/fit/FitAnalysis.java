package org.uptake.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.uptake.report.Numbers;

/**
 * What a finished fit found, computed from its journal record alone: the estimate (the search's best candidate),
 * 95% intervals and correlations by a linearised parametric bootstrap, the fitted curves with a band, the hold-out
 * forecast error and warnings.
 *
 * <p>The bootstrap: B runs at the estimate with fresh seeds stand for B data sets the model could have produced;
 * each is turned into the estimate it would have given by one Gauss-Newton step from the estimate, δ_b = (J'J)^-1
 * J'(y_b - ŷ), with J the Jacobian of the mean curve at the estimate (central differences). The covariance of the
 * δ_b, times 1 + 1/R for the noise of the R-run mean the search compares with, is the estimates' covariance: the
 * sandwich (J'J)^-1 J'ΣJ (J'J)^-1 with Σ the runs' own covariance, autocorrelation over weeks included, which an
 * s^2 (J'J)^-1 from the residuals would miss. It assumes the model is right and the estimate near the optimum;
 * the misfit check says when the first fails.
 */
public record FitAnalysis(FitLog log, List<Parameter> parameters, double[][] correlation, double loss, int points,
    int searched, Fit.CandidateEvaluated best, List<Curve> curves, Holdout holdout, double misfit,
    List<String> warnings) {

  /** One estimated key: the estimate, its standard error and 95% interval (null where they are undefined). */
  public record Parameter(String key, double from, double to, double estimate, Double standardError, Double low,
      Double high) {}

  /**
   * An observed column against the runs at the estimate, at every tick 0 to the horizon: the mean of the
   * search's R runs, and the band in which 95% of single runs at the estimate fall (the bootstrap runs' 2.5% and
   * 97.5% quantiles), all as shares of the headcount.
   */
  public record Curve(String column, double[] mean, double[] low, double[] high) {}

  /** The weeks after fit-weeks, forecast: how many observed values, their root mean square error, and how many fell in the band. */
  public record Holdout(int points, double rmse, int inBand) {}

  public static final String METHOD = "least squares on shares of the headcount between the observed values and the "
      + "mean of R runs with common random numbers, minimised within the bounds by a Latin hypercube, CMA-ES (Commons "
      + "Math) and Gauss-Newton steps; 95% "
      + "intervals by a linearised parametric bootstrap (B runs at the estimate with fresh seeds, each mapped to an "
      + "estimate by one Gauss-Newton step, covariance times 1 + 1/R), clipped to the bounds";

  /** Whether the estimates combine the data with priors (the reported candidate is the posterior's). */
  public boolean withPriors() {
    return best.role() == Fit.Role.POSTERIOR;
  }

  /** How the estimates were made, in a sentence for the files. */
  public String method() {
    if (!withPriors()) return METHOD;
    return METHOD + "; then combined with the normal priors by the normal-normal rule (the Laplace approximation of "
        + "the likelihood: posterior covariance (P + Λ)^-1 with P the data's precision from the bootstrap and Λ the "
        + "priors'), the estimate being the posterior mean, run again on the bootstrap's seeds, with normal 95% "
        + "intervals";
  }

  /** The priors, as "key: normal, mean M, sd S" phrases (empty for a fit without priors). */
  public List<String> priors() {
    List<String> out = new ArrayList<>();
    for (FitSpec.Estimate e : log.spec().estimate()) {
      if (e.prior() != null) {
        out.add(e.key() + " (prior: " + words(e.prior()) + ")");
      }
    }
    return out;
  }

  /** A prior as the files say it: "normal, mean M, sd S". */
  static String words(FitSpec.Prior prior) {
    return "normal, mean " + Numbers.plain(prior.mean()) + ", sd " + Numbers.plain(prior.sd());
  }

  /** A fit whose every candidate is recorded; the analysis of an unfinished one is refused. */
  public static FitAnalysis of(FitLog log) {
    FitSpec spec = log.spec();
    Observed observed = log.started().observed();
    List<Fit.CandidateEvaluated> search = role(log, Fit.Role.SEARCH);
    List<Fit.CandidateEvaluated> jacobian = role(log, Fit.Role.JACOBIAN);
    List<Fit.CandidateEvaluated> bootstrap = role(log, Fit.Role.BOOTSTRAP);
    List<Fit.CandidateEvaluated> atPosterior = role(log, Fit.Role.POSTERIOR);
    int k = spec.estimate().size();
    if (search.isEmpty() || jacobian.size() < 2 * k || bootstrap.size() != 1) {
      throw new IllegalStateException("fit " + log.started().fitId() + " is not finished");
    }
    Fit.CandidateEvaluated best = search.stream().min(Comparator.comparingDouble(Fit.CandidateEvaluated::loss))
        .orElseThrow();
    List<Fit.CandidateEvaluated> pairs = jacobian.subList(jacobian.size() - 2 * k, jacobian.size());
    // The last Jacobian the search evaluated is at the estimate.
    Linearised at = Linearised.at(spec, observed, best, pairs, bootstrap.get(0));
    Optional<Posterior> posterior = spec.hasPriors() ? Posterior.of(spec, at, best.values()) : Optional.empty();
    if (posterior.isPresent() && atPosterior.size() != 1) {
      throw new IllegalStateException("fit " + log.started().fitId() + " is not finished");
    }
    Points fit = at.points();
    double[] fitted = at.fitted();
    List<String> warnings = new ArrayList<>();

    RealMatrix jm = new Array2DRowRealMatrix(at.jacobian(), false);
    SingularValueDecomposition svd = new SingularValueDecomposition(jm);
    boolean identifiable = svd.getRank() == k && svd.getConditionNumber() < 1e8;
    for (int p = 0; p < k; p++) {
      if (jm.getColumnVector(p).getNorm() * spec.estimate().get(p).width() * FitSearch.STEP < 1e-9) {
        warnings.add(spec.keys().get(p) + " is not identifiable: the fitted series do not change when it changes "
            + "by " + FitSearch.STEP * 100 + "% of its range");
      }
    }
    if (spec.hasPriors() && posterior.isEmpty()) {
      warnings.add("the priors do not make up for what the data leave undetermined (a key the data do not pin "
          + "down has no prior): the estimates are the data's alone");
    }
    if (!identifiable && warnings.isEmpty()) {
      warnings.add("the keys are not identifiable together: changes of one can be made up by the others (the "
          + "Jacobian's condition number is " + String.format(Locale.ROOT, "%.3g", svd.getConditionNumber()) + ")");
    }

    double[][] residuals = at.residuals();
    double[] bootSquares = new double[residuals.length];
    for (int r = 0; r < residuals.length; r++) {
      for (double x : residuals[r]) bootSquares[r] += x * x;
    }
    Spread spread = posterior.map(Spread::of)
        .orElseGet(() -> Spread.of(spec, best.values(), residuals, identifiable ? svd.getSolver() : null));
    List<Parameter> parameters = new ArrayList<>();
    double[][] cov = spread.covariance();
    for (int p = 0; p < k; p++) {
      FitSpec.Estimate e = spec.estimate().get(p);
      double v = spread.estimate()[p];
      double se = spread.standardError()[p];
      if (!spread.identifiable()) {
        parameters.add(new Parameter(e.key(), e.from(), e.to(), v, null, null, null));
        continue;
      }
      parameters.add(new Parameter(e.key(), e.from(), e.to(), v, se, Math.max(e.from(), v - spread.t() * se),
          Math.min(e.to(), v + spread.t() * se)));
      double edge = 0.01 * e.width();
      if (v - e.from() < edge || e.to() - v < edge) {
        warnings.add(e.key() + " = " + v + " is at a bound of its range (" + e.from() + " to " + e.to() + "): the "
            + "best value may lie beyond it, and its interval is cut there; widen the bounds if the scenario allows");
      } else if (se > Math.abs(v)) {
        warnings.add(e.key() + ": the standard error is larger than the estimate; the data hardly pin it down");
      }
    }
    double[][] correlation = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        correlation[a][b] = a == b ? 1 : cov == null || !spread.identifiable() ? Double.NaN
            : cov[a][b] / Math.sqrt(cov[a][a] * cov[b][b]);
        if (a < b && Math.abs(correlation[a][b]) > 0.95) {
          warnings.add(String.format(Locale.ROOT, "%s and %s are correlated at %.2f: the data pin down a "
              + "combination of them, not each one", spec.keys().get(a), spec.keys().get(b), correlation[a][b]));
        }
      }
    }
    double squares = fit.squares(fitted);
    long worse = Arrays.stream(bootSquares).filter(s -> s >= squares).count();
    double misfit = (1.0 + worse) / (1.0 + residuals.length);
    if (misfit < 0.05) {
      warnings.add(String.format(Locale.ROOT, "the model at the estimate fits the observed series worse than %d of "
          + "the %d series it generates itself (p = %.3f): the intervals assume the model is right and are too "
          + "narrow", residuals.length - worse, residuals.length, misfit));
    }

    // With priors, what is reported is the posterior estimate, with the curves and band of its own runs.
    Fit.CandidateEvaluated reported = posterior.isPresent() ? atPosterior.get(0) : best;
    List<List<List<Double>>> band = posterior.isPresent() ? reported.series() : bootstrap.get(0).series();
    double loss = fit.squares(fit.mean(reported.series()));
    List<Curve> curves = curves(observed, reported, band);
    Holdout holdout = null;
    if (spec.fitWeeks() < observed.lastWeek()) {
      Points later = Points.of(observed, reported.people(), spec.fitWeeks() + 1, Integer.MAX_VALUE);
      double[] forecast = later.mean(reported.series());
      int inBand = 0;
      for (int i = 0; i < later.size(); i++) {
        Points.Point p = later.points().get(i);
        Curve c = curves.get(p.column());
        if (p.share() >= c.low()[p.week()] && p.share() <= c.high()[p.week()]) inBand++;
      }
      holdout = new Holdout(later.size(), Math.sqrt(later.squares(forecast) / later.size()), inBand);
    }
    return new FitAnalysis(log, List.copyOf(parameters), correlation, loss, fit.size(), search.size(), reported,
        curves, holdout, misfit, List.copyOf(warnings));
  }

  /**
   * The estimates' spread: each one's standard error, the multiplier of a 95% interval, and their covariance (null
   * for one key, or fewer than 2 bootstrap runs); none of it is defined where the keys are not identifiable.
   */
  private record Spread(double[] estimate, double[] standardError, double t, double[][] covariance,
      boolean identifiable) {

    /**
     * The data's alone: each bootstrap run's residuals mapped to an estimate by one Gauss-Newton step
     * ({@code solver}'s; null where the keys are not identifiable), the covariance of those estimates times
     * 1 + 1/R, and Student's t with B - 1 degrees of freedom.
     */
    static Spread of(FitSpec spec, List<Double> estimate, double[][] residuals, DecompositionSolver solver) {
      int k = estimate.size();
      double[][] deltas = new double[residuals.length][];
      for (int b = 0; b < residuals.length; b++) {
        deltas[b] = solver != null ? solver.solve(new ArrayRealVector(residuals[b], false)).toArray() : new double[k];
      }
      double inflate = 1 + 1.0 / spec.replications();
      double[][] cov = k == 1 || deltas.length < 2 ? null : new Covariance(deltas).getCovarianceMatrix().getData();
      double[] se = new double[k];
      for (int p = 0; p < k; p++) se[p] = Math.sqrt((cov != null ? cov[p][p] : variance(deltas, p)) * inflate);
      return new Spread(estimate.stream().mapToDouble(Double::doubleValue).toArray(), se,
          new TDistribution(deltas.length - 1).inverseCumulativeProbability(0.975), cov, solver != null);
    }

    /** The posterior's, which is normal: its mean, its covariance, and the normal's 1.96. */
    static Spread of(Posterior posterior) {
      double[][] cov = posterior.covariance();
      double[] se = new double[cov.length];
      for (int p = 0; p < cov.length; p++) se[p] = Math.sqrt(cov[p][p]);
      return new Spread(posterior.mean(), se, new NormalDistribution().inverseCumulativeProbability(0.975), cov, true);
    }
  }

  private static List<Fit.CandidateEvaluated> role(FitLog log, Fit.Role role) {
    return log.candidates().stream().filter(c -> c.role() == role).toList();
  }

  /** The sample variance of column {@code col} of {@code rows}. */
  static double variance(double[][] rows, int col) {
    double[] x = new double[rows.length];
    for (int r = 0; r < rows.length; r++) x[r] = rows[r][col];
    return new org.apache.commons.math3.stat.descriptive.moment.Variance().evaluate(x);
  }

  private static List<Curve> curves(Observed observed, Fit.CandidateEvaluated best, List<List<List<Double>>> runs) {
    List<Curve> curves = new ArrayList<>();
    Percentile quantile = new Percentile();
    for (int c = 0; c < observed.columns().size(); c++) {
      int ticks = best.series().get(0).get(c).size();
      double[] mean = new double[ticks];
      double[] low = new double[ticks];
      double[] high = new double[ticks];
      for (int w = 0; w < ticks; w++) {
        for (List<List<Double>> run : best.series()) mean[w] += run.get(c).get(w) / best.series().size();
        double[] at = new double[runs.size()];
        for (int b = 0; b < at.length; b++) at[b] = runs.get(b).get(c).get(w);
        quantile.setData(at);
        low[w] = quantile.evaluate(2.5);
        high[w] = quantile.evaluate(97.5);
      }
      curves.add(new Curve(observed.columns().get(c), mean, low, high));
    }
    return List.copyOf(curves);
  }
}
