package org.uptake.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.report.RunProjection.Result;
import org.uptake.report.RunProjection.Row;

/**
 * The headline metrics of a run, computed from its projected series only. "Sustained adoption" is the
 * share of everybody who ever became active that is still active at the end.
 */
public record RunSummary(
    String runId, String scenario, String strategy, long seed, int ticks, int people, boolean finished,
    Integer timeTo10PctActive, Integer timeTo50PctActive, double peakActiveFraction, int peakTick,
    double finalActiveFraction, double finalEverAdoptedFraction, double sustainedAdoption, int lapses,
    int finalChampions, double finalGoalIndex, double finalSponsorship,
    Map<String, Double> departmentFinalActive, Map<String, Integer> departmentTimeTo50PctActive,
    Map<String, Double> executiveFinalSupport, int scheduledTicks) {

  public static RunSummary of(Result r) {
    List<Row> rows = r.rows();
    Row last = rows.get(rows.size() - 1);
    Row peak = rows.get(0);
    for (Row row : rows) if (row.active() > peak.active()) peak = row;
    Map<String, Double> deptFinal = new LinkedHashMap<>();
    Map<String, Integer> dept50 = new LinkedHashMap<>();
    for (int k = 0; k < r.departments().size(); k++) {
      deptFinal.put(r.departments().get(k), last.departmentActive()[k]);
      Integer reached = null;
      for (Row row : rows) {
        if (row.departmentActive()[k] >= 0.5) {
          reached = row.tick();
          break;
        }
      }
      dept50.put(r.departments().get(k), reached);
    }
    return new RunSummary(r.started().runId(), r.started().scenarioName(), r.started().strategy(),
        r.started().seed(), last.tick(), r.people(), r.finished(), firstTick(rows, 0.1), firstTick(rows, 0.5),
        peak.active(), peak.tick(), last.active(), last.everAdopted(),
        last.everAdopted() == 0 ? 0 : last.active() / last.everAdopted(), r.lapses(), last.champions(),
        last.goal(), last.sponsorship(), deptFinal, dept50, r.finalSupport(), r.started().ticks());
  }

  private static Integer firstTick(List<Row> rows, double share) {
    for (Row row : rows) if (row.active() >= share) return row.tick();
    return null;
  }

  /** The headline figures as (label, value) pairs, in the order a strategist reads them (console and report). */
  public List<Map.Entry<String, String>> headline() {
    return List.of(
        Map.entry("time to 10% active", tickOrNot(timeTo10PctActive)),
        Map.entry("time to 50% active", tickOrNot(timeTo50PctActive)),
        Map.entry("peak active", String.format(Locale.ROOT, "%.1f%% at tick %d", 100 * peakActiveFraction, peakTick)),
        Map.entry("final active", pct(finalActiveFraction)),
        Map.entry("ever adopted", pct(finalEverAdoptedFraction)),
        Map.entry("sustained adoption", pct(sustainedAdoption) + " of those who ever adopted"),
        Map.entry("lapses", Integer.toString(lapses)),
        Map.entry("champions at end", Integer.toString(finalChampions)),
        Map.entry("goal index at end", String.format(Locale.ROOT, "%.3f", finalGoalIndex)),
        Map.entry("sponsorship at end", String.format(Locale.ROOT, "%.2f", finalSponsorship)));
  }

  private static String tickOrNot(Integer t) {
    return t == null ? "not reached" : "tick " + t;
  }

  public static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
