package org.uptake.model;

/**
 * The clock's arithmetic between ticks, as pure functions: how a campaign fades, what the departments see of the
 * whole organisation, and when a canonical run has nothing left to change (docs/MODEL.md).
 */
public final class Dynamics {
  private Dynamics() {}

  /** A campaign of {@code strength} launched at {@code launched}, halving every {@code halfLife} ticks, at {@code tick}. */
  public static double campaign(double strength, int launched, double halfLife, int tick) {
    return strength * Math.pow(0.5, (tick - launched) / halfLife);
  }

  /**
   * Whether a canonical run stops early: everybody has adopted, or (threshold rules and the independent cascade,
   * deterministic given the adopters) nobody adopted in the last step once the seeds are in. The organisational
   * model, and Bass while anybody is left, always go on.
   */
  public static boolean settled(AdoptionSpec.Kind rule, long active, long newlyActive, int people, int lastTick,
      int seedingTick) {
    if (rule == AdoptionSpec.Kind.ORGANISATIONAL) return false;
    if (active == people) return true;
    // The start is not a step.
    return rule != AdoptionSpec.Kind.BASS && newlyActive == 0 && lastTick >= Math.max(Steps.START + 1, seedingTick);
  }
}
