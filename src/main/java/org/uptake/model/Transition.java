package org.uptake.model;

import org.uptake.CborSerializable;

/**
 * One person's change in one tick: adoption state, champion flag, whether they are under a mandate and,
 * on the tick it reaches them, where it came from ({@code mandateArrived}, else null) and whether they pass
 * it on to their reports. Persisted inside a department's TickResolved event.
 */
public record Transition(
    int person,
    AdoptionState from,
    AdoptionState to,
    boolean champion,
    boolean mandated,
    String mandateArrived,
    boolean forwardsMandate,
    Cause cause)
    implements CborSerializable {}
