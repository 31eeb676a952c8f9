package org.uptake.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;

/** Org-chart CSV files as a spreadsheet writes them, and the errors a strategist's own file can have. */
class OrgChartTest {
  static final String HEADER = "person_id,department,manager_id,role\n";
  @TempDir Path dir;

  ScenarioException refused(String csv) {
    Path file = TestScenarios.write(dir, "chart.csv", csv);
    ScenarioException e = assertThrows(ScenarioException.class, () -> OrgChart.read(file));
    assertFalse(e.getMessage().contains("NOT skip"), "no message from inside the CSV parser: " + e.getMessage());
    return e;
  }

  @Test
  void aQuotedLineBreakIsRefusedOnTheLineItStarts() {
    // Lines: 1 header, 2 A, 3-4 "Smith\nJones": a name with a line break would break every table it is written to.
    ScenarioException e = refused(HEADER + "A,X,,head\n\"Smith\nJones\",X,A,staff\nC,X,Z,staff\n");
    assertTrue(e.getMessage().endsWith("chart.csv:3: person_id: contains the control character U+000A; names are "
        + "printed on terminals and written to spreadsheets, so they hold printable characters only"), e.getMessage());
  }

  @Test
  void aShortRowIsBlamedNotTheHeader() {
    ScenarioException e = refused(HEADER + "A,X\nB,X,A,staff\n");
    assertTrue(e.getMessage().endsWith("chart.csv:2: expected 4 values (person_id,department,manager_id,role), "
        + "got 2"), e.getMessage());
    e = refused(HEADER + "A,X,,head\nB,X,A\n");
    assertTrue(e.getMessage().contains("chart.csv:3: expected 4 values"), e.getMessage());
  }

  @Test
  void aWrongHeaderIsNamed() {
    ScenarioException e = refused("id,department,manager_id,role\nA,X,,head\n");
    assertTrue(e.getMessage().endsWith("chart.csv:1: expected the header person_id,department,manager_id,role, got "
        + "id,department,manager_id,role"), e.getMessage());
  }

  @Test
  void blankLinesAreSkipped() {
    Path file = TestScenarios.write(dir, "chart.csv", HEADER + "A,X,,head\n\nB,X,A,staff\n\n\n");
    OrgChart chart = OrgChart.read(file);
    assertEquals(2, chart.rows().size());
    assertEquals(4, chart.rows().get(1).line(), "B is on line 4");
  }

  /**
   * A reporting chain of 200,000 people, each reporting to the one before: the loop check walks each person once
   * (it walked each person's whole line before, and 20,000 rows took 17 s). With the head's manager set to the
   * last person, the chain is a loop, found from the first row.
   */
  @Test
  void aLongChainIsCheckedAndALoopThroughItFound() {
    int n = 200_000;
    StringBuilder chain = new StringBuilder(HEADER).append("p0,X,,head\n");
    for (int i = 1; i < n; i++) chain.append('p').append(i).append(",X,p").append(i - 1).append(",manager\n");
    Path file = TestScenarios.write(dir, "chain.csv", chain.toString());
    assertEquals(n, OrgChart.read(file).rows().size());

    String loop = chain.toString().replace("p0,X,,head\n", "p0,X,p" + (n - 1) + ",manager\nq,X,,head\n");
    ScenarioException e = refused(loop);
    assertTrue(e.getMessage().contains("chart.csv:2: manager_id: reporting lines form a loop through 'p0'"),
        e.getMessage());
  }
}
