package org.uptake.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import akka.persistence.query.EventEnvelope;
import akka.persistence.typed.PersistenceId;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalReader;
import org.uptake.journal.RunLog;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.report.RunOutputs;
import org.uptake.report.RunProjection;

/**
 * The same scenario and seed give the same journal and the same files, whatever the dispatcher's
 * parallelism and however messages interleave: one run on a single thread handling one message at a time
 * per actor, one on eight threads with large batches.
 */
class DeterminismTest {
  static final String SINGLE = "akka.actor.default-dispatcher { throughput = 1, "
      + "fork-join-executor { parallelism-min = 1, parallelism-max = 1 } }";
  static final String WIDE = "akka.actor.default-dispatcher { throughput = 100, "
      + "fork-join-executor { parallelism-min = 8, parallelism-max = 8, parallelism-factor = 8 } }";

  record Outcome(Map<String, List<byte[]>> journal, byte[] timeseries, byte[] summary) {}

  static Outcome runWith(String dispatcher, Path scenario, Path out, List<String> overrides) throws Exception {
    ActorSystem<SpawnProtocol.Command> system =
        TestRuns.system(TestRuns.freshMemoryJournal(), ConfigFactory.parseString(dispatcher));
    try {
      RunPlan plan = TestRuns.plan(scenario, "same-run", overrides);
      assertInstanceOf(RunClock.Finished.class, TestRuns.run(system, plan));
      RunLog log = new JournalReader(system).read("same-run").orElseThrow();
      Map<String, List<byte[]>> journal = TestRuns.journal(system, "same-run");
      Path dir = RunOutputs.write(RunProjection.project(log), out);
      return new Outcome(journal, Files.readAllBytes(dir.resolve("timeseries.csv")),
          Files.readAllBytes(dir.resolve("summary.json")));
    } finally {
      TestRuns.stop(system);
    }
  }

  @Test
  void journalAndOutputsDoNotDependOnThreadsOrMessageTiming(@TempDir Path dir) throws Exception {
    Path scenario = TestScenarios.small(dir);
    Outcome a = runWith(SINGLE, scenario, dir.resolve("a"), List.of());
    Outcome b = runWith(WIDE, scenario, dir.resolve("b"), List.of());
    long events = assertIdentical(a, b);
    // 1 started + 31 ticks + finished, 3 departments x (formed + 31 ticks), executives' decisions.
    assertTrue(events > 33 + 3 * 32, "events: " + events);
  }

  /** Same entities, same events byte for byte, same files; returns the number of events compared. */
  static long assertIdentical(Outcome a, Outcome b) {
    long events = TestRuns.assertSameJournal(a.journal(), b.journal());
    assertArrayEquals(a.timeseries(), b.timeseries());
    assertArrayEquals(a.summary(), b.summary());
    return events;
  }

  @Test
  void theShippedMandateScenarioIsDeterministicToo(@TempDir Path dir) throws Exception {
    Path scenario = Path.of("simulations/executive-mandate.conf");
    List<String> shorter = List.of("ticks=40");
    Outcome a = runWith(SINGLE, scenario, dir.resolve("a"), shorter);
    Outcome b = runWith(WIDE, scenario, dir.resolve("b"), shorter);
    // At least the clock (started, 41 ticks, finished) and 8 departments x (roster + 41 ticks).
    assertTrue(assertIdentical(a, b) >= 43 + 8 * 42);
  }

  @Test
  void anotherSeedGivesAnotherRun(@TempDir Path dir) throws Exception {
    Path scenario = TestScenarios.small(dir);
    Outcome a = runWith(SINGLE, scenario, dir.resolve("a"), List.of());
    Outcome c = runWith(SINGLE, scenario, dir.resolve("c"), List.of("seed=8"));
    assertFalse(java.util.Arrays.equals(a.timeseries(), c.timeseries()));
  }
}
