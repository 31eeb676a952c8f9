package org.uptake.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.journal.DamagedRun;
import org.uptake.journal.RunLog;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionState;
import org.uptake.model.Cause;
import org.uptake.model.CauseKind;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.DepartmentReport;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Roster;
import org.uptake.run.RunClock;
import org.uptake.scenario.OrgChart.Role;

/** The projection on a three-person run small enough to work out by hand. */
class RunProjectionTest {
  static final AdoptionState U = AdoptionState.UNAWARE;
  static final AdoptionState W = AdoptionState.AWARE;
  static final AdoptionState T = AdoptionState.TRIALING;
  static final AdoptionState A = AdoptionState.ACTIVE;
  static final AdoptionState L = AdoptionState.LAPSED;

  static Roster.Member member(int id) {
    return new Roster.Member(id, "p" + id, Role.STAFF, -1, new int[0], new int[0], new int[0], 0.5, 1, -1,
        SeedKind.NONE);
  }

  static Transition change(int person, AdoptionState from, AdoptionState to) {
    return new Transition(person, from, to, false, false, null, false, Cause.of(CauseKind.PEERS, "test"));
  }

  static DepartmentReport report(Department.TickResolved resolved, String d, int u, int w, int t, int a, int l) {
    return new DepartmentReport(d, new int[] {u, w, t, a, l}, 0, 0, 0, Transition.digest(resolved.transitions()));
  }

  /**
   * Department X has persons 0 and 1, department Y person 2.
   * tick 0: 0 U->A.  tick 1: 1 U->W, 2 U->W.  tick 2: 0 A->L, 1 W->T, 2 W->T.
   * {@code edit} changes an event after the clock recorded its digest: 0 consistent, 1 counts that disagree,
   * 2 person 1 in place of person 0 at tick 2 (same counts).
   */
  static RunLog log(int edit) {
    List<Department.TickResolved> x = List.of(
        new Department.TickResolved(0, List.of(change(0, U, A))),
        new Department.TickResolved(1, List.of(change(1, U, W))),
        new Department.TickResolved(2, List.of(change(0, A, L), change(1, W, T))));
    List<Department.TickResolved> y = List.of(
        new Department.TickResolved(0, List.of()),
        new Department.TickResolved(1, List.of(change(2, U, W))),
        new Department.TickResolved(2, List.of(change(2, W, T))));
    List<RunClock.TickCompleted> ticks = List.of(
        new RunClock.TickCompleted(0, List.of(report(x.get(0), "X", 1, 0, 0, 1, 0),
            report(y.get(0), "Y", 1, 0, 0, 0, 0)), List.of(0.1, 0.0)),
        new RunClock.TickCompleted(1, List.of(report(x.get(1), "X", 0, 1, 0, 1, 0),
            report(y.get(1), "Y", 0, 1, 0, 0, 0)), List.of(0.2, 0.0)),
        new RunClock.TickCompleted(2, List.of(report(x.get(2), "X", 0, 0, 1, 0, edit == 1 ? 0 : 1),
            report(y.get(2), "Y", 0, 0, 1, 0, 0)), List.of(0.3, 0.06)));
    List<Department.Event> xEvents = new java.util.ArrayList<>(List.of(
        new Department.Formed(new Roster("X", "x", List.of(member(0), member(1))))));
    xEvents.addAll(x);
    if (edit == 2) {
      xEvents.set(3, new Department.TickResolved(2, List.of(change(1, A, L), change(0, W, T))));
    }
    List<Department.Event> yEvents = new java.util.ArrayList<>(List.of(
        new Department.Formed(new Roster("Y", "y", List.of(member(2))))));
    yEvents.addAll(y);
    Map<String, List<Department.Event>> departments = new LinkedHashMap<>();
    departments.put("X", xEvents);
    departments.put("Y", yEvents);
    Map<String, List<Executive.Event>> executives = Map.of("CEO",
        List.of(new Executive.SupportChanged(1, 0.6, List.of("X"), Double.NaN, "sponsor")));
    RunClock.RunStarted started = new RunClock.RunStarted("hand", "hand-made", "custom", "x.conf", "{}", 1, 2,
        List.of(), "test", List.of("X", "Y"), List.of("CEO"), 3, null, -1, 2);
    return new RunLog(started, ticks, true, null, departments, executives, 0);
  }

