package org.uptake.model;

/**
 * Stateless random numbers: every draw is a pure function of its coordinates (run seed, stream, person,
 * tick, draw index). No generator advances, so the outcome never depends on thread or message order and
 * there is no generator state to persist or restore (docs/design.md, note 1).
 */
public final class Draws {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** Streams keep unrelated uses of the same coordinates apart. */
  public static final long STREAM_ADOPTION = 1;
  public static final long STREAM_CHAMPION = 2;
  public static final long STREAM_GATEKEEPER = 3;
  public static final long STREAM_GENERATION = 4;
  /** A sweep's drawn design: the order of each parameter's strata, the place in a stratum, a random point. */
  public static final long STREAM_DESIGN_ORDER = 5;
  public static final long STREAM_DESIGN_OFFSET = 6;
  public static final long STREAM_DESIGN_RANDOM = 7;

  private Draws() {}

  /** SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijective 64-bit mixer with good avalanche. */
  public static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  public static long hash(long seed, long stream, long a, long b) {
    long h = mix(seed + GOLDEN);
    h = mix(h ^ (stream + GOLDEN * 2));
    h = mix(h ^ (a + GOLDEN * 3));
    return mix(h ^ (b + GOLDEN * 4));
  }

  /** A uniform double in [0, 1) determined by its coordinates alone. */
  public static double uniform(long seed, long stream, long person, long tick) {
    return (hash(seed, stream, person, tick) >>> 11) * 0x1.0p-53;
  }
}
