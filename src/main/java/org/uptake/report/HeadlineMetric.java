package org.uptake.report;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A headline metric of a run, as compared across scenarios and swept over parameters: its name (the
 * column name in outputs), how to read it from a summary, and whether more is better. A time never
 * reached counts as ticks + 1, so that runs which never get there still take part in means and intervals.
 */
public record HeadlineMetric(String name, ToDoubleFunction<RunSummary> value, boolean higherIsBetter) {

  public static final List<HeadlineMetric> ALL = List.of(
      new HeadlineMetric("time_to_10pct_active", s -> orCensored(s.timeTo10PctActive(), s), false),
      new HeadlineMetric("time_to_50pct_active", s -> orCensored(s.timeTo50PctActive(), s), false),
      new HeadlineMetric("peak_active_fraction", RunSummary::peakActiveFraction, true),
      new HeadlineMetric("final_active_fraction", RunSummary::finalActiveFraction, true),
      new HeadlineMetric("sustained_adoption", RunSummary::sustainedAdoption, true),
      new HeadlineMetric("lapses", s -> s.lapses(), false),
      new HeadlineMetric("final_goal_index", RunSummary::finalGoalIndex, true));

  public static Optional<HeadlineMetric> named(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  public static List<String> names() {
    return ALL.stream().map(HeadlineMetric::name).toList();
  }

  /**
   * The scenario's ticks + 1, not the ticks run: a canonical run that stops early has nothing left to
   * change, so it would never have got there, and stopping early must not make it look fast.
   */
  static double orCensored(Integer tick, RunSummary s) {
    return tick == null ? s.scheduledTicks() + 1 : tick;
  }
}
