package org.uptake.sweep;

import java.util.List;
import org.uptake.CborSerializable;

/**
 * What a sweep keeps of one run: its metric values in the sweep's order (a time to a threshold the run did not
 * reach is null) and its horizon, the scenario's ticks, where such a time is censored.
 */
public record Measures(List<Double> metrics, int horizon) implements CborSerializable {}
