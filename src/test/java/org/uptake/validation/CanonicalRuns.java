package org.uptake.validation;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalReader;
import org.uptake.report.RunProjection;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;

/** Runs canonical scenarios through the real engine (actors and journal) and returns their series. */
final class CanonicalRuns implements AutoCloseable {
  private final ActorSystem<SpawnProtocol.Command> system = TestRuns.system(TestRuns.freshMemoryJournal());
  private final Path dir;
  private int runs;

  CanonicalRuns(Path dir) {
    this.dir = dir;
  }

  /** Replications with seeds 1..r of the scenario text; each result's rows hold the adopted (active) counts. */
  List<RunProjection.Result> replicate(String scenario, int r) {
    Path file = TestScenarios.write(dir, "canonical-" + (++runs) + ".conf", scenario);
    List<RunProjection.Result> out = new ArrayList<>();
    for (int seed = 1; seed <= r; seed++) {
      String id = "c" + runs + "-" + seed;
      RunPlan plan = TestRuns.plan(file, id, List.of("seed=" + seed));
      assertInstanceOf(RunClock.Finished.class, TestRuns.run(system, plan));
      out.add(RunProjection.project(new JournalReader(system).read(id).orElseThrow()));
    }
    return out;
  }

  static double finalFraction(RunProjection.Result r) {
    return r.rows().get(r.rows().size() - 1).active();
  }

  static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) s += x;
    return s / xs.length;
  }

  /** Standard error of the mean. */
  static double se(double[] xs) {
    double m = mean(xs);
    double ss = 0;
    for (double x : xs) ss += (x - m) * (x - m);
    return Math.sqrt(ss / (xs.length - 1) / xs.length);
  }

  @Override
  public void close() {
    TestRuns.stop(system);
  }
}
