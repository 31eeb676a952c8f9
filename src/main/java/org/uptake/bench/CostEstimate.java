package org.uptake.bench;

import java.util.Locale;
import org.uptake.scenario.MemoryEstimate;
import org.uptake.scenario.Scenario;

/**
 * What a run will cost, told before it starts: wall time from the engine's measured speed (uptake bench on
 * the 2-core reference machine; see the README's performance table) and heap from {@link MemoryEstimate}.
 */
public final class CostEstimate {
  /**
   * Agent-ticks per second of the organisational model with its full journal: measured 907,000 at 100,000
   * people and 755,000 at 1,000,000 (52 ticks, people held inside workgroups); the estimate leans to the slower.
   */
  static final double AGENT_TICKS_PER_SECOND = 600_000;
  /** Runs estimated to take longer than this get the estimate printed. */
  static final double WORTH_SAYING_SECONDS = 30;

  private CostEstimate() {}

  public static double seconds(Scenario s) {
    return s.organisation().people() * (double) s.ticks() / AGENT_TICKS_PER_SECOND;
  }

  /** A line for the console, or null for runs too short to mention. */
  public static String describe(Scenario s) {
    double seconds = seconds(s);
    if (seconds < WORTH_SAYING_SECONDS) return null;
    long people = s.organisation().people();
    return String.format(Locale.ROOT, "uptake: %,d people x %d ticks: expect about %s, needing about %.1f GB "
        + "of heap (measured on a 2-core machine; `uptake bench` measures this one)", people, s.ticks(),
        seconds < 120 ? String.format(Locale.ROOT, "%.0f s", seconds)
            : String.format(Locale.ROOT, "%.0f min", seconds / 60), MemoryEstimate.bytes(s) / 1e9);
  }
}
