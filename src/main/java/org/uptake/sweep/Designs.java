package org.uptake.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.uptake.model.Draws;

/**
 * The points of a drawn sweep design, from stateless draws of the design seed (docs/design.md, note 1), so the
 * same file draws the same points on any machine. For each parameter the draw gives u in [0, 1): a continuous
 * parameter takes from + u·(to − from), to six significant figures; a list of values takes the value at
 * floor(u·L). A Latin hypercube (McKay, Beckman & Conover 1979) cuts [0, 1) into n equal strata per parameter and
 * puts exactly one point in each, the strata matched to points by a random permutation per parameter; so every
 * parameter's range is covered evenly whatever the number of parameters.
 */
public final class Designs {
  private static final MathContext SIX = new MathContext(6);

  private Designs() {}

  static List<SweepSpec.Point> draw(SweepSpec.Design design, List<SweepSpec.Parameter> parameters, int n,
      long seed) {
    double[][] u = unit(design, n, parameters.size(), seed);
    List<SweepSpec.Point> points = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String> values = new ArrayList<>();
      for (int j = 0; j < parameters.size(); j++) values.add(value(parameters.get(j), u[i][j]));
      points.add(new SweepSpec.Point(i + 1, List.copyOf(values)));
    }
    return List.copyOf(points);
  }

  /** {@code n} points of a Latin hypercube in [0, 1)^k, drawn from {@code seed}. */
  public static double[][] latinHypercube(int n, int k, long seed) {
    return unit(SweepSpec.Design.LATIN_HYPERCUBE, n, k, seed);
  }

  private static double[][] unit(SweepSpec.Design design, int n, int k, long seed) {
    double[][] u = new double[n][k];
    for (int j = 0; j < k; j++) {
      if (design == SweepSpec.Design.LATIN_HYPERCUBE) {
        int parameter = j;
        // Point i's stratum is its rank among n uniform draws: a random permutation of 0..n-1.
        Integer[] byDraw = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(byDraw, Comparator.comparingDouble(
            i -> Draws.uniform(seed, Draws.STREAM_DESIGN_ORDER, parameter, i)));
        for (int stratum = 0; stratum < n; stratum++) {
          int i = byDraw[stratum];
          u[i][j] = (stratum + Draws.uniform(seed, Draws.STREAM_DESIGN_OFFSET, j, i)) / n;
        }
      } else {
        for (int i = 0; i < n; i++) u[i][j] = Draws.uniform(seed, Draws.STREAM_DESIGN_RANDOM, j, i);
      }
    }
    return u;
  }

  /** The parameter's value at u in [0, 1). */
  static String value(SweepSpec.Parameter p, double u) {
    if (!p.continuous()) {
      return p.values().get(Math.min(p.values().size() - 1, (int) Math.floor(u * p.values().size())));
    }
    BigDecimal from = new BigDecimal(p.values().get(0));
    BigDecimal to = new BigDecimal(p.values().get(1));
    BigDecimal v = from.add(to.subtract(from).multiply(BigDecimal.valueOf(u))).round(SIX);
    // Rounding may step just outside a range whose ends have more than six figures.
    if (v.compareTo(from) < 0) v = from;
    if (v.compareTo(to) > 0) v = to;
    return v.stripTrailingZeros().toPlainString();
  }
}
