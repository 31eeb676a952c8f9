package org.uptake.organisation;

import java.util.List;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.scenario.OrgChart.Role;

/**
 * The generated (or imported) organisation: people numbered 0..size-1, grouped by department, with
 * their role, manager, reports, ties (informal and formal, sorted), innovativeness and influence, and who
 * is seeded when. Immutable once built; the departments' rosters carry it into the journal.
 */
public record Organisation(
    List<Unit> departments,
    String[] names,
    int[] department,
    Role[] roles,
    int[] manager,
    int[][] reports,
    int[][] ties,
    double[] innovativeness,
    int[] influence,
    int[] seedTick,
    SeedKind[] seedKind) {

  /** A department: name, function and the ids of its members in ascending order. */
  public record Unit(String name, String function, int[] members) {}

  public int size() {
    return names.length;
  }

  public long tieCount() {
    long ends = 0;
    for (int[] t : ties) ends += t.length;
    return ends / 2;
  }
}
