package org.uptake.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Kaplan–Meier and the log-rank test on the classic leukaemia remission data of Gehan (1965; Freireich et al.
 * 1963), weeks in remission: 21 patients on 6-mercaptopurine, 12 of them censored, and 21 controls, none
 * censored. Published results (R's {@code survfit} and {@code survdiff} on these data, reproduced in Kleinbaum &
 * Klein, Survival Analysis, ch. 2): 6-MP median 23 weeks; log-rank chi-square 16.8 on 1 degree of freedom. The
 * median's interval is computed by hand on the log-log scale used here.
 */
class SurvivalTest {
  static final int[] MP_TIME = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
  static final boolean[] MP_EVENT = {true, true, true, false, true, false, true, false, false, true, true, false,
      false, false, true, true, false, false, false, false, false};
  static final int[] CONTROL_TIME = {1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23};
  static final boolean[] CONTROL_EVENT = new boolean[21];

  static {
    java.util.Arrays.fill(CONTROL_EVENT, true);
  }

  /**
   * By hand, the curve: 18/21 = 0.857143 at week 6; x 16/17 = 0.806723 at 7; x 14/15 = 0.752941 at 10; x 11/12 =
   * 0.690196 at 13; x 10/11 = 0.627451 at 16; x 6/7 = 0.537815 at 22; x 5/6 = 0.448179 at 23: the median is 23, as
   * R gives. Greenwood's sum at 13 is 3/(21x18) + 1/(17x16) + 1/(15x14) + 1/(12x11) = 0.023951, so on the log-log
   * scale c = 1.959964 x sqrt(0.023951) / |log 0.690196| = 0.818071 and the lower band is 0.690196^exp(0.818071) =
   * 0.431610, at or below one half: the lower limit is 13 (at 10 the band is 0.503200, above it). The upper band
   * stays above one half to the end (0.680 at 23): the upper limit is not reached.
   */
  @Test
  void theMedianAndItsIntervalOnGehansData() {
    KaplanMeier km = new KaplanMeier(MP_TIME, MP_EVENT);
    assertEquals(9, km.reached());
    assertEquals(0.448179, km.steps().get(6).survival(), 1e-6);
    assertEquals(0.431610, km.steps().get(3).low(), 1e-6);
    assertEquals(0.503200, km.steps().get(2).low(), 1e-6);
    assertEquals(23.0, km.median());
    assertEquals(13.0, km.medianLow());
    assertNull(km.medianHigh(), "not reached");
  }

  /**
   * Ten runs, every one reaching it: twice at week 11, four times at 12, twice at 13 and 14. By hand, the curve is
   * 0.8, 0.4, 0.2, 0; the median 12. The log-log bands: at 11 (sum 2/(10x8) = 0.025) the lower is 0.408691, at 13
   * (sum 0.025 + 4/(8x4) + 2/(4x2) = 0.4) the upper 0.474715: so the interval is [11, 13], inside the weeks seen.
   */
  @Test
  void whenEveryRunReachesItTheIntervalIsWithinTheTimesSeen() {
    KaplanMeier km = new KaplanMeier(new int[] {11, 11, 12, 12, 12, 12, 13, 13, 14, 14}, new boolean[] {true, true,
        true, true, true, true, true, true, true, true});
    assertEquals(12.0, km.median());
    assertEquals(0.408691, km.steps().get(0).low(), 1e-6);
    assertEquals(0.474715, km.steps().get(2).high(), 1e-6);
    assertEquals(11.0, km.medianLow());
    assertEquals(13.0, km.medianHigh());
  }

  /** Nobody reached it: no median, no limits, nothing averaged. */
  @Test
  void aCurveThatNeverFallsHasNoMedian() {
    KaplanMeier km = new KaplanMeier(new int[] {104, 104, 104}, new boolean[3]);
    assertEquals(0, km.reached());
    assertNull(km.median());
    assertNull(km.medianLow());
  }

  /** Four runs, two reach it at weeks 10 and 20, then 30: the curve is exactly one half from 20 to 30. */
  @Test
  void aCurveExactlyAtOneHalfGivesTheMiddleOfTheStretch() {
    KaplanMeier km = new KaplanMeier(new int[] {10, 20, 30, 104}, new boolean[] {true, true, true, false});
    assertEquals(25.0, km.median());
  }

  /**
   * By hand over the 17 distinct event weeks (the 6-MP group as b): observed 9, expected 19.250501, variance
   * 6.256961, so chi-square (9 - 19.250501)^2 / 6.256961 = 16.792941 (R's survdiff: 16.8); Peto's hazard ratio
   * exp((9 - 19.250501) / 6.256961) = 0.194319 with limits exp(-1.638256 -+ 1.959964 / sqrt(6.256961)) = 0.088761 and
   * 0.425408 (6-MP keeps remission: it "reaches" relapse at a fifth of the rate).
   */
  @Test
  void theLogRankTestIsRsOnGehansData() {
    LogRank r = LogRank.test(CONTROL_TIME, CONTROL_EVENT, MP_TIME, MP_EVENT);
    assertEquals(16.792941, r.chiSquare(), 1e-5);
    assertTrue(r.p() < 1e-4 && r.p() > 1e-5, "p = 4e-05 in R");
    assertEquals(0.194319, r.hazardRatio().estimate(), 1e-6);
    assertEquals(0.088761, r.hazardRatio().low(), 1e-6);
    assertEquals(0.425408, r.hazardRatio().high(), 1e-6);
    assertTrue(r.hazardRatio().excludes(1));
  }

  @Test
  void twoGroupsThatNeverReachItAreNotDifferent() {
    LogRank r = LogRank.test(new int[] {104, 104}, new boolean[2], new int[] {104, 104}, new boolean[2]);
    assertEquals(1, r.p());
    assertTrue(!r.hazardRatio().excludes(1));
  }
}
