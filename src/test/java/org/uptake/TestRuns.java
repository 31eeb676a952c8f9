package org.uptake;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    return Simulation.system(db, extra);
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

  public static void stop(ActorSystem<?> system) {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
