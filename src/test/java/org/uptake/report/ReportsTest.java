package org.uptake.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsTest {
  @TempDir Path dir;

  private Path series(String name, double... active) throws IOException {
    StringBuilder csv = new StringBuilder("tick,active_fraction\n");
    for (int t = 0; t < active.length; t++) csv.append(t).append(',').append(active[t]).append('\n');
    return Files.writeString(dir.resolve(name), csv.toString());
  }

  @Test
  void bandIsTheMeanAndStudentTIntervalAtEachTick() throws IOException {
    List<Path> files = List.of(series("a.csv", 0.1, 0.4), series("b.csv", 0.2, 0.4), series("c.csv", 0.3, 0.4));
    Charts.Band band = Reports.band("s", files.stream().map(Reports::readCsv).toList(), "active_fraction");
    // Tick 0: sample 0.1, 0.2, 0.3 -> mean 0.2, sd 0.1; t(0.975, 2 df) = 4.302653 (t table), so the
    // half-width is 4.302653 * 0.1 / sqrt(3) = 0.248414.
    assertEquals(0.2, band.mean()[0], 1e-12);
    assertEquals(0.2 - 0.248414, band.low()[0], 1e-6);
    assertEquals(0.2 + 0.248414, band.high()[0], 1e-6);
    // Tick 1: no spread, so the band closes on the mean.
    assertEquals(0.4, band.low()[1], 1e-12);
    assertEquals(0.4, band.high()[1], 1e-12);
    assertArrayEquals(new double[] {0, 1}, band.x());
  }

  @Test
  void aRunThatStoppedEarlyHoldsItsLastValue() throws IOException {
    List<Path> files = List.of(series("a.csv", 0.1, 0.3, 0.5), series("b.csv", 0.1, 0.5));
    Charts.Band band = Reports.band("s", files.stream().map(Reports::readCsv).toList(), "active_fraction");
    assertEquals(3, band.mean().length);
    assertEquals(0.5, band.mean()[2], 1e-12); // (0.5 + 0.5) / 2: b stopped at tick 1 with 0.5
  }

  @Test
  void responseHasOneSeriesPerSettingOfTheOtherParameters() {
    List<String> header = List.of("a", "b", "n", "m_mean", "m_sd", "m_ci_low", "m_ci_high");
    List<List<String>> points = List.of(
        List.of("2", "x", "3", "0.5", "0.1", "0.3", "0.7"),
        List.of("1", "x", "3", "0.4", "0.1", "0.2", "0.6"),
        List.of("1", "y", "3", "0.1", "0.0", "0.1", "0.1"),
        List.of("2", "y", "3", "0.2", "0.0", "0.2", "0.2"));
    List<Charts.Response> r = Reports.response(header, points, List.of("a", "b"), "a", "m");
    assertEquals(2, r.size());
    assertEquals("b=x", r.get(0).name());
    assertArrayEquals(new double[] {1, 2}, r.get(0).x()); // sorted by the varied value
    assertArrayEquals(new double[] {0.4, 0.5}, r.get(0).mean());
    assertArrayEquals(new double[] {0.2, 0.2}, r.get(0).halfWidth(), 1e-12);
    assertEquals("b=y", r.get(1).name());
  }
}
