package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep spread over three worker members (separate JVMs, `uptake node`) on loopback, with the PostgreSQL
 * journal of .ci/run, against the same sweep on one machine: the same sweep.csv and, run by run, the same
 * journal byte for byte; and the same again when a member is killed (SIGKILL) in the middle of the sweep.
 */
class ClusterSweepTest {
  @TempDir Path dir;
  @RegisterExtension final ClusterMembers cluster = new ClusterMembers();

  @Test
  void aSweepOnThreeMembersEqualsTheSweepOnOneMachine() throws Exception {
    String id = "cluster-" + System.nanoTime();
    Path sweep = sweepFile(2);
    Path reference = referenceSweep(sweep, id);
    ClusterMembers.Member coordinator = startSweep(sweep, id, cluster.startWorkers(3));
    ClusterMembers.assertSucceeded(coordinator);
    assertSameSweep(reference, dir.resolve("cluster").resolve(id), id, 4);
  }

  @Test
  void aMemberKilledMidSweepLosesNothing() throws Exception {
    String id = "cluster-kill-" + System.nanoTime();
    Path sweep = sweepFile(4);
    Path reference = referenceSweep(sweep, id);
    ClusterMembers.Member coordinator = startSweep(sweep, id, cluster.startWorkers(3));
    ClusterMembers.awaitLine(coordinator, l -> l.startsWith("run 1/8 done"), 180);
    Process victim = cluster.members.get(1).process();
    victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    ClusterMembers.assertSucceeded(coordinator);
    assertSameSweep(reference, dir.resolve("cluster").resolve(id), id, 8);
  }

  /** `uptake sweep --cluster` in a child JVM, through {@code seeds}, waiting for all three workers. */
  private ClusterMembers.Member startSweep(Path sweep, String id, List<String> seeds) throws IOException {
    return cluster.start(Uptake.child("sweep", sweep.toString(), "--cluster", "--seed-nodes",
        String.join(",", seeds), "--workers", "3", "--db", cluster.url, "--sweep-id", id, "--out",
        dir.resolve("cluster").toString(), "--progress", "lines"));
  }

  /** The organic scenario, 26 weeks, two enthusiast counts, {@code seeds} seeds. */
  private Path sweepFile(int seeds) throws IOException {
    Path base = Path.of("simulations/from-the-edges.conf").toAbsolutePath();
    return Files.writeString(dir.resolve("sweep.conf"), "base = \"" + base + "\"\nseeds = " + seeds
        + "\nfirst-seed = 1\nvary { \"seeding.enthusiasts\" = [8, 24], ticks = [26] }\n"
        + "metrics = [final_active_fraction, sustained_adoption]\njournal = full\n");
  }

  private Path referenceSweep(Path sweep, String id) {
    Uptake.Result r = Uptake.run("sweep", sweep.toString(), "--sweep-id", id, "--db", h2(), "--out",
        dir.resolve("one").toString(), "--quiet", "--jobs", "2");
    assertEquals(0, r.status(), r.err());
    return dir.resolve("one").resolve(id);
  }

  private void assertSameSweep(Path reference, Path clustered, String id, int runs) throws Exception {
    for (String file : List.of("sweep.csv", "sweep-summary.csv")) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(clustered.resolve(file)), file);
    }
    List<String> runIds = Files.readAllLines(reference.resolve("sweep.csv")).stream().skip(1)
        .map(l -> java.util.Arrays.stream(l.split(",")).filter(f -> f.startsWith(id)).findFirst().orElseThrow())
        .toList();
    assertEquals(runs, runIds.size());
    cluster.assertSameJournals(h2(), runIds);
  }

  private String h2() {
    return "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
  }
}
