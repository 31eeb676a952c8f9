package org.uptake.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.Offset;
import akka.persistence.query.PersistenceQuery;
import akka.stream.javadsl.Sink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.organisation.Department;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;

/** A run written to an H2 file, read back in a new actor system by tag and by persistence id. */
class JournalRoundTripTest {

  @Test
  void aRunSurvivesTheProcessAndReadsBackInOrder(@TempDir Path dir) throws Exception {
    JournalSettings db = JournalSettings.of("jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath());
    RunPlan plan = TestRuns.plan(TestScenarios.small(dir), "round-trip", List.of());
    ActorSystem<SpawnProtocol.Command> writer = TestRuns.system(db);
    assertInstanceOf(RunClock.Finished.class, TestRuns.run(writer, plan));
    TestRuns.stop(writer);

    try (Connection c = JournalSchema.connect(db);
        ResultSet tables = c.getMetaData().getTables(null, null, "event_journal", null)) {
      assertTrue(tables.next(), "the DDL shipped in src/main/resources/db created the journal table");
    }

    ActorSystem<SpawnProtocol.Command> reader = TestRuns.system(db);
    try {
      JdbcReadJournal query = PersistenceQuery.get(reader)
          .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
      List<EventEnvelope> tagged = query.currentEventsByTag("run:round-trip", Offset.noOffset())
          .runWith(Sink.seq(), reader).toCompletableFuture().get(1, TimeUnit.MINUTES);
      RunLog log = new JournalReader(reader).read("round-trip").orElseThrow();

      RunClock.RunStarted started = log.started();
      assertEquals(7, started.seed());
      assertEquals("test", started.version());
      assertEquals(List.of("Sales", "Support", "Finance"), started.departments());
      assertTrue(started.scenario().contains("\"mandate\""), "the whole scenario is in the journal");
      assertEquals(60, started.people());
      assertTrue(log.finished());
      assertEquals(31, log.ticks().size());

      int byId = 2 + log.ticks().size();
      for (List<Department.Event> events : log.departments().values()) {
        assertInstanceOf(Department.Formed.class, events.get(0));
        assertEquals(1 + 31, events.size(), "one event per department per tick");
        byId += events.size();
      }
      for (var events : log.executives().values()) byId += events.size();
      assertEquals(byId, tagged.size(), "every event carries the run's tag");
      // Tag order is write order: a tick's department events precede the clock's TickCompleted.
      int lastDepartmentTick = -1;
      for (EventEnvelope e : tagged) {
        if (e.event() instanceof Department.TickResolved t) lastDepartmentTick = Math.max(lastDepartmentTick, t.tick());
        if (e.event() instanceof RunClock.TickCompleted t) assertEquals(t.tick(), lastDepartmentTick);
      }
    } finally {
      TestRuns.stop(reader);
    }
  }
}
