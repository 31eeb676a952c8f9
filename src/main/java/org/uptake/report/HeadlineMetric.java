package org.uptake.report;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A headline metric of a run, as compared across scenarios and swept over parameters: its name (the column
 * name in outputs), its label for people, its kind, and whether more is better. The kind decides the
 * statistics: a {@link Kind#TIME} to a threshold may never be reached within the run (censored, never averaged
 * as a number: runs that reached it out of all, and the Kaplan–Meier median); a {@link Kind#SHARE} of people
 * and the {@link Kind#INDEX} of the goal lie in [0, 1] and get an interval that stays there; a
 * {@link Kind#COUNT} is a whole number of at least 0.
 */
public record HeadlineMetric(String name, String label, Kind kind, boolean higherIsBetter,
    Function<RunSummary, Number> read) {

  /** INDEX: a value in [0, 1] that is not a share of people (the goal index), shown as a number. */
  public enum Kind { TIME, SHARE, INDEX, COUNT }

  /** Values in [0, 1], with intervals that stay there. */
  public boolean bounded() {
    return kind == Kind.SHARE || kind == Kind.INDEX;
  }

  /** A value (or a difference of values) as people read it: 41.4% for a share, 0.316 for the index, 575 lapses. */
  public String format(double v) {
    return switch (kind) {
      case SHARE -> String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
      case INDEX -> String.format(java.util.Locale.ROOT, "%.3f", v);
      default -> String.format(java.util.Locale.ROOT, "%.1f", v);
    };
  }

  public static final List<HeadlineMetric> ALL = List.of(
      new HeadlineMetric("time_to_10pct_active", "time to 10% active", Kind.TIME, false, RunSummary::timeTo10PctActive),
      new HeadlineMetric("time_to_50pct_active", "time to 50% active", Kind.TIME, false, RunSummary::timeTo50PctActive),
      new HeadlineMetric("peak_active_fraction", "peak active", Kind.SHARE, true, RunSummary::peakActiveFraction),
      new HeadlineMetric("final_active_fraction", "final active", Kind.SHARE, true, RunSummary::finalActiveFraction),
      new HeadlineMetric("final_ever_adopted_fraction", "ever adopted", Kind.SHARE, true,
          RunSummary::finalEverAdoptedFraction),
      new HeadlineMetric("sustained_adoption", "sustained adoption", Kind.SHARE, true, RunSummary::sustainedAdoption),
      new HeadlineMetric("lapses", "lapses", Kind.COUNT, false, RunSummary::lapses),
      new HeadlineMetric("final_goal_index", "goal index at end", Kind.INDEX, true, RunSummary::finalGoalIndex));

  public static Optional<HeadlineMetric> named(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(HeadlineMetric::name).toList();
  }

  /** The metrics that mean something for every one of {@code runs}. */
  public static List<HeadlineMetric> forRuns(List<RunSummary> runs) {
    return ALL.stream().filter(m -> runs.stream().allMatch(m::appliesTo)).toList();
  }

  /**
   * The goal index exists only in an organisation; lapses and sustained adoption only where adoption can end
   * (not under the canonical rules, where it is permanent).
   */
  public boolean appliesTo(RunSummary s) {
    return appliesTo(s.population(), s.permanent());
  }

  /** For a run on a canonical network ({@code population}) and/or under a canonical rule ({@code permanent}). */
  public boolean appliesTo(boolean population, boolean permanent) {
    return switch (name) {
      case "final_goal_index" -> !population;
      case "lapses", "sustained_adoption" -> !permanent;
      default -> true;
    };
  }

  /** The run's value; for a time, the tick reached, or null if it was not reached within the run. */
  public Double value(RunSummary s) {
    Number n = read.apply(s);
    return n == null ? null : n.doubleValue();
  }
}
