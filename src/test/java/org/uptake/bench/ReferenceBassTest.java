package org.uptake.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalReader;
import org.uptake.model.AdoptionState;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.RunProjection;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/**
 * The plain-loop reference makes exactly the engine's decisions, so the benchmark compares the cost of the
 * same work: adopters per tick are equal, tick by tick, on a network and in mean field.
 */
class ReferenceBassTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"erdos-renyi", "complete", "barabasi-albert"})
  void theReferenceLoopAndTheEngineAdoptTheSamePeople(String kind) {
    Path file = TestScenarios.write(dir, kind + ".conf", "ticks = 40\nseed = 11\n"
        + "network { kind = " + kind + ", size = 1500, mean-degree = 10, attach = 3 }\n"
        + "adoption { rule = bass, p = 0.01, q = 0.4, dt = 0.5 }\nseeding { kind = random, count = 5 }\n");
    Scenario s = ScenarioLoader.load(file);
    Organisation org = OrganisationBuilder.build(s);
    int[] reference = ReferenceBass.run(org, s.adoption(), s.network().kind() == Scenario.NetworkKind.COMPLETE,
        s.seed(), s.ticks());
    ActorSystem<SpawnProtocol.Command> system = TestRuns.system(TestRuns.freshMemoryJournal());
    try {
      TestRuns.run(system, new RunPlan("bass", s, org, file.toString(), List.of(), "test", 26));
      RunProjection.Result r = RunProjection.project(new JournalReader(system).read("bass").orElseThrow());
      int[] engine = r.rows().stream().mapToInt(row -> row.counts()[AdoptionState.ACTIVE.ordinal()]).toArray();
      assertArrayEquals(reference, engine);
      assertTrue(reference[reference.length - 1] > 100, "the comparison covers real spread");
    } finally {
      TestRuns.stop(system);
    }
  }
}
