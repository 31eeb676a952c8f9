package org.uptake.fit;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * The estimate of a fit with priors: the data's estimate and precision combined with normal priors by the
 * normal-normal rule (the Laplace approximation of the likelihood). With θ̂ the least-squares estimate, P the
 * precision the data give it and Λ the priors' precisions (1/sd², 0 for a key without a prior), the posterior is
 * normal with covariance V = (P + Λ)^-1 and mean m = V (P θ̂ + Λ μ).
 *
 * <p>P comes from the same linearised parametric bootstrap as the intervals without priors: with J the Jacobian of
 * the mean curve at θ̂ and g_b = J'(y_b - ŷ) for each bootstrap run b, the data's covariance is
 * (J'J)^-1 cov(g) (J'J)^-1 times 1 + 1/R, so P = J'J cov(g)^+ J'J / (1 + 1/R). Written this way P exists even when
 * the data alone do not pin a key down (J'J singular): it is then 0 in that direction, and the prior decides there.
 */
record Posterior(double[] mean, double[][] covariance) {

  /**
   * The posterior for {@code spec}'s priors, from the data's estimate {@code theta} and the fit linearised there;
   * empty when the data and priors together leave a direction undetermined (a key the data do not see and without
   * a prior).
   */
  static Optional<Posterior> of(FitSpec spec, Linearised at, List<Double> theta) {
    int k = spec.estimate().size();
    RealMatrix j = new Array2DRowRealMatrix(at.jacobian(), false);
    double[][] g = new double[at.residuals().length][];
    for (int b = 0; b < g.length; b++) g[b] = j.transpose().operate(at.residuals()[b]);
    RealMatrix gCov = k == 1 ? MatrixUtils.createRealMatrix(new double[][] {{FitAnalysis.variance(g, 0)}})
        : new Covariance(g).getCovarianceMatrix();
    RealMatrix jtj = j.transpose().multiply(j);
    RealMatrix precision = jtj.multiply(new SingularValueDecomposition(gCov).getSolver().getInverse()).multiply(jtj)
        .scalarMultiply(1 / (1 + 1.0 / spec.replications()));
    return combine(spec.estimate(), theta, precision.getData());
  }

  /**
   * The normal-normal rule: the data's estimate {@code theta} with precision {@code precision}, and each key's prior.
   * The mean is held within the bounds.
   */
  static Optional<Posterior> combine(List<FitSpec.Estimate> keys, List<Double> theta, double[][] precision) {
    int k = keys.size();
    RealMatrix p = new Array2DRowRealMatrix(precision);
    RealMatrix a = p.copy();
    RealVector priorTerm = new ArrayRealVector(k);
    for (int i = 0; i < k; i++) {
      FitSpec.Prior prior = keys.get(i).prior();
      if (prior == null) continue;
      double lambda = 1 / (prior.sd() * prior.sd());
      a.addToEntry(i, i, lambda);
      priorTerm.setEntry(i, lambda * prior.mean());
    }
    SingularValueDecomposition svd = new SingularValueDecomposition(a);
    if (svd.getRank() < k || svd.getConditionNumber() > 1e12) return Optional.empty();
    RealMatrix v = svd.getSolver().getInverse();
    RealVector thetaV = new ArrayRealVector(theta.stream().mapToDouble(Double::doubleValue).toArray());
    double[] m = v.operate(p.operate(thetaV).add(priorTerm)).toArray();
    for (int i = 0; i < k; i++) {
      FitSpec.Estimate e = keys.get(i);
      m[i] = Math.min(e.to(), Math.max(e.from(), FitSearch.round(m[i])));
    }
    return Optional.of(new Posterior(m, v.getData()));
  }

  List<Double> values() {
    return Arrays.stream(mean).boxed().toList();
  }
}
