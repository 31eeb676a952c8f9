package org.uptake.optimise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.scenario.ScenarioException;

class OptimiseSpecTest {
  @TempDir Path dir;

  @Test
  void aPlansValuesFillTheTemplateAndItsCostIsTheSumOfItsDecisions() throws Exception {
    OptimiseSpec spec = OptimiseSpec.load(SmallOptimisation.pilot(dir, 20, 2));
    assertEquals(List.of("pilot", "level"), spec.names());
    assertEquals(8, spec.plans().size());
    assertEquals(List.of("\"Finance\"", "0.4"), spec.plans().get(0), "the first decision varies slowest");
    assertEquals(30.0, spec.cost(List.of("\"Sales\"", "0.8")));
    assertFalse(spec.affordable(List.of("\"Sales\"", "0.8")));
    assertTrue(spec.affordable(List.of("\"Sales\"", "0.4")));
    assertEquals(Map.of("interventions", "[{\"by\":\"CEO\",\"departments\":[\"Sales\"],\"kind\":\"pilot\","
        + "\"level\":0.4,\"review-after\":100,\"tick\":1}]"), spec.keys(List.of("\"Sales\"", "0.4")));
    assertEquals("pilot = Sales, level = 0.4", spec.describe(List.of("\"Sales\"", "0.4")));
    assertEquals(List.of("seed=7"), spec.overrides(List.of(), 7), "the baseline is the base as written");
  }

  @Test
  void listsOfInterventionsConcatenateAndRangesStepInDecimals() throws Exception {
    for (String f : List.of("from-the-edges.conf", "organisation.conf")) {
      Files.copy(Path.of("simulations", f), dir.resolve(f));
    }
    Path file = Files.writeString(dir.resolve("o.conf"), """
        base = "from-the-edges.conf"
        objective = final_active_fraction
        decide {
          week = { from = 4, to = 12, step = 4, costs = { from = 30, to = 10 } }
          push = { from = 0.1, to = 0.3, step = 0.1 }
          mandate = { choices = [[], [{ tick = 20, kind = mandate, by = CEO }]], labels = [never, "week 20"] }
        }
        set { interventions = ${mandate} [{ tick = ${week}, kind = campaign, by = CEO, strength = ${push} }] }
        """);
    OptimiseSpec spec = OptimiseSpec.load(file);
    assertEquals(List.of("4", "8", "12"), spec.decisions().get(0).levels(), "whole numbers stay whole (tick = 4)");
    assertEquals(List.of("0.1", "0.2", "0.3"), spec.decisions().get(1).levels(), "no 0.30000000000000004");
    // Linear between the ends: 30 at week 4, 10 at week 12, so 20 at week 8.
    assertEquals(20.0, spec.decisions().get(0).cost("8"), 1e-12);
    assertEquals("interventions=[{\"by\":\"CEO\",\"kind\":\"mandate\",\"tick\":20},{\"by\":\"CEO\",\"kind\":"
        + "\"campaign\",\"strength\":0.2,\"tick\":8}]", spec.overrides(List.of("8", "0.2",
        "[{\"by\":\"CEO\",\"kind\":\"mandate\",\"tick\":20}]"), 1).get(0));
    assertEquals("week = 8, push = 0.2, mandate = never", spec.describe(List.of("8", "0.2", "[]")));
  }

  private void refused(String body, String expected) throws Exception {
    SmallOptimisation.pilot(dir, 20, 2);
    Path file = Files.writeString(dir.resolve("bad.conf"), body);
    String message = assertThrows(ScenarioException.class, () -> OptimiseSpec.load(file)).getMessage();
    assertTrue(message.contains(expected), message);
  }

  @Test
  void badFilesAreRefusedWithTheKeyAndWhatWasExpected() throws Exception {
    String ok = "base = \"one-aligned.conf\"\nobjective = final_goal_index\n"
        + "decide { pilot = { choices = [Sales, HR], costs = [10, 20] } }\n"
        + "set { interventions = [{ tick = 1, kind = pilot, by = CEO, departments = [${pilot}] }] }\n";
    refused(ok + "budgte = 5\n", "bad.conf:5: budgte: unknown key; did you mean 'budget'?");
    refused(ok.replace("final_goal_index", "final_goal"), "objective: unknown metric 'final_goal'; expected one of time_to_10pct_active");
    refused(ok.replace("${pilot}", "${plot}"), "set: cannot be filled in with the decisions "
        + "(pilot)");
    refused(ok.replace("costs = [10, 20]", "costs = [10]"), "decide.pilot: costs: expected a list of 2, one for each choice");
    refused(ok + "budget = 5\n", "budget: no plan costs 5.0 or less (the cheapest costs 10.0)");
    refused(ok.replace("[${pilot}] }]", "[${pilot}] }], seed = 3"), "set.seed: not set by a plan");
    refused(ok.replace("[Sales, HR]", "[Sales, Marketing]"), "the plan pilot = Marketing gives a scenario that is not valid");
    refused(ok.replace("{ choices = [Sales, HR], costs = [10, 20] }", "{ from = 1, to = 0 }"), "decide.pilot: to: expected a number > from (1.0), got 0.0");
  }
}
