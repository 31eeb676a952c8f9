package org.uptake.journal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionState;
import org.uptake.model.Cause;
import org.uptake.model.CauseKind;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.People;
import org.uptake.organisation.Roster;
import org.uptake.scenario.OrgChart.Role;

/**
 * The binary encoding of a department's events and snapshot, the journal's high-volume rows (docs/design.md,
 * "Encoding"): a tick's changes take about a tenth of the bytes of Jackson CBOR, which names every field of every
 * change, and decode many times faster. Every payload starts with {@link #VERSION}; a payload of another version,
 * one that ends early or one with bytes left over is refused, never guessed at.
 *
 * <p>Integers are variable-length (LEB128; zigzag where they may be negative), ids within a list are written as the
 * difference from the one before, and strings, enum constants included (by name, so reordering a Java enum cannot
 * change what a recorded run means), are written once per payload and referred to by number after that:
 * {@code 0} null, {@code 1} a new string (length and UTF-8 bytes follow), {@code k + 2} the k-th string of the payload.
 * The single exception is {@link AdoptionState}, whose ordinals are persisted elsewhere too and are append-only.
 */
public final class DepartmentCodec {
  /** The version of the encoding this build writes and reads. */
  public static final int VERSION = 1;

  private static final AdoptionState[] STATES = AdoptionState.values();

  private DepartmentCodec() {}

  public static byte[] encode(Object event) {
    Writer w = new Writer();
    w.raw(VERSION);
    if (event instanceof Department.TickResolved t) {
      w.signed(t.tick());
      w.transitions(t.transitions());
    } else if (event instanceof Department.Formed f) {
      w.roster(f.roster());
    } else if (event instanceof Department.Restored r) {
      w.signed(r.tick());
      w.people(r.people());
      w.string(r.parentRun());
    } else if (event instanceof Department.State s) {
      w.raw(s.roster() == null ? 0 : 1);
      if (s.roster() != null) w.roster(s.roster());
      w.people(s.current());
      w.people(s.previous());
      w.transitions(s.lastTransitions());
      w.signed(s.lastTick());
    } else {
      throw new IllegalArgumentException("not a department event: " + event.getClass().getName());
    }
    return w.bytes();
  }

  /**
   * The event of class {@code type} that {@code payload} encodes.
   *
   * @throws IllegalArgumentException if the payload is not a complete encoding of such an event in this version
   */
  public static Object decode(Class<?> type, byte[] payload) {
    Reader r = new Reader(payload);
    int version = r.raw();
    if (version != VERSION) {
      throw new IllegalArgumentException("encoding version " + version + ", not " + VERSION);
    }
    Object event;
    if (type == Department.TickResolved.class) {
      event = new Department.TickResolved(r.signedInt(), r.transitions());
    } else if (type == Department.Formed.class) {
      event = new Department.Formed(r.roster());
    } else if (type == Department.Restored.class) {
      event = new Department.Restored(r.signedInt(), r.people(), r.string());
    } else if (type == Department.State.class) {
      Roster roster = r.raw() == 1 ? r.roster() : null;
      event = new Department.State(roster, r.people(), r.people(), r.transitions(), r.signedInt());
    } else {
      throw new IllegalArgumentException("not a department event: " + type.getName());
    }
    r.end();
    return event;
  }

  private static final class Writer {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    private final Map<String, Integer> strings = new HashMap<>();

    void raw(int b) {
      buf.write(b);
    }

    void unsigned(long v) {
      while ((v & ~0x7FL) != 0) {
        raw((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      raw((int) v);
    }

    void signed(long v) {
      unsigned((v << 1) ^ (v >> 63));
    }

    void string(String s) {
      if (s == null) {
        unsigned(0);
        return;
      }
      Integer k = strings.get(s);
      if (k != null) {
        unsigned(k + 2L);
        return;
      }
      strings.put(s, strings.size());
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      unsigned(1);
      unsigned(utf8.length);
      buf.writeBytes(utf8);
    }

    void name(Enum<?> e) {
      string(e == null ? null : e.name());
    }

    /** Ascending ids are small steps; any order still round-trips. */
    void ids(int[] ids) {
      unsigned(ids.length);
      int previous = 0;
      for (int id : ids) {
        signed((long) id - previous);
        previous = id;
      }
    }

    void ints(int[] values) {
      unsigned(values.length);
      for (int v : values) signed(v);
    }

    void transitions(List<Transition> ts) {
      unsigned(ts.size());
      int previous = 0;
      for (Transition t : ts) {
        signed((long) t.person() - previous);
        previous = t.person();
        unsigned(t.from().ordinal() | t.to().ordinal() << 3 | (t.champion() ? 1 << 6 : 0)
            | (t.mandated() ? 1 << 7 : 0) | (t.forwardsMandate() ? 1 << 8 : 0) | (t.cause() != null ? 1 << 9 : 0));
        string(t.mandateArrived());
        if (t.cause() != null) {
          name(t.cause().kind());
          List<Integer> peers = t.cause().peers();
          unsigned(peers.size());
          for (int p : peers) signed(p);
          string(t.cause().source());
        }
      }
    }

    void roster(Roster roster) {
      string(roster.department());
      string(roster.function());
      unsigned(roster.members().size());
      int previous = 0;
      for (Roster.Member m : roster.members()) {
        signed((long) m.id() - previous);
        previous = m.id();
        string(m.name());
        name(m.role());
        signed(m.manager());
        ids(m.reports());
        ids(m.ties());
        ints(m.tieWeights());
        long bits = Double.doubleToRawLongBits(m.innovativeness());
        for (int i = 0; i < 8; i++) raw((int) (bits >>> (8 * i)));
        signed(m.influence());
        signed(m.seedTick());
        name(m.seedKind());
      }
    }

    void people(People p) {
      int size = p.size();
      unsigned(size);
      for (int i = 0; i < size; i++) raw(p.states()[i]);
      for (int i = 0; i < size; i++) signed(p.since()[i]);
      for (int i = 0; i < size; i++) {
        raw((p.champion()[i] ? 1 : 0) | (p.mandated()[i] ? 2 : 0) | (p.forwarded()[i] ? 4 : 0));
      }
      for (int i = 0; i < size; i++) string(p.mandateSource()[i]);
    }

    byte[] bytes() {
      return buf.toByteArray();
    }
  }

  private static final class Reader {
    private final byte[] buf;
    private int at;
    private final List<String> strings = new ArrayList<>();

    Reader(byte[] buf) {
      this.buf = buf;
    }

    int raw() {
      if (at >= buf.length) throw new IllegalArgumentException("the payload ends early, at byte " + at);
      return buf[at++] & 0xFF;
    }

    long unsigned() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = raw();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) return v;
      }
      throw new IllegalArgumentException("a number longer than 64 bits at byte " + at);
    }

