package org.uptake.cli;

import akka.serialization.SerializationExtension;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.Divergence;
import org.uptake.journal.RunLog;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compares two runs: the scenario keys that differ, the first tick and event at which their "
        + "journals diverge, the per-tick difference of the main series, and the difference of the summary metrics.",
        "Example: uptake diff mandate-42 mandate-42-ceo-at-20 --csv diff.csv"})
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_A")
  String a;

  @Parameters(index = "1", paramLabel = "RUN_B")
  String b;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the per-tick differences as CSV.")
  Path csv;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      RunLog la = session.log(a);
      RunLog lb = session.log(b);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("A = %s (%s, seed %d)%nB = %s (%s, seed %d)%n", a, la.started().scenarioName(), la.started().seed(),
          b, lb.started().scenarioName(), lb.started().seed());
      List<String> keys = ScenarioLoader.differingKeys(la.started().scenario(), lb.started().scenario());
      out.println(keys.isEmpty() ? "Scenarios: identical." : "Scenarios differ in: " + String.join(", ", keys));
      String unit = la.facts().unit();
      Divergence d = Divergence.first(la, lb, SerializationExtension.get(session.system()));
      if (d == null) {
        out.printf("Journals: identical, %ss 0 to %d.%n", unit, Math.min(la.lastTick(), lb.lastTick()));
      } else {
        out.printf("Journals: first diverge in %s %d, in %s: %s%n", unit, d.tick(), d.entity(), d.what());
      }
      RunProjection.Result ra = RunProjection.project(la);
      RunProjection.Result rb = RunProjection.project(lb);
      series(out, ra, rb, unit);
      summary(out, RunSummary.of(ra), RunSummary.of(rb));
      if (csv != null) writeCsv(ra, rb, csv);
      return 0;
    }
  }

  private static void series(PrintWriter out, RunProjection.Result ra, RunProjection.Result rb, String unit) {
    int n = Math.min(ra.rows().size(), rb.rows().size());
    int firstDifferent = -1;
    for (int i = 0; i < n && firstDifferent < 0; i++) {
      if (!Arrays.equals(ra.rows().get(i).counts(), rb.rows().get(i).counts())) firstDifferent = i;
    }
    if (firstDifferent < 0) {
      out.println("Series: identical over " + unit + "s 0 to " + (n - 1) + ".");
      return;
    }
    out.println("Series (active share and ever adopted, B - A), from " + unit + " " + ra.rows().get(firstDifferent).tick()
        + ", the first in which the number of people in some state differs:");
    out.printf("  %5s %9s %9s %8s %9s %9s %8s%n", unit, "active A", "active B", "B - A", "ever A", "ever B", "B - A");
    int step = Math.max(1, (n - firstDifferent) / 20);
    for (int i = firstDifferent; i < n; i += step) {
      RunProjection.Row x = ra.rows().get(i);
      RunProjection.Row y = rb.rows().get(i);
      out.printf(Locale.ROOT, "  %5d %9.3f %9.3f %+8.3f %9.3f %9.3f %+8.3f%n", x.tick(), x.active(), y.active(),
          y.active() - x.active(), x.everAdopted(), y.everAdopted(), y.everAdopted() - x.everAdopted());
    }
  }

  private static void summary(PrintWriter out, RunSummary x, RunSummary y) {
    out.println("Summary:");
    out.printf(Locale.ROOT, "  %-20s %24s %24s %10s%n", "metric", "A", "B", "B - A");
    metric(out, "time to 10% active", x, y, x.timeTo10PctActive(), y.timeTo10PctActive());
    metric(out, "time to 50% active", x, y, x.timeTo50PctActive(), y.timeTo50PctActive());
    metric(out, "peak active", x.peakActiveFraction(), y.peakActiveFraction());
    metric(out, "final active", x.finalActiveFraction(), y.finalActiveFraction());
    metric(out, "ever adopted", x.finalEverAdoptedFraction(), y.finalEverAdoptedFraction());
    if (!x.permanent() || !y.permanent()) {
      metric(out, "sustained adoption", x.sustainedAdoption(), y.sustainedAdoption());
      metric(out, "lapses", (double) x.lapses(), (double) y.lapses());
    }
    if (!x.population() || !y.population()) metric(out, "goal index", x.finalGoalIndex(), y.finalGoalIndex());
  }

  private static void metric(PrintWriter out, String label, RunSummary sx, RunSummary sy, Integer x, Integer y) {
    out.printf(Locale.ROOT, "  %-20s %24s %24s %10s%n", label, sx.at(x), sy.at(y),
        x == null || y == null ? "" : String.format(Locale.ROOT, "%+d", y - x));
  }

  private static void metric(PrintWriter out, String label, double x, double y) {
    out.printf(Locale.ROOT, "  %-20s %24.3f %24.3f %+10.3f%n", label, x, y, y - x);
  }

  static void writeCsv(RunProjection.Result ra, RunProjection.Result rb, Path file) throws java.io.IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("tick,active_fraction_a,active_fraction_b,active_fraction_diff,ever_adopted_a,ever_adopted_b,"
          + "ever_adopted_diff,goal_index_a,goal_index_b,goal_index_diff,lapsed_a,lapsed_b,lapsed_diff\n");
      int n = Math.min(ra.rows().size(), rb.rows().size());
      for (int i = 0; i < n; i++) {
        RunProjection.Row x = ra.rows().get(i);
        RunProjection.Row y = rb.rows().get(i);
        int la = x.counts()[4];
        int lb = y.counts()[4];
        w.write(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%d,%d%n", x.tick(),
            x.active(), y.active(), y.active() - x.active(), x.everAdopted(), y.everAdopted(),
            y.everAdopted() - x.everAdopted(), x.goal(), y.goal(), y.goal() - x.goal(), la, lb, lb - la));
      }
    }
  }
}
