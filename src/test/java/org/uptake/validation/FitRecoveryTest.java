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
 * uptake fit recovers the parameters that made its data, from single runs the simulator made at known values with
 * seeds the fit never uses: the canonical Bass model's p and q, and the organisational model's peer influence on
 * trial and its drop-out of active users.
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
        FitRun.Outcome outcome = FitRun.local(session, FitRun.begin(session, "recovery-" + i, FitSpec.load(fit)), 2,
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

  /** The organisational model's peer influence on trial (r_w) and weekly drop-out of active users (δ_A). */
  static final double TRIAL_WORD_OF_MOUTH = 0.8;
  static final double DROP_OUT = 0.04;
  static final int ORGANISATIONS = 3;

  @Test
  void wordOfMouthAndDropOutOfTheOrganisationalModelAreInsideTheirIntervals() throws Exception {
    // A small organisation so that a fit takes seconds; the keys' truths are the model's defaults (MODEL.md §2).
    Path base = Files.writeString(dir.resolve("small.conf"), """
        ticks = 104
        organisation.departments = [
          { name = Sales,   function = sales,            headcount = 50 }
          { name = Service, function = customer-service, headcount = 50 }
          { name = Finance, function = finance,          headcount = 50 }
          { name = IT,      function = it,               headcount = 50 }
        ]
        seeding { enthusiasts = 16, departments = [Sales, Service, Finance, IT], tick = 0 }
        model.trial.word-of-mouth = %s
        model.drop-out.active = %s
        """.formatted(TRIAL_WORD_OF_MOUTH, DROP_OUT));
    int coveredWord = 0;
    int coveredDrop = 0;
    double dropWidth = 0;
    try (SweepJobs truth = SweepJobs.inMemory(Brake.NONE, 26);
        JournalSession session = JournalSession.open(JournalSettings.of("jdbc:h2:mem:fit-recovery-org"))) {
      for (int i = 1; i <= ORGANISATIONS; i++) {
        RunProjection.Result data = truth.project("org-data-" + i, base.toString(), List.of("seed=" + (7000 + i)),
            "test");
        // What an organisation would have: the active and the ever-adopted share every eight weeks.
        StringBuilder csv = new StringBuilder("week,active_fraction,ever_adopted_fraction\n");
        for (RunProjection.Row row : data.rows()) {
          if (row.tick() % 8 != 0) continue;
          csv.append(row.tick()).append(String.format(Locale.ROOT, ",%.4f,%.4f%n", row.active(), row.everAdopted()));
        }
        Files.writeString(dir.resolve("org-observed-" + i + ".csv"), csv);
        Path fit = Files.writeString(dir.resolve("org-fit-" + i + ".conf"), "base = \"small.conf\"\nobserved = "
            + "\"org-observed-" + i + ".csv\"\nestimate {\n  \"model.trial.word-of-mouth\" = { from = 0.2, to = 1.0 }\n"
            + "  \"model.drop-out.active\" = { from = 0.01, to = 0.1 }\n}\nreplications = 3\nevaluations = 30\n"
            + "bootstrap = 20\nfirst-seed = " + (100 * i) + "\n");
        FitRun.Outcome outcome = FitRun.local(session, FitRun.begin(session, "org-recovery-" + i, FitSpec.load(fit)), 2,
            Brake.NONE, 0, dir.resolve("org-out-" + i), (c, journal) -> { });
        FitAnalysis a = assertInstanceOf(FitRun.Finished.class, outcome).analysis();
        FitAnalysis.Parameter w = a.parameters().get(0);
        FitAnalysis.Parameter d = a.parameters().get(1);
        System.out.printf(Locale.ROOT, "organisation fit %d: trial word-of-mouth %.3f [%.3f, %.3f], drop-out %.4f "
            + "[%.4f, %.4f]%n", i, w.estimate(), w.low(), w.high(), d.estimate(), d.low(), d.high());
        if (w.low() != null && w.low() <= TRIAL_WORD_OF_MOUTH && TRIAL_WORD_OF_MOUTH <= w.high()) coveredWord++;
        if (d.low() != null && d.low() <= DROP_OUT && DROP_OUT <= d.high()) {
          coveredDrop++;
          dropWidth += (d.high() - d.low()) / ORGANISATIONS;
        }
      }
    }
    // A 95% interval misses in 3 replications at most once with probability 0.993 (binomial): "most" is >= 2 of 3.
    ValidationReport.within("fit: organisations whose trial word-of-mouth interval holds 0.8", coveredWord, 2,
        ORGANISATIONS, "recover known parameters; 95% intervals, binomial(3, 0.95)");
    ValidationReport.within("fit: organisations whose drop-out interval holds 0.04", coveredDrop, 2, ORGANISATIONS,
        "recover known parameters; 95% intervals, binomial(3, 0.95)");
    // An interval as wide as the search would hold the truth whatever the fit did: the drop-out's must say something.
    ValidationReport.within("fit: mean width of the drop-out intervals that hold it (range searched 0.09)", dropWidth,
        0, 0.045, "informative: less than half the range searched");
  }
}
