package org.uptake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

class ChartsTest {
  private static final List<Charts.Response> ONE = List.of(new Charts.Response("points", new double[] {1, 2},
      new double[] {0.1, 0.2}, new double[] {0.05, 0.1}, new double[] {0.2, 0.3}));

  @Test
  void pointsThatDifferInMoreWaysThanOneAreBigDotsNotALine() {
    XYChart dots = Charts.response("final_active_fraction", "k", ONE, false);
    assertEquals(1, dots.getSeriesMap().size(), "no interval lines between points that are not a series");
    assertEquals(XYSeries.XYSeriesRenderStyle.Scatter, dots.getSeriesMap().get("points").getXYSeriesRenderStyle());
    // A screenshot of a drawn design's report showed dots of 4 pixels, hard to see on a 900-pixel chart.
    assertTrue(dots.getStyler().getMarkerSize() >= 8, "marker size " + dots.getStyler().getMarkerSize());
    XYChart line = Charts.response("final_active_fraction", "k", ONE, true);
    assertEquals(3, line.getSeriesMap().size(), "the estimate and its two bounds");
  }
}
