package org.uptake.cli;

import java.util.Locale;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;

/** The short summary a strategist reads on the console after a run. */
final class SummaryTable {
  private SummaryTable() {}

  static void print(java.io.PrintWriter out, RunSummary s, RunProjection.Result r) {
    out.printf(Locale.ROOT, "%nRun %s  (%s, strategy %s, seed %d, %d people, %d ticks)%n", s.runId(), s.scenario(),
        s.strategy(), s.seed(), s.people(), s.ticks());
    line(out, "time to 10% active", tick(s.timeTo10PctActive()));
    line(out, "time to 50% active", tick(s.timeTo50PctActive()));
    line(out, "peak active", String.format(Locale.ROOT, "%.1f%% at tick %d", 100 * s.peakActiveFraction(),
        s.peakTick()));
    line(out, "final active", pct(s.finalActiveFraction()));
    line(out, "ever adopted", pct(s.finalEverAdoptedFraction()));
    line(out, "sustained adoption", pct(s.sustainedAdoption()) + " of those who ever adopted");
    line(out, "lapses", Integer.toString(s.lapses()));
    line(out, "champions at end", Integer.toString(s.finalChampions()));
    line(out, "goal index at end", String.format(Locale.ROOT, "%.3f", s.finalGoalIndex()));
    line(out, "sponsorship at end", String.format(Locale.ROOT, "%.2f", s.finalSponsorship()));
    out.println("  final active by department:");
    s.departmentFinalActive().forEach((d, v) -> out.printf(Locale.ROOT, "    %-22s %6s%n", d, pct(v)));
  }

  private static void line(java.io.PrintWriter out, String label, String value) {
    out.printf(Locale.ROOT, "  %-22s %s%n", label, value);
  }

  private static String tick(Integer t) {
    return t == null ? "not reached" : "tick " + t;
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
