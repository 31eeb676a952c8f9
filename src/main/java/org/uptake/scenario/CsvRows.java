package org.uptake.scenario;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The rows of a CSV file a user gives (an org chart, a ties file, an observed series), each with its line. */
public final class CsvRows {
  private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
      .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

  private CsvRows() {}

  /** One data row of a CSV file and the line it starts on (a quoted value may hold line breaks). */
  public record Record(Map<String, String> values, int line) {}

  /**
   * Reads a CSV file whose header has at least {@code columns}, each row as many values as the header; blank
   * lines are skipped.
   */
  public static List<Record> read(Path file, List<String> columns) {
    if (!Files.isRegularFile(file)) throw new ScenarioException(file + ": no such file");
    List<Record> out = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
      List<String> header = null;
      while (true) {
        int line = it.getParser().getCurrentLocation().getLineNr();
        if (!it.hasNextValue()) break;
        if (header == null) {
          header = new ArrayList<>();
          for (CsvSchema.Column c : ((CsvParser) it.getParser()).getSchema()) header.add(c.getName());
          if (!header.containsAll(columns)) {
            throw new ScenarioException(file + ":1: expected the header " + String.join(",", columns)
                + ", got " + String.join(",", header));
          }
        }
        Map<String, String> values = it.nextValue();
        if (values.size() < header.size()) {
          throw new ScenarioException(file + ":" + line + ": expected " + header.size() + " values ("
              + String.join(",", header) + "), got " + values.size());
        }
        out.add(new Record(values, line));
      }
      return out;
    } catch (IOException | RuntimeException e) {
      if (e instanceof ScenarioException se) throw se;
      String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
      throw new ScenarioException(file + ": not a readable CSV file (" + message + ")");
    }
  }
}
