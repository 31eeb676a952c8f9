package org.uptake.model;

import java.util.List;

/**
 * Which adoption rule a run plays and the parameters of the canonical ones (Bass, thresholds, independent cascade);
 * per-person lists are empty unless given. The organisational rule's parameters are {@link ModelParams}.
 */
public record AdoptionSpec(Kind rule, double p, double q, double dt, double threshold, List<Double> thresholds,
    int count, List<Integer> counts, double transmission) {

  public enum Kind { ORGANISATIONAL, BASS, FRACTIONAL_THRESHOLD, ABSOLUTE_THRESHOLD, INDEPENDENT_CASCADE }
}