    long signed() {
      long v = unsigned();
      return (v >>> 1) ^ -(v & 1);
    }

    int signedInt() {
      long v = signed();
      if (v != (int) v) throw new IllegalArgumentException("an integer out of range at byte " + at);
      return (int) v;
    }

    /** A count of items that each take at least one byte: never more than the bytes left. */
    int count() {
      long v = unsigned();
      if (v < 0 || v > buf.length - at) throw new IllegalArgumentException("a count of " + v + " at byte " + at
          + ", more than the payload holds");
      return (int) v;
    }

    String string() {
      long k = unsigned();
      if (k == 0) return null;
      if (k == 1) {
        int length = count();
        String s = new String(buf, at, length, StandardCharsets.UTF_8);
        at += length;
        strings.add(s);
        return s;
      }
      if (k - 2 >= strings.size()) throw new IllegalArgumentException("string " + (k - 2) + " named before it");
      return strings.get((int) (k - 2));
    }

    <E extends Enum<E>> E name(Class<E> type) {
      String s = string();
      return s == null ? null : Enum.valueOf(type, s);
    }

    AdoptionState state(int ordinal) {
      if (ordinal >= STATES.length) throw new IllegalArgumentException("adoption state " + ordinal + " at byte " + at);
      return STATES[ordinal];
    }

    int[] ids() {
      int[] ids = new int[count()];
      int previous = 0;
      for (int i = 0; i < ids.length; i++) {
        previous = Math.addExact(previous, signedInt());
        ids[i] = previous;
      }
      return ids;
    }

    int[] ints() {
      int[] values = new int[count()];
      for (int i = 0; i < values.length; i++) values[i] = signedInt();
      return values;
    }

    List<Transition> transitions() {
      int size = count();
      List<Transition> ts = new ArrayList<>(size);
      int person = 0;
      for (int i = 0; i < size; i++) {
        person = Math.addExact(person, signedInt());
        long flags = unsigned();
        if (flags >= 1 << 10) throw new IllegalArgumentException("unknown flags " + flags + " at byte " + at);
        String arrived = string();
        Cause cause = null;
        if ((flags & 1 << 9) != 0) {
          CauseKind kind = name(CauseKind.class);
          Integer[] peers = new Integer[count()];
          for (int k = 0; k < peers.length; k++) peers[k] = signedInt();
          cause = new Cause(kind, List.of(peers), string());
        }
        ts.add(new Transition(person, state((int) (flags & 7)), state((int) (flags >> 3 & 7)), (flags & 1 << 6) != 0,
            (flags & 1 << 7) != 0, arrived, (flags & 1 << 8) != 0, cause));
      }
      return ts;
    }

    Roster roster() {
      String department = string();
      String function = string();
      int size = count();
      List<Roster.Member> members = new ArrayList<>(size);
      int id = 0;
      for (int i = 0; i < size; i++) {
        id = Math.addExact(id, signedInt());
        String name = string();
        Role role = name(Role.class);
        int manager = signedInt();
        int[] reports = ids();
        int[] ties = ids();
        int[] weights = ints();
        long bits = 0;
        for (int b = 0; b < 8; b++) bits |= (long) raw() << (8 * b);
        members.add(new Roster.Member(id, name, role, manager, reports, ties, weights, Double.longBitsToDouble(bits),
            signedInt(), signedInt(), name(SeedKind.class)));
      }
      return new Roster(department, function, List.copyOf(members));
    }

    People people() {
      int size = count();
      byte[] states = new byte[size];
      for (int i = 0; i < size; i++) states[i] = (byte) state(raw()).ordinal();
      int[] since = new int[size];
      for (int i = 0; i < size; i++) since[i] = signedInt();
      boolean[] champion = new boolean[size];
      boolean[] mandated = new boolean[size];
      boolean[] forwarded = new boolean[size];
      for (int i = 0; i < size; i++) {
        int flags = raw();
        if (flags > 7) throw new IllegalArgumentException("unknown flags " + flags + " at byte " + at);
        champion[i] = (flags & 1) != 0;
        mandated[i] = (flags & 2) != 0;
        forwarded[i] = (flags & 4) != 0;
      }
      String[] sources = new String[size];
      for (int i = 0; i < size; i++) sources[i] = string();
      return new People(states, since, champion, mandated, forwarded, sources);
    }

    void end() {
      if (at != buf.length) throw new IllegalArgumentException((buf.length - at) + " bytes left after the event");
    }
  }
}
