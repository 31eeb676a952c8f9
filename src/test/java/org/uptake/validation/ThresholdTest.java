package org.uptake.validation;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.report.RunProjection;

/** Threshold models: Granovetter's riot, Centola and Macy's complex contagion. */
@Tag("validation")
class ThresholdTest {

  static String riot(List<Integer> thresholds) {
    return "ticks = 110\nnetwork { kind = complete, size = 100 }\n"
        + "adoption { rule = absolute-threshold, counts = "
        + thresholds.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]")) + " }\n"
        + "seeding.kind = none\n";
  }

  /**
   * Granovetter (1978): 100 people with thresholds 0, 1, ..., 99 all riot, one more each round; change the
   * person with threshold 1 to threshold 2 and only the first one acts. Exact, no randomness.
   */
  @Test
  void granovettersRiot(@TempDir Path dir) {
    List<Integer> uniform = IntStream.range(0, 100).boxed().toList();
    List<Integer> perturbed = IntStream.range(0, 100).map(k -> k == 1 ? 2 : k).boxed().toList();
    try (CanonicalRuns runs = new CanonicalRuns(dir)) {
      RunProjection.Result all = runs.replicate(riot(uniform), 1).get(0);
      RunProjection.Result one = runs.replicate(riot(perturbed), 1).get(0);
      ValidationReport.check("Granovetter riot, thresholds 0..99: rioters", CanonicalRuns.finalFraction(all) * 100,
          100, 0, "Granovetter 1978, AJS 83(6)");
      ValidationReport.check("Granovetter riot, step in which the last one joins", lastChange(all), 100, 0,
          "one more rioter per step: threshold 0 joins in step 1, threshold k in step k + 1");
      ValidationReport.check("Granovetter riot, threshold 1 -> 2: rioters", CanonicalRuns.finalFraction(one) * 100,
          1, 0, "Granovetter 1978: only the instigator acts");
    }
  }

  static int lastChange(RunProjection.Result r) {
    int last = 0;
    for (int k = 1; k < r.rows().size(); k++) {
      if (r.rows().get(k).active() != r.rows().get(k - 1).active()) last = k;
    }
    return last;
  }

  /**
   * Centola and Macy (2007): a complex contagion (two adopted neighbours needed) started by two adjacent
   * people spreads through a clustered ring lattice and stalls on a random network of the same degree. On
   * the lattice (each person tied to the two nearest on each side) it reaches everybody, by hand: seeds
   * at i and i-2 give i-1 two adopted neighbours, then i+1 and i-3, and so on around the ring. On the fully
   * rewired network a person rarely has two ties into the seeds, so it dies out.
   */
  @Test
  void complexContagionNeedsClusteredNetworks(@TempDir Path dir) {
    String base = "ticks = 400\nadoption { rule = absolute-threshold, count = 2 }\n"
        + "seeding { kind = adjacent, count = 2 }\n";
    try (CanonicalRuns runs = new CanonicalRuns(dir)) {
      List<RunProjection.Result> lattice = runs.replicate(base
          + "network { kind = ring-lattice, size = 400, neighbours = 4 }\n", 3);
      List<RunProjection.Result> random = runs.replicate(base
          + "network { kind = watts-strogatz, size = 400, neighbours = 4, rewire = 1.0 }\n", 10);
      double latticeMean = CanonicalRuns.mean(lattice.stream().mapToDouble(CanonicalRuns::finalFraction).toArray());
      ValidationReport.check("complex contagion on a clustered ring lattice: final share", latticeMean, 1.0, 0,
          "Centola & Macy 2007, AJS 113(3); exact by hand");
      double randomMax = random.stream().mapToDouble(CanonicalRuns::finalFraction).max().orElseThrow();
      // "Stalls": no random-network run gets beyond 5% (the seeds alone are 0.5%).
      ValidationReport.check("complex contagion on a random network: largest final share of 10", randomMax, 0.0,
          0.05, "Centola & Macy 2007: random long ties do not carry complex contagions");
    }
  }
}