  static RunLog log(boolean consistent) {
    return log(consistent ? 0 : 1);
  }

  @Test
  void rowsFollowTheTransitions() {
    RunProjection.Result r = RunProjection.project(log(true));
    assertEquals(3, r.rows().size());
    assertArrayEquals(new int[] {2, 0, 0, 1, 0}, r.rows().get(0).counts());
    assertArrayEquals(new int[] {0, 2, 0, 1, 0}, r.rows().get(1).counts());
    assertArrayEquals(new int[] {0, 0, 2, 0, 1}, r.rows().get(2).counts());
    assertEquals(1.0 / 3, r.rows().get(0).active(), 1e-12);
    assertEquals(0.0, r.rows().get(2).active(), 1e-12);
    assertEquals(1.0 / 3, r.rows().get(2).everAdopted(), 1e-12, "person 0 was active once");
    assertArrayEquals(new double[] {0.5, 0.0}, r.rows().get(0).departmentActive(), 1e-12);
    // Goal: headcount-weighted, (0.3*2 + 0.06*1)/3 = 0.22 at tick 2.
    assertEquals(0.22, r.rows().get(2).goal(), 1e-12);
    // Sponsorship: the CEO sponsors X (2 of 3 people) at 0.6 from tick 1: 0, 0.4, 0.4.
    assertEquals(0.0, r.rows().get(0).sponsorship(), 1e-12);
    assertEquals(0.4, r.rows().get(1).sponsorship(), 1e-12);
    assertEquals(1, r.lapses());
  }

  @Test
  void summaryMetricsByHand() {
    RunSummary s = RunSummary.of(RunProjection.project(log(true)));
    assertEquals(0, s.timeTo10PctActive(), "1/3 active at tick 0");
    assertNull(s.timeTo50PctActive());
    assertEquals(1.0 / 3, s.peakActiveFraction(), 1e-12);
    assertEquals(0, s.peakTick());
    assertEquals(0.0, s.finalActiveFraction());
    assertEquals(0.0, s.sustainedAdoption(), "nobody who adopted is still active");
    assertEquals(0, s.departmentTimeTo50PctActive().get("X"), "X is half active at tick 0");
    assertEquals(0.6, s.executiveFinalSupport().get("CEO"));
  }

  @Test
  void aJournalWhoseCountsDisagreeIsReported() {
    DamagedRun e = assertThrows(DamagedRun.class, () -> RunProjection.project(log(false)));
    assertTrue(e.getMessage().startsWith("run hand is damaged: at tick 2 the clock recorded X with counts"),
        e.getMessage());
  }

  /** Counts alone cannot see two people's changes swapped; the digest the clock recorded does. */
  @Test
  void anEventEditedAfterTheClockRecordedItIsReported() {
    DamagedRun e = assertThrows(DamagedRun.class, () -> RunProjection.project(log(2)));
    assertTrue(e.getMessage().contains("X's changes at tick 2 do not match the digest"), e.getMessage());
  }

  @Test
  void filesAreWrittenWholeWithFixedPrecision(@TempDir Path dir) throws Exception {
    Path out = RunOutputs.write(RunProjection.project(log(true)), dir);
    List<String> lines = Files.readAllLines(out.resolve("timeseries.csv"));
    assertEquals("tick,unaware,aware,trialing,active,lapsed,champions,mandated,ever_adopted_fraction,"
        + "active_fraction,goal_index,sponsorship,active_fraction_x,active_fraction_y", lines.get(0));
    assertEquals("0,2,0,0,1,0,0,0,0.333333,0.333333,0.066667,0.000000,0.500000,0.000000", lines.get(1));
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"peak_active_fraction\" : 0.333333"), summary);
    assertTrue(summary.contains("\"time_to_50pct_active\" : null"), summary);
    try (var files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList(), "no partial folder left behind");
    }
  }
}
