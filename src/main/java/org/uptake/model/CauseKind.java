package org.uptake.model;

/** Why a person changed: the largest term of the hazard that fired (see docs/MODEL.md). Persisted by name. */
public enum CauseKind {
  /** An enthusiast seeded by the scenario ("from the edges"). */
  SEED,
  /** A member of the cross-functional team. */
  TEAM,
  /** Colleagues who use it (the informal and formal ties). */
  PEERS,
  /** An executive mandate that reached this person down the reporting line. */
  MANDATE,
  /** A communication campaign. */
  CAMPAIGN,
  /** Executive sponsorship of the department. */
  SPONSORSHIP,
  /** The cross-functional team's presence in the department. */
  TEAM_OUTREACH,
  /** Own curiosity: the baseline hazard. */
  OWN_INITIATIVE,
  /** The value the person gets from active contacts (critical mass). */
  VALUE,
  /** Too little value from too few active contacts or too little alignment with the goal. */
  LACK_OF_VALUE,
  /** Long, visible use made the person a champion. */
  SUSTAINED_USE
}
