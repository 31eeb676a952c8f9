package org.uptake.bench;

import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionSpec;
import org.uptake.model.Draws;
import org.uptake.model.Steps;
import org.uptake.organisation.Organisation;

/**
 * The Bass model on a network as a plain single-threaded loop over arrays: no actors, no messages, no
 * journal. It exists only to measure how far the actor engine is from what the hardware allows on the same
 * model (uptake bench). It makes the same decisions as the engine (the same stateless draws keyed by seed,
 * person and tick, the same synchronous update from the end of the previous tick), so its adoption counts
 * equal the engine's, which a test checks.
 */
public final class ReferenceBass {
  private ReferenceBass() {}

  /**
   * Adopters at the start (tick 0: the seeds placed there) and at the end of each step 1..ticks. A complete
   * network is mean field, as in the engine.
   */
  public static int[] run(Organisation org, AdoptionSpec spec, boolean meanField, long seed, int ticks) {
    int n = org.size();
    int[][] ties = org.ties();
    boolean[] adopted = new boolean[n];
    int[] adoptedNeighbours = new int[n];
    int[] changed = new int[n];
    int[] counts = new int[ticks + 1];
    int total = 0;
    double innovation = spec.p() * spec.dt();
    for (int t = 0; t <= ticks; t++) {
      int k = 0;
      double populationShare = n == 0 ? 0 : (double) total / n;
      for (int i = 0; i < n; i++) {
        if (adopted[i]) continue;
        if (org.seedTick()[i] == t && org.seedKind()[i] != SeedKind.NONE) {
          changed[k++] = i;
          continue;
        }
        if (t == Steps.START) continue;
        double share = meanField ? populationShare
            : ties[i].length == 0 ? 0 : (double) adoptedNeighbours[i] / ties[i].length;
        if (Draws.uniform(seed, Draws.STREAM_ADOPTION, i, t) < innovation + spec.q() * share * spec.dt()) {
          changed[k++] = i;
        }
      }
      for (int j = 0; j < k; j++) {
        int i = changed[j];
        adopted[i] = true;
        for (int neighbour : ties[i]) adoptedNeighbours[neighbour]++;
      }
      total += k;
      counts[t] = total;
    }
    return counts;
  }
}
