package org.uptake.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * The observed values a fit compares with its runs, each as a share of the headcount (a count column is divided
 * by it), so that every point weighs the same whatever its column.
 */
record Points(List<Point> points) {

  /** Column {@code column} of the observed series at {@code week}: {@code share} of the headcount. */
  record Point(int column, int week, double share) {}

  /** The observed values in weeks {@code from} to {@code to}, for an organisation of {@code people}. */
  static Points of(Observed observed, int people, int from, int to) {
    List<Point> points = new ArrayList<>();
    for (Observed.Week w : observed.weeks()) {
      if (w.week() < from || w.week() > to) continue;
      for (int c = 0; c < observed.columns().size(); c++) {
        Double v = w.values().get(c);
        if (v == null) continue;
        points.add(new Point(c, w.week(), Observed.isShare(observed.columns().get(c)) ? v : v / people));
      }
    }
    return new Points(List.copyOf(points));
  }

  int size() {
    return points.size();
  }

  double[] observed() {
    return points.stream().mapToDouble(Point::share).toArray();
  }

  /** One run's values at the points; {@code run} is indexed [column][tick]. */
  double[] of(List<List<Double>> run) {
    double[] out = new double[points.size()];
    for (int i = 0; i < out.length; i++) out[i] = run.get(points.get(i).column()).get(points.get(i).week());
    return out;
  }

  /** The mean over a candidate's runs at the points. */
  double[] mean(List<List<List<Double>>> runs) {
    double[] out = new double[points.size()];
    for (List<List<Double>> run : runs) {
      double[] v = of(run);
      for (int i = 0; i < out.length; i++) out[i] += v[i] / runs.size();
    }
    return out;
  }

  /**
   * The Jacobian of the mean curve at the points, one column per key, by differences between the candidates of
   * {@code pairs}: for key j, pairs 2j and 2j + 1 differ in that key only.
   */
  double[][] jacobian(List<Fit.CandidateEvaluated> pairs) {
    int k = pairs.size() / 2;
    double[][] j = new double[points.size()][k];
    for (int p = 0; p < k; p++) {
      Fit.CandidateEvaluated lo = pairs.get(2 * p);
      Fit.CandidateEvaluated hi = pairs.get(2 * p + 1);
      double step = hi.values().get(p) - lo.values().get(p);
      double[] down = mean(lo.series());
      double[] up = mean(hi.series());
      for (int i = 0; i < points.size(); i++) j[i][p] = (up[i] - down[i]) / step;
    }
    return j;
  }

  /** Sum of squared differences between the observed values and {@code simulated} at the points. */
  double squares(double[] simulated) {
    double sum = 0;
    for (int i = 0; i < simulated.length; i++) {
      double d = points.get(i).share() - simulated[i];
      sum += d * d;
    }
    return sum;
  }
}
