package org.uptake.cli;

import java.util.Locale;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;

/** The short summary a strategist reads on the console after a run. */
final class SummaryTable {
  private SummaryTable() {}

  static void print(java.io.PrintWriter out, RunSummary s, RunProjection.Result r) {
    out.printf(Locale.ROOT, "%nRun %s  (%s, strategy %s, seed %d, %d people, %d %s)%n", s.runId(), s.scenario(),
        s.strategy(), s.seed(), s.people(), s.ticks(), RunSummary.plural(s.unit(), s.ticks()));
    s.headline().forEach(e -> out.printf(Locale.ROOT, "  %-22s %s%n", e.getKey(), e.getValue()));
    if (r.population()) return;
    out.println("  final active by department:");
    s.departmentFinalActive().forEach((d, v) -> out.printf(Locale.ROOT, "    %-22s %6s%n", d, RunSummary.pct(v)));
  }
}
