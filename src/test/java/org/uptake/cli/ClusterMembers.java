package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.uptake.TestRuns;
import org.uptake.journal.JournalSettings;

/**
 * Child JVMs of a cluster on loopback for the cluster tests: `uptake node` workers and the process that uses
 * them, all on the PostgreSQL journal that .ci/run starts (UPTAKE_TEST_POSTGRES_URL, _USER, _PASSWORD). A test
 * registers it as an extension ({@code @RegisterExtension}), which ends every child after each test.
 */
final class ClusterMembers implements AfterEachCallback {
  final String url;
  final String user;
  final String password;
  final List<Member> members = new ArrayList<>();

  /** A child process and everything it has printed so far. */
  record Member(Process process, StringBuffer output) {
    boolean printed(Predicate<String> line) {
      return output.toString().lines().anyMatch(line);
    }
  }

  ClusterMembers() {
    url = System.getenv("UPTAKE_TEST_POSTGRES_URL");
    assertNotNull(url, "this test needs a PostgreSQL database: run it through .ci/run, which starts one and sets "
        + "UPTAKE_TEST_POSTGRES_URL (or set it, with _USER and _PASSWORD, to a database of your own)");
    user = System.getenv("UPTAKE_TEST_POSTGRES_USER");
    password = System.getenv("UPTAKE_TEST_POSTGRES_PASSWORD");
  }

  JournalSettings journal() {
    return new JournalSettings(url, user, password, JournalSettings.Dialect.POSTGRES, url);
  }

  /** Starts {@code n} worker members, one run at a time each; returns their addresses once all are up. */
  List<String> startWorkers(int n) throws Exception {
    List<String> seeds = new ArrayList<>();
    for (int k = 0; k < n; k++) seeds.add("127.0.0.1:" + freePort());
    List<Member> workers = new ArrayList<>();
    for (String s : seeds) {
      workers.add(start(Uptake.child("node", "--port", s.substring(s.indexOf(':') + 1), "--seed-nodes",
          String.join(",", seeds), "--db", url, "--jobs", "1")));
    }
    for (Member m : workers) awaitLine(m, l -> l.startsWith("uptake node: member"), 120);
    return seeds;
  }

  /** Starts {@code b} with the journal's credentials, collecting its output. */
  Member start(ProcessBuilder b) throws IOException {
    if (user != null) b.environment().put("UPTAKE_DB_USER", user);
    if (password != null) b.environment().put("UPTAKE_DB_PASSWORD", password);
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

  static void awaitLine(Member m, Predicate<String> line, int seconds) throws InterruptedException {
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

  /** Waits (up to 5 minutes) for {@code m} to end, and checks it succeeded. */
  static void assertSucceeded(Member m) throws InterruptedException {
    assertTrue(m.process().waitFor(5, TimeUnit.MINUTES), "it finished: " + m.output());
    assertEquals(0, m.process().exitValue(), m.output().toString());
  }

  /** Each run's journal in the H2 journal {@code h2} equals, entity by entity and byte for byte, its own here. */
  void assertSameJournals(String h2, List<String> runIds) throws Exception {
    ActorSystem<?> one = TestRuns.system(JournalSettings.of(h2));
    ActorSystem<?> shared = TestRuns.system(journal());
    try {
      for (String run : runIds) TestRuns.assertSameJournal(TestRuns.journal(one, run), TestRuns.journal(shared, run));
    } finally {
      TestRuns.stop(one);
      TestRuns.stop(shared);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    for (Member m : members) m.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }
}
