package org.uptake.staff;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where every person of a run is, as data that can travel to another cluster member: the workgroups of each
 * department in order, and the people as runs of consecutive ids that hold consecutive places in one
 * department's roster (person k of a department is in its workgroup k / {@link Workgroup#SIZE}, at position
 * k % SIZE). A generated organisation numbers each department's people consecutively, so there is one run per
 * department, and the directory of a million people is a few kilobytes besides the workgroups' references.
 *
 * @param firstPerson the first person of each run, ascending
 * @param department the department of each run
 * @param firstRank the rank in that department's roster of each run's first person
 */
public record Directory(List<List<ActorRef<Workgroup.Command>>> groups, int[] firstPerson, int[] department,
    int[] firstRank) {

  /** The directory of people numbered 0.. whose department and rank in it are {@code departmentOf} and {@code rank}. */
  public static Directory of(List<List<ActorRef<Workgroup.Command>>> groups, int[] departmentOf, int[] rank) {
    List<int[]> runs = new ArrayList<>();
    for (int id = 0; id < departmentOf.length; id++) {
      if (id == 0 || departmentOf[id] != departmentOf[id - 1] || rank[id] != rank[id - 1] + 1) {
        runs.add(new int[] {id, departmentOf[id], rank[id]});
      }
    }
    return new Directory(List.copyOf(groups), runs.stream().mapToInt(r -> r[0]).toArray(),
        runs.stream().mapToInt(r -> r[1]).toArray(), runs.stream().mapToInt(r -> r[2]).toArray());
  }

  public Workgroup.Address address(int person) {
    int run = Arrays.binarySearch(firstPerson, person);
    if (run < 0) run = -run - 2;
    int k = firstRank[run] + person - firstPerson[run];
    return new Workgroup.Address(groups.get(department[run]).get(k / Workgroup.SIZE), k % Workgroup.SIZE);
  }
}
