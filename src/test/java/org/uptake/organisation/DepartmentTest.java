package org.uptake.organisation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import akka.persistence.testkit.javadsl.SnapshotTestKit;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestDirectories;
import org.uptake.TestKits;
import org.uptake.TestScenarios;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionState;
import org.uptake.model.CauseKind;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Transition;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import org.uptake.staff.Workgroup;

/** The department entity with its people in real workgroup actors, on Akka's in-memory persistence testkit. */
class DepartmentTest {
  static ActorTestKit testKit;
  static PersistenceTestKit journal;
  static SnapshotTestKit snapshots;
  static Scenario scenario;
  static Organisation org;

  @BeforeAll
  static void setUp(@TempDir Path dir) {
    testKit = TestKits.inMemoryPersistence();
    journal = PersistenceTestKit.create(testKit.system());
    snapshots = SnapshotTestKit.create(testKit.system());
    scenario = ScenarioLoader.load(TestScenarios.small(dir));
    org = OrganisationBuilder.build(scenario);
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    journal.clearAll();
    snapshots.clearAll();
  }

  /** Stands in for people of other departments: acknowledges whatever they are told. */
  static Behavior<Workgroup.Command> outsider() {
    return Behaviors.receive(Workgroup.Command.class)
        .onMessage(Workgroup.Deliver.class, d -> {
          d.replyTo().tell(Workgroup.Delivered.INSTANCE);
          return Behaviors.same();
        })
        .build();
  }

  ActorRef<Department.Command> start(String runId, Roster roster, TestProbe<Department.Reply> probe) {
    return start(runId, roster, probe, -1);
  }

  /** Forms and connects a department whose clock last completed {@code asOfTick}. */
  ActorRef<Department.Command> start(String runId, Roster roster, TestProbe<Department.Reply> probe,
      int asOfTick) {
    ActorRef<Department.Command> dept = testKit.spawn(Department.create(runId, roster.department(), 2));
    // The rule as every department builds it from the scenario.
    dept.tell(new Department.Form(roster, asOfTick, null, scenario.ruleSpec(), probe.getRef(), null));
    Department.Ready ready = probe.expectMessageClass(Department.Ready.class);
    assertEquals((roster.members().size() + Workgroup.SIZE - 1) / Workgroup.SIZE, ready.groups().size());
    // This department's people where its workgroups hold them; everybody else at one outsider.
    Map<Integer, Workgroup.Address> where = new HashMap<>();
    ActorRef<Workgroup.Command> others = testKit.spawn(outsider());
    for (int id = 0; id < org.size(); id++) where.put(id, new Workgroup.Address(others, 0));
    for (int k = 0; k < roster.members().size(); k++) {
      where.put(roster.members().get(k).id(),
          new Workgroup.Address(ready.groups().get(k / Workgroup.SIZE), k % Workgroup.SIZE));
    }
    dept.tell(new Department.Connect(TestDirectories.of(where), probe.getRef()));
    probe.expectMessageClass(Department.Connected.class);
    return dept;
  }

  @Test
  void resolvesATickAsOneEventAndReportsCounts() {
    Roster sales = Roster.of(org, 0);
    String pid = Department.persistenceId("t1", "Sales").id();
    TestProbe<Department.Reply> probe = testKit.createTestProbe();
    ActorRef<Department.Command> dept = start("t1", sales, probe);
    Roster persisted = journal.expectNextPersistedClass(pid, Department.Formed.class).roster();
    assertEquals(sales.members().stream().map(Roster.Member::name).toList(),
        persisted.members().stream().map(Roster.Member::name).toList());

    dept.tell(new Department.Tick(0, new DepartmentContext(0, 0, false, 0.9, null), probe.getRef()));
    Department.Resolved resolved = probe.expectMessageClass(Department.Resolved.class);
    Department.TickResolved event = journal.expectNextPersistedClass(pid, Department.TickResolved.class);

    long enthusiasts = sales.members().stream().filter(m -> m.seedKind() == SeedKind.ENTHUSIAST).count();
    assertTrue(enthusiasts > 0, "the small scenario seeds enthusiasts in Sales");
    long seededNow = event.transitions().stream().filter(t -> t.cause().kind() == CauseKind.SEED).count();
    assertEquals(enthusiasts, seededNow);
    assertEquals(0, resolved.tick());
    assertEquals(event.transitions().stream().filter(t -> t.to() == AdoptionState.ACTIVE).count(),
        resolved.report().count(AdoptionState.ACTIVE));
    assertEquals(sales.members().size(), resolved.report().headcount());
    int previous = -1;
    for (Transition t : event.transitions()) {
      assertTrue(t.person() > previous, "transitions are in ascending person order");
      previous = t.person();
    }
  }

