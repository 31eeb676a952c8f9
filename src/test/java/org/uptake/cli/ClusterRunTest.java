package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run spread over three worker members (separate JVMs, `uptake node`) on loopback, with the PostgreSQL
 * journal of .ci/run: its departments are placed on more than one member, and its journal is the journal of the
 * same run on one machine (H2), event for event and byte for byte, with the same timeseries.csv; and so it is
 * when a member holding departments is killed (SIGKILL) in the middle of the run.
 */
class ClusterRunTest {
  private static final Pattern MEMBER = Pattern.compile("(127\\.0\\.0\\.1:\\d+) \\(");

  @TempDir Path dir;
  @RegisterExtension final ClusterMembers cluster = new ClusterMembers();

  @Test
  void aRunOnThreeMembersWritesTheJournalOfTheRunOnOneMachine() throws Exception {
    String id = "cluster-run-" + System.nanoTime();
    referenceRun(id, 104);
    ClusterMembers.Member coordinator = startRun(id, 104, cluster.startWorkers(3));
    ClusterMembers.assertSucceeded(coordinator);
    assertTrue(placement(coordinator).size() >= 2, "the departments are spread: " + coordinator.output());
    assertSameRun(id);
  }

  @Test
  void aMemberKilledMidRunLosesNothing() throws Exception {
    memberGoesMidRun("cluster-run-kill-", Process::destroyForcibly);
  }

  @Test
  void aMemberLeavingMidRunLosesNothing() throws Exception {
    // SIGTERM: the member hands its departments off and leaves the cluster gracefully.
    memberGoesMidRun("cluster-run-leave-", Process::destroy);
  }

  /** A run over three members during which {@code end} ends a member holding some of its departments. */
  private void memberGoesMidRun(String prefix, java.util.function.Consumer<Process> end) throws Exception {
    String id = prefix + System.nanoTime();
    referenceRun(id, 260);
    List<String> seeds = cluster.startWorkers(3);
    ClusterMembers.Member coordinator = startRun(id, 260, seeds);
    ClusterMembers.awaitLine(coordinator, l -> l.startsWith("tick 20/"), 180);
    // A member that holds departments, and not the first seed (likely the oldest member, which also hosts the
    // shard coordinator): this test is about losing departments. Workers were started in the order of the seeds.
    String victim = placement(coordinator).stream().filter(m -> !m.equals(seeds.get(0))).findFirst().orElseThrow();
    Process process = cluster.members.get(seeds.indexOf(victim)).process();
    end.accept(process);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the member ended");
    ClusterMembers.assertSucceeded(coordinator);
    assertTrue(coordinator.printed(l -> l.contains("resuming it from the journal on the members left")),
        coordinator.output().toString());
    assertSameRun(id);
  }

  /** `uptake run --cluster` of the organic scenario in a child JVM, waiting for all three workers. */
  private ClusterMembers.Member startRun(String id, int ticks, List<String> seeds) throws Exception {
    return cluster.start(Uptake.child("run", "simulations/from-the-edges.conf", "--set", "ticks=" + ticks,
        "--cluster", "--seed-nodes", String.join(",", seeds), "--workers", "3", "--db", cluster.url,
        "--run-id", id, "--out", dir.resolve("cluster").toString(), "--progress", "lines"));
  }

  private void referenceRun(String id, int ticks) {
    Uptake.Result r = Uptake.run("run", "simulations/from-the-edges.conf", "--set", "ticks=" + ticks,
        "--run-id", id, "--db", h2(), "--out", dir.resolve("one").toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
  }

  private String h2() {
    return "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
  }

  /** The members the run's departments were first placed on, from the line `uptake run` prints. */
  private static Set<String> placement(ClusterMembers.Member coordinator) throws InterruptedException {
    ClusterMembers.awaitLine(coordinator, l -> l.startsWith("Departments on members: "), 60);
    String line = coordinator.output().toString().lines().filter(l -> l.startsWith("Departments on members: "))
        .findFirst().orElseThrow();
    Set<String> members = new TreeSet<>();
    for (Matcher m = MEMBER.matcher(line); m.find(); ) members.add(m.group(1));
    return members;
  }

  private void assertSameRun(String id) throws Exception {
    assertArrayEquals(Files.readAllBytes(dir.resolve("one").resolve(id).resolve("timeseries.csv")),
        Files.readAllBytes(dir.resolve("cluster").resolve(id).resolve("timeseries.csv")));
    cluster.assertSameJournals(h2(), List.of(id));
  }
}
