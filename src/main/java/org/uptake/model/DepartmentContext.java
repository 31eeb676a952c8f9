package org.uptake.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.uptake.CborSerializable;

/**
 * What a department's people can see of the organisation in one tick, decided by the clock from the
 * executives' decisions: sponsorship level, campaign push, whether the cross-functional team works there,
 * the department's alignment with the corporate goal, and a mandate that reaches its head this tick (or null).
 * On a complete network ({@code meanField}) people see the whole population instead of ties: its size, how
 * many are active, and how many became active in the previous tick, all as of the end of the previous tick.
 */
public record DepartmentContext(
    double sponsorship, double campaign, boolean teamPresent, double alignment, String mandateSource,
    boolean meanField, int population, long populationActive, long populationNewlyActive)
    implements CborSerializable {

  /** The creator Jackson uses: with a second constructor it could not tell which one to call. */
  @JsonCreator
  public DepartmentContext {}

  public DepartmentContext(double sponsorship, double campaign, boolean teamPresent, double alignment,
      String mandateSource) {
    this(sponsorship, campaign, teamPresent, alignment, mandateSource, false, 0, 0, 0);
  }
}
