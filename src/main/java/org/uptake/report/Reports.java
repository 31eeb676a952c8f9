package org.uptake.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.organisation.Organisation;

/**
 * A run's report.html and its charts, rebuilt from the journal, and the staging every report is built in (aside,
 * moved into place when complete); a comparison's report is experiment.CompareReport's, a sweep's
 * sweep.SweepReport's.
 */
public final class Reports {
  private Reports() {}

  /**
   * A run's report in {@code dir}: adoption by state, the department heat map, the goal measure and the
   * network at {@code ticks}, all from the journal ({@code r} is the run's projection of {@code log}).
   */
  public static Path run(RunLog log, RunProjection.Result r, Path dir, List<Integer> ticks) {
    return staged(dir, tmp -> {
      RunSummary s = RunSummary.of(r);
      Path charts = tmp.resolve("charts");
      String unit = r.unit();
      HtmlReport html = new HtmlReport("Run " + s.runId(), String.format(Locale.ROOT,
          "%s — strategy %s, seed %d, %d people, %d %s%s", s.scenario(), s.strategy(), s.seed(), s.people(),
          s.ticks(), RunSummary.plural(unit, s.ticks()), r.finished() ? "" : " (not finished)"));
      List<List<String>> table = new ArrayList<>();
      table.add(HtmlReport.row("headline", "value"));
      s.headline().forEach(e -> table.add(HtmlReport.row(e.getKey(), e.getValue())));
      html.heading("Summary").table(table);
      html.figure(Charts.save(Charts.states(r), charts, "states",
          "People in each adoption state at the end of each " + unit + " (" + unit + " 0: the start)."), tmp);
      if (!r.population()) {
        html.figure(Charts.save(Charts.departmentHeatMap(r), charts, "departments",
            "Share of each department active, " + unit + " by " + unit
                + ": where the tool took hold and where it did not."), tmp);
        html.figure(Charts.save(Charts.goal(r), charts, "goal",
            "The business-goal index lags active use; sponsorship is the mean over departments of executive "
                + "support."), tmp);
      }
      Organisation org = Recorded.organisation(log);
      NetworkPicture picture = new NetworkPicture(org, s.seed(), unit);
      List<NetworkPicture.Panel> panels = new ArrayList<>();
      for (int tick : ticks) panels.add(new NetworkPicture.Panel(tick, Recorded.statesAt(log, tick)));
      html.figure(picture.save(panels, charts, "network"), tmp);
      html.write(tmp);
    });
  }

  /** The ticks shown in a run's network picture by default: the start, the middle and the end. */
  public static List<Integer> defaultTicks(int lastTick) {
    return new ArrayList<>(new TreeSet<>(List.of(0, lastTick / 2, lastTick)));
  }

  /**
   * Builds a report in a folder of its own beside {@code dir}'s files, then moves its charts and report.html into
   * place: a report that fails half-way leaves nothing half-written. Returns report.html's path, or null if the
   * build made charts only.
   */
  public static Path staged(Path dir, java.util.function.Consumer<Path> build) {
    OutputFolder folder = OutputFolder.open(dir);
    Path tmp = dir.resolve(".report.partial");
    try {
      Scratch.fresh(tmp);
      build.accept(tmp);
      Path charts = tmp.resolve("charts");
      if (Files.isDirectory(charts)) {
        try (java.util.stream.Stream<Path> files = Files.list(charts)) {
          for (Path f : files.sorted().toList()) folder.move(f, "charts/" + f.getFileName());
        }
      }
      Path html = tmp.resolve("report.html");
      return Files.exists(html) ? folder.move(html, "report.html") : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report under " + dir + ": " + e.getMessage(), e);
    } finally {
      try {
        Scratch.delete(tmp);
      } catch (IOException e) {
        // A leftover staging folder holds nothing anybody reads; the next report replaces it.
      }
    }
  }


}
