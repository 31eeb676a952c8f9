package org.uptake.model;

/**
 * What a department needs to build its people's {@link Rule}, as data: a department placed on another cluster
 * member gets it in its Form message rather than as an object made by the clock. Rules are pure functions of
 * these values, so every member builds the same one.
 */
public record RuleSpec(ModelParams model, AdoptionSpec adoption, long seed, String unit) {

  public Rule rule() {
    return adoption.rule() == AdoptionSpec.Kind.ORGANISATIONAL ? new AdoptionRule(model, seed, unit)
        : new CanonicalRule(adoption, seed, unit);
  }

  public int championInfluence() {
    return model.championInfluence();
  }
}
