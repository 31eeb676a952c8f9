package org.uptake.model;

import org.uptake.CborSerializable;

/**
 * One person's change in one tick: adoption state, champion flag, whether a mandate reached them and,
 * if so, whether they passed it on to their reports. Persisted inside a department's TickResolved event.
 */
public record Transition(
    int person,
    AdoptionState from,
    AdoptionState to,
    boolean champion,
    boolean mandated,
    boolean forwardsMandate,
    Cause cause)
    implements CborSerializable {}
