package org.uptake.sweep;

import java.util.List;
import org.uptake.CborSerializable;

/**
 * What a sweep keeps of one run: its metric values in the sweep's order (a time to a threshold the run did not
 * reach is null), its horizon, the scenario's ticks, where such a time is censored, and the series the sweep
 * collects, each its values at ticks 0, 1, ... in the sweep's order (empty when it collects none), and its headcount
 * (what a fit's counts are shares of).
 */
public record Measures(List<Double> metrics, int horizon, List<List<Double>> series, int people)
    implements CborSerializable {}
