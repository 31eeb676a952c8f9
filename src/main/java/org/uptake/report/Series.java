package org.uptake.report;

import java.util.List;
import org.uptake.model.AdoptionState;
import org.uptake.report.RunProjection.Row;

/**
 * The per-tick series of a run that a sweep can collect, named as their columns in timeseries.csv: the counts in
 * each adoption state, champions, mandated, and the shares and indices.
 */
public final class Series {
  public static final List<String> NAMES = List.of("unaware", "aware", "trialing", "active", "lapsed", "champions",
      "mandated", "ever_adopted_fraction", "active_fraction", "goal_index", "sponsorship");

  private Series() {}

  /**
   * Whether the series means something for a run: a canonical network (one {@code population}) has no champions,
   * mandates, goal or sponsorship, and under a {@code permanent} (canonical) rule people are only unaware or active.
   */
  public static boolean appliesTo(String name, boolean population, boolean permanent) {
    return switch (name) {
      case "aware", "trialing", "lapsed" -> !permanent;
      case "champions", "mandated", "goal_index", "sponsorship" -> !population;
      default -> true;
    };
  }

  /** The series' value in a row. */
  public static double value(Row row, String name) {
    return switch (name) {
      case "champions" -> row.champions();
      case "mandated" -> row.mandated();
      case "ever_adopted_fraction" -> row.everAdopted();
      case "active_fraction" -> row.active();
      case "goal_index" -> row.goal();
      case "sponsorship" -> row.sponsorship();
      default -> row.counts()[AdoptionState.valueOf(name.toUpperCase(java.util.Locale.ROOT)).ordinal()];
    };
  }
}
