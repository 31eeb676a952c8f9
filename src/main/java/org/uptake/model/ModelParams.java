package org.uptake.model;

/**
 * The person-level adoption model's tunable parameters, per tick (a week by default). Each field maps to
 * one scenario key under {@code model}; docs/MODEL.md gives the equation each one enters and its evidence.
 */
public record ModelParams(
    double awarenessBaseline,
    double awarenessWordOfMouth,
    double awarenessTeamOutreach,
    double trialBaseline,
    double trialWordOfMouth,
    double trialSponsorship,
    double trialTeamOutreach,
    double mandateCompliance,
    double costOfChange,
    double activationBaseline,
    double activationValue,
    double dropOutTrial,
    double dropOutActive,
    double mandateShallowness,
    double sponsorshipProtection,
    double championProtection,
    double retrial,
    double halfSaturation,
    double championProbability,
    int championMinTicks,
    int championInfluence,
    double gatekeeping,
    double managerDrag) {

  /** The value of the tool to a person with {@code activeContacts} active contacts in a department aligned {@code alignment}. */
  public double value(double alignment, int activeContacts) {
    return alignment * activeContacts / (activeContacts + halfSaturation);
  }
}
