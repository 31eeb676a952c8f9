package org.uptake.fit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uptake.BadInput;
import org.uptake.report.Series;
import org.uptake.scenario.CsvRows;

/**
 * An observed adoption series to fit a scenario to: a {@code week} column (or {@code tick}, as timeseries.csv
 * calls it; 0 is before the first step) and one or more of timeseries.csv's columns, by the same names. Weeks may be missing, and so
 * may a value (an empty cell). A share ({@code _fraction}) is between 0 and 1; any other column is a count of
 * people, compared as a share of the organisation's headcount.
 */
public record Observed(String file, List<String> columns, List<Week> weeks) {

  /** One observed week: a value per column, null where it was not observed. */
  public record Week(int week, List<Double> values) {}

  public static boolean isShare(String column) {
    return column.endsWith("_fraction");
  }

  /** The number of values observed in weeks {@code from} to {@code to} (inclusive). */
  public int count(int from, int to) {
    int n = 0;
    for (Week w : weeks) {
      if (w.week() < from || w.week() > to) continue;
      for (Double v : w.values()) if (v != null) n++;
    }
    return n;
  }

  public int lastWeek() {
    return weeks.get(weeks.size() - 1).week();
  }

  /**
   * Reads and checks the file against the base scenario: its horizon {@code ticks} and which series mean
   * something for it ({@code population}: a canonical network; {@code permanent}: a canonical rule).
   */
  public static Observed read(Path file, int ticks, boolean population, boolean permanent) {
    List<CsvRows.Record> rows = CsvRows.read(file, List.of());
    if (rows.isEmpty()) throw new BadInput(file + ": no rows under the header");
    List<String> columns = new ArrayList<>(rows.get(0).values().keySet());
    String time = columns.contains("week") ? "week" : "tick";
    if (!columns.remove(time)) {
      throw new BadInput(file + ":1: expected a column week (or tick, as in timeseries.csv), got the header "
          + String.join(",", columns));
    }
    for (String c : columns) {
      if (!Series.NAMES.contains(c) || c.equals("sponsorship") || c.equals("goal_index")) {
        throw new BadInput(file + ":1: column '" + c + "': expected " + time + " and any of " + String.join(", ",
            Series.NAMES.stream().filter(n -> !n.equals("sponsorship") && !n.equals("goal_index")).toList())
            + " (the names of timeseries.csv)");
      }
      if (!Series.appliesTo(c, population, permanent)) {
        throw new BadInput(file + ":1: column '" + c + "' means nothing for the base scenario ("
            + (population ? "a canonical network has no hierarchy or champions" : "under a canonical rule people "
            + "are only unaware or active") + ")");
      }
    }
    if (columns.isEmpty()) {
      throw new BadInput(file + ":1: expected " + time + " and at least one observed column, e.g. "
          + "week,active_fraction");
    }
    List<Week> weeks = new ArrayList<>();
    for (CsvRows.Record row : rows) {
      Map<String, String> r = row.values();
      String where = file + ":" + row.line() + ": ";
      int week;
      try {
        week = Integer.parseInt(r.get(time));
      } catch (NumberFormatException e) {
        throw new BadInput(where + time + ": expected a whole number, got '" + r.get(time) + "'");
      }
      if (week < 0) throw new BadInput(where + time + ": expected 0 or more, got " + week);
      if (!weeks.isEmpty() && week <= weeks.get(weeks.size() - 1).week()) {
        throw new BadInput(where + time + ": expected " + time + "s in increasing order, each once; " + week
            + " comes after " + weeks.get(weeks.size() - 1).week());
      }
      if (week > ticks) {
        throw new BadInput(where + time + ": " + week + " is after the base scenario's last week (ticks = " + ticks
            + "); raise ticks in the base scenario or leave the row out");
      }
      List<Double> values = new ArrayList<>();
      for (String c : columns) {
        String text = r.get(c);
        if (text == null || text.isEmpty()) {
          values.add(null);
          continue;
        }
        double v;
        try {
          v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new BadInput(where + c + ": expected a number (or nothing, for a week not observed), got '" + text
              + "'");
        }
        if (!Double.isFinite(v) || v < 0 || (isShare(c) && v > 1)) {
          throw new BadInput(where + c + ": expected " + (isShare(c) ? "a share from 0 to 1" : "a count, 0 or more")
              + ", got '" + text + "'");
        }
        values.add(v);
      }
      weeks.add(new Week(week, java.util.Collections.unmodifiableList(values)));
    }
    return new Observed(file.toString(), List.copyOf(columns), List.copyOf(weeks));
  }
}
