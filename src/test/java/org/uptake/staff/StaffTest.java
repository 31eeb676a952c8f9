package org.uptake.staff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.uptake.TestDirectories;
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

/**
 * One person's protocol, in a workgroup of their own: deciding from neighbours' news, telling neighbours,
 * reporting back only once every word has been acknowledged.
 */
class StaffTest {
  static ActorTestKit testKit;
  /** Only word of mouth matters: aware people trial with probability 1.0 * share of active ties. */
  static final ModelParams ONLY_PEERS = new ModelParams(0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0,
      8, 2, 0, 0);
  static final DepartmentContext CTX = new DepartmentContext(0, 0, false, 1, null);

  @BeforeAll
  static void setUp() {
    // With the application's configuration, for its serialization bindings.
    testKit = ActorTestKit.create(com.typesafe.config.ConfigFactory.load());
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

  /** A workgroup holding just {@code person} (person 1), whose neighbours are at {@code others} (by id). */
  static ActorRef<Workgroup.Command> alone(Staff person, Map<Integer, ActorRef<Workgroup.Command>> others,
      TestProbe<Workgroup.Reply> dept) {
    ActorRef<Workgroup.Command> me = testKit.spawn(Workgroup.create(0, List.of(person)));
    Map<Integer, Workgroup.Address> where = new java.util.HashMap<>();
    others.forEach((id, ref) -> where.put(id, new Workgroup.Address(ref, 0)));
    where.put(1, new Workgroup.Address(me, 0));
    me.tell(new Workgroup.Connect(TestDirectories.of(where), dept.getRef()));
    return me;
  }

  /** The one piece of news in a delivery. */
  static Staff.News only(Workgroup.Deliver d) {
    assertEquals(1, d.news().size());
    assertEquals(0, d.positions()[0]);
    return d.news().get(0);
  }

  static Transition decision(TestProbe<Workgroup.Reply> dept) {
    return ((Workgroup.Decided) dept.receiveMessage()).decisions()[0];
  }

  /** Mandate compliance only: an aware person under a mandate trials it for sure. */
  static final ModelParams ONLY_MANDATE = new ModelParams(0, 0, 0, 0, 0, 0, 0, 1.0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0,
      8, 2, 0, 0);

  /**
   * On resume, a department whose journal holds one tick more than the clock replays that tick instead of deciding
   * it. A head reaches the mandate from the department's context while deciding, so replaying the tick the mandate
   * was issued in must still leave the head holding it: their later, mandate-caused trial cites it, as in the run
   * that never stopped (SweepResumeTest once met a resumed journal that cited none).
   */
  @Test
  void aReplayedTickLeavesAHeadHoldingTheMandateItBrought() {
    Staff.Outbox nowhere = (to, news) -> { };
    DepartmentContext issued = new DepartmentContext(0, 0, false, 1, "mandate by CEO in week 6");
    Staff original = new Staff(member(1, new int[] {2}, new int[] {2}), new AdoptionRule(ONLY_MANDATE, 1, "week"), 2,
        5, AdoptionState.UNAWARE, 0, false, false, false, null);
    Transition six = original.decide(6, issued);
    assertEquals("mandate by CEO in week 6", six.mandateArrived());
    original.commit(6, six, nowhere);
    Transition seven = original.decide(7, CTX);
    assertEquals(CauseKind.MANDATE, seven.cause().kind());
    assertEquals("mandate by CEO in week 6", seven.cause().source());

    Staff resumed = new Staff(member(1, new int[] {2}, new int[] {2}), new AdoptionRule(ONLY_MANDATE, 1, "week"), 2,
        5, AdoptionState.UNAWARE, 0, false, false, false, null);
    resumed.skip(6);
    resumed.commit(6, six, nowhere);
    assertEquals(seven, resumed.decide(7, CTX));
  }

  @Test
  void decidesFromNeighboursNewsAndTellsEveryNeighbourBeforeReportingBack() {
    TestProbe<Workgroup.Reply> dept = testKit.createTestProbe();
    TestProbe<Workgroup.Command> n2 = testKit.createTestProbe();
    TestProbe<Workgroup.Command> n3 = testKit.createTestProbe();
    TestProbe<Workgroup.Command> report = testKit.createTestProbe();
    Map<Integer, ActorRef<Workgroup.Command>> dir = Map.of(2, n2.getRef(), 3, n3.getRef(), 4, report.getRef());
    ActorRef<Workgroup.Command> me = alone(new Staff(member(1, new int[] {2, 3}, new int[] {4}),
        new AdoptionRule(ONLY_PEERS, 1, "week"), 2, -1, AdoptionState.AWARE, 0, false, false, false, null), dir, dept);
    // Someone who is not unaware (a restored run) tells their ties where they stand before anything else.
    for (TestProbe<Workgroup.Command> n : List.of(n2, n3)) {
      Workgroup.Deliver hello = (Workgroup.Deliver) n.receiveMessage();
      assertEquals(AdoptionState.AWARE, ((Staff.Signal) only(hello)).state());
      dept.expectNoMessage(Duration.ofMillis(50));
      hello.replyTo().tell(Workgroup.Delivered.INSTANCE);
    }
    assertEquals(new Workgroup.Connected(0), dept.receiveMessage());

    // Nobody active around: share 0, no trial.
    me.tell(new Workgroup.Decide(1, CTX, dept.getRef()));
    assertNull(decision(dept));

    // Both neighbours become active: share 1, trial is certain.
    TestProbe<Workgroup.Command> acks = testKit.createTestProbe();
    me.tell(new Workgroup.Deliver(new int[] {0},
        List.of(new Staff.Signal(1, 2, AdoptionState.ACTIVE, 1, false)), acks.getRef()));
    me.tell(new Workgroup.Deliver(new int[] {0},
        List.of(new Staff.Signal(1, 3, AdoptionState.ACTIVE, 1, true)), acks.getRef()));
    acks.expectMessage(Workgroup.Delivered.INSTANCE);
    acks.expectMessage(Workgroup.Delivered.INSTANCE);
    me.tell(new Workgroup.Decide(2, CTX, dept.getRef()));
    Transition t = decision(dept);
    assertEquals(AdoptionState.TRIALING, t.to());
    assertEquals(CauseKind.PEERS, t.cause().kind());
    assertEquals(List.of(3, 2), t.cause().peers(), "the champion weighs double and is cited first");

    // Commit: both ties hear of it; no report hears anything (no mandate); then Propagated, only after acks.
    me.tell(new Workgroup.Commit(2, List.of(t), new int[] {0}, dept.getRef()));
    Workgroup.Deliver d2 = (Workgroup.Deliver) n2.receiveMessage();
    Workgroup.Deliver d3 = (Workgroup.Deliver) n3.receiveMessage();
    assertEquals(AdoptionState.TRIALING, ((Staff.Signal) only(d2)).state());
    assertEquals(1, ((Staff.Signal) only(d3)).from());
    dept.expectNoMessage(Duration.ofMillis(100));
    d2.replyTo().tell(Workgroup.Delivered.INSTANCE);
    dept.expectNoMessage(Duration.ofMillis(100));
    d3.replyTo().tell(Workgroup.Delivered.INSTANCE);
    assertEquals(new Workgroup.Propagated(2, 0), dept.receiveMessage());
    report.expectNoMessage(Duration.ofMillis(50));
  }

  @Test
  void newsOfATickNotYetDecidedWaitsUntilItIs() {
    // A neighbour in a department that resolved tick 1 first tells us before our own department asks us to
    // decide tick 1: that news must count from tick 2 on, or the outcome would depend on message timing.
    TestProbe<Workgroup.Reply> dept = testKit.createTestProbe();
    TestProbe<Workgroup.Command> acks = testKit.createTestProbe();
    ActorRef<Workgroup.Command> me = alone(new Staff(member(1, new int[] {2}, new int[0]),
        new AdoptionRule(ONLY_PEERS, 1, "week"), 2, 0, AdoptionState.AWARE, 0, false, false, false, null),
        Map.of(2, acks.getRef()), dept);
    ((Workgroup.Deliver) acks.receiveMessage()).replyTo().tell(Workgroup.Delivered.INSTANCE);
    dept.receiveMessage();
    me.tell(new Workgroup.Deliver(new int[] {0},
        List.of(new Staff.Signal(1, 2, AdoptionState.ACTIVE, 1, false)), acks.getRef()));
    acks.expectMessage(Workgroup.Delivered.INSTANCE);
    me.tell(new Workgroup.Decide(1, CTX, dept.getRef()));
    assertNull(decision(dept), "tick 1 sees the neighbour as of tick 0");
    me.tell(new Workgroup.Decide(2, CTX, dept.getRef()));
    assertEquals(AdoptionState.TRIALING, decision(dept).to(),
        "tick 2 sees the news of tick 1 (share 1: trial is certain)");
  }

  @Test
  void aForwardedMandateGoesToReportsOnly() {
    TestProbe<Workgroup.Reply> dept = testKit.createTestProbe();
    TestProbe<Workgroup.Command> tie = testKit.createTestProbe();
    TestProbe<Workgroup.Command> report = testKit.createTestProbe();
    ActorRef<Workgroup.Command> me = alone(new Staff(member(1, new int[] {2}, new int[] {4}),
        new AdoptionRule(ONLY_PEERS, 1, "week"), 2, -1, AdoptionState.AWARE, 0, false, false, false, null),
        Map.of(2, tie.getRef(), 4, report.getRef()), dept);
    ((Workgroup.Deliver) tie.receiveMessage()).replyTo().tell(Workgroup.Delivered.INSTANCE);
    dept.receiveMessage();
    Transition mandated = new Transition(1, AdoptionState.AWARE, AdoptionState.AWARE, false, true,
        "mandate by CEO at tick 3", true,
        Cause.of(CauseKind.MANDATE, "mandate by CEO at tick 3"));
    me.tell(new Workgroup.Commit(3, List.of(mandated), new int[] {0}, dept.getRef()));
    Workgroup.Deliver d = (Workgroup.Deliver) report.receiveMessage();
    assertEquals("mandate by CEO at tick 3, via p1", ((Staff.MandateSignal) only(d)).source());
    tie.expectNoMessage(Duration.ofMillis(100));
    d.replyTo().tell(Workgroup.Delivered.INSTANCE);
    assertTrue(dept.receiveMessage() instanceof Workgroup.Propagated);
  }

  @Test
  void newsWithinAWorkgroupIsHeardDirectlyAndNewsForAnotherIsDeliveredAsOneMessage() {
    // People 1 and 2 share a workgroup; 3 and 4 are elsewhere, in one other workgroup.
    TestProbe<Workgroup.Reply> dept = testKit.createTestProbe();
    TestProbe<Workgroup.Command> elsewhere = testKit.createTestProbe();
    ActorRef<Workgroup.Command> group = testKit.spawn(Workgroup.create(0, List.of(
        new Staff(member(1, new int[] {2, 3, 4}, new int[0]), new AdoptionRule(ONLY_PEERS, 1, "week"), 2, -1,
            AdoptionState.UNAWARE, 0, false, false, false, null),
        new Staff(member(2, new int[] {1}, new int[0]), new AdoptionRule(ONLY_PEERS, 1, "week"), 2, -1,
            AdoptionState.AWARE, 0, false, false, false, null))));
    group.tell(new Workgroup.Connect(TestDirectories.of(Map.of(1, new Workgroup.Address(group, 0),
        2, new Workgroup.Address(group, 1), 3, new Workgroup.Address(elsewhere.getRef(), 0),
        4, new Workgroup.Address(elsewhere.getRef(), 1))), dept.getRef()));
    assertEquals(new Workgroup.Connected(0), dept.receiveMessage(), "2 told 1 directly: nothing to wait for");
    elsewhere.expectNoMessage(Duration.ofMillis(50));

    Transition aware = new Transition(1, AdoptionState.UNAWARE, AdoptionState.AWARE, false, false, null, false,
        Cause.of(CauseKind.PEERS, "peers"));
    group.tell(new Workgroup.Decide(0, CTX, dept.getRef()));
    dept.receiveMessage();
    group.tell(new Workgroup.Commit(0, List.of(aware), new int[] {0}, dept.getRef()));
    Workgroup.Deliver d = (Workgroup.Deliver) elsewhere.receiveMessage();
    assertArrayEquals(new int[] {0, 1}, d.positions());
    assertEquals(2, d.news().size());
    elsewhere.expectNoMessage(Duration.ofMillis(50));
    dept.expectNoMessage(Duration.ofMillis(50));
    d.replyTo().tell(Workgroup.Delivered.INSTANCE);
    assertEquals(new Workgroup.Propagated(0, 0), dept.receiveMessage());
  }

  @Test
  void muchNewsForOneWorkgroupGoesInMessagesSmallEnoughForTheNetwork() {
    // Person 1 manages 600 people, all in one other workgroup, and is tied to them. Becoming aware with a mandate
    // whose source is 3,000 characters long (a deep reporting line), they tell each report both: 1,200 pieces of
    // news, about 5.5 MB as CBOR. They must arrive as several messages, each under Artery's 256 KiB for a message
    // between cluster members, all of them, in order; and the workgroup reports back only once all are heard.
    int reports = 600;
    int[] ids = java.util.stream.IntStream.rangeClosed(2, reports + 1).toArray();
    TestProbe<Workgroup.Reply> dept = testKit.createTestProbe();
    TestProbe<Workgroup.Command> elsewhere = testKit.createTestProbe();
    ActorRef<Workgroup.Command> group = testKit.spawn(Workgroup.create(0, List.of(
        new Staff(member(1, ids, ids), new AdoptionRule(ONLY_PEERS, 1, "week"), 2, -1, AdoptionState.UNAWARE, 0,
            false, false, false, null))));
    Map<Integer, Workgroup.Address> where = new java.util.HashMap<>();
    where.put(1, new Workgroup.Address(group, 0));
    for (int n : ids) where.put(n, new Workgroup.Address(elsewhere.getRef(), 0));
    group.tell(new Workgroup.Connect(TestDirectories.of(where), dept.getRef()));
    assertEquals(new Workgroup.Connected(0), dept.receiveMessage());

    group.tell(new Workgroup.Decide(0, CTX, dept.getRef()));
    dept.receiveMessage();
    String source = "mandate by CEO at tick 0" + ", via somebody".repeat(214);
    Transition aware = new Transition(1, AdoptionState.UNAWARE, AdoptionState.AWARE, false, true, source, true,
        Cause.of(CauseKind.MANDATE, "mandate"));
    group.tell(new Workgroup.Commit(0, List.of(aware), new int[] {0}, dept.getRef()));
    akka.serialization.Serialization serialization = akka.serialization.SerializationExtension.get(testKit.system());
    List<Workgroup.Deliver> messages = new java.util.ArrayList<>();
    int heard = 0;
    while (heard < 2 * reports) {
      Workgroup.Deliver d = (Workgroup.Deliver) elsewhere.receiveMessage();
      int bytes = serialization.serialize(d).get().length;
      assertTrue(bytes < 256 * 1024, "a message of " + bytes + " bytes");
      assertEquals(d.positions().length, d.news().size());
      messages.add(d);
      heard += d.news().size();
    }
    assertEquals(2 * reports, heard);
    assertTrue(messages.size() > 1, "one message would be far over the limit");
    elsewhere.expectNoMessage(Duration.ofMillis(50));
    for (int k = 0; k < messages.size(); k++) {
      dept.expectNoMessage(Duration.ofMillis(k == 0 ? 50 : 1));
      messages.get(k).replyTo().tell(Workgroup.Delivered.INSTANCE);
    }
    assertEquals(new Workgroup.Propagated(0, 0), dept.receiveMessage());
  }
}
