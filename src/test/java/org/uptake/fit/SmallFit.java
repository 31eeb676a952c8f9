package org.uptake.fit;

import java.nio.file.Files;
import java.nio.file.Path;

/** The fit the fit tests share, small enough to run in seconds. */
public final class SmallFit {
  private SmallFit() {}

  /** A small Bass fit: 200 people, 12 weeks, 2 runs a candidate, 24 searched, 6 bootstrap runs. */
  public static Path write(Path dir) throws Exception {
    Files.writeString(dir.resolve("base.conf"), "ticks = 12\nnetwork { kind = complete, size = 200 }\n"
        + "adoption { rule = bass, p = 0.03, q = 0.38 }\nseeding.kind = none\n");
    // The discrete Bass recursion F(t+1) = F(t) + (p + q F(t))(1 - F(t)) at p = 0.03, q = 0.38, to three places.
    Files.writeString(dir.resolve("observed.csv"), "week,ever_adopted_fraction\n0,0\n1,0.030\n2,0.070\n3,0.123\n"
        + "4,0.190\n5,0.273\n6,0.370\n7,0.478\n8,0.588\n");
    return Files.writeString(dir.resolve("fit.conf"), "base = \"base.conf\"\nobserved = \"observed.csv\"\n"
        + "estimate {\n  \"adoption.p\" = { from = 0.005, to = 0.1 }\n  \"adoption.q\" = { from = 0.1, to = 0.8 }\n}\n"
        + "replications = 2\nevaluations = 24\nbootstrap = 6\nfit-weeks = 6\n");
  }
}
