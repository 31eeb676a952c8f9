package org.uptake.validation;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.experiment.JournalSession;
import org.uptake.fit.FitAnalysis;
import org.uptake.fit.FitRun;
import org.uptake.fit.FitSpec;
import org.uptake.journal.JournalSettings;
import org.uptake.report.RunProjection;
import org.uptake.run.Brake;
import org.uptake.sweep.SweepJobs;

/**
 * uptake fit recovers the parameters that made its data: the canonical Bass model's p and q, from single runs the
 * simulator made at known values with seeds the fit never uses.
 */
@Tag("validation")
class FitRecoveryTest {
  static final double P = 0.03;
  static final double Q = 0.38;
  static final int REPLICATIONS = 6;

  @TempDir Path dir;

  @Test
  void bassPAndQAreInsideTheirIntervalsInMostReplications() throws Exception {
    Path base = Files.writeString(dir.resolve("bass.conf"), "ticks = 20\nnetwork { kind = complete, size = 500 }\n"
        + "adoption { rule = bass, p = " + P + ", q = " + Q + " }\nseeding.kind = none\n");
    int coveredP = 0;
    int coveredQ = 0;
    try (SweepJobs truth = SweepJobs.inMemory(Brake.NONE, 26);
        JournalSession session = JournalSession.open(JournalSettings.of("jdbc:h2:mem:fit-recovery"))) {
      for (int i = 1; i <= REPLICATIONS; i++) {
        // The observed series: one run at the truth, with a seed of its own.
        RunProjection.Result data = truth.project("data-" + i, base.toString(), List.of("seed=" + (9000 + i)), "test");
        StringBuilder csv = new StringBuilder("week,ever_adopted_fraction\n");
        for (RunProjection.Row row : data.rows()) {
          csv.append(row.tick()).append(',').append(String.format(Locale.ROOT, "%.4f", row.everAdopted())).append('\n');
        }
        Files.writeString(dir.resolve("observed-" + i + ".csv"), csv);
        // Each replication's candidates run with seeds of their own, so the replications are independent.
        Path fit = Files.writeString(dir.resolve("fit-" + i + ".conf"), "base = \"bass.conf\"\nobserved = \"observed-"
            + i + ".csv\"\nestimate {\n  \"adoption.p\" = { from = 0.005, to = 0.1 }\n"
            + "  \"adoption.q\" = { from = 0.1, to = 0.8 }\n}\nreplications = 4\nevaluations = 60\nfirst-seed = "
            + (100 * i) + "\n");
        FitRun.Outcome outcome = FitRun.run(session, FitRun.begin(session, "recovery-" + i, FitSpec.load(fit)), 2,
            Brake.NONE, 0, dir.resolve("out-" + i), (c, journal) -> { });
        FitAnalysis a = assertInstanceOf(FitRun.Finished.class, outcome).analysis();
        FitAnalysis.Parameter p = a.parameters().get(0);
        FitAnalysis.Parameter q = a.parameters().get(1);
        System.out.printf(Locale.ROOT, "fit %d: p %.4f [%.4f, %.4f], q %.4f [%.4f, %.4f]%n", i, p.estimate(),
            p.low(), p.high(), q.estimate(), q.low(), q.high());
        if (p.low() != null && p.low() <= P && P <= p.high()) coveredP++;
        if (q.low() != null && q.low() <= Q && Q <= q.high()) coveredQ++;
      }
    }
    // A 95% interval misses in 6 replications at most twice with probability 0.998 (binomial): "most" is >= 4 of 6.
    ValidationReport.within("fit: replications whose p interval holds p = 0.03", coveredP, 4, REPLICATIONS,
        "recover known parameters; 95% intervals, binomial(6, 0.95)");
    ValidationReport.within("fit: replications whose q interval holds q = 0.38", coveredQ, 4, REPLICATIONS,
        "recover known parameters; 95% intervals, binomial(6, 0.95)");
  }
}
