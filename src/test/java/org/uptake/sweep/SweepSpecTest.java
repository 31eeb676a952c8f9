package org.uptake.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;
import org.uptake.scenario.ScenarioException;

/** Reading sweep files and expanding their grid; every expected grid is written out by hand. */
class SweepSpecTest {
  @TempDir static Path dir;

  @BeforeAll
  static void base() {
    TestScenarios.write(dir.resolve("scenarios"), "canon.conf",
        "ticks = 10\nnetwork { kind = erdos-renyi, size = 50, mean-degree = 4 }\n"
            + "adoption { rule = independent-cascade, transmission = 0.2 }\nseeding { kind = random, count = 2 }\n");
  }

  static SweepSpec spec(String name, String text) {
    return SweepSpec.load(TestScenarios.write(dir.resolve("sweeps"), name, text));
  }

  @Test
  void aListAndARangeMakeTheFullGridInTheOrderWritten() {
    SweepSpec s = spec("grid.conf", """
        base = "../scenarios/canon.conf"
        seeds = 2
        first-seed = 5
        vary {
          "seeding.count" = [4, 8, 16]
          "adoption.transmission" = { from = 0.02, to = 0.06, step = 0.02 }
        }
        """);
    assertEquals(List.of("seeding.count", "adoption.transmission"), s.keys());
    assertEquals(List.of("0.02", "0.04", "0.06"), s.parameters().get(1).values());
    // The first key varies slowest: (4, 0.02), (4, 0.04), (4, 0.06), (8, 0.02), ...
    List<List<String>> expected = List.of(
        List.of("4", "0.02"), List.of("4", "0.04"), List.of("4", "0.06"),
        List.of("8", "0.02"), List.of("8", "0.04"), List.of("8", "0.06"),
        List.of("16", "0.02"), List.of("16", "0.04"), List.of("16", "0.06"));
    assertEquals(expected, s.points().stream().map(SweepSpec.Point::values).toList());
    List<SweepSpec.Job> jobs = s.jobs("sw");
    assertEquals(3 * 3 * 2, jobs.size(), "product of the sizes times the seeds");
    assertEquals("sw-p001-s5", jobs.get(0).runId());
    assertEquals("sw-p001-s6", jobs.get(1).runId(), "seeds ascending within a point");
    assertEquals("sw-p009-s6", jobs.get(17).runId());
    assertEquals(List.of("seeding.count=16", "adoption.transmission=0.04", "seed=6"),
        s.overrides(jobs.get(15).point(), jobs.get(15).seed()));
    assertEquals(Path.of(dir.toString(), "scenarios", "canon.conf").toString(), s.base(),
        "the base is relative to the sweep file");
  }

  @Test
  void aLatinHypercubePutsOnePointInEveryStratumOfEveryParameter() {
    SweepSpec s = spec("lhs.conf", """
        base = "../scenarios/canon.conf"
        design = latin-hypercube
        points = 10
        seeds = 2
        vary {
          "adoption.transmission" = { from = 0.05, to = 0.25 }
          "seeding.count" = [1, 2, 3, 4, 5]
        }
        """);
    assertEquals(SweepSpec.Design.LATIN_HYPERCUBE, s.design());
    assertEquals(10, s.points().size());
    assertEquals(20, s.jobs("sw").size(), "points times seeds");
    // By construction (McKay, Beckman & Conover 1979): [0.05, 0.25) cut into 10 strata of width 0.02 holds exactly
    // one point each, and 10 points over 5 listed values take each value exactly twice.
    int[] perStratum = new int[10];
    int[] perValue = new int[6];
    for (SweepSpec.Point p : s.points()) {
      double x = Double.parseDouble(p.values().get(0));
      assertTrue(x >= 0.05 && x <= 0.25, p.toString());
      perStratum[Math.min(9, (int) Math.floor((x - 0.05) / 0.02))]++;
      perValue[Integer.parseInt(p.values().get(1))]++;
    }
    assertEquals("[1, 1, 1, 1, 1, 1, 1, 1, 1, 1]", java.util.Arrays.toString(perStratum));
    assertEquals("[0, 2, 2, 2, 2, 2]", java.util.Arrays.toString(perValue));
    assertEquals(s.points(), spec("lhs-again.conf", """
        base = "../scenarios/canon.conf"
        design = latin-hypercube
        points = 10
        seeds = 2
        vary {
          "adoption.transmission" = { from = 0.05, to = 0.25 }
          "seeding.count" = [1, 2, 3, 4, 5]
        }
        """).points(), "the same file draws the same points");
  }

