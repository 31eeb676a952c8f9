package org.uptake.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.RunProjection;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/** Every canonical rule runs on every network kind from a scenario of ticks, network, adoption, seeding. */
class CanonicalNetworksTest {
  static final String[] NETWORKS = {"complete", "erdos-renyi", "ring-lattice", "watts-strogatz", "barabasi-albert",
      "organisation"};
  static final String[] RULES = {"bass", "fractional-threshold", "absolute-threshold", "independent-cascade"};

  @Test
  void everyRuleRunsOnEveryNetwork(@TempDir Path dir) {
    try (CanonicalRuns runs = new CanonicalRuns(dir)) {
      for (String network : NETWORKS) {
        for (String rule : RULES) {
          String scenario = "ticks = 8\nnetwork { kind = " + network + ", size = 150, mean-degree = 6, neighbours = 6,"
              + " attach = 3 }\nadoption { rule = " + rule + ", p = 0.05, q = 0.5, threshold = 0.1, count = 1,"
              + " transmission = 0.5 }\nseeding { kind = random, count = 5 }\n"
              + (network.equals("organisation") ? "organisation.departments = [{ name = A, headcount = 150 }]\n" : "");
          RunProjection.Result r = runs.replicate(scenario, 1).get(0);
          // Ticks 0..8, fewer when nothing is left to change (the run stops early).
          assertTrue(r.rows().size() >= 2 && r.rows().size() <= 9, network + "/" + rule);
          double first = r.rows().get(0).active();
          double last = CanonicalRuns.finalFraction(r);
          assertTrue(first >= 5.0 / 150, network + "/" + rule + " seeds are adopters");
          assertTrue(last >= first, network + "/" + rule + " adoption is permanent");
          for (RunProjection.Row row : r.rows()) {
            assertEquals(0, row.counts()[4], network + "/" + rule + ": nobody lapses under a canonical rule");
          }
        }
      }
    }
  }

  @Test
  void canonicalNetworksHaveTheirDegrees(@TempDir Path dir) {
    assertEquals(4 * 500 / 2, ties(dir, "ring-lattice", "neighbours = 4"));
    assertEquals(4 * 500 / 2, ties(dir, "watts-strogatz", "neighbours = 4, rewire = 0.3"), "rewiring keeps the count");
    assertEquals(Math.round(500 * 6.0 / 2), ties(dir, "erdos-renyi", "mean-degree = 6"));
    // Barabasi-Albert: a complete graph of attach + 1 = 3 nodes (3 edges), then 497 nodes with 2 edges each.
    assertEquals(3 + 497 * 2, ties(dir, "barabasi-albert", "attach = 2"));
    assertEquals(0, ties(dir, "complete", ""), "complete is mean field: no explicit ties");
  }

  static long ties(Path dir, String kind, String extra) {
    Path file = TestScenarios.write(dir, kind + ".conf", "network { kind = " + kind + ", size = 500"
        + (extra.isEmpty() ? "" : ", " + extra) + " }\nadoption.rule = bass\n");
    Scenario s = ScenarioLoader.load(file);
    Organisation org = OrganisationBuilder.build(s);
    assertEquals(500, org.size());
    assertEquals(1, org.departments().size());
    return org.tieCount();
  }
}
