package org.uptake.fit;

import java.util.List;

/**
 * A fit linearised at its estimate: the observed points it is measured on, the mean curve there, the curve's
 * Jacobian from the central-difference pairs, and each bootstrap run's residual from the mean curve. The intervals
 * with priors ({@link Posterior}) and without ({@link FitAnalysis}) both rest on it.
 */
record Linearised(Points points, double[] fitted, double[][] jacobian, double[][] residuals) {

  static Linearised at(FitSpec spec, Observed observed, Fit.CandidateEvaluated estimate,
      List<Fit.CandidateEvaluated> pairs, Fit.CandidateEvaluated bootstrap) {
    Points points = Points.of(observed, estimate.people(), 0, spec.fitWeeks());
    double[] fitted = points.mean(estimate.series());
    List<List<List<Double>>> runs = bootstrap.series();
    double[][] residuals = new double[runs.size()][];
    for (int b = 0; b < runs.size(); b++) {
      double[] y = points.of(runs.get(b));
      residuals[b] = new double[y.length];
      for (int i = 0; i < y.length; i++) residuals[b][i] = y[i] - fitted[i];
    }
    return new Linearised(points, fitted, points.jacobian(pairs), residuals);
  }
}
