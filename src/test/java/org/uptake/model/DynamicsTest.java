package org.uptake.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The clock's arithmetic, by hand. */
class DynamicsTest {
  @Test
  void aCampaignHalvesEveryHalfLife() {
    // Launched at 4 with strength 0.2 and a half-life of 2: 0.2 at 4, 0.1 at 6, 0.05 at 8.
    assertEquals(0.2, Dynamics.campaign(0.2, 4, 2, 4), 1e-15);
    assertEquals(0.1, Dynamics.campaign(0.2, 4, 2, 6), 1e-15);
    assertEquals(0.05, Dynamics.campaign(0.2, 4, 2, 8), 1e-15);
  }

  @Test
  void onlyADeterministicCanonicalRunWithNothingLeftToChangeStopsEarly() {
    // Everybody active: any canonical rule stops; the organisational model never does (lapses can follow).
    assertTrue(Dynamics.settled(AdoptionSpec.Kind.BASS, 100, 3, 100, 7, 0));
    assertFalse(Dynamics.settled(AdoptionSpec.Kind.ORGANISATIONAL, 100, 0, 100, 7, 0));
    // Nobody new in the last step: a threshold rule is stuck for good, Bass can still draw adopters.
    assertTrue(Dynamics.settled(AdoptionSpec.Kind.FRACTIONAL_THRESHOLD, 40, 0, 100, 7, 0));
    assertFalse(Dynamics.settled(AdoptionSpec.Kind.BASS, 40, 0, 100, 7, 0));
    // Not before the first step, nor before the seeds are placed (here at tick 10).
    assertFalse(Dynamics.settled(AdoptionSpec.Kind.INDEPENDENT_CASCADE, 0, 0, 100, 0, 0));
    assertFalse(Dynamics.settled(AdoptionSpec.Kind.INDEPENDENT_CASCADE, 0, 0, 100, 7, 10));
    assertTrue(Dynamics.settled(AdoptionSpec.Kind.INDEPENDENT_CASCADE, 5, 0, 100, 10, 10));
  }
}
