package org.uptake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.JournalSettings;
import org.uptake.run.Brake;

/** Priors on a fit's keys: the normal-normal rule by hand, and fits whose priors say nothing or nearly everything. */
class PosteriorTest {
  @TempDir Path dir;

  @Test
  void theNormalNormalRuleByHand() {
    // One key: data estimate 0.5 with precision 100 (sd 0.1), prior mean 0.3 with sd 0.1 (precision 100).
    // V = 1 / (100 + 100) = 0.005; m = (100 * 0.5 + 100 * 0.3) / 200 = 0.4.
    Posterior one = Posterior.combine(List.of(new FitSpec.Estimate("a", 0, 1, new FitSpec.Prior(0.3, 0.1))),
        List.of(0.5), new double[][] {{100}}).orElseThrow();
    assertEquals(0.4, one.mean()[0], 1e-12);
    assertEquals(0.005, one.covariance()[0][0], 1e-15);

    // Two keys, the data blind to the second (precision 0 there): it takes its prior whole, mean 0.7 and variance
    // 0.2^2 = 0.04, while the first keeps the data's 0.5 and variance 1/100.
    List<FitSpec.Estimate> keys = List.of(new FitSpec.Estimate("a", 0, 1, null),
        new FitSpec.Estimate("b", 0, 1, new FitSpec.Prior(0.7, 0.2)));
    Posterior blind = Posterior.combine(keys, List.of(0.5, 0.9), new double[][] {{100, 0}, {0, 0}}).orElseThrow();
    assertEquals(0.5, blind.mean()[0], 1e-12);
    assertEquals(0.7, blind.mean()[1], 1e-12);
    assertEquals(0.01, blind.covariance()[0][0], 1e-14);
    assertEquals(0.04, blind.covariance()[1][1], 1e-14);
    assertEquals(0, blind.covariance()[0][1], 1e-14);

    // Without that prior nothing pins the second key down: no posterior.
    assertEquals(Optional.empty(), Posterior.combine(List.of(keys.get(0), new FitSpec.Estimate("b", 0, 1, null)),
        List.of(0.5, 0.9), new double[][] {{100, 0}, {0, 0}}));
  }

  @Test
  void aPriorThatSaysNothingLeavesTheDataFitAndOneThatSaysEverythingDecides() throws Exception {
    FitAnalysis plain = fit("plain", "");
    // sd 1000 against a data standard error of order 0.01: the prior's precision is 1e-6 of the data's, so the
    // posterior is the data's estimate and covariance. The two come by different algebra (the bootstrap's deltas
    // against J'J cov(g)^+ J'J), so equal standard errors check one against the other.
    FitAnalysis vague = fit("vague", "adoption.q");
    for (int p = 0; p < 2; p++) {
      FitAnalysis.Parameter a = plain.parameters().get(p);
      FitAnalysis.Parameter b = vague.parameters().get(p);
      assertEquals(a.estimate(), b.estimate(), 1e-5, a.key());
      assertEquals(a.standardError(), b.standardError(), 1e-6 * a.standardError() + 1e-12, a.key());
    }
    assertEquals(Fit.Role.POSTERIOR, vague.best().role());
    // sd 0.001 on q, against a data standard error many times that: the posterior mean is within a few sd of the
    // prior's 0.5 (the data's estimate is near 0.38) and its sd at most the prior's.
    FitAnalysis tight = fit("tight", "adoption.q");
    FitAnalysis.Parameter q = tight.parameters().get(1);
    assertTrue(plain.parameters().get(1).standardError() > 10 * 0.001, "the data alone say less: "
        + plain.parameters().get(1));
    assertEquals(0.5, q.estimate(), 0.003, q.toString());
    assertTrue(q.standardError() <= 0.001 + 1e-12, q.toString());
    assertTrue(FitOutputs.summary(tight).stream().anyMatch(l -> l.contains("posterior mean")),
        FitOutputs.summary(tight).toString());
    // The report shows each key's prior and says its curve is the mean of the posterior's 6 runs (SmallFit's
    // bootstrap), not of the search's 2 runs a candidate.
    String report = Files.readString(dir.resolve("tight/out/report.html"));
    assertTrue(report.contains("<th>prior</th>") && report.contains("normal, mean 0.5, sd 0.001"), report);
    assertTrue(report.contains("the mean of the 6 runs at the posterior estimate"), report);
    assertFalse(report.contains("the mean of the 2 runs at the estimate"), report);
    String plainReport = Files.readString(dir.resolve("plain/out/report.html"));
    assertFalse(plainReport.contains("<th>prior</th>"), "no prior column without priors");
    assertTrue(plainReport.contains("the mean of the 2 runs at the estimate"), plainReport);
  }

  /** SmallFit's Bass fit, with {@code key} given a prior (vague or tight by {@code id}; none for ""). */
  private FitAnalysis fit(String id, String key) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(id));
    Path file = SmallFit.write(folder);
    if (!key.isEmpty()) {
      String prior = id.equals("vague") ? "prior = { mean = 0.5, sd = 1000 }" : "prior = { mean = 0.5, sd = 0.001 }";
      Files.writeString(file, Files.readString(file).replace("\"" + key + "\" = { from = 0.1, to = 0.8 }",
          "\"" + key + "\" = { from = 0.1, to = 0.8, " + prior + " }"));
      assertTrue(Files.readString(file).contains(prior));
    }
    JournalSettings db = JournalSettings.of("jdbc:h2:file:" + folder.resolve("journal/journal"));
    try (JournalSession session = JournalSession.open(db)) {
      FitRun.Outcome outcome = FitRun.local(session, FitRun.begin(session, id, FitSpec.load(file)), 2, Brake.NONE, 0,
          folder.resolve("out"), (c, fromJournal) -> { });
      return ((FitRun.Finished) outcome).analysis();
    }
  }
}
