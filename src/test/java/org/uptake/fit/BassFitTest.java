package org.uptake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uptake.BadInput;

class BassFitTest {
  private static double[] series(BassCurve c, int periods) {
    double[] out = new double[periods];
    for (int k = 0; k < periods; k++) out[k] = c.adoptions(k + 1);
    return out;
  }

  @Test
  void theCurveIsTheClosedFormAndItsGradientItsDerivative() {
    BassCurve c = new BassCurve(0.03, 0.38, 1000);
    // By hand from F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}), e^{-0.41} = 0.663650: F(1) = 0.336350 /
    // (1 + 12.6667 * 0.663650) = 0.336350 / 9.406233 = 0.0357582; the peak is at ln(0.38/0.03)/0.41 (Bass 1969).
    assertEquals(0.0357582, c.share(1), 1e-7);
    assertEquals(0, c.share(0), 0);
    assertEquals(Math.log(0.38 / 0.03) / 0.41, c.peakTime(), 1e-12);
    for (int t = 1; t <= 12; t++) {
      double[] g = c.adoptionsGradient(t);
      double h = 1e-7;
      double dp = (new BassCurve(0.03 + h, 0.38, 1000).adoptions(t) - new BassCurve(0.03 - h, 0.38, 1000).adoptions(t))
          / (2 * h);
      double dq = (new BassCurve(0.03, 0.38 + h, 1000).adoptions(t) - new BassCurve(0.03, 0.38 - h, 1000).adoptions(t))
          / (2 * h);
      assertEquals(dp, g[0], 1e-5 * Math.max(1, Math.abs(dp)), "d/dp at " + t);
      assertEquals(dq, g[1], 1e-5 * Math.max(1, Math.abs(dq)), "d/dq at " + t);
      assertEquals(c.adoptions(t) / 1000, g[2], 1e-12, "d/dm at " + t);
    }
  }

  @Test
  void aSeriesOnTheCurveGivesBackItsParameters() {
    double[] y = series(new BassCurve(0.03, 0.38, 1000), 15);
    BassFit.Result fit = BassFit.fit(y);
    assertEquals(0.03, fit.p().estimate(), 1e-7);
    assertEquals(0.38, fit.q().estimate(), 1e-7);
    assertEquals(1000, fit.m().estimate(), 1e-4);
    assertEquals(0, fit.sse(), 1e-9);
    assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
  }

  @Test
  void thePublishedVcrSeriesGivesTheIndependentNlsEstimate() {
    // US VCR unit sales in thousands, ten years from 1980, as used in Lilien & Rangaswamy's Marketing Engineering and
    // in R tutorials of the Bass model (secondary). Independent estimate, SciPy 1.17 (curve_fit, Levenberg-Marquardt,
    // default absolute_sigma=False, so standard errors from s^2 (J'J)^-1), on m*(F(t) - F(t-1)):
    //   popt = [6.76600338e+04, 8.78894489e-03, 6.42158861e-01]  (m, p, q)
    //   perr = [3.07095598e+03, 1.77650435e-03, 4.25710412e-02],  SSE 3672146.26, s = 724.287 on 7 df
    // The same script fitted to the Bass density m*f(t) gives the published R nls fit of that form (M 6.80e4 se 3.13e3,
    // P 6.59e-3 se 1.43e-3, Q 0.638 se 0.0414, residual standard error 727 on 7 df), which checks the script.
    double[] vcr = {840, 1470, 2110, 4000, 7590, 10950, 10530, 9470, 7790, 5890};
    BassFit.Result fit = BassFit.fit(vcr);
    assertEquals(8.78894489e-03, fit.p().estimate(), 1e-5 * 8.79e-03);
    assertEquals(6.42158861e-01, fit.q().estimate(), 1e-5 * 0.642);
    assertEquals(6.76600338e+04, fit.m().estimate(), 1e-5 * 6.77e4);
    assertEquals(1.77650435e-03, fit.p().standardError(), 1e-3 * 1.78e-3);
    assertEquals(4.25710412e-02, fit.q().standardError(), 1e-3 * 4.26e-2);
    assertEquals(3.07095598e+03, fit.m().standardError(), 1e-3 * 3.07e3);
    assertEquals(3672146.26, fit.sse(), 0.5);
    assertEquals(7, fit.degreesOfFreedom());
    assertEquals(724.287, fit.residualStandardError(), 1e-3);
    assertTrue(fit.warnings().isEmpty(), fit.warnings().toString());
  }

  @Test
  void aSeriesBeforeItsPeakIsFittedWithAWarning() {
    // p = 0.01, q = 0.5: the peak is at ln(50)/0.51 = 7.67, after the 5 periods given.
    double[] y = series(new BassCurve(0.01, 0.5, 500), 5);
    y[2] += 1;
    BassFit.Result fit = BassFit.fit(y);
    assertTrue(fit.warnings().stream().anyMatch(w -> w.contains("has not reached its peak")), fit.warnings().toString());
  }

  @Test
  void tooShortOrEmptyASeriesIsRefused() {
    assertTrue(assertThrows(BadInput.class, () -> BassFit.fit(new double[] {1, 2, 3})).getMessage()
        .contains("at least 4 periods"));
    assertTrue(assertThrows(BadInput.class, () -> BassFit.fit(new double[] {0, 0, 0, 0})).getMessage()
        .contains("0 adoptions"));
  }
}
