package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.journal.JournalSettings;

/**
 * A sweep spread over three worker members (separate JVMs, `uptake node`) on loopback, with the PostgreSQL
 * journal of .ci/run, against the same sweep on one machine: the same sweep.csv and, run by run, the same
 * journal byte for byte; and the same again when a member is killed (SIGKILL) in the middle of the sweep.
 */
class ClusterSweepTest {
  @TempDir Path dir;
  private final List<Member> members = new ArrayList<>();
  private String url;
  private String user;
  private String password;

  /** A child process and everything it has printed so far. */
  private record Member(Process process, StringBuffer output) {
    boolean printed(Predicate<String> line) {
      return output.toString().lines().anyMatch(line);
    }
  }

  @BeforeEach
  void postgres() {
    url = System.getenv("UPTAKE_TEST_POSTGRES_URL");
    assertNotNull(url, "this test needs a PostgreSQL database: run it through .ci/run, which starts one and sets "
        + "UPTAKE_TEST_POSTGRES_URL (or set it, with _USER and _PASSWORD, to a database of your own)");
    user = System.getenv("UPTAKE_TEST_POSTGRES_USER");
    password = System.getenv("UPTAKE_TEST_POSTGRES_PASSWORD");
  }

  @AfterEach
  void stopMembers() throws InterruptedException {
    for (Member m : members) m.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Test
  void aSweepOnThreeMembersEqualsTheSweepOnOneMachine() throws Exception {
    String id = "cluster-" + System.nanoTime();
    Path sweep = sweepFile(2);
    Path reference = referenceSweep(sweep, id);
    Member coordinator = startSweep(sweep, id, startWorkers(3));
    assertFinished(coordinator);
    assertSameSweep(reference, dir.resolve("cluster").resolve(id), id, 4);
  }

  @Test
  void aMemberKilledMidSweepLosesNothing() throws Exception {
    String id = "cluster-kill-" + System.nanoTime();
    Path sweep = sweepFile(4);
    Path reference = referenceSweep(sweep, id);
    Member coordinator = startSweep(sweep, id, startWorkers(3));
    awaitLine(coordinator, l -> l.startsWith("run 1/8 done"), 180);
    Process victim = members.get(1).process();
    victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertFinished(coordinator);
    assertSameSweep(reference, dir.resolve("cluster").resolve(id), id, 8);
  }

  /** `uptake sweep --cluster` in a child JVM, through {@code seeds}, waiting for all three workers. */
  private Member startSweep(Path sweep, String id, List<String> seeds) throws IOException {
    return start(withCredentials(Uptake.child("sweep", sweep.toString(), "--cluster", "--seed-nodes",
        String.join(",", seeds), "--workers", "3", "--db", url, "--sweep-id", id, "--out",
        dir.resolve("cluster").toString(), "--progress", "lines")));
  }

  private static void assertFinished(Member coordinator) throws InterruptedException {
    assertTrue(coordinator.process().waitFor(5, TimeUnit.MINUTES), "the sweep finished: " + coordinator.output());
    assertEquals(0, coordinator.process().exitValue(), coordinator.output().toString());
  }

  /** The organic scenario, 26 weeks, two enthusiast counts, {@code seeds} seeds. */
  private Path sweepFile(int seeds) throws IOException {
    Path base = Path.of("simulations/from-the-edges.conf").toAbsolutePath();
    return Files.writeString(dir.resolve("sweep.conf"), "base = \"" + base + "\"\nseeds = " + seeds
        + "\nfirst-seed = 1\nvary { \"seeding.enthusiasts\" = [8, 24], ticks = [26] }\n"
        + "metrics = [final_active_fraction, sustained_adoption]\njournal = full\n");
  }

  private Path referenceSweep(Path sweep, String id) {
    String h2 = "jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath();
    Uptake.Result r = Uptake.run("sweep", sweep.toString(), "--sweep-id", id, "--db", h2, "--out",
        dir.resolve("one").toString(), "--quiet", "--jobs", "2");
    assertEquals(0, r.status(), r.err());
    return dir.resolve("one").resolve(id);
  }

  private void assertSameSweep(Path reference, Path cluster, String id, int runs) throws Exception {
    for (String file : List.of("sweep.csv", "sweep-summary.csv")) {
      assertArrayEquals(Files.readAllBytes(reference.resolve(file)), Files.readAllBytes(cluster.resolve(file)), file);
    }
    List<String> runIds = Files.readAllLines(reference.resolve("sweep.csv")).stream().skip(1)
        .map(l -> java.util.Arrays.stream(l.split(",")).filter(f -> f.startsWith(id)).findFirst().orElseThrow())
        .toList();
    assertEquals(runs, runIds.size());
    ActorSystem<?> h2 = TestRuns.system(JournalSettings.of("jdbc:h2:file:" + dir.resolve("reference").toAbsolutePath()));
    ActorSystem<?> pg = TestRuns.system(new JournalSettings(url, user, password, JournalSettings.Dialect.POSTGRES));
    try {
      for (String run : runIds) TestRuns.assertSameJournal(TestRuns.journal(h2, run), TestRuns.journal(pg, run));
    } finally {
      TestRuns.stop(h2);
      TestRuns.stop(pg);
    }
  }

  /** Starts {@code n} worker members, one run at a time each; returns their addresses once all are up. */
  private List<String> startWorkers(int n) throws Exception {
    List<String> seeds = new ArrayList<>();
    for (int k = 0; k < n; k++) seeds.add("127.0.0.1:" + freePort());
    for (String s : seeds) {
      start(withCredentials(Uptake.child("node", "--port", s.substring(s.indexOf(':') + 1), "--seed-nodes",
          String.join(",", seeds), "--db", url, "--jobs", "1")));
    }
    for (Member m : List.copyOf(members)) awaitLine(m, l -> l.startsWith("uptake node: member"), 120);
    return seeds;
  }

  private ProcessBuilder withCredentials(ProcessBuilder b) {
    if (user != null) b.environment().put("UPTAKE_DB_USER", user);
    if (password != null) b.environment().put("UPTAKE_DB_PASSWORD", password);
    return b;
  }

  private Member start(ProcessBuilder b) throws IOException {
    Process p = b.start();
    StringBuffer output = new StringBuffer();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) output.append(line).append('\n');
      } catch (IOException e) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    Member m = new Member(p, output);
    members.add(m);
    return m;
  }

  private static void awaitLine(Member m, Predicate<String> line, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!m.printed(line)) {
      assertTrue(m.process().isAlive() || m.printed(line), "the process ended early: " + m.output());
      assertTrue(System.nanoTime() < deadline, "no such line within " + seconds + " s: " + m.output());
      Thread.sleep(100);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
