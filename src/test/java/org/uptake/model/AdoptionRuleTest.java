package org.uptake.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.uptake.model.AdoptionRule.Person;
import org.uptake.model.AdoptionRule.SeedKind;

/**
 * Checks each transition against its equation in docs/MODEL.md, computed by hand here: for many
 * (person, tick) coordinates the rule must fire exactly when the coordinate's draw is below the hazard.
 */
class AdoptionRuleTest {
  static final long SEED = 99;
  static final ModelParams P = new ModelParams(
      0.01, 0.4, 0.05, // awareness: baseline, word of mouth, team outreach
      0.02, 0.6, 0.1, 0.05, 0.3, 0.2, // trial: baseline, wom, sponsorship, team, mandate compliance, cost
      0.05, 0.4, // activation: baseline, value
      0.1, 0.02, 2.0, 0.5, 0.6, // drop-out: trial, active, mandate shallowness, sponsorship protection, champion
      0.1, 3.0, // retrial, half-saturation
      0.05, 8, 2, // champions: probability, min ticks, influence multiplier
      0.25, 0.4); // gatekeeping, manager drag
  static final AdoptionRule RULE = new AdoptionRule(P, SEED, "week");
  static final DepartmentContext QUIET = new DepartmentContext(0, 0, false, 0.8, null);

  /** Four neighbours of weight 1, 1, 2, 4; the first {@code active} of them are active. */
  static Neighbourhood hood(int active, Boolean managerUsing) {
    int[] ids = {10, 11, 12, 13};
    int[] weights = {1, 1, 2, 4};
    byte[] states = new byte[4];
    for (int i = 0; i < active; i++) states[i] = (byte) AdoptionState.ACTIVE.ordinal();
    return new Neighbourhood(ids, weights, states, managerUsing);
  }

  static Person person(int id, AdoptionState state) {
    return new Person(id, state, 0, false, false, null, false, 0.5, SeedKind.NONE);
  }

  static double u(int id, int tick) {
    return Draws.uniform(SEED, Draws.STREAM_ADOPTION, id, tick);
  }

  @Test
  void awarenessCombinesIndependentChannels() {
    // Two active neighbours of weight 1 and 1 out of a total weight 8: share 2/8 = 0.25.
    // p = 1 - (1 - 0.01)(1 - 0.4 * 0.25)(1 - campaign 0.05) = 1 - 0.99 * 0.9 * 0.95 = 0.153550
    DepartmentContext ctx = new DepartmentContext(0, 0.05, false, 0.8, null);
    double p = 1 - 0.99 * 0.9 * 0.95;
    int fired = 0;
    for (int id = 0; id < 2000; id++) {
      Transition t = RULE.decide(person(id, AdoptionState.UNAWARE), 5, hood(2, null), ctx);
      assertEquals(u(id, 5) < p, t != null, "person " + id);
      if (t != null) {
        fired++;
        assertEquals(AdoptionState.AWARE, t.to());
        // The largest term is word of mouth (0.1 > 0.05 > 0.01): colleagues are cited, heaviest first.
        assertEquals(CauseKind.PEERS, t.cause().kind());
        assertEquals(List.of(10, 11), t.cause().peers());
      }
    }
    assertTrue(fired > 0);
  }

  /**
   * Activation: alpha_0 + alpha_v v. With no active contact the value is 0 and the baseline 0.05 alone fired, so the
   * cause is the person's own initiative, not "value 0.00 from 0 active contacts"; with all four contacts active,
   * v = 0.8 x 4/(4+3) = 0.457143 and 0.4 v = 0.182857 > 0.05, so the cause is the value, citing them.
   */
  @Test
  void activationIsCausedByTheLargerOfItsTerms() {
    int alone = 0;
    int valued = 0;
    for (int id = 0; id < 2000; id++) {
      Transition a = RULE.decide(person(id, AdoptionState.TRIALING), 5, hood(0, null), QUIET);
      if (a != null && a.to() == AdoptionState.ACTIVE) {
        alone++;
        assertEquals(CauseKind.OWN_INITIATIVE, a.cause().kind(), a.cause().source());
      }
      Transition b = RULE.decide(person(id, AdoptionState.TRIALING), 5, hood(4, null), QUIET);
      if (b != null && b.to() == AdoptionState.ACTIVE) {
        valued++;
        assertEquals(CauseKind.VALUE, b.cause().kind());
        assertEquals(List.of(13, 12, 10), b.cause().peers());
      }
    }
    assertTrue(alone > 0 && valued > 0);
  }

