package org.uptake.organisation;

import org.uptake.CborSerializable;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;

/**
 * A department's counts at the end of a tick: people per adoption state, champions, who has a mandate, and
 * how many became active during the tick, and the {@link Transition#digest digest} of the tick's changes.
 */
public record DepartmentReport(String department, int[] counts, int champions, int mandated, int newlyActive,
    long digest)
    implements CborSerializable {

  public int headcount() {
    int n = 0;
    for (int c : counts) n += c;
    return n;
  }

  public int count(AdoptionState s) {
    return counts[s.ordinal()];
  }

  public double share(AdoptionState s) {
    return (double) count(s) / headcount();
  }

  /** Share trialing or active: what page views and clicks measure. */
  public double usingShare() {
    return (double) (count(AdoptionState.TRIALING) + count(AdoptionState.ACTIVE)) / headcount();
  }
}
