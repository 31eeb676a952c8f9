package org.uptake.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Kaplan–Meier and the log-rank test on the classic leukaemia remission data of Gehan (1965; Freireich et al.
 * 1963), weeks in remission: 21 patients on 6-mercaptopurine, 12 of them censored, and 21 controls, none
 * censored. Published results (R: {@code survfit} and {@code survdiff} on these data, reproduced in Kleinbaum &
 * Klein, Survival Analysis, ch. 2): 6-MP median 23 weeks, 95% limits 16 and not reached; log-rank chi-square
 * 16.8 on 1 degree of freedom.
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
   * 0.690196 at 13; x 10/11 = 0.627451 at 16; x 6/7 = 0.537815 at 22; x 5/6 = 0.448179 at 23. Greenwood's sum at
   * 16 is 3/(21x18) + 1/(17x16) + 1/(15x14) + 1/(12x11) + 1/(11x10) = 0.033042, so the lower band there is
   * 0.627451 x exp(-1.959964 x 0.181773) = 0.439394 (at or below one half: the lower limit), while at 13 it is
   * 0.509613; the upper band stays above one half to the end (0.807 at 23).
   */
  @Test
  void theMedianAndItsIntervalAreRsOnGehansData() {
    KaplanMeier km = new KaplanMeier(MP_TIME, MP_EVENT);
    assertEquals(9, km.reached());
    assertEquals(0.448179, km.steps().get(6).survival(), 1e-6);
    assertEquals(0.439394, km.steps().get(4).low(), 1e-6);
    assertEquals(23.0, km.median());
    assertEquals(16.0, km.medianLow());
    assertNull(km.medianHigh(), "not reached");
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
