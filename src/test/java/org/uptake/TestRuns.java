package org.uptake;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.run.Simulation;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/** Runs scenarios for tests on a real JDBC journal (in-memory H2 unless a URL is given). */
public final class TestRuns {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private TestRuns() {}

  public static JournalSettings freshMemoryJournal() {
    return JournalSettings.of("jdbc:h2:mem:uptake-test-" + DATABASES.incrementAndGet());
  }

  public static RunPlan plan(Path scenarioFile, String runId, List<String> overrides) {
    Scenario s = ScenarioLoader.load(scenarioFile, overrides);
    return new RunPlan(runId, s, OrganisationBuilder.build(s), scenarioFile.toString(), overrides, "test", 5);
  }

  /** An actor system on {@code db} with extra configuration (dispatcher settings, say). */
  public static ActorSystem<SpawnProtocol.Command> system(JournalSettings db, Config extra) {
    return Simulation.system(JournalSchema.ensure(db).akkaConfig(), extra);
  }

  public static ActorSystem<SpawnProtocol.Command> system(JournalSettings db) {
    return system(db, ConfigFactory.empty());
  }

  public static RunClock.Progress run(ActorSystem<SpawnProtocol.Command> system, RunPlan plan) {
    try {
      return Simulation.run(system, plan, t -> { }).toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every event of every entity of the run, serialized, per persistence id: what "the same journal" means. */
  public static java.util.Map<String, List<byte[]>> journal(ActorSystem<?> system, String runId) {
    org.uptake.journal.JournalReader reader = new org.uptake.journal.JournalReader(system);
    akka.serialization.Serialization serialization = akka.serialization.SerializationExtension.get(system);
    java.util.Map<String, List<byte[]>> journal = new java.util.LinkedHashMap<>();
    RunClock.RunStarted started = reader.header(runId).orElseThrow().started();
    for (akka.persistence.typed.PersistenceId pid : org.uptake.journal.JournalReader.entities(started)) {
      List<byte[]> events = new java.util.ArrayList<>();
      for (akka.persistence.query.EventEnvelope e : reader.events(pid, Long.MAX_VALUE)) {
        events.add(serialization.serialize(e.event()).get());
      }
      journal.put(pid.id(), events);
    }
    return journal;
  }

  /** The same for a run in the journal at {@code url}, read by an actor system of its own. */
  public static java.util.Map<String, List<byte[]>> journal(String url, String runId) {
    ActorSystem<?> system = system(org.uptake.journal.JournalSettings.of(url));
    try {
      return journal(system, runId);
    } finally {
      stop(system);
    }
  }

  /** Same entities, same events byte for byte; returns the number of events compared. */
  public static long assertSameJournal(java.util.Map<String, List<byte[]>> a, java.util.Map<String, List<byte[]>> b) {
    org.junit.jupiter.api.Assertions.assertEquals(a.keySet(), b.keySet());
    long events = 0;
    for (String pid : a.keySet()) {
      List<byte[]> x = a.get(pid);
      List<byte[]> y = b.get(pid);
      org.junit.jupiter.api.Assertions.assertEquals(x.size(), y.size(), pid);
      for (int i = 0; i < x.size(); i++) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(x.get(i), y.get(i), pid + " event " + (i + 1));
      }
      events += x.size();
    }
    return events;
  }

  public static void stop(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
