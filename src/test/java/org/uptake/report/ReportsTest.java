package org.uptake.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uptake.experiment.CompareReport;

class ReportsTest {
  /** A projected run whose active share is {@code active[t]} in row t. */
  static RunProjection.Result run(double... active) {
    List<RunProjection.Row> rows = new ArrayList<>();
    for (int t = 0; t < active.length; t++) {
      rows.add(new RunProjection.Row(t, new int[5], 0, 0, active[t], active[t], 0, 0, new double[0]));
    }
    return new RunProjection.Result(null, List.of(), new int[0], rows, 0, Map.of(), true, "week", true, true);
  }

  /**
   * Row 0: shares 0.1, 0.2, 0.3, so the band is the logit-scale interval of {@link org.uptake.stats.IntervalTest}:
   * 0.050265 to 0.541477 (the plain t interval would start below 0). Row 1: no spread, so the band closes on the
   * mean.
   */
  @Test
  void theBandIsTheMeanAndAShareIntervalAtEachTick() {
    Charts.Band band = CompareReport.band("s", List.of(run(0.1, 0.4), run(0.2, 0.4), run(0.3, 0.4)),
        RunProjection.Row::active);
    assertEquals(0.2, band.mean()[0], 1e-12);
    assertEquals(0.050265, band.low()[0], 1e-6);
    assertEquals(0.541477, band.high()[0], 1e-6);
    assertEquals(0.4, band.low()[1], 1e-12);
    assertEquals(0.4, band.high()[1], 1e-12);
    assertArrayEquals(new double[] {0, 1}, band.x());
    assertTrue(band.low()[0] >= 0);
  }

  @Test
  void aRunThatStoppedEarlyHoldsItsLastValue() {
    Charts.Band band = CompareReport.band("s", List.of(run(0.1, 0.3, 0.5), run(0.1, 0.5)), RunProjection.Row::active);
    assertEquals(3, band.mean().length);
    assertEquals(0.5, band.mean()[2], 1e-12); // (0.5 + 0.5) / 2: the second stopped at row 1 with 0.5
  }
}
