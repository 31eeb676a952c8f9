package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.cluster.ClusterConfig;
import org.uptake.cluster.ClusterKey;
import org.uptake.cluster.SameJournal;
import org.uptake.journal.JournalSchema;
import org.uptake.run.Roles;

/**
 * Who may join: a member started by another local user with `--db jdbc:h2:mem:x` once joined without any proof and
 * took departments whose events never reached the shared journal. Now members talk over TLS and accept only holders
 * of the cluster's key, and join only a cluster writing to their journal. An observer in this process (holding the
 * key, on the shared journal) watches who becomes a member.
 */
class ClusterSecurityTest {
  @RegisterExtension final ClusterMembers children = new ClusterMembers();
  @TempDir Path dir;

  @Test
  void onlyHoldersOfTheKeyWritingToTheSameJournalJoin() throws Exception {
    Path key = dir.resolve("key");
    Path otherKey = dir.resolve("someone-elses-key");
    int seedPort = freePort();
    String seed = "127.0.0.1:" + seedPort;
    ClusterMembers.Member first = children.start(Uptake.child("node", "--port", Integer.toString(seedPort),
        "--seed-nodes", seed, "--db", children.url, "--cluster-key", key.toString(), "--jobs", "1"));
    ClusterMembers.awaitLine(first, l -> l.startsWith("uptake node: member"), 120);

    Config observer = ClusterConfig.member("127.0.0.1", 0, List.of(seed), Roles.COORDINATOR,
        ClusterKey.at(key)).withFallback(ConfigFactory.parseMap(Map.of(SameJournal.KEY,
            JournalSchema.identity(JournalSchema.ensure(children.journal())))))
        .withFallback(ConfigFactory.load());
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "uptake", observer);
    try {
      Cluster cluster = Cluster.get(system);
      await(() -> cluster.selfMember().status() == MemberStatus.up(), 60, "the observer joined");

      int strangerPort = freePort();
      children.start(Uptake.child("node", "--port", Integer.toString(strangerPort), "--seed-nodes", seed, "--db",
          children.url, "--cluster-key", otherKey.toString(), "--jobs", "1"));
      int elsewherePort = freePort();
      ClusterMembers.Member elsewhere = children.start(Uptake.child("node", "--port", Integer.toString(elsewherePort), "--seed-nodes", seed, "--db",
          "jdbc:h2:mem:elsewhere", "--cluster-key", key.toString(), "--jobs", "1"));
      int rightPort = freePort();
      children.start(Uptake.child("node", "--port", Integer.toString(rightPort), "--seed-nodes", seed, "--db",
          children.url, "--cluster-key", key.toString(), "--jobs", "1"));

      // The member with the key and the journal joins; by then the other two have had as long to try.
      await(() -> ports(cluster).contains(rightPort), 90, "the member with the key and the journal joined");
      Thread.sleep(5000);
      List<Integer> members = ports(cluster);
      assertFalse(members.contains(strangerPort), "a member without the key is not let in: " + members);
      assertFalse(members.contains(elsewherePort), "a member writing elsewhere is not let in: " + members);
      assertEquals(3, members.size(), members.toString());
      assertTrue(elsewhere.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the refused member ends");
      assertTrue(elsewhere.output().toString().contains("did not join the cluster at " + seed + ": its members write "
          + "to another journal than jdbc:h2:mem:elsewhere"), elsewhere.output().toString());
      assertEquals(Main.FAILED, elsewhere.process().exitValue());
    } finally {
      // Bounded: an observer whose coordinated shutdown timed out once never finished terminating.
      org.uptake.run.Simulation.terminate(system);
    }
  }

  private static List<Integer> ports(Cluster cluster) {
    return StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up())
        .map(Member::address).map(a -> (Integer) a.port().get()).toList();
  }

  private static void await(java.util.function.BooleanSupplier condition, int seconds, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " within " + seconds + " s");
      Thread.sleep(200);
    }
  }

  private static int freePort() throws java.io.IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
