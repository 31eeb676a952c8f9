package org.uptake.organisation;

import java.util.ArrayList;
import java.util.List;
import org.uptake.CborSerializable;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.scenario.OrgChart.Role;
import org.uptake.staff.Profile;

/**
 * Who works in a department, as persisted in its first event: enough to rebuild its people (and their
 * ties, with the influence of each neighbour) from the journal alone, without the scenario's files.
 */
public record Roster(String department, String function, List<Member> members) implements CborSerializable {

  /** One person. {@code ties} are sorted ids; {@code tieWeights[k]} is the base influence of {@code ties[k]}. */
  public record Member(
      int id,
      String name,
      Role role,
      int manager,
      int[] reports,
      int[] ties,
      int[] tieWeights,
      double innovativeness,
      int influence,
      int seedTick,
      SeedKind seedKind)
      implements CborSerializable, Profile {}

  public static Roster of(Organisation org, int departmentIndex) {
    Organisation.Unit unit = org.departments().get(departmentIndex);
    List<Member> members = new ArrayList<>(unit.members().length);
    for (int id : unit.members()) {
      int[] ties = org.ties()[id];
      int[] weights = new int[ties.length];
      for (int k = 0; k < ties.length; k++) weights[k] = org.influence()[ties[k]];
      members.add(new Member(id, org.names()[id], org.roles()[id], org.manager()[id], org.reports()[id], ties,
          weights, org.innovativeness()[id], org.influence()[id], org.seedTick()[id], org.seedKind()[id]));
    }
    return new Roster(unit.name(), unit.function(), List.copyOf(members));
  }
}
