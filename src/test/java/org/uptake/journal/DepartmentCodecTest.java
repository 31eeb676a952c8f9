package org.uptake.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import com.typesafe.config.ConfigFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionState;
import org.uptake.model.Cause;
import org.uptake.model.CauseKind;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.organisation.People;
import org.uptake.organisation.Roster;
import org.uptake.scenario.OrgChart.Role;

/** The binary encoding of a department's events: exact bytes, every field back, and damage refused. */
class DepartmentCodecTest {
  static final Transition PLAIN = new Transition(5, AdoptionState.UNAWARE, AdoptionState.AWARE, false, false, null,
      false, new Cause(CauseKind.PEERS, List.of(2), null));

  /**
   * Written out by hand from the format in DepartmentCodec's comment: version 1; tick 3 zigzagged is 6; one change;
   * person 5 (a step of 5 from 0) zigzagged is 10; flags from 0 | to 1 << 3 | a cause 1 << 9 = 520, as LEB128
   * 0x88 0x04; no mandate (0); the cause's kind, a new string (1) of 5 bytes "PEERS"; one peer, 2 zigzagged is 4; no
   * source (0).
   */
  @Test
  void aTickIsEncodedByteForByteAsTheFormatSays() {
    byte[] expected = {1, 6, 1, 10, (byte) 0x88, 0x04, 0, 1, 5, 'P', 'E', 'E', 'R', 'S', 1, 4, 0};
    byte[] encoded = DepartmentCodec.encode(new Department.TickResolved(3, List.of(PLAIN)));
    assertArrayEquals(expected, encoded, Arrays.toString(encoded));
  }

  @Test
  void aStringIsWrittenOncePerPayloadAndReferredToAfter() {
    String mandate = "mandate by CEO at week 4";
    Transition a = new Transition(7, AdoptionState.AWARE, AdoptionState.TRIALING, false, true, mandate, true,
        Cause.of(CauseKind.MANDATE, mandate));
    Transition b = new Transition(9, AdoptionState.AWARE, AdoptionState.TRIALING, false, true, mandate, false,
        Cause.of(CauseKind.MANDATE, mandate));
    byte[] one = DepartmentCodec.encode(new Department.TickResolved(4, List.of(a)));
    byte[] two = DepartmentCodec.encode(new Department.TickResolved(4, List.of(a, b)));
    // The second change: person step 2 (zigzag 4), flags (to 2 << 3 | from 1 | mandated 1 << 7 | cause 1 << 9 =
    // 657, two bytes), mandate string 0 (reference 2), kind string 1 (reference 3), no peers, source string 0.
    assertEquals(one.length + 7, two.length, "the second change repeats no string");
    Department.TickResolved back = (Department.TickResolved) DepartmentCodec.decode(Department.TickResolved.class, two);
    assertEquals(List.of(a, b), back.transitions());
  }

  @Test
  void everyFieldOfEveryEventComesBack() {
    List<Transition> changes = List.of(
        new Transition(0, AdoptionState.LAPSED, AdoptionState.ACTIVE, true, true, "mandate by CEO at tick 5", true,
            new Cause(CauseKind.VALUE, List.of(123456, 3, 2_000_000_000), "Grüße, 営業 — \"quoted\"")),
        new Transition(40, AdoptionState.ACTIVE, AdoptionState.LAPSED, false, false, null, false, null),
        new Transition(41, AdoptionState.TRIALING, AdoptionState.TRIALING, true, false, null, false,
            Cause.of(CauseKind.SUSTAINED_USE, null)),
        new Transition(1_000_000_000, AdoptionState.AWARE, AdoptionState.UNAWARE, false, true, "", false,
            Cause.of(CauseKind.LACK_OF_VALUE, "")));
    Department.TickResolved tick = new Department.TickResolved(Integer.MAX_VALUE, changes);
    assertEquals(tick, roundTrip(tick));

    Roster roster = new Roster("Sales & Marketing", "sales", List.of(
        new Roster.Member(3, "P00004", Role.HEAD, -1, new int[] {9, 4}, new int[] {4, 9, 1 << 30}, new int[] {1, 2, -3},
            0.123456789012345, 7, -1, SeedKind.NONE),
        new Roster.Member(9, "Zoë", Role.STAFF, 3, new int[0], new int[] {3}, new int[] {5}, -0.0, 0, 12,
            SeedKind.TEAM)));
    Roster back = ((Department.Formed) roundTrip(new Department.Formed(roster))).roster();
    assertEquals(roster.department(), back.department());
    assertEquals(roster.function(), back.function());
    assertEquals(2, back.members().size());
    for (int i = 0; i < 2; i++) {
      Roster.Member m = roster.members().get(i);
      Roster.Member n = back.members().get(i);
      assertEquals(List.of(m.id(), m.name(), m.role(), m.manager(), m.influence(), m.seedTick(), m.seedKind()),
          List.of(n.id(), n.name(), n.role(), n.manager(), n.influence(), n.seedTick(), n.seedKind()));
      assertArrayEquals(m.reports(), n.reports());
      assertArrayEquals(m.ties(), n.ties());
      assertArrayEquals(m.tieWeights(), n.tieWeights());
      assertEquals(Double.doubleToRawLongBits(m.innovativeness()), Double.doubleToRawLongBits(n.innovativeness()));
    }

    People people = new People(new byte[] {0, 3, 4}, new int[] {0, 17, -1}, new boolean[] {false, true, false},
        new boolean[] {true, true, false}, new boolean[] {false, true, true},
        new String[] {"mandate by CEO at tick 5", null, "mandate by CEO at tick 5"});
    Department.Restored restored = (Department.Restored) roundTrip(new Department.Restored(12, people, "parent-run"));
    assertEquals(12, restored.tick());
    assertEquals("parent-run", restored.parentRun());
    assertSamePeople(people, restored.people());

    Department.State state = (Department.State) roundTrip(new Department.State(roster, people,
        People.initial(2), changes, 30));
    assertEquals(roster.members().get(1).name(), state.roster().members().get(1).name());
    assertSamePeople(people, state.current());
    assertSamePeople(People.initial(2), state.previous());
    assertEquals(changes, state.lastTransitions());
    assertEquals(30, state.lastTick());

    Department.State empty = (Department.State) roundTrip(new Department.State(null, People.initial(0),
        People.initial(0), List.of(), -1));
    assertNull(empty.roster());
    assertEquals(-1, empty.lastTick());
  }

