package org.uptake.organisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.scenario.OrgChart.Role;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

class OrganisationBuilderTest {
  static Scenario edges(String... overrides) {
    return ScenarioLoader.load(Path.of("simulations/from-the-edges.conf"), List.of(overrides));
  }

  @Test
  void theSameSeedGivesTheSameOrganisationAndAnotherSeedAnother() {
    Organisation a = OrganisationBuilder.build(edges());
    Organisation b = OrganisationBuilder.build(edges());
    Organisation c = OrganisationBuilder.build(edges("seed=43"));
    assertTrue(Arrays.deepEquals(a.ties(), b.ties()));
    assertArrayEquals(a.innovativeness(), b.innovativeness());
    assertArrayEquals(a.seedKind(), b.seedKind());
    assertFalse(Arrays.deepEquals(a.ties(), c.ties()));
  }

  @Test
  void hierarchyFollowsTheSpanOfControl() {
    Organisation org = OrganisationBuilder.build(edges());
    assertEquals(600, org.size());
    int heads = 0;
    for (int i = 0; i < org.size(); i++) {
      if (org.roles()[i] == Role.HEAD) {
        heads++;
        assertEquals(-1, org.manager()[i]);
      } else {
        int m = org.manager()[i];
        assertEquals(org.department()[i], org.department()[m], "managers are in the same department");
        assertTrue(org.reports()[m].length <= 8);
        assertTrue(Arrays.binarySearch(org.ties()[i], m) >= 0, "a reporting line is also a tie");
      }
      assertEquals(org.roles()[i] == Role.STAFF, org.reports()[i].length == 0);
    }
    assertEquals(8, heads);
    // Sales has 110 people: a complete 8-ary tree needs ceil((110-1)/8) = 14 people with reports.
    long withReports = Arrays.stream(org.departments().get(0).members()).filter(i -> org.reports()[i].length > 0).count();
    assertEquals(14, withReports);
  }

  @Test
  void informalTiesAreMostlyInsideDepartmentsAndTheNetworkHangsTogether() {
    Organisation org = OrganisationBuilder.build(edges());
    long cross = 0;
    long all = 0;
    Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
    for (int i = 0; i < org.size(); i++) g.addVertex(i);
    for (int i = 0; i < org.size(); i++) {
      for (int j : org.ties()[i]) {
        if (i < j) {
          all++;
          g.addEdge(i, j);
          if (org.department()[i] != org.department()[j]) cross++;
        }
      }
    }
    // Per department a ring lattice of round(8 * 0.85 / 2) * 2 = 6 neighbours (3 ties a person), plus
    // round(600 * 8 * 0.15 / 2) = 360 random cross-department ties, plus reporting lines (592, many of which
    // coincide with lattice ties). Expected about 600*3 + 360 = 2160 informal ties before the reporting lines.
    assertTrue(cross >= 330 && cross <= 360, "cross-department ties: " + cross);
    assertTrue(all >= 2160 && all <= 2160 + 592, "ties: " + all);
    assertTrue(new ConnectivityInspector<>(g).isConnected());
  }

  @Test
  void enthusiastsArePeripheralStaffOfTheNamedDepartments() {
    Organisation org = OrganisationBuilder.build(edges());
    List<String> allowed = List.of("Marketing", "Engineering", "Customer Service");
    int seeded = 0;
    for (int i = 0; i < org.size(); i++) {
      if (org.seedKind()[i] != SeedKind.ENTHUSIAST) continue;
      seeded++;
      assertEquals(0, org.seedTick()[i]);
      assertEquals(Role.STAFF, org.roles()[i]);
      assertTrue(allowed.contains(org.departments().get(org.department()[i]).name()));
      int dept = org.department()[i];
      assertTrue(Arrays.stream(org.ties()[i]).allMatch(j -> org.department()[j] == dept), "peripheral");
    }
    assertEquals(8, seeded);
  }

  @Test
  void theTeamBridgesDepartments() {
    Scenario s = ScenarioLoader.load(Path.of("simulations/cross-functional-team.conf"));
    Organisation org = OrganisationBuilder.build(s);
    int[] team = java.util.stream.IntStream.range(0, org.size())
        .filter(i -> org.seedKind()[i] == SeedKind.TEAM).toArray();
    assertEquals(12, team.length);
    for (int a : team) {
      assertEquals(2, org.seedTick()[a]);
      for (int b : team) {
        if (a != b) assertTrue(Arrays.binarySearch(org.ties()[a], b) >= 0, "team members know each other");
      }
    }
  }

  @Test
  void anOrgChartIsImportedAsWritten() {
    Scenario s = ScenarioLoader.load(Path.of("simulations/own-organisation.conf"));
    Organisation org = OrganisationBuilder.build(s);
    assertEquals(44, org.size());
    assertEquals(List.of("Sales", "Support", "Product", "Finance"),
        org.departments().stream().map(Organisation.Unit::name).toList());
    assertEquals("E001", org.names()[0]);
    assertEquals(Role.HEAD, org.roles()[0]);
    assertEquals(0, org.manager()[1], "E002 reports to E001");
    // Ties are the edge list's 116 plus reporting lines not already in it.
    assertTrue(org.tieCount() >= 116 && org.tieCount() <= 116 + 40, "ties " + org.tieCount());
  }
}
