package org.uptake.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.RunSummary;

class ComparisonTest {
  /** A run that reached 10% active at {@code t10} (null: not within its 104 weeks) and ended {@code finalActive}. */
  static RunSummary run(Integer t10, double finalActive) {
    return new RunSummary("r", "s", "custom", 1, 104, 100, true, t10, null, finalActive, 50, finalActive, finalActive,
        1.0, 0, 0, 0.0, 0.0, Map.of(), Map.of(), Map.of(), 104, "week", false, false);
  }

  static List<RunSummary> runs(Integer[] t10, double[] finalActive) {
    List<RunSummary> out = new ArrayList<>();
    for (int k = 0; k < t10.length; k++) out.add(run(t10[k], finalActive[k]));
    return out;
  }

  /**
   * Three runs reached 10% active at weeks 5 and 8, one never did: 2 of 3 reached it, and the Kaplan-Meier curve
   * is 2/3 after week 5 and 1/3 after week 8, so the median is week 8. Nothing is averaged: no mean of 5, 8 and a
   * made-up number for the third.
   */
  @Test
  void aTimeIsSummarisedAsReachedOutOfAllAndAKaplanMeierMedian() {
    MetricSummary s = MetricSummary.of(HeadlineMetric.named("time_to_10pct_active").orElseThrow(),
        runs(new Integer[] {5, 8, null}, new double[] {0.2, 0.2, 0.2}));
    MetricSummary.Time t = assertInstanceOf(MetricSummary.Time.class, s);
    assertEquals(2, t.reached());
    assertEquals(3, t.n());
    assertEquals(8.0, t.curve().median());
    assertEquals(104, t.horizon());
    assertTrue(t.stats().stream().noneMatch(x -> x.name().equals("mean")), "no mean of a censored time");
    assertTrue(t.describe("week").startsWith("week 8 ["), t.describe("week"));
    assertTrue(t.describe("week").endsWith("(2/3)"), t.describe("week"));
  }

  /**
   * Final active, paired by seed: B - A = 0.30, 0.31, 0.29, 0.30, 0.30 has mean 0.30 and sd 0.007071, so its t
   * interval (t(0.975, 4) = 2.776445) is 0.30 +- 0.008779: it excludes 0, and B is named best. For time to 10%
   * active, B reaches it in weeks 5-9 and A in weeks 20-24: the log-rank test separates them (by hand over the ten
   * event weeks: O_B = 5, E_B = 1.771825, V = 1.074259, chi-square 9.70 > 3.84), so B is best there too.
   */
  @Test
  void bestIsNamedOnlyWhenTheDifferenceIsResolved() {
    Map<String, List<RunSummary>> runs = new LinkedHashMap<>();
    runs.put("a", runs(new Integer[] {20, 21, 22, 23, 24}, new double[] {0.10, 0.11, 0.12, 0.13, 0.14}));
    runs.put("b", runs(new Integer[] {5, 6, 7, 8, 9}, new double[] {0.40, 0.42, 0.41, 0.43, 0.44}));
    Comparison c = Comparison.of(runs);
    Comparison.Verdict active = c.verdicts().get("final_active_fraction");
    assertEquals("b", active.best());
    assertEquals(0.30, active.difference().estimate().estimate(), 1e-12);
    assertEquals(0.30 - 0.008779, active.difference().estimate().low(), 1e-6);
    Comparison.Verdict soon = c.verdicts().get("time_to_10pct_active");
    assertEquals("b", soon.best());
    assertTrue(soon.difference().estimate().low() > 1, "b reaches it at a higher rate");
  }

  @Test
  void overlappingScenariosHaveNoClearDifference() {
    Map<String, List<RunSummary>> runs = new LinkedHashMap<>();
    runs.put("a", runs(new Integer[] {10, 30, 12, 28, 20}, new double[] {0.10, 0.30, 0.20, 0.25, 0.15}));
    runs.put("b", runs(new Integer[] {29, 11, 27, 13, 21}, new double[] {0.30, 0.10, 0.25, 0.15, 0.21}));
    Comparison c = Comparison.of(runs);
    assertNull(c.verdicts().get("final_active_fraction").best());
    assertEquals("no clear difference", c.describe(c.verdicts().get("final_active_fraction")));
    assertNull(c.verdicts().get("time_to_10pct_active").best());
  }

  @Test
  void noBestIsNamedAmongScenariosThatNeverReachedIt() {
    Map<String, List<RunSummary>> runs = new LinkedHashMap<>();
    runs.put("a", runs(new Integer[] {null, null, null}, new double[] {0.01, 0.02, 0.01}));
    runs.put("b", runs(new Integer[] {null, null, null}, new double[] {0.03, 0.02, 0.01}));
    Comparison c = Comparison.of(runs);
    assertEquals("none reached it", c.describe(c.verdicts().get("time_to_10pct_active")));
    MetricSummary.Time t = (MetricSummary.Time) c.byMetric().get("time_to_10pct_active").get(0);
    assertTrue(t.describe("week").startsWith("not reached"), t.describe("week"));
  }

  @Test
  void metricsThatMeanNothingForCanonicalRunsAreLeftOut() {
    RunSummary canonical = new RunSummary("r", "s", "custom", 1, 20, 100, true, 3, 9, 0.9, 20, 0.9, 0.9, 1.0, 0, 0,
        0.0, 0.0, Map.of(), Map.of(), Map.of(), 20, "week", true, true);
    Map<String, List<RunSummary>> runs = new LinkedHashMap<>();
    runs.put("a", List.of(canonical, canonical));
    runs.put("b", List.of(canonical, canonical));
    List<String> names = Comparison.of(runs).metrics().stream().map(HeadlineMetric::name).toList();
    assertTrue(!names.contains("final_goal_index") && !names.contains("lapses") && !names.contains("sustained_adoption"),
        names.toString());
  }
}
