package org.uptake.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Prints and records each validation check (observed, expected, tolerance, source) to stdout and to
 * target/validation-report.txt, then asserts it.
 */
final class ValidationReport {
  private static final Path FILE = Path.of("target", "validation-report.txt");

  private ValidationReport() {}

  static void check(String what, double observed, double expected, double tolerance, String source) {
    boolean ok = Math.abs(observed - expected) <= tolerance;
    record(ok, String.format(Locale.ROOT, "%-4s %-58s observed %.4f  expected %.4f  tolerance %.4f  (%s)",
        ok ? "ok" : "FAIL", what, observed, expected, tolerance, source));
  }

  /** A value that must fall inside a range the evidence gives, [{@code low}, {@code high}]. */
  static void within(String what, double observed, double low, double high, String source) {
    boolean ok = observed >= low && observed <= high;
    record(ok, String.format(Locale.ROOT, "%-4s %-58s observed %.4f  in [%.4f, %.4f]  (%s)", ok ? "ok" : "FAIL",
        what, observed, low, high, source));
  }

  /** An ordering the sources support without a closed form: {@code smaller} < {@code larger}. */
  static void less(String what, double smaller, double larger, String source) {
    boolean ok = smaller < larger;
    record(ok, String.format(Locale.ROOT, "%-4s %-58s observed %.4f < %.4f  (%s)", ok ? "ok" : "FAIL", what,
        smaller, larger, source));
  }

  private static void record(boolean ok, String line) {
    System.out.println("VALIDATION " + line);
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertTrue(ok, line);
  }
}
