package org.uptake.organisation;

import java.util.List;
import org.uptake.CborSerializable;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;

/**
 * The adoption state of a department's people at the end of a tick, indexed like the roster's members:
 * state, tick of the last state change, champion and mandate flags, whether they passed a mandate on, and
 * where their mandate came from. Immutable: {@link #apply} returns a new value.
 */
public record People(byte[] states, int[] since, boolean[] champion, boolean[] mandated, boolean[] forwarded,
    String[] mandateSource) implements CborSerializable {

  public static People initial(int size) {
    return new People(new byte[size], new int[size], new boolean[size], new boolean[size], new boolean[size],
        new String[size]);
  }

  public int size() {
    return states.length;
  }

  public AdoptionState stateOf(int index) {
    return AdoptionState.of(states[index]);
  }

  /** Pure: these people after one tick's transitions (in ascending person order, as persisted). */
  public People apply(int tick, List<Transition> transitions, List<Roster.Member> members) {
    byte[] s = states.clone();
    int[] sn = since.clone();
    boolean[] ch = champion.clone();
    boolean[] md = mandated.clone();
    boolean[] fw = forwarded.clone();
    String[] src = mandateSource.clone();
    int index = 0;
    for (Transition t : transitions) {
      while (members.get(index).id() != t.person()) index++;
      if (s[index] != t.to().ordinal()) sn[index] = tick;
      s[index] = (byte) t.to().ordinal();
      ch[index] = t.champion();
      if (t.mandateArrived() != null) src[index] = t.mandateArrived();
      md[index] = t.mandated();
      fw[index] |= t.forwardsMandate();
    }
    return new People(s, sn, ch, md, fw, src);
  }

  /** Counts after a tick whose changes were {@code changes}. */
  public DepartmentReport report(String department, List<Transition> changes) {
    int newlyActive = 0;
    for (Transition t : changes) {
      if (t.to() == AdoptionState.ACTIVE && t.from() != AdoptionState.ACTIVE) newlyActive++;
    }
    int[] counts = new int[AdoptionState.values().length];
    int champions = 0;
    int mandates = 0;
    for (int i = 0; i < states.length; i++) {
      counts[states[i]]++;
      if (champion[i]) champions++;
      if (mandated[i]) mandates++;
    }
    return new DepartmentReport(department, counts, champions, mandates, newlyActive, Transition.digest(changes));
  }
}
