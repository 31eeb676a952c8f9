package org.uptake.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.model.AdoptionState;
import org.uptake.organisation.People;
import org.uptake.organisation.Roster;
import org.uptake.report.RunProjection.Result;
import org.uptake.report.RunProjection.Row;

/**
 * Writes a run's {@code timeseries.csv} and {@code summary.json}, each written beside its place and moved over it
 * when complete, so a failure never leaves half a file on disk.
 * Numbers are rounded to six decimals so the files are byte-identical for identical journals.
 */
public final class RunOutputs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunOutputs() {}

  /** Writes the run's files into {@code out/<run-id>/}, an {@link OutputFolder}: only Uptake's own files there are replaced. */
  public static Path write(Result result, Path out) {
    OutputFolder folder = OutputFolder.open(out.resolve(result.started().runId()));
    folder.write("timeseries.csv", w -> writeTimeseries(result, w));
    folder.write("summary.json", w -> writeSummary(RunSummary.of(result), w));
    return folder.dir();
  }

  /** One column of timeseries.csv: its name and how a row gives its cell. */
  private record Column(String name, java.util.function.Function<Row, String> cell) {}

  /**
   * The columns that mean something for the run: a canonical network (one population) has no champions,
   * mandates, goal, sponsorship or departments to speak of, and under a canonical rule people are only
   * unaware or active.
   */
  private static List<Column> columnsOf(Result r) {
    List<Column> cols = new ArrayList<>(List.of(new Column("tick", row -> Integer.toString(row.tick()))));
    for (AdoptionState s : AdoptionState.values()) {
      if (r.permanent() && s != AdoptionState.UNAWARE && s != AdoptionState.ACTIVE) continue;
      cols.add(new Column(s.column(), row -> Integer.toString(row.counts()[s.ordinal()])));
    }
    if (!r.population()) {
      cols.add(new Column("champions", row -> Integer.toString(row.champions())));
      cols.add(new Column("mandated", row -> Integer.toString(row.mandated())));
    }
    cols.add(new Column("ever_adopted_fraction", row -> fixed(row.everAdopted())));
    cols.add(new Column("active_fraction", row -> fixed(row.active())));
    if (!r.population()) {
      cols.add(new Column("goal_index", row -> fixed(row.goal())));
      cols.add(new Column("sponsorship", row -> fixed(row.sponsorship())));
      for (int d = 0; d < r.departments().size(); d++) {
        int k = d;
        cols.add(new Column("active_fraction_" + slug(r.departments().get(d)), row -> fixed(row.departmentActive()[k])));
      }
    }
    return cols;
  }

  public static List<String> columns(Result r) {
    return columnsOf(r).stream().map(Column::name).toList();
  }

  static void writeTimeseries(Result r, Writer w) throws IOException {
    List<Column> cols = columnsOf(r);
    CsvSchema.Builder schema = CsvSchema.builder();
    cols.forEach(c -> schema.addColumn(c.name()));
    try (var seq = new CsvMapper().writer(schema.build().withHeader().withLineSeparator("\n")).writeValues(w)) {
      for (Row row : r.rows()) {
        List<String> values = new ArrayList<>(cols.size());
        for (Column c : cols) values.add(c.cell().apply(row));
        seq.write(values);
      }
    }
  }

  static void writeSummary(RunSummary s, Writer w) throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run_id", s.runId());
    json.put("scenario", s.scenario());
    json.put("strategy", s.strategy());
    json.put("seed", s.seed());
    json.put("ticks", s.ticks());
    json.put("time_unit", s.unit());
    // A canonical run with nothing left to change stops before the scenario's last tick.
    json.put("stopped_early", s.finished() && s.ticks() < s.scheduledTicks());
    json.put("people", s.people());
    json.put("finished", s.finished());
    // A time not reached within the run is null: censored at its ticks, never a number.
    json.put("time_to_10pct_active", s.timeTo10PctActive());
    json.put("time_to_50pct_active", s.timeTo50PctActive());
    json.put("peak_active_fraction", round(s.peakActiveFraction()));
    json.put("peak_tick", s.peakTick());
    json.put("final_active_fraction", round(s.finalActiveFraction()));
    json.put("final_ever_adopted_fraction", round(s.finalEverAdoptedFraction()));
    if (!s.permanent()) {
      json.put("sustained_adoption", round(s.sustainedAdoption()));
      json.put("lapses", s.lapses());
    }
    if (!s.population()) {
      json.put("final_champions", s.finalChampions());
      json.put("final_goal_index", round(s.finalGoalIndex()));
      json.put("final_sponsorship", round(s.finalSponsorship()));
      Map<String, Object> departments = new LinkedHashMap<>();
      s.departmentFinalActive().forEach((d, v) -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("final_active_fraction", round(v));
        m.put("time_to_50pct_active", s.departmentTimeTo50PctActive().get(d));
        departments.put(d, m);
      });
      json.put("departments", departments);
      Map<String, Object> executives = new LinkedHashMap<>();
      s.executiveFinalSupport().forEach((role, v) -> executives.put(role, round(v)));
      json.put("executives_final_support", executives);
    }
    w.write(JSON.writeValueAsString(json) + "\n");
  }

  static String slug(String name) {
    return Slug.of(name, "_");
  }

  static String fixed(double v) {
    return String.format(Locale.ROOT, "%.6f", v);
  }

  static BigDecimal round(double v) {
    return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN);
  }

  /**
   * One row per person, in number order: person_number (from 1), person, department, role, manager, state, since
   * (the tick of their last change of state), champion, mandated.
   */
  public static void writeStateAt(RunLog log, int tick, OutputFolder folder, String name) {
    Map<String, People> people = Recorded.peopleAt(log, tick);
    List<Roster> rosters = Recorded.rosters(log);
    String[] names = Recorded.names(log);
    List<List<String>> rows = new ArrayList<>(Collections.nCopies(names.length, null));
    for (Roster r : rosters) {
      People p = people.get(r.department());
      for (int i = 0; i < r.members().size(); i++) {
        Roster.Member m = r.members().get(i);
        rows.set(m.id(), List.of(Integer.toString(m.id() + 1), m.name(), r.department(),
            m.role().name().toLowerCase(Locale.ROOT), m.manager() < 0 ? "" : names[m.manager()],
            p.stateOf(i).column(), Integer.toString(p.since()[i]), Boolean.toString(p.champion()[i]),
            Boolean.toString(p.mandated()[i])));
      }
    }
    folder.write(name, TidyCsv.table(List.of("person_number", "person", "department", "role", "manager", "state",
        "since", "champion", "mandated"), out -> {
      for (List<String> row : rows) out.write(row);
    }));
  }
}
