package org.uptake.scenario;

import java.util.Locale;

/**
 * The heap a run needs, estimated from the scenario before anything starts, so that a run that cannot fit
 * is refused with what it needs instead of dying half-way with an OutOfMemoryError. Measured here: the
 * 100,000-person benchmark organisation (8 informal ties each) ran in a 300 MB heap and failed in 200 MB;
 * the estimate below gives it about 370 MB. Ties are counted because canonical networks can be dense.
 */
public final class MemoryEstimate {
  static final long BASE = 64L << 20;
  static final long PER_PERSON = 2048;
  static final long PER_TIE = 96;

  private MemoryEstimate() {}

  /** Estimated peak heap in bytes. */
  public static long bytes(Scenario s) {
    return BASE + s.organisation().people() * (PER_PERSON + PER_TIE * tiesPerPerson(s));
  }

  static long tiesPerPerson(Scenario s) {
    Scenario.NetworkSpec n = s.network();
    return switch (n.kind()) {
      case ORGANISATION -> s.organisation().tiesPerPerson() + 2; // informal ties plus manager and a report
      case COMPLETE -> 0; // mean field: no explicit ties
      case ERDOS_RENYI -> (long) Math.ceil(n.meanDegree());
      case RING_LATTICE, WATTS_STROGATZ -> n.neighbours();
      case BARABASI_ALBERT -> 2L * n.attach();
    };
  }

  /** Refuses, naming the key that sets the size, a scenario whose estimate exceeds {@code maxHeap} bytes. */
  static void check(Object origin, Scenario s, long maxHeap) {
    long need = bytes(s);
    if (need <= maxHeap) return;
    long people = s.organisation().people();
    String key = s.network().flat() ? "network.size" : "organisation.departments";
    long suggest = (long) Math.ceil(need * 1.25 / (1L << 30));
    throw new ScenarioException(String.format(Locale.ROOT, "%s: %s: %,d people need about %.1f GB of heap "
        + "(estimate), but this JVM may use at most %.1f GB; run with UPTAKE_JAVA_OPTS=-Xmx%dg, or make the "
        + "organisation smaller", origin, key, people, need / (double) (1L << 30), maxHeap / (double) (1L << 30),
        suggest));
  }
}
