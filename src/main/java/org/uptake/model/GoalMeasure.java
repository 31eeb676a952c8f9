package org.uptake.model;

/**
 * The business-goal index of a department: a stock that moves a fraction {@code response} of the way
 * toward the department's aligned active use each tick, G(t) = G(t-1) + response * (alignment * active(t) - G(t-1)).
 * Business results lag use, and unlike clicks they keep rising while people stay active. One function
 * serves the live run (what executives see) and the projection (what reports show).
 */
public final class GoalMeasure {
  private GoalMeasure() {}

  public static double next(double previous, double response, double alignment, double activeShare) {
    return previous + response * (alignment * activeShare - previous);
  }
}
