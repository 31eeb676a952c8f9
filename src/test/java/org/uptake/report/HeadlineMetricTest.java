package org.uptake.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlineMetricTest {
  @Test
  void aTimeNeverReachedCountsAsTheScenariosTicksPlusOneEvenWhenTheRunStoppedEarly() {
    // A canonical run that settled at tick 5 of 40 scheduled, having reached 10% active at tick 3 but never 50%.
    RunSummary s = new RunSummary("r", "s", "custom", 1, 5, 100, true, 3, null, 0.2, 3, 0.2, 0.2, 1.0, 0, 0, 0.0,
        0.0, Map.of(), Map.of(), Map.of(), 40);
    assertEquals(3.0, HeadlineMetric.named("time_to_10pct_active").orElseThrow().value().applyAsDouble(s));
    assertEquals(41.0, HeadlineMetric.named("time_to_50pct_active").orElseThrow().value().applyAsDouble(s));
  }
}
