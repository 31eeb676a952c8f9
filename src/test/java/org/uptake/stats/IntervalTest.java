package org.uptake.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IntervalTest {
  /**
   * Sample 1, 2, 3, 4, 5: mean 3, sample sd sqrt(2.5) = 1.581139; t(0.975, 4 df) = 2.776445 from tables;
   * half-width 2.776445 * 1.581139 / sqrt(5) = 1.963243.
   */
  @Test
  void theMeanHasStudentsInterval() {
    Interval i = Interval.mean(new double[] {1, 2, 3, 4, 5});
    assertEquals(5, i.n());
    assertEquals(3.0, i.estimate(), 1e-12);
    assertEquals(3 - 1.963243, i.low(), 1e-6);
    assertEquals(3 + 1.963243, i.high(), 1e-6);
  }

  @Test
  void aConstantSampleHasAZeroWidthInterval() {
    Interval i = Interval.mean(new double[] {0.4, 0.4, 0.4});
    assertEquals(0.4, i.low(), 1e-12);
    assertEquals(0.4, i.high(), 1e-12);
  }

  /**
   * Shares 0.1, 0.2, 0.3: m = 0.2, s = 0.1, t(0.975, 2 df) = 4.302653. On the logit scale the half-width is
   * 4.302653 x 0.1 / (sqrt(3) x 0.2 x 0.8) = 1.552581 around logit(0.2) = -1.386294, so the interval is
   * expit(-2.938876) = 0.050265 to expit(0.166287) = 0.541477. The plain t interval, 0.2 +- 0.248414, would
   * start below 0.
   */
  @Test
  void aShareIntervalStaysInsideZeroAndOne() {
    Interval i = Interval.share(new double[] {0.1, 0.2, 0.3});
    assertEquals(0.2, i.estimate(), 1e-12);
    assertEquals(0.050265, i.low(), 1e-6);
    assertEquals(0.541477, i.high(), 1e-6);
    Interval tiny = Interval.share(new double[] {0.001, 0.002, 0.0, 0.05});
    assertTrue(tiny.low() > 0 && tiny.high() < 1, tiny.toString());
    Interval none = Interval.share(new double[] {0, 0, 0});
    assertEquals(0, none.low());
    assertEquals(0, none.high());
  }

  @Test
  void aCountIntervalDoesNotGoBelowZero() {
    Interval i = Interval.count(new double[] {0, 0, 1});
    assertEquals(0, i.low());
    assertTrue(i.high() > 1);
  }

  /**
   * Wilson's score interval, (p + z^2/2n +- z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n) with z = 1.959964: 0 of 5
   * gives [0, 0.434482] (centre and half-width both 0.217241), 3 of 10 gives [0.107791, 0.603222], 5 of 5 gives
   * [0.565518, 1].
   */
  @Test
  void wilsonMatchesTheHandComputation() {
    Interval none = Interval.wilson(0, 5);
    assertEquals(0, none.low(), 1e-12);
    assertEquals(0.434482, none.high(), 1e-6);
    Interval three = Interval.wilson(3, 10);
    assertEquals(0.3, three.estimate(), 1e-12);
    assertEquals(0.107791, three.low(), 1e-6);
    assertEquals(0.603222, three.high(), 1e-6);
    Interval all = Interval.wilson(5, 5);
    assertEquals(0.565518, all.low(), 1e-6);
    assertEquals(1, all.high(), 1e-12);
  }

  @Test
  void anIntervalExcludesAValueOnlyWhenEntirelyOnOneSide() {
    assertTrue(new Interval(5, 1, 0.5, 2).excludes(0));
    assertFalse(new Interval(5, 1, -0.5, 2).excludes(0));
    assertFalse(new Interval(5, 1, Double.NaN, Double.NaN).excludes(0));
  }
}
