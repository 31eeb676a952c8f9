package org.uptake.staff;

import org.uptake.model.AdoptionRule.SeedKind;

/**
 * What a person's entity needs to know of them: who they are, whom they report to and are tied to, and how they
 * are seeded. The department's persisted roster entries are profiles, so the staff package needs nothing above it.
 */
public interface Profile {
  int id();

  String name();

  /** The manager's id, or -1 for the head of the organisation. */
  int manager();

  int[] reports();

  /** Sorted ids of the people this person is tied to. */
  int[] ties();

  /** {@code tieWeights()[k]} is the base influence of {@code ties()[k]}. */
  int[] tieWeights();

  double innovativeness();

  int seedTick();

  SeedKind seedKind();
}
