package org.uptake.model;

import org.uptake.CborSerializable;

/**
 * What a department's people can see of the organisation in one tick, decided by the clock from the
 * executives' decisions: sponsorship level, campaign push, whether the cross-functional team works there,
 * the department's alignment with the corporate goal, and a mandate that reaches its head this tick (or null).
 */
public record DepartmentContext(
    double sponsorship, double campaign, boolean teamPresent, double alignment, String mandateSource)
    implements CborSerializable {}
