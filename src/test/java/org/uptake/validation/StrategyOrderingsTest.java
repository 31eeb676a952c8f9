package org.uptake.validation;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uptake.TestRuns;
import org.uptake.journal.JournalReader;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.RunPlan;

/**
 * The shipped organisational scenarios keep the orderings the evidence supports (references.md; there is no
 * closed form for them): an authority decision (mandate) reaches use fastest, faster than optional (edges)
 * and collective (team) decisions (Rogers 2003, ch. 10); compliance without value fades, so fewer of the
 * mandate's adopters stay than the team's (Venkatesh and Davis 2000); executives who count clicks withdraw.
 */
@Tag("validation")
class StrategyOrderingsTest {

  static RunSummary run(ActorSystem<SpawnProtocol.Command> system, String scenario, long seed) {
    String id = scenario + "-" + seed;
    RunPlan plan = TestRuns.plan(Path.of("simulations", scenario + ".conf"), id, List.of("seed=" + seed));
    TestRuns.run(system, plan);
    return RunSummary.of(RunProjection.project(new JournalReader(system).read(id).orElseThrow()));
  }

  /** The week 10% active was reached, or infinity if never within the run: only ever compared, never averaged. */
  static double weeksTo10(RunSummary s) {
    return s.timeTo10PctActive() == null ? Double.POSITIVE_INFINITY : s.timeTo10PctActive();
  }

  @Test
  void strategiesKeepTheOrderingsOfTheEvidence() {
    ActorSystem<SpawnProtocol.Command> system = TestRuns.system(TestRuns.freshMemoryJournal());
    try {
      for (long seed : new long[] {1, 2}) {
        RunSummary edges = run(system, "from-the-edges", seed);
        RunSummary mandate = run(system, "executive-mandate", seed);
        RunSummary team = run(system, "cross-functional-team", seed);
        ValidationReport.less("seed " + seed + ": weeks to 10% active, mandate < edges", weeksTo10(mandate),
            weeksTo10(edges), "Rogers 2003: authority decisions are fastest");
        ValidationReport.less("seed " + seed + ": weeks to 10% active, mandate < team", weeksTo10(mandate),
            weeksTo10(team), "Rogers 2003: the more people decide, the slower");
        ValidationReport.less("seed " + seed + ": sustained adoption, mandate < team", mandate.sustainedAdoption(),
            team.sustainedAdoption(), "Venkatesh & Davis 2000: compliance fades with experience");
        ValidationReport.less("seed " + seed + ": CEO support at the end < at launch (clicks)",
            mandate.executiveFinalSupport().get("CEO"), 0.8, "Gartner 2013; MIT SMR/Deloitte 2012-13");
      }
    } finally {
      TestRuns.stop(system);
    }
  }
}
