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

  /** The organisation a run recorded in its departments' rosters (the journal, not the scenario's files). */
  public static Organisation fromRosters(List<Roster> rosters) {
    int n = rosters.stream().mapToInt(r -> r.members().size()).sum();
    String[] names = new String[n];
    int[] department = new int[n];
    Role[] roles = new Role[n];
    int[] manager = new int[n];
    int[][] reports = new int[n][];
    int[][] ties = new int[n][];
    double[] innovativeness = new double[n];
    int[] influence = new int[n];
    int[] seedTick = new int[n];
    SeedKind[] seedKind = new SeedKind[n];
    List<Unit> units = new java.util.ArrayList<>();
    for (int d = 0; d < rosters.size(); d++) {
      Roster r = rosters.get(d);
      int[] members = r.members().stream().mapToInt(Roster.Member::id).toArray();
      units.add(new Unit(r.department(), r.function(), members));
      for (Roster.Member m : r.members()) {
        int i = m.id();
        names[i] = m.name();
        department[i] = d;
        roles[i] = m.role();
        manager[i] = m.manager();
        reports[i] = m.reports();
        ties[i] = m.ties();
        innovativeness[i] = m.innovativeness();
        influence[i] = m.influence();
        seedTick[i] = m.seedTick();
        seedKind[i] = m.seedKind();
      }
    }
    return new Organisation(List.copyOf(units), names, department, roles, manager, reports, ties, innovativeness,
        influence, seedTick, seedKind);
  }

  public long tieCount() {
    long ends = 0;
    for (int[] t : ties) ends += t.length;
    return ends / 2;
  }
}