  @Test
  void trialIsScaledByInnovativenessCostOfChangeAndManagerDrag() {
    // share = (1+1+2)/8 = 0.5; sponsorship 0.5; manager not using.
    // p = 0.5 * (1 - 0.2) * (1 - 0.4) * (0.02 + 0.6*0.5 + 0.1*0.5) = 0.24 * 0.37 = 0.0888
    DepartmentContext ctx = new DepartmentContext(0.5, 0, false, 0.8, null);
    double p = 0.5 * 0.8 * 0.6 * (0.02 + 0.3 + 0.05);
    for (int id = 0; id < 2000; id++) {
      Transition t = RULE.decide(person(id, AdoptionState.AWARE), 9, hood(3, false), ctx);
      assertEquals(u(id, 9) < p, t != null && t.to() == AdoptionState.TRIALING, "person " + id);
    }
  }

  @Test
  void trialingEitherActivatesOrDropsOutAccordingToValue() {
    // 1 active contact, alignment 0.8: value = 0.8 * 1/(1+3) = 0.2
    // activate = 0.05 + 0.4*0.2 = 0.13; drop = 0.1 * (1-0.2) * (1 - 0.5*0) = 0.08
    double activate = 0.13;
    double drop = 0.08;
    for (int id = 0; id < 2000; id++) {
      Transition t = RULE.decide(person(id, AdoptionState.TRIALING), 3, hood(1, null), QUIET);
      double u = u(id, 3);
      AdoptionState expected = u < activate ? AdoptionState.ACTIVE
          : u < activate + drop ? AdoptionState.LAPSED : null;
      assertEquals(expected, t == null ? null : t.to(), "person " + id);
      if (expected == AdoptionState.LAPSED) assertEquals(CauseKind.LACK_OF_VALUE, t.cause().kind());
    }
  }

  @Test
  void mandatedActiveUsersLapseFasterAndChampionsSlower() {
    // No active contacts: value 0. Sponsorship 0.4 protects by 1 - 0.5*0.4 = 0.8.
    DepartmentContext ctx = new DepartmentContext(0.4, 0, false, 0.8, null);
    double plain = 0.02 * 0.8;
    double mandated = plain * (1 + 2.0);
    double champion = plain * (1 - 0.6);
    for (int id = 0; id < 3000; id++) {
      int tick = 4; // too early to become a champion (min 8 ticks of use)
      Person p = person(id, AdoptionState.ACTIVE);
      Person m = new Person(id, AdoptionState.ACTIVE, 0, false, true, "m", false, 0.5, SeedKind.NONE);
      Person c = new Person(id, AdoptionState.ACTIVE, 0, true, false, null, false, 0.5, SeedKind.NONE);
      assertEquals(u(id, tick) < plain, RULE.decide(p, tick, hood(0, null), ctx) != null);
      assertEquals(u(id, tick) < mandated, RULE.decide(m, tick, hood(0, null), ctx) != null);
      Transition t = RULE.decide(c, tick, hood(0, null), ctx);
      assertEquals(u(id, tick) < champion, t != null);
      if (t != null) assertFalse(t.champion(), "a champion who lapses is no longer a champion");
    }
  }

  @Test
  void longTimeActiveUsersBecomeChampions() {
    // p = 0.05 * innovativeness 0.5 = 0.025 per tick once active for 8 ticks, drawn on its own stream.
    int champions = 0;
    for (int id = 0; id < 4000; id++) {
      Person p = new Person(id, AdoptionState.ACTIVE, 0, false, false, null, false, 0.5, SeedKind.NONE);
      Transition t = RULE.decide(p, 20, hood(4, null), QUIET);
      // Four active contacts: value = 0.8 * 4/(4+3); lapse = 0.02 * (1 - value).
      boolean lapses = u(id, 20) < 0.02 * (1 - 0.8 * 4.0 / 7);
      boolean becomes = !lapses && Draws.uniform(SEED, Draws.STREAM_CHAMPION, id, 20) < 0.025;
      assertEquals(becomes, t != null && t.champion(), "person " + id);
      if (becomes) {
        champions++;
        assertEquals(CauseKind.SUSTAINED_USE, t.cause().kind());
      }
    }
    assertTrue(champions > 0);
    Person early = new Person(1, AdoptionState.ACTIVE, 15, false, false, null, false, 1.0, SeedKind.NONE);
    for (int tick = 15; tick < 23; tick++) {
      Transition t = RULE.decide(early, tick, hood(4, null), QUIET);
      assertTrue(t == null || !t.champion(), "not before 8 ticks of use");
    }
  }

