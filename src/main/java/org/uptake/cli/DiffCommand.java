package org.uptake.cli;

import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.RunClock;
import org.uptake.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compares two runs: the scenario keys that differ, the first tick and event at which their "
        + "journals diverge, the per-tick difference of the main series, and the difference of the summary metrics.",
        "Example: uptake diff mandate-42 mandate-42-ceo-at-20 --csv diff.csv"})
final class DiffCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_A")
  String a;

  @Parameters(index = "1", paramLabel = "RUN_B")
  String b;

  @Option(names = "--csv", paramLabel = "FILE", description = "Also write the per-tick differences as CSV.")
  Path csv;

  @Mixin JournalOptions journal;

  /** The first place two journals differ. */
  record Divergence(int tick, String entity, String what) {}

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      RunLog la = session.log(a);
      RunLog lb = session.log(b);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("A = %s (%s, seed %d)%nB = %s (%s, seed %d)%n", a, la.started().scenarioName(), la.started().seed(),
          b, lb.started().scenarioName(), lb.started().seed());
      List<String> keys = ScenarioLoader.differingKeys(la.started().scenario(), lb.started().scenario());
      out.println(keys.isEmpty() ? "Scenarios: identical." : "Scenarios differ in: " + String.join(", ", keys));
      String unit = la.facts().unit();
      Divergence d = firstDivergence(la, lb, SerializationExtension.get(session.system));
      if (d == null) {
        out.printf("Journals: identical, %ss 0 to %d.%n", unit, Math.min(la.lastTick(), lb.lastTick()));
      } else {
        out.printf("Journals: first diverge in %s %d, in %s: %s%n", unit, d.tick(), d.entity(), d.what());
      }
      RunProjection.Result ra = RunProjection.project(la);
      RunProjection.Result rb = RunProjection.project(lb);
      series(out, ra, rb, unit);
      summary(out, RunSummary.of(ra), RunSummary.of(rb));
      if (csv != null) writeCsv(ra, rb, csv);
      return 0;
    }
  }

  /** Walks both journals tick by tick, executives, departments, then the clock, comparing serialized events. */
  static Divergence firstDivergence(RunLog la, RunLog lb, Serialization serialization) {
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
    for (org.uptake.model.AdoptionState s : org.uptake.model.AdoptionState.values()) {
      parts.add(counts[s.ordinal()] + " " + s.column());
    }
    return String.join(", ", parts);
  }

  /** "value A 0.1234, B 0.1302; reason A kept support, B clicks fell from ...". */
  static String fieldsThatDiffer(Record a, Record b) {
    List<String> parts = new ArrayList<>();
    for (java.lang.reflect.RecordComponent c : a.getClass().getRecordComponents()) {
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

  private static void series(PrintWriter out, RunProjection.Result ra, RunProjection.Result rb, String unit) {
    int n = Math.min(ra.rows().size(), rb.rows().size());
    int firstDifferent = -1;
    for (int i = 0; i < n && firstDifferent < 0; i++) {
      if (!Arrays.equals(ra.rows().get(i).counts(), rb.rows().get(i).counts())) firstDifferent = i;
    }
    if (firstDifferent < 0) {
      out.println("Series: identical over " + unit + "s 0 to " + (n - 1) + ".");
      return;
    }
    out.println("Series (active share and ever adopted, B - A), from the first " + unit + " that differs:");
    out.printf("  %5s %9s %9s %8s %9s %9s %8s%n", unit, "active A", "active B", "B - A", "ever A", "ever B", "B - A");
    int step = Math.max(1, (n - firstDifferent) / 20);
    for (int i = firstDifferent; i < n; i += step) {
      RunProjection.Row x = ra.rows().get(i);
      RunProjection.Row y = rb.rows().get(i);
      out.printf(Locale.ROOT, "  %5d %9.3f %9.3f %+8.3f %9.3f %9.3f %+8.3f%n", x.tick(), x.active(), y.active(),
          y.active() - x.active(), x.everAdopted(), y.everAdopted(), y.everAdopted() - x.everAdopted());
    }
  }

  private static void summary(PrintWriter out, RunSummary x, RunSummary y) {
    out.println("Summary:");
    out.printf(Locale.ROOT, "  %-20s %24s %24s %10s%n", "metric", "A", "B", "B - A");
    metric(out, "time to 10% active", x, y, x.timeTo10PctActive(), y.timeTo10PctActive());
    metric(out, "time to 50% active", x, y, x.timeTo50PctActive(), y.timeTo50PctActive());
    metric(out, "peak active", x.peakActiveFraction(), y.peakActiveFraction());
    metric(out, "final active", x.finalActiveFraction(), y.finalActiveFraction());
    metric(out, "ever adopted", x.finalEverAdoptedFraction(), y.finalEverAdoptedFraction());
    if (!x.permanent() || !y.permanent()) {
      metric(out, "sustained adoption", x.sustainedAdoption(), y.sustainedAdoption());
      metric(out, "lapses", (double) x.lapses(), (double) y.lapses());
    }
    if (!x.population() || !y.population()) metric(out, "goal index", x.finalGoalIndex(), y.finalGoalIndex());
  }

  private static void metric(PrintWriter out, String label, RunSummary sx, RunSummary sy, Integer x, Integer y) {
    out.printf(Locale.ROOT, "  %-20s %24s %24s %10s%n", label, sx.at(x), sy.at(y),
        x == null || y == null ? "" : String.format(Locale.ROOT, "%+d", y - x));
  }

  private static void metric(PrintWriter out, String label, double x, double y) {
    out.printf(Locale.ROOT, "  %-20s %24.3f %24.3f %+10.3f%n", label, x, y, y - x);
  }

  static void writeCsv(RunProjection.Result ra, RunProjection.Result rb, Path file) throws java.io.IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("tick,active_fraction_a,active_fraction_b,active_fraction_diff,ever_adopted_a,ever_adopted_b,"
          + "ever_adopted_diff,goal_index_a,goal_index_b,goal_index_diff,lapsed_a,lapsed_b,lapsed_diff\n");
      int n = Math.min(ra.rows().size(), rb.rows().size());
      for (int i = 0; i < n; i++) {
        RunProjection.Row x = ra.rows().get(i);
        RunProjection.Row y = rb.rows().get(i);
        int la = x.counts()[4];
        int lb = y.counts()[4];
        w.write(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%.6f,%d,%d,%d%n", x.tick(),
            x.active(), y.active(), y.active() - x.active(), x.everAdopted(), y.everAdopted(),
            y.everAdopted() - x.everAdopted(), x.goal(), y.goal(), y.goal() - x.goal(), la, lb, lb - la));
      }
    }
  }
}
