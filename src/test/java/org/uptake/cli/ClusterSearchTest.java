package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.fit.SmallFit;
import org.uptake.optimise.SmallOptimisation;

/**
 * A fit and an optimisation whose candidates' runs are done by worker members (separate JVMs, `uptake node`) on
 * loopback, with the PostgreSQL journal of .ci/run, against the same on one machine: the same files byte for byte
 * (every candidate's runs have the same seeds wherever they run), and the same again when a member is killed
 * (SIGKILL) in the middle of the search.
 */
class ClusterSearchTest {
  @TempDir Path dir;
  @RegisterExtension final ClusterMembers cluster = new ClusterMembers();

  @Test
  void aFitOnTwoMembersEqualsOneOnOneMachine() throws Exception {
    List<String> seeds = cluster.startWorkers(2);
    Path fit = SmallFit.write(dir);
    String fitId = "cluster-fit-" + System.nanoTime();
    Path reference = local("fit", fit, "--fit-id", fitId);
    ClusterMembers.Member coordinator = clustered(seeds, 2, "fit", fit, "--fit-id", fitId);
    ClusterMembers.assertSucceeded(coordinator);
    assertSameFiles(reference, dir.resolve("cluster-fit"), List.of("fit.csv", "fit.json", "best.conf"));
  }

  /** An optimisation's equality with one machine is checked here, with a member lost on the way. */
  @Test
  void aMemberKilledMidOptimisationLosesNothing() throws Exception {
    List<String> seeds = cluster.startWorkers(3);
    Path opt = SmallOptimisation.pilot(dir, 20, 4);
    String id = "cluster-opt-kill-" + System.nanoTime();
    Path reference = local("optimise", opt, "--optimisation-id", id);
    ClusterMembers.Member coordinator = clustered(seeds, 3, "optimise", opt, "--optimisation-id", id);
    ClusterMembers.awaitLine(coordinator, l -> l.startsWith("plan 2 "), 180);
    Process victim = cluster.members.get(1).process();
    victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    ClusterMembers.assertSucceeded(coordinator);
    assertTrue(coordinator.printed(l -> l.startsWith("plan 8 ")), "every plan and its confirmation was done: "
        + coordinator.output());
    assertSameFiles(reference, dir.resolve("cluster-optimise"), List.of("plans.csv", "optimise.json", "best.conf"));
  }

  /** {@code command file args} on one machine, into dir/one-COMMAND, on an H2 journal of its own. */
  private Path local(String command, Path file, String idOption, String id) {
    Uptake.Result r = Uptake.run(command, file.toString(), idOption, id, "--db",
        "jdbc:h2:file:" + dir.resolve("reference-" + command).toAbsolutePath(), "--out",
        dir.resolve("one-" + command).toString(), "--quiet", "--jobs", "2");
    assertEquals(0, r.status(), r.err());
    return dir.resolve("one-" + command);
  }

  /** {@code command file args --cluster} in a child JVM, waiting for {@code workers} members, into dir/cluster-COMMAND. */
  private ClusterMembers.Member clustered(List<String> seeds, int workers, String command, Path file,
      String idOption, String id) throws Exception {
    return cluster.start(Uptake.child(command, file.toString(), idOption, id, "--cluster", "--seed-nodes",
        String.join(",", seeds), "--workers", String.valueOf(workers), "--db", cluster.url, "--out",
        dir.resolve("cluster-" + command).toString(), "--progress", "lines"));
  }

  /** The same bytes, but for the folder's own path (best.conf says how to run it). */
  private static void assertSameFiles(Path reference, Path clustered, List<String> files) throws Exception {
    for (String f : files) {
      assertEquals(Files.readString(reference.resolve(f)).replace(reference.toString(), clustered.toString()),
          Files.readString(clustered.resolve(f)), f);
    }
  }
}
