package org.uptake.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The Kaplan–Meier estimate of the time until something happens (a run reaching 10% active, say) when some
 * runs end without it happening: those are right-censored at the time they ended, and count as "not yet" up
 * to then, never as a number. The median and its 95% interval are the Brookmeyer–Crowley construction: the
 * median is the first time the curve is at or below one half, and the limits the first times the lower and the
 * upper pointwise bands are. The bands are Greenwood's variance on the log-log scale (Kalbfleisch & Prentice;
 * R's {@code survfit(..., conf.type = "log-log")}, SAS's default), which behaves far better than the log scale
 * with the ten or so runs a comparison has: when every run reached it, the interval closes within the times
 * seen instead of running past the horizon. A curve exactly at one half until a later step gives the middle of
 * that stretch (one that stays at one half to the end, the time it got there). A limit the data never reach is
 * {@code null}: "not reached" (beyond the last time observed).
 */
public final class KaplanMeier {
  /** One step of the curve: at {@code time}, {@code atRisk} runs, {@code events} of them reached it. */
  public record Step(int time, int atRisk, int events, double survival, double low, double high) {}

  private final int n;
  private final int reached;
  private final List<Step> steps = new ArrayList<>();

  /** {@code time[i]} is when run i reached it if {@code event[i]}, else when run i ended without it. */
  public KaplanMeier(int[] time, boolean[] event) {
    if (time.length != event.length) throw new IllegalArgumentException("one time per event flag");
    this.n = time.length;
    int k = 0;
    TreeSet<Integer> eventTimes = new TreeSet<>();
    for (int i = 0; i < n; i++) {
      if (event[i]) {
        k++;
        eventTimes.add(time[i]);
      }
    }
    this.reached = k;
    double s = 1;
    double greenwood = 0;
    for (int t : eventTimes) {
      int atRisk = 0;
      int d = 0;
      for (int i = 0; i < n; i++) {
        if (time[i] >= t) atRisk++;
        if (event[i] && time[i] == t) d++;
      }
      s *= 1 - (double) d / atRisk;
      // Greenwood's sum, the variance of log S; the band is S^exp(+-z sqrt(sum) / |log S|). Once nobody is left
      // at risk (S = 0) the curve is surely below one half and the band is undefined.
      greenwood += atRisk == d ? 0 : (double) d / ((double) atRisk * (atRisk - d));
      double low = 0;
      double high = Double.NaN;
      if (s > 0) {
        double c = Interval.Z * Math.sqrt(greenwood) / Math.abs(Math.log(s));
        low = Math.pow(s, Math.exp(c));
        high = Math.pow(s, Math.exp(-c));
      }
      steps.add(new Step(t, atRisk, d, s, low, high));
    }
  }

  public int n() {
    return n;
  }

  /** How many runs reached it. */
  public int reached() {
    return reached;
  }

  public List<Step> steps() {
    return List.copyOf(steps);
  }

  /** The median time, or null if the curve never falls to one half (fewer than half reached it). */
  public Double median() {
    return crossing(Curve.ESTIMATE);
  }

  /** The lower 95% limit of the median: where the lower band first falls to one half. */
  public Double medianLow() {
    return crossing(Curve.LOW);
  }

  /** The upper 95% limit of the median: where the upper band first falls to one half, or null if it never does. */
  public Double medianHigh() {
    return crossing(Curve.HIGH);
  }

  private enum Curve { ESTIMATE, LOW, HIGH }

  private static double value(Step s, Curve c) {
    return switch (c) {
      case ESTIMATE -> s.survival();
      case LOW -> s.low();
      case HIGH -> s.high();
    };
  }

  private Double crossing(Curve c) {
    for (int k = 0; k < steps.size(); k++) {
      double v = value(steps.get(k), c);
      if (Double.isNaN(v) || v > 0.5 + 1e-12) continue;
      if (Math.abs(v - 0.5) <= 1e-12) {
        // Exactly one half until the next step: the middle of the stretch.
        return k + 1 < steps.size() ? (steps.get(k).time() + steps.get(k + 1).time()) / 2.0 : steps.get(k).time();
      }
      return (double) steps.get(k).time();
    }
    return null;
  }
}
