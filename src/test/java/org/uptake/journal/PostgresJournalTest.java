package org.uptake.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.uptake.TestRuns;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;

/**
 * The journal on PostgreSQL with only the connection changed: the schema is created from the shipped DDL
 * (twice, as every start does), and a run writes the same events, byte for byte, as on H2 and reads back to
 * the same summary. Needs a server: `.ci/run` installs and starts Debian's PostgreSQL on loopback and sets
 * UPTAKE_TEST_POSTGRES_URL, _USER and _PASSWORD.
 */
class PostgresJournalTest {
  @Test
  void aRunOnPostgresqlIsTheSameRunAsOnH2() {
    String url = System.getenv("UPTAKE_TEST_POSTGRES_URL");
    assertNotNull(url, "this test needs a PostgreSQL server: run .ci/run, which starts one on loopback and sets "
        + "UPTAKE_TEST_POSTGRES_URL (or set it, with _USER and _PASSWORD, to a database of your own)");
    JournalSettings pg = new JournalSettings(url, System.getenv("UPTAKE_TEST_POSTGRES_USER"),
        System.getenv("UPTAKE_TEST_POSTGRES_PASSWORD"), JournalSettings.Dialect.POSTGRES, url);
    JournalSchema.ensure(pg);
    // A run id of its own each time, so a database kept between local runs needs no cleaning.
    String id = "pg-" + Long.toString(System.currentTimeMillis(), 36);
    RunPlan plan = TestRuns.plan(Path.of("simulations/executive-mandate.conf"), id, List.of("ticks=30"));

    Map<String, List<byte[]>> onH2;
    RunSummary h2Summary;
    ActorSystem<SpawnProtocol.Command> h2 = TestRuns.system(TestRuns.freshMemoryJournal());
    try {
      assertInstanceOf(RunClock.Finished.class, TestRuns.run(h2, plan));
      onH2 = TestRuns.journal(h2, id);
      h2Summary = RunSummary.of(RunProjection.project(new JournalReader(h2).read(id).orElseThrow()));
    } finally {
      TestRuns.stop(h2);
    }
    ActorSystem<SpawnProtocol.Command> system = TestRuns.system(pg);
    try {
      assertInstanceOf(RunClock.Finished.class, TestRuns.run(system, plan));
      TestRuns.assertSameJournal(onH2, TestRuns.journal(system, id));
      assertEquals(h2Summary, RunSummary.of(RunProjection.project(new JournalReader(system).read(id).orElseThrow())));
    } finally {
      TestRuns.stop(system);
    }
  }
}
