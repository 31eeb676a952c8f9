package org.uptake.fit;

/**
 * The Bass (1969) diffusion curve in continuous time: the share adopted by time t is
 * F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}), and {@code m} people adopt in the end.
 */
public record BassCurve(double p, double q, double m) {

  /** F(t), the share of the market adopted by time t (0 at t = 0). */
  public double share(double t) {
    double e = Math.exp(-(p + q) * t);
    return (1 - e) / (1 + q / p * e);
  }

  /** m·[F(t) − F(t − 1)]: the adoptions expected in period t (periods from 1). */
  public double adoptions(int period) {
    return m * (share(period) - share(period - 1));
  }

  /** The time at which adoptions per unit of time peak, ln(q/p)/(p + q); 0 when q ≤ p (they fall from the start). */
  public double peakTime() {
    return q > p ? Math.log(q / p) / (p + q) : 0;
  }

  /** ∂F(t)/∂p and ∂F(t)/∂q, by the quotient rule on F = (1 − e)/(1 + (q/p)e) with e = e^{−(p+q)t}. */
  double[] shareGradient(double t) {
    double e = Math.exp(-(p + q) * t);
    double numerator = 1 - e;
    double denominator = 1 + q / p * e;
    // d e / dp = d e / dq = −t·e
    double dNumerator = t * e;
    double dDenominatorDp = -q / (p * p) * e - q / p * t * e;
    double dDenominatorDq = e / p - q / p * t * e;
    double d2 = denominator * denominator;
    return new double[] {
        (dNumerator * denominator - numerator * dDenominatorDp) / d2,
        (dNumerator * denominator - numerator * dDenominatorDq) / d2};
  }

  /** ∂/∂(p, q, m) of {@link #adoptions}. */
  double[] adoptionsGradient(int period) {
    double[] now = shareGradient(period);
    double[] before = shareGradient(period - 1);
    return new double[] {m * (now[0] - before[0]), m * (now[1] - before[1]), share(period) - share(period - 1)};
  }
}
