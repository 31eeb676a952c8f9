package org.uptake.report;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * CSV files as pandas, R and a spreadsheet read them with default settings: a header row, comma separated,
 * quoted only where needed, "\n" line ends, UTF-8, numbers with at most six decimals and an empty cell where a
 * value is undefined (NaN in pandas, NA in R). Each file is written beside its place and moved over it, so a
 * reader never sees half a file.
 */
public final class TidyCsv {
  private TidyCsv() {}

  /** Rows, each a list of cells in the order of {@code columns}. */
  public interface Rows {
    void write(Sink rows) throws IOException;
  }

  /** Where a table's rows go; every text cell is made {@link #text safe} for a spreadsheet on the way. */
  public interface Sink {
    void write(List<String> cells) throws IOException;
  }

  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
      "[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  public static void write(Path file, List<String> columns, Rows body) throws IOException {
    atomically(file, table(columns, body));
  }

  /** A table with a header of {@code columns}, as a {@link Body} for {@link OutputFolder#write}. */
  public static Body table(List<String> columns, Rows body) {
    return w -> {
      CsvSchema.Builder schema = CsvSchema.builder();
      columns.forEach(schema::addColumn);
      // Strict checking quotes only what needs it; by default Jackson quotes every value longer than 24 characters.
      try (SequenceWriter rows = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
          .writer(schema.build().withHeader().withLineSeparator("\n")).writeValues(w)) {
        body.write(cells -> {
          List<String> safe = new java.util.ArrayList<>(cells.size());
          for (String c : cells) safe.add(c == null || NUMBER.matcher(c).matches() ? c : text(c));
          rows.write(safe);
        });
      }
    };
  }

  /** Six decimals at most, no trailing zeros: 105 for a tick, 0.041667 for a fraction; empty if undefined. */
  public static String number(Double v) {
    if (v == null || !Double.isFinite(v)) return "";
    return BigDecimal.valueOf(v).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
  }

  /**
   * A text cell that a spreadsheet will not run as a formula: one that begins with =, +, -, @, a tab or a
   * carriage return gets a leading apostrophe, as OWASP's guidance on CSV injection advises. Every table written
   * through {@link #table} does this to each cell that is not a number.
   */
  public static String text(String s) {
    if (s == null || s.isEmpty()) return s == null ? "" : s;
    char c = s.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + s : s;
  }

  public interface Body {
    void write(Writer w) throws IOException;
  }

  /** Writes {@code file} through a temporary file next to it, moved over it when complete. */
  public static void atomically(Path file, Body body) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      body.write(w);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
