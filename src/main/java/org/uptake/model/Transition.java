package org.uptake.model;

import java.util.List;
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
    implements CborSerializable {

  /**
   * A 64-bit digest of one tick's changes, in order: the clock records it with the department's counts, so an
   * event edited after the run (a person id swapped, a state changed) no longer matches (docs/design.md,
   * note 6). It guards against accidents and hand edits, not against someone who recomputes it.
   */
  public static long digest(List<Transition> changes) {
    long h = mix(changes.size());
    for (Transition t : changes) {
      h = mix(h ^ t.person);
      h = mix(h ^ (t.from.ordinal() << 8 | t.to.ordinal() << 4 | (t.champion ? 4 : 0) | (t.mandated ? 2 : 0)
          | (t.forwardsMandate ? 1 : 0)));
      h = mix(h ^ (t.mandateArrived == null ? -1 : t.mandateArrived.hashCode()));
      if (t.cause == null) {
        h = mix(h ^ -1);
        continue;
      }
      h = mix(h ^ t.cause.kind().ordinal());
      for (int peer : t.cause.peers()) h = mix(h ^ peer);
      h = mix(h ^ (t.cause.source() == null ? -1 : t.cause.source().hashCode()));
    }
    return h;
  }

  /** MurmurHash3's 64-bit finaliser: every input bit reaches every output bit. */
  private static long mix(long h) {
    h = (h + 0x9E3779B97F4A7C15L) * 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }
}
