package org.uptake.model;

import org.uptake.scenario.Scenario;

/**
 * What a department needs to build its people's {@link Rule}, as data: a department placed on another cluster
 * member gets it in its Form message rather than as an object made by the clock. Rules are pure functions of
 * these values, so every member builds the same one.
 */
public record RuleSpec(ModelParams model, Scenario.AdoptionSpec adoption, long seed, String unit) {

  public static RuleSpec of(Scenario scenario) {
    return new RuleSpec(scenario.model(), scenario.adoption(), scenario.seed(), scenario.unit());
  }

  public Rule rule() {
    return adoption.rule() == Scenario.Rule.ORGANISATIONAL ? new AdoptionRule(model, seed, unit)
        : new CanonicalRule(adoption, seed, unit);
  }

  public int championInfluence() {
    return model.championInfluence();
  }
}
