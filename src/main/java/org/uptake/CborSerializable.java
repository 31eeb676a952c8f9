package org.uptake;

/**
 * Marker for every message, event and state that may cross a process boundary or reach the journal.
 * Bound to Jackson CBOR in {@code serialization.conf}; one marker keeps that binding to a single line.
 */
public interface CborSerializable {}
