package org.uptake.model;

import java.util.List;

/**
 * A person's view of their ties at the end of the previous tick: each neighbour's id, influence weight
 * and adoption state, and whether their manager uses it ({@code null} for a person without a manager).
 * Weights are integers, so the sums never depend on the order in which neighbours' news arrived.
 */
public final class Neighbourhood {
  private final int[] ids;
  private final int[] weights;
  private final byte[] states;
  private final int[] since;
  private final Boolean managerUsing;
  private long activeWeight;
  private long totalWeight;
  private int activeCount;

  public Neighbourhood(int[] ids, int[] weights, byte[] states, Boolean managerUsing) {
    this(ids, weights, states, new int[ids.length], managerUsing);
  }

  /** {@code since[k]}: the tick neighbour k last changed state. */
  public Neighbourhood(int[] ids, int[] weights, byte[] states, int[] since, Boolean managerUsing) {
    this.ids = ids;
    this.weights = weights;
    this.states = states;
    this.since = since;
    this.managerUsing = managerUsing;
    for (int i = 0; i < ids.length; i++) {
      totalWeight += weights[i];
      if (states[i] == AdoptionState.ACTIVE.ordinal()) {
        activeWeight += weights[i];
        activeCount++;
      }
    }
  }

  /** Influence-weighted share of neighbours who are active. */
  public double activeShare() {
    return totalWeight == 0 ? 0.0 : (double) activeWeight / totalWeight;
  }

  public int activeCount() {
    return activeCount;
  }

  public int size() {
    return ids.length;
  }

  /** Active neighbours who became active in {@code tick}. */
  public int activeSince(int tick) {
    int n = 0;
    for (int k = 0; k < ids.length; k++) {
      if (states[k] == AdoptionState.ACTIVE.ordinal() && since[k] == tick) n++;
    }
    return n;
  }

  public Boolean managerUsing() {
    return managerUsing;
  }

  /** The peers to cite for a change: up to three active neighbours, heaviest first, ties by lower id. */
  public List<Integer> topActive() {
    int limit = 3;
    int[] best = new int[limit];
    int found = 0;
    for (int i = 0; i < ids.length; i++) {
      if (states[i] != AdoptionState.ACTIVE.ordinal()) continue;
      int pos = found < limit ? found++ : limit;
      while (pos > 0 && heavier(i, best[pos - 1])) {
        if (pos < limit) best[pos] = best[pos - 1];
        pos--;
      }
      if (pos < limit) best[pos] = i;
    }
    Integer[] out = new Integer[found];
    for (int k = 0; k < found; k++) out[k] = ids[best[k]];
    return List.of(out);
  }

  private boolean heavier(int a, int b) {
    return weights[a] > weights[b] || (weights[a] == weights[b] && ids[a] < ids[b]);
  }
}
