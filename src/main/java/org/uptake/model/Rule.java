package org.uptake.model;

/** How a person decides in one tick, from their state, their neighbourhood and the department context. */
public interface Rule {
  /** The person's change this tick, or null. Must be a pure function of its arguments and the draws. */
  Transition decide(AdoptionRule.Person person, int tick, Neighbourhood hood, DepartmentContext ctx);
}
