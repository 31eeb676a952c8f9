package org.uptake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IntervalTest {
  /**
   * Sample 1, 2, 3, 4, 5: mean 3, sample sd sqrt(2.5) = 1.581139; t(0.975, 4 df) = 2.776445 from tables;
   * half-width 2.776445 * 1.581139 / sqrt(5) = 1.963243.
   */
  @Test
  void matchesTheHandComputation() {
    Interval i = Interval.of(new double[] {1, 2, 3, 4, 5});
    assertEquals(5, i.n());
    assertEquals(3.0, i.mean(), 1e-12);
    assertEquals(1.963243, i.halfWidth(), 1e-6);
    assertEquals(3 - 1.963243, i.low(), 1e-6);
  }

  @Test
  void aConstantSampleHasAZeroWidthInterval() {
    Interval i = Interval.of(new double[] {0.4, 0.4, 0.4});
    assertEquals(0.4, i.low(), 1e-12);
    assertEquals(0.4, i.high(), 1e-12);
  }
}
