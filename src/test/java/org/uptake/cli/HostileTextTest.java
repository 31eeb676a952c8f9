package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.report.TidyCsv;

/**
 * Names written by someone else, opened by a strategist: an org chart whose names are spreadsheet formulas
 * (=, +, -, @ once went raw into transitions.csv and state-at-T.csv, 74 and 51 cells in one test) or terminal escape
 * sequences.
 */
class HostileTextTest {
  @TempDir Path dir;
  static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  @Test
  void noCellOfAnyCsvRunsAsAFormula() throws Exception {
    Files.writeString(dir.resolve("chart.csv"), """
        person_id,department,manager_id,role
        =HYPERLINK("http://example.com";"x"),=Sales,,head
        +1+1,=Sales,"=HYPERLINK(""http://example.com"";""x"")",manager
        -2-2,=Sales,+1+1,staff
        @SUM(1),=Sales,+1+1,staff
        plain,=Sales,-2-2,staff
        """);
    Path scenario = Files.writeString(dir.resolve("s.conf"), """
        ticks = 6
        organisation.org-chart = "chart.csv"
        seeding.enthusiasts = 2
        interventions = [ { tick = 2, kind = mandate, by = CEO, departments = [all] } ]
        executives = [ { role = CEO, sponsors = [all] } ]
        """);
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Uptake.Result run = Uptake.run("run", scenario.toString(), "--run-id", "f", "--db", db, "--out",
        dir.resolve("runs").toString(), "--quiet");
    assertEquals(0, run.status(), run.err());
    assertEquals(0, Uptake.run("export", "f", "--format", "csv", "--db", db, "--out", dir.resolve("exports").toString())
        .status());
    assertEquals(0, Uptake.run("replay", "f", "--to-tick", "4", "--db", db, "--out", dir.resolve("replayed").toString())
        .status());
    List<Path> csvs;
    try (Stream<Path> files = Files.walk(dir)) {
      csvs = files.filter(f -> f.toString().endsWith(".csv") && !f.getFileName().toString().equals("chart.csv"))
          .toList();
    }
    assertTrue(csvs.stream().anyMatch(f -> f.endsWith("transitions.csv")), csvs.toString());
    assertTrue(csvs.stream().anyMatch(f -> f.endsWith("state-at-4.csv")), csvs.toString());
    int cells = 0;
    int named = 0;
    for (Path csv : csvs) {
      try (MappingIterator<List<String>> rows = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
          .readerFor(List.class).readValues(csv.toFile())) {
        while (rows.hasNext()) {
          for (String cell : rows.next()) {
            cells++;
            if (cell.contains("HYPERLINK") || cell.contains("SUM(1)") || cell.contains("+1+1")) named++;
            if (cell.isEmpty() || NUMBER.matcher(cell).matches()) continue;
            char c = cell.charAt(0);
            assertFalse(c == '=' || c == '+' || c == '-' || c == '@', csv.getFileName() + ": " + cell);
          }
        }
      }
    }
    assertTrue(named > 20, "the names are there, neutralised: " + named + " of " + cells + " cells");
  }

  @Test
  void aNumberStaysANumberAndTextIsNeutralised() throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    TidyCsv.table(List.of("a", "b", "c", "d", "e"), rows -> rows.write(List.of("-0.5", "=1+1", "@x", "-x", "+3e-2")))
        .write(w);
    assertEquals("a,b,c,d,e\n-0.5,'=1+1,'@x,'-x,+3e-2\n", w.toString());
  }

  @Test
  void controlCharactersInNamesAreRefusedAndNeverPrinted() throws Exception {
    Files.writeString(dir.resolve("chart.csv"), "person_id,department,manager_id,role\nA,X,,head\n"
        + "B\u001b]8;;http://example.com\u0007,X,A,staff\n");
    Path chart = Files.writeString(dir.resolve("c.conf"), "organisation.org-chart = \"chart.csv\"\n");
    Uptake.Result refused = Uptake.run("validate", chart.toString());
    assertEquals(2, refused.status());
    assertTrue(refused.err().contains("chart.csv:3: person_id: contains the control character U+001B"), refused.err());
    Path hocon = Files.writeString(dir.resolve("h.conf"),
        "organisation.departments = [ { name = \"Sales\\u001b[2J\", headcount = 5 } ]\n");
    Uptake.Result named = Uptake.run("validate", hocon.toString());
    assertEquals(2, named.status());
    assertTrue(named.err().contains("organisation.departments[0].name: contains the control character U+001B"),
        named.err());
    assertFalse(named.err().contains("\u001b"), "the message itself is safe to print");

    Uptake.Result echoed = Uptake.run("run", chart.toString(), "--run-id", "x\u001b[31mred");
    assertFalse(echoed.err().contains("\u001b"), echoed.err());
    assertTrue(echoed.err().contains("x?[31mred"), echoed.err());
  }
}
