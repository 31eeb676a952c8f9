package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import akka.persistence.jdbc.query.javadsl.JdbcReadJournal;
import akka.persistence.query.EventEnvelope;
import akka.persistence.query.PersistenceQuery;
import akka.persistence.typed.PersistenceId;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.stream.javadsl.Sink;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalReader;
import org.uptake.journal.RunLog;
import org.uptake.journal.JournalSettings;

/**
 * The journal read with plain JDBC is what Akka Persistence Query reads: for every entity a run, a branch (with its
 * restored people and executives) and a sweep write, the same events in the same order, each encoding to the same
 * bytes through Akka's own serializer, with the same sequence numbers, offsets and timestamps.
 */
class JournalRowsTest {
  @TempDir Path dir;

  @Test
  void everyEventReadsAsAkkaPersistenceQueryReadsIt() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    Path out = dir.resolve("out");
    assertEquals(0, Uptake.run("run", "simulations/executive-mandate.conf", "--set", "ticks=30", "--run-id", "parent",
        "--db", db, "--out", out.toString(), "--quiet").status());
    assertEquals(0, Uptake.run("branch", "parent", "--at", "12", "--run-id", "child", "--set",
        "interventions += { tick = 13, kind = campaign, by = CEO, strength = 0.4 }", "--db", db, "--out",
        out.toString(), "--quiet").status());
    Path sweep = TestScenarios.write(dir, "sweep.conf", "base = \"" + Path.of("simulations/from-the-edges.conf")
        .toAbsolutePath() + "\"\nvary { \"seeding.enthusiasts\" = [8] }\nseries = [active_fraction]\n"
        + "journal = summary\nmetrics = [final_active_fraction]\n");
    Uptake.Result swept = Uptake.run("sweep", sweep.toString(), "--sweep-id", "sw", "--db", db, "--out",
        out.toString(), "--quiet");
    assertEquals(0, swept.status(), swept.err());

    ActorSystem<SpawnProtocol.Command> system = TestRuns.system(JournalSettings.of(db));
    try {
      JdbcReadJournal query = PersistenceQuery.get(system).getReadJournalFor(JdbcReadJournal.class,
          JdbcReadJournal.Identifier());
      Serialization serialization = SerializationExtension.get(system);
      JournalReader reader = new JournalReader(system);
      Set<String> ids = new TreeSet<>(query.currentPersistenceIds().runWith(Sink.seq(), system)
          .toCompletableFuture().get(1, TimeUnit.MINUTES));
      assertTrue(ids.contains("Sweep|sw") && ids.contains("Department|child|Marketing") && ids.contains("Run|child"),
          ids.toString());
      // The listing's one query of every run's clock gives what reading each run's clock alone gives.
      List<JournalReader.Listed> listed = reader.headers();
      assertEquals(reader.runIds(), listed.stream().map(JournalReader.Listed::runId).toList());
      assertEquals(2, listed.size(), "the parent and its branch (the sweep journaled only its summary)");
      for (JournalReader.Listed l : listed) {
        RunLog alone = reader.header(l.runId()).orElseThrow();
        // Compared field by field: the ticks' reports hold arrays, which records compare by identity.
        assertEquals(alone.started(), l.log().started(), l.runId());
        assertEquals(List.of(alone.finished(), alone.status(), alone.lastTick(), alone.startedAtMillis()),
            List.of(l.log().finished(), l.log().status(), l.log().lastTick(), l.log().startedAtMillis()), l.runId());
        assertEquals(alone.ticks().stream().flatMap(t -> t.reports().stream().map(r -> r.digest())).toList(),
            l.log().ticks().stream().flatMap(t -> t.reports().stream().map(r -> r.digest())).toList(), l.runId());
      }
      Set<String> kinds = new TreeSet<>();
      for (String id : ids) {
        List<EventEnvelope> akka = query.currentEventsByPersistenceId(id, 0, Long.MAX_VALUE).runWith(Sink.seq(),
            system).toCompletableFuture().get(1, TimeUnit.MINUTES);
        List<EventEnvelope> jdbc = reader.events(PersistenceId.ofUniqueId(id), Long.MAX_VALUE);
        assertEquals(akka.size(), jdbc.size(), id);
        for (int k = 0; k < akka.size(); k++) {
          EventEnvelope a = akka.get(k);
          EventEnvelope j = jdbc.get(k);
          assertEquals(a.sequenceNr(), j.sequenceNr(), id);
          assertEquals(a.offset(), j.offset(), id);
          assertEquals(a.timestamp(), j.timestamp(), id);
          assertEquals(a.event().getClass(), j.event().getClass(), id + " " + a.sequenceNr());
          assertArrayEquals(serialization.serialize(a.event()).get(), serialization.serialize(j.event()).get(),
              id + " event " + a.sequenceNr() + " (" + a.event().getClass().getSimpleName() + ")");
          kinds.add(a.event().getClass().getName().replaceFirst("^org\\.uptake\\.", ""));
        }
      }
      // Every kind of event these write (a branch restores its people and executives).
      for (String kind : List.of("run.RunClock$RunStarted", "run.RunClock$TickCompleted", "run.RunClock$RunFinished",
          "organisation.Department$Formed", "organisation.Department$TickResolved", "organisation.Department$Restored",
          "organisation.Executive$Restored", "sweep.Sweep$SweepStarted", "sweep.Sweep$RunCompleted")) {
        assertTrue(kinds.contains(kind), kind + " in " + kinds);
      }
    } finally {
      org.uptake.run.Simulation.terminate(system);
    }
  }
}
