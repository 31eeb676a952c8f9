package org.uptake.validation;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.uptake.TestRuns;
import org.uptake.journal.JournalReader;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.RunPlan;

/**
 * The defaults keep the shipped organisational scenarios inside the ranges the evidence gives
 * (references.md; docs/MODEL.md section 5). The ranges are the published figures themselves, never a
 * previous run of this simulator.
 */
@Tag("validation")
class CalibrationTest {
  private static final long[] SEEDS = {1, 2, 3, 4};
  /** Two years, the horizon of the shipped scenarios, and ten years, long enough to settle (MODEL.md §5). */
  private static final int TWO_YEARS = 104;
  private static final int LONG_RUN = 520;

  /**
   * Bass (1969) closed form F(t) = (1 − e^{−(p+q)t}) / (1 + (q/p)·e^{−(p+q)t}) with t in years: the share of
   * the market that has adopted by time t when nobody has at t = 0.
   */
  static double bass(double p, double q, double years) {
    double e = Math.exp(-(p + q) * years);
    return (1 - e) / (1 + q / p * e);
  }

  @Test
  void organicSpreadIsBassSlowAtTwoYearsAndSettlesInTheObservedActiveRange() {
    ActorSystem<SpawnProtocol.Command> system = TestRuns.system(TestRuns.freshMemoryJournal());
    try {
      SummaryStatistics longRunActive = new SummaryStatistics();
      SummaryStatistics everAtTwoYears = new SummaryStatistics();
      SummaryStatistics mandateEverAtTwoYears = new SummaryStatistics();
      double seeded = 0;
      for (long seed : SEEDS) {
        // One ten-year run per seed: its first 104 ticks are exactly the two-year run (draws are keyed by
        // seed, person and tick, and nothing in the model reads the run length).
        RunProjection.Result edges = project(system, "from-the-edges", seed, LONG_RUN);
        longRunActive.addValue(RunSummary.of(edges).finalActiveFraction());
        everAtTwoYears.addValue(edges.rows().get(TWO_YEARS).everAdopted());
        seeded = edges.rows().get(0).everAdopted();
        mandateEverAtTwoYears.addValue(
            RunSummary.of(project(system, "executive-mandate", seed, TWO_YEARS)).finalEverAdoptedFraction());
      }

      // Typical enterprise social networks have 20-40% of accounts active in a month (references.md: Microsoft's
      // Yammer about 34%, benchmarks about 20%). Once organic spread has settled nearly everybody has had an
      // account, so the share of the organisation active is the quantity to compare. The criterion is the
      // mean over four seeds; its standard error (printed below) is a few points, small against the range.
      ValidationReport.within("edges, 10 years: mean active share (SE "
          + String.format(java.util.Locale.ROOT, "%.3f", se(longRunActive)) + ")", longRunActive.getMean(), 0.20,
          0.40, "references.md: 20-40% monthly active in enterprise networks");

      // Organic spread is the Bass process of the market: with the published ranges p in [0.01, 0.03] and q in
      // [0.3, 0.5] per year (Sultan, Farley & Lehmann 1990; references.md), F(2 years) lies between
      // F(2; 0.01, 0.3) and F(2; 0.03, 0.5). On a network the mean-field curve is an upper bound (Fibich &
      // Gibori 2010), and our enthusiasts are adopters at t = 0 that the closed form does not have, so the
      // upper end is raised by the seeded share. The band is widened by two standard errors of the mean.
      double slack = 2 * se(everAtTwoYears);
      ValidationReport.within("edges, 2 years: mean share ever adopted", everAtTwoYears.getMean(),
          Math.max(0, bass(0.01, 0.3, 2) - slack), bass(0.03, 0.5, 2) + seeded + slack,
          "Bass 1969 closed form, p and q of Sultan, Farley & Lehmann 1990");

      // An authority decision reaches registered use faster than optional ones (Rogers 2003, ch. 10).
      ValidationReport.less("2 years: mean share ever adopted, edges < mandate", everAtTwoYears.getMean(),
          mandateEverAtTwoYears.getMean(), "Rogers 2003: authority decisions are fastest");
    } finally {
      TestRuns.stop(system);
    }
  }

  private static RunProjection.Result project(ActorSystem<SpawnProtocol.Command> system, String scenario,
      long seed, int ticks) {
    String id = scenario + "-" + seed + "-" + ticks;
    RunPlan plan = TestRuns.plan(Path.of("simulations", scenario + ".conf"), id,
        List.of("seed=" + seed, "ticks=" + ticks));
    TestRuns.run(system, plan);
    return RunProjection.project(new JournalReader(system).read(id).orElseThrow());
  }

  private static double se(SummaryStatistics s) {
    return s.getStandardDeviation() / Math.sqrt(s.getN());
  }
}
