package org.uptake.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uptake.journal.DamagedRun;
import org.uptake.journal.RunLog;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.DepartmentReport;
import org.uptake.organisation.Executive;
import org.uptake.run.RunClock;

/**
 * Folds a run's events, in journal order, into its per-tick series (docs/design.md, note 4: one code path from
 * journal to outputs, so a live run and a replay write the same files). People's states come from the
 * departments' transitions; each tick is cross-checked against the counts the clock recorded.
 */
public final class RunProjection {

  /** One tick of the run. {@code counts} is indexed by {@link AdoptionState#ordinal()}. */
  public record Row(int tick, int[] counts, int champions, int mandated, double everAdopted, double active,
      double goal, double sponsorship, double[] departmentActive) {}

  /**
   * The projected run: its metadata, departments (in scenario order), rows, and run-wide tallies. {@code unit}
   * is what one tick is called; a {@code population} run is a canonical network (one flat population, no
   * hierarchy, executives or goal), and a {@code permanent} one uses a canonical rule (adoption is for good).
   */
  public record Result(RunClock.RunStarted started, List<String> departments, int[] headcounts, List<Row> rows,
      int lapses, Map<String, Double> finalSupport, boolean finished, String unit, boolean population,
      boolean permanent) {

    public int people() {
      return Arrays.stream(headcounts).sum();
    }
  }

  private RunProjection() {}

  /** @throws DamagedRun if the run's events do not fit together */
  public static Result project(RunLog log) {
    try {
      return fold(log);
    } catch (DamagedRun e) {
      throw e;
    } catch (RuntimeException e) {
      // An index out of range or a missing value: events that cannot all be true of one run.
      throw new DamagedRun(log.started().runId(), "its events do not fit together (" + e + ")", e);
    }
  }

  private static Result fold(RunLog log) {
    List<String> names = log.started().departments();
    int people = log.started().people();
    int d = names.size();
    int[] headcounts = new int[d];
    int[][] counts = new int[d][AdoptionState.values().length];
    List<Iterator<Department.Event>> streams = new ArrayList<>();
    for (int k = 0; k < d; k++) {
      Iterator<Department.Event> it = log.departments().get(names.get(k)).iterator();
      if (!it.hasNext() || !(it.next() instanceof Department.Formed formed)) {
        throw new DamagedRun(log.started().runId(), "department " + names.get(k) + " has no roster");
      }
      headcounts[k] = formed.roster().members().size();
      counts[k][AdoptionState.UNAWARE.ordinal()] = headcounts[k];
      streams.add(it);
    }
    boolean[] champion = new boolean[people];
    boolean[] mandated = new boolean[people];
    BitSet everActive = new BitSet(people);
    int champions = 0;
    int mandates = 0;
    int lapses = 0;
    Sponsorship sponsorship = new Sponsorship(log.executives(), names, headcounts);
    List<Row> rows = new ArrayList<>();
    for (RunClock.TickCompleted completed : log.ticks()) {
      int tick = completed.tick();
      if (completed.reports().size() != d || completed.goals().size() != d) {
        throw new DamagedRun(log.started().runId(), "the clock's tick " + tick + " records "
            + completed.reports().size() + " departments where the run has " + d);
      }
      for (int k = 0; k < d; k++) {
        Department.Event e = streams.get(k).hasNext() ? streams.get(k).next() : null;
        if (!(e instanceof Department.TickResolved resolved) || resolved.tick() != tick) {
          throw new DamagedRun(log.started().runId(), "department " + names.get(k) + " did not record tick "
              + tick);
        }
        for (Transition t : resolved.transitions()) {
          counts[k][t.from().ordinal()]--;
          counts[k][t.to().ordinal()]++;
          if (t.to() == AdoptionState.ACTIVE) everActive.set(t.person());
          if (t.to() == AdoptionState.LAPSED && t.from() != AdoptionState.LAPSED) lapses++;
          if (t.champion() != champion[t.person()]) {
            champions += t.champion() ? 1 : -1;
            champion[t.person()] = t.champion();
          }
          if (t.mandated() != mandated[t.person()]) {
            mandates += t.mandated() ? 1 : -1;
            mandated[t.person()] = t.mandated();
          }
        }
        check(log.started().runId(), completed.reports().get(k), resolved, counts[k]);
      }
      int[] total = new int[AdoptionState.values().length];
      double[] departmentActive = new double[d];
      double goal = 0;
      for (int k = 0; k < d; k++) {
        for (int s = 0; s < total.length; s++) total[s] += counts[k][s];
        departmentActive[k] = (double) counts[k][AdoptionState.ACTIVE.ordinal()] / headcounts[k];
        goal += completed.goals().get(k) * headcounts[k];
      }
      rows.add(new Row(tick, total, champions, mandates, (double) everActive.cardinality() / people,
          (double) total[AdoptionState.ACTIVE.ordinal()] / people, goal / people, sponsorship.at(tick),
          departmentActive));
    }
    RunLog.Facts facts = log.facts();
    return new Result(log.started(), names, headcounts, rows, lapses, sponsorship.finalSupport(), log.finished(),
        facts.unit(), facts.population(), facts.permanent());
  }

