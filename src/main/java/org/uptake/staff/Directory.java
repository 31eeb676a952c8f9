package org.uptake.staff;

import akka.actor.typed.ActorRef;
import java.util.List;

/**
 * Where every person of a run is, as data that can travel to another cluster member: the workgroups of each
 * department in order, and for each person (by id) their department's index and their rank in its roster.
 * Person k of a department is in its workgroup k / {@link Workgroup#SIZE}, at position k % SIZE. A few bytes
 * a person, where a table of addresses would repeat an actor path for each of them.
 */
public record Directory(List<List<ActorRef<Workgroup.Command>>> groups, int[] department, int[] rank) {

  public Workgroup.Address address(int person) {
    int k = rank[person];
    return new Workgroup.Address(groups.get(department[person]).get(k / Workgroup.SIZE), k % Workgroup.SIZE);
  }
}