  @Test
  void aMandateMakesPeopleAwareAndManagersPassItOnUnlessTheyGatekeep() {
    int forwarded = 0;
    for (int id = 0; id < 2000; id++) {
      Person p = new Person(id, AdoptionState.UNAWARE, 0, false, false, "mandate by CEO at tick 4", true, 0.5,
          SeedKind.NONE);
      Transition t = RULE.decide(p, 4, hood(0, null), QUIET);
      assertNotNull(t);
      assertEquals(AdoptionState.AWARE, t.to());
      assertTrue(t.mandated());
      assertEquals("mandate by CEO at tick 4", t.mandateArrived());
      assertEquals(CauseKind.MANDATE, t.cause().kind());
      assertEquals("mandate by CEO at tick 4", t.cause().source());
      boolean passes = Draws.uniform(SEED, Draws.STREAM_GATEKEEPER, id, 4) >= 0.25;
      assertEquals(passes, t.forwardsMandate());
      if (passes) forwarded++;
    }
    // About 1 - gatekeeping = 75% pass it on; binomial SE = sqrt(0.75*0.25/2000) ~ 0.0097, allow 4 SE.
    assertEquals(0.75, forwarded / 2000.0, 0.04);
  }

  @Test
  void aMandatedAwarePersonComplies() {
    // Already mandated, aware, no peers: p = 0.3 (compliance) + 0.5*0.8*0.02 (own initiative) = 0.308
    Person p = new Person(3, AdoptionState.AWARE, 0, false, true, "m", false, 0.5, SeedKind.NONE);
    for (int tick = 0; tick < 500; tick++) {
      Transition t = RULE.decide(p, tick, hood(0, null), QUIET);
      assertEquals(u(3, tick) < 0.3 + 0.5 * 0.8 * 0.02, t != null, "tick " + tick);
      if (t != null) assertEquals(CauseKind.MANDATE, t.cause().kind());
    }
  }

  @Test
  void seedsStartActiveAndTeamMembersAsChampions() {
    Person enthusiast = new Person(1, AdoptionState.UNAWARE, 0, false, false, null, false, 1, SeedKind.ENTHUSIAST);
    Transition e = RULE.decide(enthusiast, 0, hood(0, null), QUIET);
    assertEquals(AdoptionState.ACTIVE, e.to());
    assertFalse(e.champion());
    assertEquals(CauseKind.SEED, e.cause().kind());
    Person member = new Person(2, AdoptionState.AWARE, 0, false, false, null, false, 0.2, SeedKind.TEAM);
    Transition m = RULE.decide(member, 2, hood(0, null), QUIET);
    assertEquals(AdoptionState.ACTIVE, m.to());
    assertTrue(m.champion());
    assertEquals(CauseKind.TEAM, m.cause().kind());
  }

  @Test
  void nothingHappensWithoutAnyPush() {
    ModelParams silent = new ModelParams(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 8, 2, 0, 0);
    AdoptionRule rule = new AdoptionRule(silent, SEED, "week");
    for (AdoptionState s : AdoptionState.values()) {
      for (int id = 0; id < 100; id++) {
        assertNull(rule.decide(person(id, s), 1, hood(2, null), QUIET), s + " " + id);
      }
    }
  }

  @Test
  void neighbourhoodSharesAreWeightedAndPeersCitedHeaviestFirst() {
    Neighbourhood h = new Neighbourhood(new int[] {3, 5, 8, 9}, new int[] {2, 5, 2, 1},
        new byte[] {3, 3, 3, 0}, null);
    assertEquals(9.0 / 10, h.activeShare(), 1e-12);
    assertEquals(3, h.activeCount());
    assertEquals(List.of(5, 3, 8), h.topActive());
    assertEquals(0, new Neighbourhood(new int[0], new int[0], new byte[0], null).activeShare());
  }
}
