package org.uptake.fit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.uptake.BadInput;
import org.uptake.scenario.CsvRows;

/** Observed adoption data a user gives, read and checked before any fitting starts. */
public final class ObservedSeries {
  private ObservedSeries() {}

  /**
   * Adoptions per period from a CSV with the columns {@code period,adoptions}: periods 1, 2, ... n in order, each
   * a count (or any number) of adoptions that is zero or more. Element k is period k + 1.
   */
  public static double[] adoptionsPerPeriod(Path file) {
    List<CsvRows.Record> rows = CsvRows.read(file, List.of("period", "adoptions"));
    if (rows.isEmpty()) throw new BadInput(file + ": no rows under the header period,adoptions");
    double[] out = new double[rows.size()];
    for (int k = 0; k < rows.size(); k++) {
      Map<String, String> r = rows.get(k).values();
      String where = file + ":" + rows.get(k).line() + ": ";
      String period = r.get("period");
      if (!period.equals(Integer.toString(k + 1))) {
        throw new BadInput(where + "period: expected " + (k + 1) + " (periods go 1, 2, 3, ... in order, one row "
            + "each), got '" + period + "'");
      }
      String value = r.get("adoptions");
      double a;
      try {
        a = Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new BadInput(where + "adoptions: expected a number, got '" + value + "'");
      }
      if (!Double.isFinite(a) || a < 0) {
        throw new BadInput(where + "adoptions: expected a number of adoptions, zero or more, got '" + value + "'");
      }
      out[k] = a;
    }
    return out;
  }
}
