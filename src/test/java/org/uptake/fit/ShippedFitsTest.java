package org.uptake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fit files that ship load and check whole (their runs are too long for the suite; the guide has them). */
class ShippedFitsTest {
  @Test
  void theShippedFitFilesLoad() {
    FitSpec.Loaded capgemini = FitSpec.load(Path.of("simulations/fits/enterprise-capgemini.conf"));
    assertEquals(List.of("model.trial.baseline", "model.trial.word-of-mouth"), capgemini.spec().keys());
    // Weeks 35, 61, 122 and 148: 1,000, 5,000, 18,000 and 30,000 of 121,000 staff, to three significant figures.
    assertEquals(4, capgemini.observed().count(0, 148));
    assertEquals(148, capgemini.spec().fitWeeks());
    FitSpec.Loaded bass = FitSpec.load(Path.of("simulations/fits/bass-from-simulated.conf"));
    assertEquals(List.of("adoption.p", "adoption.q"), bass.spec().keys());
    FitSpec.Loaded prior = FitSpec.load(Path.of("simulations/fits/bass-with-prior.conf"));
    assertEquals(new FitSpec.Prior(0.38, 0.05), prior.spec().estimate().get(1).prior());
  }
}
