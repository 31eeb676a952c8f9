package org.uptake.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uptake.model.AdoptionRule;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionState;
import org.uptake.model.Cause;
import org.uptake.model.CauseKind;
import org.uptake.model.DepartmentContext;
import org.uptake.model.ModelParams;
import org.uptake.model.Transition;
import org.uptake.organisation.Roster.Member;
import org.uptake.scenario.OrgChart.Role;

/** One person's protocol: deciding from neighbours' news, telling neighbours, waiting for every ack. */
class StaffTest {
  static ActorTestKit testKit;
  /** Only word of mouth matters: aware people trial with probability 1.0 * share of active ties. */
  static final ModelParams ONLY_PEERS = new ModelParams(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0,
      8, 2, 0, 0);
  static final DepartmentContext CTX = new DepartmentContext(0, 0, false, 1, null);

  @BeforeAll
  static void setUp() {
    testKit = ActorTestKit.create();
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  static Member member(int id, int[] ties, int[] reports) {
    int[] weights = new int[ties.length];
    java.util.Arrays.fill(weights, 1);
    return new Member(id, "p" + id, reports.length > 0 ? Role.MANAGER : Role.STAFF, -1, reports, ties, weights,
        1.0, 1, -1, SeedKind.NONE);
  }

  @Test
  void decidesFromNeighboursNewsAndTellsEveryNeighbourBeforeReportingBack() {
    TestProbe<Staff.Reply> dept = testKit.createTestProbe();
    TestProbe<Staff.Command> n2 = testKit.createTestProbe();
    TestProbe<Staff.Command> n3 = testKit.createTestProbe();
    TestProbe<Staff.Command> report = testKit.createTestProbe();
    Map<Integer, ActorRef<Staff.Command>> dir = Map.of(2, n2.getRef(), 3, n3.getRef(), 4, report.getRef());
    ActorRef<Staff.Command> me = testKit.spawn(Staff.create(member(1, new int[] {2, 3}, new int[] {4}), 0,
        new AdoptionRule(ONLY_PEERS, 1), 2, -1, AdoptionState.AWARE, 0, false, false, false, null));
    me.tell(new Staff.Connect(dir::get, dept.getRef()));
    // Someone who is not unaware (a restored run) tells their ties where they stand before anything else.
    for (TestProbe<Staff.Command> n : java.util.List.of(n2, n3)) {
      Staff.Signal hello = (Staff.Signal) n.receiveMessage();
      assertEquals(AdoptionState.AWARE, hello.state());
      dept.expectNoMessage(Duration.ofMillis(50));
      hello.replyTo().tell(Staff.Ack.INSTANCE);
    }
    assertEquals(new Staff.Connected(1), dept.receiveMessage());

    // Nobody active around: share 0, no trial.
    me.tell(new Staff.Decide(1, CTX, dept.getRef()));
    assertNull(((Staff.Decided) dept.receiveMessage()).transition());

    // Both neighbours become active: share 1, trial is certain.
    TestProbe<Staff.Command> acks = testKit.createTestProbe();
    me.tell(new Staff.Signal(1, 2, AdoptionState.ACTIVE, 1, false, acks.getRef()));
    me.tell(new Staff.Signal(1, 3, AdoptionState.ACTIVE, 1, true, acks.getRef()));
    acks.expectMessage(Staff.Ack.INSTANCE);
    acks.expectMessage(Staff.Ack.INSTANCE);
    me.tell(new Staff.Decide(2, CTX, dept.getRef()));
    Transition t = ((Staff.Decided) dept.receiveMessage()).transition();
    assertEquals(AdoptionState.TRIALING, t.to());
    assertEquals(CauseKind.PEERS, t.cause().kind());
    assertEquals(java.util.List.of(3, 2), t.cause().peers(), "the champion weighs double and is cited first");

    // Commit: both ties hear of it; no report hears anything (no mandate); then Propagated, only after acks.
    me.tell(new Staff.Commit(2, t, dept.getRef()));
    Staff.Signal s2 = (Staff.Signal) n2.receiveMessage();
    Staff.Signal s3 = (Staff.Signal) n3.receiveMessage();
    assertEquals(AdoptionState.TRIALING, s2.state());
    assertEquals(1, s3.from());
    dept.expectNoMessage(Duration.ofMillis(100));
    s2.replyTo().tell(Staff.Ack.INSTANCE);
    dept.expectNoMessage(Duration.ofMillis(100));
    s3.replyTo().tell(Staff.Ack.INSTANCE);
    assertEquals(new Staff.Propagated(2, 1), dept.receiveMessage());
    report.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void newsOfATickNotYetDecidedWaitsUntilItIs() {
    // A neighbour in a department that resolved tick 1 first tells us before our own department asks us to
    // decide tick 1: that news must count from tick 2 on, or the outcome would depend on message timing.
    TestProbe<Staff.Reply> dept = testKit.createTestProbe();
    TestProbe<Staff.Command> acks = testKit.createTestProbe();
    Map<Integer, ActorRef<Staff.Command>> dir = Map.of(2, acks.getRef());
    ActorRef<Staff.Command> me = testKit.spawn(Staff.create(member(1, new int[] {2}, new int[0]), 0,
        new AdoptionRule(ONLY_PEERS, 1), 2, 0, AdoptionState.AWARE, 0, false, false, false, null));
    me.tell(new Staff.Connect(dir::get, dept.getRef()));
    ((Staff.Signal) acks.receiveMessage()).replyTo().tell(Staff.Ack.INSTANCE);
    dept.receiveMessage();
    me.tell(new Staff.Signal(1, 2, AdoptionState.ACTIVE, 1, false, acks.getRef()));
    acks.expectMessage(Staff.Ack.INSTANCE);
    me.tell(new Staff.Decide(1, CTX, dept.getRef()));
    assertNull(((Staff.Decided) dept.receiveMessage()).transition(), "tick 1 sees the neighbour as of tick 0");
    me.tell(new Staff.Decide(2, CTX, dept.getRef()));
    assertEquals(AdoptionState.TRIALING, ((Staff.Decided) dept.receiveMessage()).transition().to(),
        "tick 2 sees the news of tick 1 (share 1: trial is certain)");
  }

  @Test
  void aForwardedMandateGoesToReportsOnly() {
    TestProbe<Staff.Reply> dept = testKit.createTestProbe();
    TestProbe<Staff.Command> tie = testKit.createTestProbe();
    TestProbe<Staff.Command> report = testKit.createTestProbe();
    Map<Integer, ActorRef<Staff.Command>> dir = Map.of(2, tie.getRef(), 4, report.getRef());
    ActorRef<Staff.Command> me = testKit.spawn(Staff.create(member(1, new int[] {2}, new int[] {4}), 0,
        new AdoptionRule(ONLY_PEERS, 1), 2, -1, AdoptionState.AWARE, 0, false, false, false, null));
    me.tell(new Staff.Connect(dir::get, dept.getRef()));
    ((Staff.Signal) tie.receiveMessage()).replyTo().tell(Staff.Ack.INSTANCE);
    dept.receiveMessage();
    Transition mandated = new Transition(1, AdoptionState.AWARE, AdoptionState.AWARE, false, true,
        "mandate by CEO at tick 3", true,
        Cause.of(CauseKind.MANDATE, "mandate by CEO at tick 3"));
    me.tell(new Staff.Commit(3, mandated, dept.getRef()));
    Staff.MandateSignal m = (Staff.MandateSignal) report.receiveMessage();
    assertEquals("mandate by CEO at tick 3, via p1", m.source());
    tie.expectNoMessage(Duration.ofMillis(100));
    m.replyTo().tell(Staff.Ack.INSTANCE);
    assertTrue(dept.receiveMessage() instanceof Staff.Propagated);
  }
}
