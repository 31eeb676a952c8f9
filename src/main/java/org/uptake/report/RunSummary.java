package org.uptake.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.report.RunProjection.Result;
import org.uptake.report.RunProjection.Row;

/**
 * The headline metrics of a run, computed from its projected series only. A time to a threshold is the first
 * row at or above it, or null when the run never got there within its {@code scheduledTicks} (censored: never
 * a number). "Sustained adoption" is the share of everybody who ever became active that is still active at the
 * end. {@code population} and {@code permanent} say which metrics mean something for the run (see
 * {@link HeadlineMetric#appliesTo}).
 */
public record RunSummary(
    String runId, String scenario, String strategy, long seed, int ticks, int people, boolean finished,
    Integer timeTo10PctActive, Integer timeTo50PctActive, double peakActiveFraction, int peakTick,
    double finalActiveFraction, double finalEverAdoptedFraction, double sustainedAdoption, int lapses,
    int finalChampions, double finalGoalIndex, double finalSponsorship,
    Map<String, Double> departmentFinalActive, Map<String, Integer> departmentTimeTo50PctActive,
    Map<String, Double> executiveFinalSupport, int scheduledTicks, String unit, boolean population,
    boolean permanent) {

  /** How the console and reports say a time never reached. */
  public static final String NOT_REACHED = "not reached";

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
        last.goal(), last.sponsorship(), deptFinal, dept50, r.finalSupport(), r.started().ticks(), r.unit(),
        r.population(), r.permanent());
  }

  private static Integer firstTick(List<Row> rows, double share) {
    for (Row row : rows) if (row.active() >= share) return row.tick();
    return null;
  }

  /** The headline figures as (label, value) pairs, in the order a strategist reads them (console and report). */
  public List<Map.Entry<String, String>> headline() {
    List<Map.Entry<String, String>> lines = new ArrayList<>(List.of(
        Map.entry("time to 10% active", at(timeTo10PctActive)),
        Map.entry("time to 50% active", at(timeTo50PctActive)),
        Map.entry("peak active", pct(peakActiveFraction) + " at " + unit + " " + peakTick),
        Map.entry("final active", pct(finalActiveFraction)),
        Map.entry("ever adopted", pct(finalEverAdoptedFraction))));
    if (!permanent) {
      lines.add(Map.entry("sustained adoption", pct(sustainedAdoption) + " of those who ever adopted"));
      lines.add(Map.entry("lapses", Integer.toString(lapses)));
    }
    if (!population) {
      lines.add(Map.entry("champions at end", Integer.toString(finalChampions)));
      lines.add(Map.entry("goal index at end", String.format(Locale.ROOT, "%.3f", finalGoalIndex)));
      lines.add(Map.entry("sponsorship at end", String.format(Locale.ROOT, "%.2f", finalSponsorship)));
    }
    return lines;
  }

  /** "week 11", or "not reached in 104 weeks". */
  public String at(Integer tick) {
    return tick == null ? NOT_REACHED + " in " + scheduledTicks + " " + plural(unit, scheduledTicks)
        : unit + " " + tick;
  }

  public static String plural(String unit, long count) {
    return count == 1 ? unit : unit.endsWith("s") ? unit : unit + "s";
  }

  public static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
