package org.uptake.organisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uptake.TestKits;
import org.uptake.scenario.Scenario.Commitment;
import org.uptake.scenario.Scenario.ExecutiveSpec;
import org.uptake.scenario.Scenario.Intervention;
import org.uptake.scenario.Scenario.InterventionKind;
import org.uptake.scenario.Scenario.Measurement;
import org.uptake.scenario.Scenario.ReviewSpec;

class ExecutiveTest {
  static ActorTestKit testKit;
  static PersistenceTestKit journal;
  static final List<String> ALL = List.of("A", "B");
  static final ReviewSpec REVIEW = new ReviewSpec(5, 0.01, 0.5, 52, 0.15);

  @BeforeAll
  static void setUp() {
    testKit = TestKits.inMemoryPersistence();
    journal = PersistenceTestKit.create(testKit.system());
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    journal.clearAll();
  }

  static Map<String, Executive.Measure> measures(double using, double goal) {
    Map<String, Executive.Measure> m = new HashMap<>();
    for (String d : ALL) m.put(d, new Executive.Measure(10, using / 2, using, goal));
    return m;
  }

  Executive.Position review(ActorRef<Executive.Command> exec, int tick, Map<String, Executive.Measure> m) {
    TestProbe<Executive.Position> probe = testKit.createTestProbe();
    exec.tell(new Executive.Review(tick, m, probe.getRef()));
    return probe.receiveMessage();
  }

  @Test
  void anExecutiveWatchingClicksWithdrawsWhenTheyFall() {
    ExecutiveSpec ceo = new ExecutiveSpec("CEO", ALL, 0.8, Commitment.LONG_TERM, 13);
    Intervention mandate = new Intervention(3, InterventionKind.MANDATE, "CEO", List.of("B"), 0, 1, 1, 1, 0);
    ActorRef<Executive.Command> exec = testKit.spawn(
        Executive.create("r1", ceo, List.of(mandate), Measurement.CLICKS, REVIEW, "week", ALL, null));
    String pid = Executive.persistenceId("r1", "CEO").id();

    assertEquals(0.8, review(exec, 0, measures(0, 0)).support());
    assertEquals(0.8, journal.expectNextPersistedClass(pid, Executive.SupportChanged.class).support());

    Executive.Position atThree = review(exec, 3, measures(0.2, 0));
    assertEquals(1, atThree.mandates().size());
    assertEquals("mandate by CEO in week 3", atThree.mandates().get(0).source());
    assertEquals(List.of("B"), journal.expectNextPersistedClass(pid, Executive.MandateIssued.class).departments());
    assertTrue(review(exec, 4, measures(0.3, 0)).mandates().isEmpty(), "a mandate is issued once");

    review(exec, 5, measures(0.4, 0));
    assertEquals(0.4, journal.expectNextPersistedClass(pid, Executive.Reviewed.class).value(), 1e-12);
    Executive.Position cut = review(exec, 10, measures(0.3, 0.5));
    Executive.SupportChanged change = journal.expectNextPersistedClass(pid, Executive.SupportChanged.class);
    assertEquals(0.8 - 0.5, cut.support(), 1e-12);
    assertEquals("clicks fell from 0.400 to 0.300", change.reason());
  }

  @Test
  void anExecutiveWatchingTheGoalKeepsSupportWhileItRises() {
    ExecutiveSpec coo = new ExecutiveSpec("COO", ALL, 0.6, Commitment.LONG_TERM, 13);
    ActorRef<Executive.Command> exec = testKit.spawn(
        Executive.create("r2", coo, List.of(), Measurement.BUSINESS_GOAL, REVIEW, "week", ALL, null));
    review(exec, 0, measures(0, 0));
    // Clicks fall, but the goal index rises: support stays.
    review(exec, 5, measures(0.5, 0.05));
    assertEquals(0.6, review(exec, 10, measures(0.2, 0.10)).support());
    assertEquals(0.6, review(exec, 15, measures(0.1, 0.16)).support());
  }

  @Test
  void aSuccessfulPilotIsScaledAndACampaignCommitmentEnds() {
    ExecutiveSpec cmo = new ExecutiveSpec("CMO", List.of("A"), 0, Commitment.CAMPAIGN, 8);
    Intervention pilot = new Intervention(1, InterventionKind.PILOT, "CMO", List.of("A"), 0, 1, 0.7, 4, 0.25);
    ActorRef<Executive.Command> exec = testKit.spawn(
        Executive.create("r3", cmo, List.of(pilot), Measurement.CLICKS, REVIEW, "week", ALL, null));
    assertEquals(0.0, review(exec, 0, measures(0, 0)).support());
    Executive.Position started = review(exec, 1, measures(0, 0));
    assertEquals(0.7, started.support());
    assertEquals(List.of("A"), started.scope());
    // Active share in the pilot is using/2 = 0.3 >= 0.25: scaled to all departments.
    Executive.Position scaled = review(exec, 5, measures(0.6, 0));
    assertEquals(ALL, scaled.scope());
    assertEquals(0.7, scaled.support());
    // Campaign commitment: support ends 8 ticks after it started (tick 1 + 8 = 9).
    assertEquals(0.7, review(exec, 8, measures(0.6, 0)).support());
    assertEquals(0.0, review(exec, 9, measures(0.6, 0)).support());
  }

  @Test
  void recoversItsPositionFromTheJournal() {
    ExecutiveSpec ceo = new ExecutiveSpec("CEO", ALL, 0.8, Commitment.LONG_TERM, 13);
    Intervention campaign = new Intervention(2, InterventionKind.CAMPAIGN, "CEO", ALL, 0.1, 3, 1, 1, 0);
    ActorRef<Executive.Command> exec = testKit.spawn(
        Executive.create("r4", ceo, List.of(campaign), Measurement.CLICKS, REVIEW, "week", ALL, null));
    review(exec, 0, measures(0, 0));
    review(exec, 2, measures(0, 0));
    testKit.stop(exec);
    ActorRef<Executive.Command> again = testKit.spawn(
        Executive.create("r4", ceo, List.of(campaign), Measurement.CLICKS, REVIEW, "week", ALL, null));
    Executive.Position p = review(again, 3, measures(0, 0));
    assertEquals(0.8, p.support());
    assertEquals(1, p.campaigns().size());
    assertEquals(2, p.campaigns().get(0).tick());
  }
}