  @Test
  void aMandateTravelsDownOneReportingLevelPerTick() {
    Roster support = Roster.of(org, 1);
    String pid = Department.persistenceId("t2", "Support").id();
    TestProbe<Department.Reply> probe = testKit.createTestProbe();
    ActorRef<Department.Command> dept = start("t2", support, probe);
    journal.expectNextPersistedClass(pid, Department.Formed.class);
    DepartmentContext mandate = new DepartmentContext(0, 0, false, 1, "mandate by CEO in week 1");
    DepartmentContext after = new DepartmentContext(0, 0, false, 1, null);
    Map<Integer, Integer> level = new HashMap<>();
    for (Roster.Member m : support.members()) {
      level.put(m.id(), m.manager() < 0 ? 0 : level.get(m.manager()) + 1);
    }
    Map<Integer, Integer> reachedAt = new HashMap<>();
    // Tick 0 is the start, where nobody decides; the mandate is issued in step 1.
    for (int tick = 0; tick < 7; tick++) {
      dept.tell(new Department.Tick(tick, tick == 1 ? mandate : after, probe.getRef()));
      probe.expectMessageClass(Department.Resolved.class);
      Department.TickResolved e = journal.expectNextPersistedClass(pid, Department.TickResolved.class);
      for (Transition t : e.transitions()) {
        if (t.mandated() && !reachedAt.containsKey(t.person())) reachedAt.put(t.person(), e.tick());
      }
    }
    int head = support.members().get(0).id();
    assertEquals(1, reachedAt.get(head), "the head receives it in the step it is issued");
    for (Roster.Member m : support.members()) {
      if (reachedAt.containsKey(m.id()) && m.manager() >= 0) {
        assertEquals(reachedAt.get(m.manager()) + 1, reachedAt.get(m.id()), "one level per tick");
        assertEquals(level.get(m.id()) + 1, reachedAt.get(m.id()));
      }
    }
    assertTrue(reachedAt.size() > 1, "it got past the head");
  }

  @Test
  void recoversItsPeopleFromTheJournalAndSnapshots() {
    Roster sales = Roster.of(org, 0);
    String pid = Department.persistenceId("t3", "Sales").id();
    TestProbe<Department.Reply> probe = testKit.createTestProbe();
    ActorRef<Department.Command> dept = start("t3", sales, probe);
    DepartmentContext ctx = new DepartmentContext(0.5, 0.1, true, 0.9, null);
    for (int tick = 0; tick < 5; tick++) {
      dept.tell(new Department.Tick(tick, ctx, probe.getRef()));
      probe.expectMessageClass(Department.Resolved.class);
    }
    TestProbe<Department.State> state = testKit.createTestProbe();
    dept.tell(new Department.GetState(state.getRef()));
    Department.State before = state.receiveMessage();
    assertEquals(4, before.lastTick());
    assertFalse(snapshots.persistedInStorage(pid).isEmpty(), "snapshots every 2 events");
    testKit.stop(dept);

    ActorRef<Department.Command> again = start("t3", sales, probe, 4);
    again.tell(new Department.GetState(state.getRef()));
    Department.State after = state.receiveMessage();
    assertEquals(4, after.lastTick());
    assertArrayEquals(before.current().states(), after.current().states());
    assertArrayEquals(before.current().since(), after.current().since());
    assertArrayEquals(before.current().champion(), after.current().champion());
    assertArrayEquals(before.current().mandated(), after.current().mandated());

    // A tick the journal already holds is not decided again: only its report is owed.
    again.tell(new Department.Tick(4, ctx, probe.getRef()));
    Department.Resolved r = probe.expectMessageClass(Department.Resolved.class);
    assertArrayEquals(before.report().counts(), r.report().counts());
  }

  @Test
  void aStoppedDepartmentConfirmsAndWritesNothingMore() {
    Roster sales = Roster.of(org, 0);
    String pid = Department.persistenceId("t4", "Sales").id();
    TestProbe<Department.Reply> probe = testKit.createTestProbe();
    ActorRef<Department.Command> dept = start("t4", sales, probe);
    journal.expectNextPersistedClass(pid, Department.Formed.class);
    dept.tell(new Department.Tick(0, new DepartmentContext(0, 0, false, 0.9, null), probe.getRef()));
    dept.tell(new Department.Stop(probe.getRef()));
    // The tick's decisions may or may not have been written when Stop arrives, but it is never written after.
    Department.Reply first = probe.receiveMessage();
    if (first instanceof Department.Resolved) first = probe.receiveMessage();
    assertEquals(new Department.Stopped("Sales"), first);
    int written = journal.persistedInStorage(pid).size();
    probe.expectTerminated(dept);
    // Its workgroups' decisions may still have been on their way: nothing of them is written after Stopped.
    probe.expectNoMessage(java.time.Duration.ofMillis(300));
    assertEquals(written, journal.persistedInStorage(pid).size());
  }
}
