package org.uptake.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DrawsTest {

  @Test
  void aDrawDependsOnlyOnItsCoordinates() {
    assertEquals(Draws.uniform(42, 1, 17, 5), Draws.uniform(42, 1, 17, 5));
    assertNotEquals(Draws.uniform(42, 1, 17, 5), Draws.uniform(42, 1, 17, 6));
    assertNotEquals(Draws.uniform(42, 1, 17, 5), Draws.uniform(43, 1, 17, 5));
    assertNotEquals(Draws.uniform(42, 1, 17, 5), Draws.uniform(42, 2, 17, 5));
  }

  @Test
  void splitMix64FinaliserMatchesTheReferenceValue() {
    // Reference: SplitMix64 with seed 0 returns mix(0x9E3779B97F4A7C15) = 0xE220A8397B1DCDAF as its first
    // output (Vigna's splitmix64.c; the same value is the first nextLong() of java.util.SplittableRandom(0)).
    assertEquals(0xE220A8397B1DCDAFL, Draws.mix(0x9E3779B97F4A7C15L));
    assertEquals(new java.util.SplittableRandom(0).nextLong(), Draws.mix(0x9E3779B97F4A7C15L));
  }

  @Test
  void drawsAreUniformOnTheUnitInterval() {
    int n = 200_000;
    double sum = 0;
    int[] bins = new int[10];
    for (int i = 0; i < n; i++) {
      double u = Draws.uniform(1, Draws.STREAM_ADOPTION, i, i % 104);
      assertTrue(u >= 0 && u < 1);
      sum += u;
      bins[(int) (u * 10)]++;
    }
    // Mean of U(0,1) is 1/2 with variance 1/12; allow 4 standard errors.
    assertEquals(0.5, sum / n, 4 * Math.sqrt(1.0 / 12 / n));
    // Chi-square with 9 degrees of freedom: P(X > 27.88) = 0.001.
    double chi = 0;
    for (int b : bins) chi += Math.pow(b - n / 10.0, 2) / (n / 10.0);
    assertTrue(chi < 27.88, "chi-square " + chi);
  }
}