  @Test
  void aRandomDesignDrawsFromItsSeedInsideTheRanges() {
    String text = """
        base = "../scenarios/canon.conf"
        design = random
        points = 30
        design-seed = %d
        vary { "adoption.transmission" = { from = 0.1, to = 0.2 } }
        """;
    SweepSpec one = spec("random-1.conf", String.format(text, 1));
    SweepSpec other = spec("random-2.conf", String.format(text, 2));
    assertEquals(30, one.points().size());
    for (SweepSpec.Point p : one.points()) {
      double x = Double.parseDouble(p.values().get(0));
      assertTrue(x >= 0.1 && x <= 0.2, p.toString());
      assertTrue(p.values().get(0).replace("0.", "").length() <= 6, "six significant figures: " + p);
    }
    assertNotEquals(one.points(), other.points(), "another design seed draws other points");
    assertEquals(one.points(), spec("random-1-again.conf", String.format(text, 1)).points());
  }

  @Test
  void designKeysAreCheckedAgainstTheDesign() {
    ScenarioException noStep = assertThrows(ScenarioException.class, () -> spec("nostep.conf", """
        base = "../scenarios/canon.conf"
        vary { "adoption.transmission" = { from = 0.1, to = 0.2 } }
        """));
    assertTrue(noStep.getMessage().contains("step: missing; a grid needs the step")
        && noStep.getMessage().contains("set design = latin-hypercube"), noStep.getMessage());
    ScenarioException noPoints = assertThrows(ScenarioException.class, () -> spec("nopoints.conf", """
        base = "../scenarios/canon.conf"
        design = random
        vary { "adoption.transmission" = { from = 0.1, to = 0.2 } }
        """));
    assertTrue(noPoints.getMessage().contains("points: missing; a random design needs how many points"),
        noPoints.getMessage());
    ScenarioException gridPoints = assertThrows(ScenarioException.class, () -> spec("gridpoints.conf", """
        base = "../scenarios/canon.conf"
        points = 5
        vary { "seeding.count" = [1, 2] }
        """));
    assertTrue(gridPoints.getMessage().contains("points: only for design = latin-hypercube or random"),
        gridPoints.getMessage());
    ScenarioException unknown = assertThrows(ScenarioException.class, () -> spec("unknown.conf", """
        base = "../scenarios/canon.conf"
        design = sobol
        vary { "seeding.count" = [1, 2] }
        """));
    assertTrue(unknown.getMessage().contains("design: expected grid, latin-hypercube or random, got \"sobol\""),
        unknown.getMessage());
  }

  @Test
  void aRangeIncludesItsEndWithoutFloatingPointDrift() {
    // In binary floating point 0.1 + 0.2 = 0.30000000000000004 > 0.3, which would drop the end value.
    assertNotEquals(0.3, 0.1 + 0.2);
    SweepSpec s = spec("range.conf", """
        base = "../scenarios/canon.conf"
        vary {
          "adoption.transmission" = { from = 0.1, to = 0.3, step = 0.1 }
          "seeding.count" = { from = 1, to = 10, step = 4 }
        }
        """);
    assertEquals(List.of("0.1", "0.2", "0.3"), s.parameters().get(0).values());
    assertEquals(List.of("1", "5", "9"), s.parameters().get(1).values(), "10 is not on a step from 1 by 4");
  }

  @Test
  void defaultsAndKeysWrittenNestedOrQuoted() {
    SweepSpec s = spec("defaults.conf", """
        base = "../scenarios/canon.conf"
        vary {
          adoption.transmission = [0.5]
          "seeding.count" = [1, 2]
        }
        """);
    assertEquals(1, s.seeds());
    assertEquals(1, s.firstSeed());
    // All the metrics that mean something on a canonical network under a canonical rule: no goal, no lapses.
    assertEquals(List.of("time_to_10pct_active", "time_to_50pct_active", "peak_active_fraction",
        "final_active_fraction", "final_ever_adopted_fraction"), s.metrics());
    assertEquals(SweepSpec.JournalMode.FULL, s.journal());
    assertEquals(List.of("adoption.transmission", "seeding.count"), s.keys());
    assertEquals(2, s.jobs("x").size());
  }

  @Test
  void keysInTheOrderWrittenNotAlphabetical() {
    SweepSpec s = spec("order.conf", """
        base = "../scenarios/canon.conf"
        vary {
          "seeding.count" = [1, 2]
          "adoption.transmission" = [0.1]
        }
        """);
    assertEquals(List.of("seeding.count", "adoption.transmission"), s.keys());
  }

  @Test
  void valuesAreShownWithoutHoconQuotes() {
    assertEquals("bass", SweepSpec.display("\"bass\""));
    assertEquals("0.04", SweepSpec.display("0.04"));
    assertEquals("true", SweepSpec.display("true"));
  }

  @Test
  void aStepThatWouldMakeTooManyRunsIsRefused() {
    ScenarioException e = assertThrows(ScenarioException.class, () -> spec("huge.conf", """
        base = "../scenarios/canon.conf"
        vary { "adoption.transmission" = { from = 0, to = 1, step = 0.00001 } }
        """));
    assertTrue(e.getMessage().contains("huge.conf:2: vary.adoption.transmission: step: the range has 100001 values"),
        e.getMessage());
  }
}
