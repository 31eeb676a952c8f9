package org.uptake.journal;

import akka.serialization.Serialization;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.run.RunClock;

/**
 * The first place two runs' journals differ: the tick, the entity (an executive, a department, the clock) and, in
 * words, what differs there. Events are compared as the journal stores them (serialized), so two runs that agree
 * here are the same run.
 */
public record Divergence(int tick, String entity, String what) {
  /** Walks both journals tick by tick, executives, departments, then the clock, comparing serialized events. */
  public static Divergence first(RunLog la, RunLog lb, Serialization serialization) {
    String[] names = Recorded.names(la);
    int last = Math.max(la.lastTick(), lb.lastTick());
    for (int t = 0; t <= last; t++) {
      Map<String, List<Object>> ea = atTick(la, t);
      Map<String, List<Object>> eb = atTick(lb, t);
      for (String entity : order(la, lb)) {
        List<Object> xa = ea.getOrDefault(entity, List.of());
        List<Object> xb = eb.getOrDefault(entity, List.of());
        if (!sameBytes(xa, xb, serialization)) return new Divergence(t, entity, describe(xa, xb, names));
      }
    }
    return null;
  }

  /** Executives, then departments, then the clock: the order in which a tick happens. */
  private static List<String> order(RunLog la, RunLog lb) {
    List<String> keys = new ArrayList<>();
    for (RunLog log : List.of(la, lb)) {
      log.started().executives().stream().map(r -> "executive " + r).filter(k -> !keys.contains(k)).forEach(keys::add);
    }
    for (RunLog log : List.of(la, lb)) {
      log.started().departments().stream().map(d -> "department " + d).filter(k -> !keys.contains(k))
          .forEach(keys::add);
    }
    keys.add("clock");
    return keys;
  }

  private static Map<String, List<Object>> atTick(RunLog log, int t) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    log.executives().forEach((role, events) -> {
      List<Object> at = new ArrayList<>();
      for (Executive.Event e : events) if (e.tick() == t) at.add(e);
      if (!at.isEmpty()) out.put("executive " + role, at);
    });
    log.departments().forEach((name, events) -> {
      for (Department.Event e : events) {
        if (e instanceof Department.TickResolved r && r.tick() == t) out.put("department " + name, List.of(r));
      }
    });
    log.ticks().stream().filter(c -> c.tick() == t).forEach(c -> out.put("clock", List.of(c)));
    return out;
  }

  private static boolean sameBytes(List<Object> xa, List<Object> xb, Serialization serialization) {
    if (xa.size() != xb.size()) return false;
    for (int i = 0; i < xa.size(); i++) {
      if (!Arrays.equals(serialization.serialize(xa.get(i)).get(), serialization.serialize(xb.get(i)).get())) {
        return false;
      }
    }
    return true;
  }

  private static String describe(List<Object> xa, List<Object> xb, String[] names) {
    if (xa.size() == 1 && xb.size() == 1 && xa.get(0) instanceof Department.TickResolved ra
        && xb.get(0) instanceof Department.TickResolved rb) {
      Map<Integer, Transition> ta = new LinkedHashMap<>();
      Map<Integer, Transition> tb = new LinkedHashMap<>();
      ra.transitions().forEach(x -> ta.put(x.person(), x));
      rb.transitions().forEach(x -> tb.put(x.person(), x));
      TreeSet<Integer> people = new TreeSet<>(ta.keySet());
      people.addAll(tb.keySet());
      for (int p : people) {
        if (!Objects.equals(ta.get(p), tb.get(p))) {
          return name(names, p) + ": A " + change(ta.get(p)) + ", B " + change(tb.get(p));
        }
      }
    }
    if (xa.size() == 1 && xb.size() == 1 && xa.get(0) instanceof RunClock.TickCompleted ca
        && xb.get(0) instanceof RunClock.TickCompleted cb) {
      for (int k = 0; k < Math.min(ca.reports().size(), cb.reports().size()); k++) {
        var a = ca.reports().get(k);
        var b = cb.reports().get(k);
        if (!Arrays.equals(a.counts(), b.counts())) {
          return a.department() + ": A " + counts(a.counts()) + "; B " + counts(b.counts());
        }
      }
      return "goal indices: A " + ca.goals() + ", B " + cb.goals();
    }
    // The same kind of events on both sides: name the fields that differ.
    if (xa.size() == xb.size() && !xa.isEmpty()) {
      for (int i = 0; i < xa.size(); i++) {
        Object a = xa.get(i);
        Object b = xb.get(i);
        if (a.getClass() == b.getClass() && a instanceof Record && !a.equals(b)) {
          return a.getClass().getSimpleName() + ": " + fieldsThatDiffer((Record) a, (Record) b);
        }
      }
    }
    return "A " + summarise(xa) + ", B " + summarise(xb);
  }

  private static String counts(int[] counts) {
    List<String> parts = new ArrayList<>();
    for (AdoptionState s : AdoptionState.values()) {
      parts.add(counts[s.ordinal()] + " " + s.column());
    }
    return String.join(", ", parts);
  }

  /** "value A 0.1234, B 0.1302; reason A kept support, B clicks fell from ...". */
  public static String fieldsThatDiffer(Record a, Record b) {
    List<String> parts = new ArrayList<>();
    for (RecordComponent c : a.getClass().getRecordComponents()) {
      try {
        Object va = c.getAccessor().invoke(a);
        Object vb = c.getAccessor().invoke(b);
        if (!Objects.equals(va, vb)) parts.add(c.getName() + " A " + show(va) + ", B " + show(vb));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return String.join("; ", parts);
  }

  private static String show(Object v) {
    if (v instanceof Double d) return String.format(Locale.ROOT, "%.4f", d);
    return String.valueOf(v);
  }

  private static String change(Transition t) {
    if (t == null) return "no change";
    return t.from().column() + " -> " + t.to().column() + " (" + t.cause().kind().name().toLowerCase(Locale.ROOT)
        + (t.mandateArrived() != null ? ", mandate arrives" : "") + (t.champion() ? ", champion" : "") + ")";
  }

  private static String summarise(List<Object> events) {
    if (events.isEmpty()) return "nothing";
    List<String> parts = new ArrayList<>();
    for (Object e : events) parts.add(e.getClass().getSimpleName() + (e instanceof Executive.SupportChanged s
        ? String.format(Locale.ROOT, " to %.2f (%s)", s.support(), s.reason())
        : e instanceof Executive.MandateIssued m ? " (" + m.source() + ")" : ""));
    return String.join("; ", parts);
  }

  private static String name(String[] names, int id) {
    return id < names.length && names[id] != null ? names[id] : "person " + id;
  }
}