  @Test
  void aPayloadThatIsNotACompleteEventOfThisVersionIsRefused() {
    byte[] good = DepartmentCodec.encode(new Department.TickResolved(3, List.of(PLAIN)));
    List<byte[]> bad = new ArrayList<>();
    byte[] otherVersion = good.clone();
    otherVersion[0] = 2;
    bad.add(otherVersion);
    for (int n = 0; n < good.length; n++) bad.add(Arrays.copyOf(good, n));
    bad.add(Arrays.copyOf(good, good.length + 1));
    byte[] unknownKind = new String(good, StandardCharsets.ISO_8859_1).replace("PEERS", "PEARS")
        .getBytes(StandardCharsets.ISO_8859_1);
    bad.add(unknownKind);
    byte[] hugeCount = {1, 6, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f};
    bad.add(hugeCount);
    bad.add(new byte[] {(byte) 0xff, 1, 2, 3});
    for (byte[] payload : bad) {
      assertThrows(IllegalArgumentException.class,
          () -> DepartmentCodec.decode(Department.TickResolved.class, payload), Arrays.toString(payload));
    }
  }

  @Test
  void akkaWritesADepartmentsEventsWithTheCodecAndTheOthersWithJackson() throws Exception {
    ActorSystem system = ActorSystem.create("codec", ConfigFactory.load());
    try {
      Serialization serialization = SerializationExtension.get(system);
      Department.TickResolved tick = new Department.TickResolved(3, List.of(PLAIN));
      assertEquals(DepartmentSerializer.IDENTIFIER, serialization.findSerializerFor(tick).identifier());
      assertArrayEquals(DepartmentCodec.encode(tick), serialization.serialize(tick).get());
      assertEquals(tick, serialization.deserialize(serialization.serialize(tick).get(), DepartmentSerializer.IDENTIFIER,
          Department.TickResolved.class.getName()).get());
      Executive.Reviewed review = new Executive.Reviewed(4, "clicks", 0.5, "a review");
      assertEquals(JournalRows.JACKSON_CBOR, serialization.findSerializerFor(review).identifier());
      assertTrue(serialization.deserialize(new byte[] {(byte) 0xff}, DepartmentSerializer.IDENTIFIER,
          Department.TickResolved.class.getName()).isFailure());
    } finally {
      system.terminate();
    }
  }

  private static Object roundTrip(Object event) {
    byte[] bytes = DepartmentCodec.encode(event);
    Object back = DepartmentCodec.decode(event.getClass(), bytes);
    assertArrayEquals(bytes, DepartmentCodec.encode(back), "encodes again to the same bytes");
    return back;
  }

  private static void assertSamePeople(People expected, People actual) {
    assertArrayEquals(expected.states(), actual.states());
    assertArrayEquals(expected.since(), actual.since());
    assertArrayEquals(expected.champion(), actual.champion());
    assertArrayEquals(expected.mandated(), actual.mandated());
    assertArrayEquals(expected.forwarded(), actual.forwarded());
    assertArrayEquals(expected.mandateSource(), actual.mandateSource());
  }
}