  /** The clock's record of a department's tick against the department's own: counts, then digest. */
  private static void check(String runId, DepartmentReport recorded, Department.TickResolved resolved,
      int[] projected) {
    if (!Arrays.equals(recorded.counts(), projected)) {
      throw new DamagedRun(runId, "at tick " + resolved.tick() + " the clock recorded " + recorded.department()
          + " with counts " + Arrays.toString(recorded.counts()) + " but the department's changes give "
          + Arrays.toString(projected));
    }
    if (recorded.digest() != Transition.digest(resolved.transitions())) {
      throw new DamagedRun(runId, recorded.department() + "'s changes at tick " + resolved.tick()
          + " do not match the digest the clock recorded (an event changed after it was written)");
    }
  }

  /** Replays executives' decisions to give the headcount-weighted mean sponsorship at each tick. */
  private static final class Sponsorship {
    private final List<String> roles;
    private final List<List<Executive.Event>> events;
    private final int[] cursor;
    private final double[] support;
    /** Whether each executive's sponsorship reaches each department: looked up, not searched, at every tick. */
    private final boolean[][] inScope;
    private final Map<String, Integer> index = new HashMap<>();
    private final int[] headcounts;

    Sponsorship(Map<String, List<Executive.Event>> byRole, List<String> departments, int[] headcounts) {
      this.roles = List.copyOf(byRole.keySet());
      this.events = roles.stream().map(byRole::get).toList();
      this.cursor = new int[roles.size()];
      this.support = new double[roles.size()];
      this.inScope = new boolean[roles.size()][departments.size()];
      for (int k = 0; k < departments.size(); k++) index.put(departments.get(k), k);
      this.headcounts = headcounts;
    }

    private void scope(int role, List<String> departments) {
      Arrays.fill(inScope[role], false);
      for (String d : departments) {
        Integer k = index.get(d);
        if (k != null) inScope[role][k] = true;
      }
    }

    double at(int tick) {
      for (int x = 0; x < roles.size(); x++) {
        List<Executive.Event> es = events.get(x);
        while (cursor[x] < es.size() && es.get(cursor[x]).tick() <= tick) {
          Executive.Event e = es.get(cursor[x]++);
          if (e instanceof Executive.SupportChanged c) {
            support[x] = c.support();
            scope(x, c.scope());
          } else if (e instanceof Executive.PilotStarted p) {
            support[x] = p.support();
            scope(x, p.departments());
          }
        }
      }
      double sum = 0;
      int people = 0;
      for (int k = 0; k < headcounts.length; k++) {
        double level = 0;
        for (int x = 0; x < roles.size(); x++) {
          if (inScope[x][k]) level = Math.max(level, support[x]);
        }
        sum += level * headcounts[k];
        people += headcounts[k];
      }
      return sum / people;
    }

    Map<String, Double> finalSupport() {
      Map<String, Double> out = new LinkedHashMap<>();
      for (int x = 0; x < roles.size(); x++) out.put(roles.get(x), support[x]);
      return out;
    }

  }
}
