package org.uptake.model;

/**
 * Uptake's one time convention (docs/design.md, note 5): a scenario with {@code ticks = T} plays steps 1 to T.
 * Tick 0 is the start, not a step: what a scenario places at the start (seeds and the team at tick 0, an
 * executive's support from the start) is in place at tick 0, but nobody decides anything. Row t of every
 * series is the state at the end of step t, and row 0 the start, as in NetLogo's BehaviorSpace and the
 * discrete-time recursions of the literature (F(0) = 0, F(1) = p for Bass with no seeds).
 */
public final class Steps {
  /** The tick of the start: the state before the first step. */
  public static final int START = 0;

  private Steps() {}

  /** When something happened, in words: "at the start", or "in week 4" for {@code unit} "week". */
  public static String when(String unit, int tick) {
    return tick == START ? "at the start" : "in " + unit + " " + tick;
  }
}
