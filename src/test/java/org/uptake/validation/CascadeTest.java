package org.uptake.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.report.RunProjection;

/** Cascades on Erdos-Renyi networks: independent cascade as bond percolation, and Watts' cascade window. */
@Tag("validation")
class CascadeTest {
  static final int N = 2000;

  /** Giant component share S of G(n, c/n) for large n: the root of S = 1 - exp(-c S) (Erdos-Renyi 1960). */
  static double giant(double c) {
    double s = 0.5;
    for (int k = 0; k < 200; k++) s = 1 - Math.exp(-c * s);
    return s;
  }

  /**
   * Kempe, Kleinberg and Tardos (2003): an independent cascade with transmission t is bond percolation with
   * edge probability t. On G(n, c/n) with c = 4 and t = 0.5 the open edges form G(n, 2/n), whose giant
   * component holds S = 0.797 of the people: a single random seed starts a large outbreak with probability
   * S, and a large outbreak reaches a share S. Tolerances: four binomial standard errors for the
   * probability; for the size, four standard errors of the large outbreaks' mean plus 2/sqrt(N) for the
   * finite-size fluctuation of the giant component.
   */
  @Test
  void independentCascadeIsBondPercolation(@TempDir Path dir) {
    int r = 30;
    String scenario = "ticks = 60\nnetwork { kind = erdos-renyi, size = " + N + ", mean-degree = 4 }\n"
        + "adoption { rule = independent-cascade, transmission = 0.5 }\nseeding { kind = random, count = 1 }\n";
    double s = giant(4 * 0.5);
    try (CanonicalRuns runs = new CanonicalRuns(dir)) {
      double[] finals = runs.replicate(scenario, r).stream().mapToDouble(CanonicalRuns::finalFraction).toArray();
      double[] large = java.util.Arrays.stream(finals).filter(f -> f > 0.2).toArray();
      double probability = (double) large.length / r;
      ValidationReport.check("independent cascade: share of runs with a large outbreak", probability, s,
          4 * Math.sqrt(s * (1 - s) / r), "bond percolation, S = 1 - exp(-c t S), c = 4, t = 0.5");
      ValidationReport.check("independent cascade: size of a large outbreak", CanonicalRuns.mean(large), s,
          4 * CanonicalRuns.se(large) + 2 / Math.sqrt(N), "giant component of G(n, 2/n)");
    }
  }

  /**
   * Watts (2002): with fractional thresholds phi = 0.18 on G(n, z/n), a single seed triggers global cascades
   * only inside a window of mean degree z. The window is where vulnerable people (degree k <= 1/phi, i.e. k
   * <= 5) percolate: sum_k k (k - 1) rho_k p_k > z with p_k Poisson(z) (Watts 2002, eq. 4), computed here.
   * Inside it (z = 3) global cascades happen; below connectivity (z = 0.8) and above the window (z = 12)
   * none do.
   */
  @Test
  void globalCascadesOnlyInsideWattsWindow(@TempDir Path dir) {
    double lower = boundary(0.5, 3);
    double upper = boundary(3, 20);
    ValidationReport.check("Watts window, lower edge of z (computed)", lower, 1.0, 0.05,
        "Watts 2002, PNAS 99(9), eq. 4; the lower edge is the percolation threshold z = 1");
    System.out.printf(Locale.ROOT, "VALIDATION info Watts window for phi = 0.18: %.2f < z < %.2f%n", lower, upper);
    int r = 20;
    try (CanonicalRuns runs = new CanonicalRuns(dir)) {
      for (double z : new double[] {0.8, 3, 12}) {
        String scenario = "ticks = 80\nnetwork { kind = erdos-renyi, size = " + N + ", mean-degree = " + z + " }\n"
            + "adoption { rule = fractional-threshold, threshold = 0.18 }\nseeding { kind = random, count = 1 }\n";
        List<RunProjection.Result> results = runs.replicate(scenario, r);
        long global = results.stream().filter(x -> CanonicalRuns.finalFraction(x) > 0.5).count();
        boolean inside = z > lower && z < upper;
        if (inside) {
          // At least one global cascade in 20 tries; the expected frequency inside is well above 0.14, so
          // P(none in 20) < 0.05. Recorded as the observed frequency against "> 0".
          ValidationReport.check(String.format(Locale.ROOT, "Watts, z = %.1f (inside): global cascades >= 1 of %d", z, r),
              Math.min(global, 1), 1, 0, "Watts 2002, Fig. 1");
        } else {
          ValidationReport.check(String.format(Locale.ROOT, "Watts, z = %.1f (outside): global cascades of %d", z, r),
              global, 0, 0, "Watts 2002, Fig. 1");
        }
      }
    }
  }

  /** Where sum_{k<=5} k(k-1) p_k(z) - z changes sign between a and b (bisection). */
  static double boundary(double a, double b) {
    for (int k = 0; k < 100; k++) {
      double m = (a + b) / 2;
      if (Math.signum(excess(m)) == Math.signum(excess(a))) a = m;
      else b = m;
    }
    return (a + b) / 2;
  }

  static double excess(double z) {
    double sum = 0;
    double pk = Math.exp(-z);
    for (int k = 1; k <= 5; k++) {
      pk = pk * z / k;
      sum += k * (k - 1) * pk;
    }
    return sum - z;
  }
}
