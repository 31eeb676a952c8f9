package org.uptake;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uptake.staff.Directory;
import org.uptake.staff.Workgroup;

/** Directories for tests that place people by hand. */
public final class TestDirectories {
  private TestDirectories() {}

  /**
   * A directory with each listed person at the given address (positions below Workgroup.SIZE): every person is
   * a department of their own, with their workgroup as its only one and their position as their rank.
   */
  public static Directory of(Map<Integer, Workgroup.Address> where) {
    int size = where.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    List<List<ActorRef<Workgroup.Command>>> groups = new ArrayList<>();
    int[] department = new int[size];
    int[] rank = new int[size];
    for (int id = 0; id < size; id++) {
      Workgroup.Address a = where.get(id);
      groups.add(a == null ? List.of() : List.of(a.group()));
      department[id] = id;
      rank[id] = a == null ? 0 : a.position();
    }
    return Directory.of(groups, department, rank);
  }
}
