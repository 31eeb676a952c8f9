package org.uptake.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uptake.TestKits;

/** The Sweep entity on Akka's persistence testkit: each fact recorded once, kept over a restart, serializable. */
class SweepEntityTest {
  static final SweepSpec SPEC = new SweepSpec("s.conf", "base.conf", 2, 1,
      List.of(new SweepSpec.Parameter("seeding.count", List.of("1", "3"))), List.of("lapses"),
      SweepSpec.JournalMode.SUMMARY, SweepSpec.Design.GRID, null, List.of());
  static final Sweep.SweepStarted STARTED = new Sweep.SweepStarted("sw", SPEC, "{ticks:10}", "0.2.0", 2);
  static final Sweep.RunCompleted FIRST = new Sweep.RunCompleted(2, List.of("3"), 1, "sw-p002-s1", List.of(4.0), 10,
      List.of(List.of(0.0, 0.5)));
  static ActorTestKit testKit;
  static PersistenceTestKit journal;

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

  void ask(ActorRef<Sweep.Command> sweep, java.util.function.Function<ActorRef<Done>, Sweep.Command> command) {
    TestProbe<Done> probe = testKit.createTestProbe();
    sweep.tell(command.apply(probe.ref()));
    probe.expectMessage(Done.getInstance());
  }

  @Test
  void theStartAndEachRunAreRecordedOnceAndKeptOverARestart() {
    ActorRef<Sweep.Command> sweep = testKit.spawn(Sweep.create("sw"));
    ask(sweep, r -> new Sweep.Start(STARTED, r));
    ask(sweep, r -> new Sweep.Record(FIRST, r));
    ask(sweep, r -> new Sweep.Record(FIRST, r));
    journal.expectNextPersisted("Sweep|sw", STARTED);
    journal.expectNextPersisted("Sweep|sw", FIRST);
    journal.expectNothingPersisted("Sweep|sw");

    testKit.stop(sweep);
    ActorRef<Sweep.Command> again = testKit.spawn(Sweep.create("sw"));
    ask(again, r -> new Sweep.Start(STARTED, r));
    ask(again, r -> new Sweep.Record(FIRST, r));
    Sweep.RunCompleted second = new Sweep.RunCompleted(2, List.of("3"), 2, "sw-p002-s2", java.util.Arrays.asList((Double) null), 10,
        List.of());
    ask(again, r -> new Sweep.Record(second, r));
    journal.expectNextPersisted("Sweep|sw", second);
    journal.expectNothingPersisted("Sweep|sw");
  }

  @Test
  void everyEventAndTheStateRoundTripThroughJacksonCbor() {
    Serialization serialization = SerializationExtension.get(testKit.system());
    for (Object value : List.of(STARTED, FIRST, new Sweep.State(STARTED, List.of(FIRST)))) {
      byte[] bytes = serialization.serialize(value).get();
      akka.serialization.Serializer serializer = serialization.findSerializerFor(value);
      assertEquals("JacksonCborSerializer", serializer.getClass().getSimpleName());
      String manifest = Serializers.manifestFor(serializer, value);
      assertEquals(value, serialization.deserialize(bytes, serializer.identifier(), manifest).get());
    }
  }
}
