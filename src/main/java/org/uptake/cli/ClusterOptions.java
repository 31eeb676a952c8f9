package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.nio.file.Path;
import org.uptake.cluster.ClusterConfig;
import org.uptake.cluster.ClusterKey;
import picocli.CommandLine.Option;

/** Where this process sits in an Akka cluster: shared by `uptake node` and `uptake sweep --cluster`. */
final class ClusterOptions {
  @Option(names = "--seed-nodes", paramLabel = "HOST:PORT", split = ",",
      description = "Members to join through (the same list on every member), e.g. 127.0.0.1:2551,127.0.0.1:2552.")
  List<String> seeds;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address other members reach this one at (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--cluster-key", paramLabel = "DIR",
      description = "The folder with the cluster's key (key.p12 and password), the same on every member: members "
          + "talk over TLS and accept only each other. Made on first use; copy it to every machine "
          + "(default: ~/.config/uptake/cluster).")
  Path key;

  @Option(names = "--port", paramLabel = "PORT",
      description = "Port of this member (default: 2551 for a node, any free port for a run or sweep).")
  Integer port;

  /** This member's Akka configuration; usage errors name the option. */
  Config config(String role, int defaultPort) {
    if (seeds == null || seeds.isEmpty()) {
      throw new Errors.UsageException("--seed-nodes: expected host:port of one or more members, e.g. "
          + "--seed-nodes 127.0.0.1:2551,127.0.0.1:2552");
    }
    int p = port != null ? port : defaultPort;
    if (p < 0 || p > 65535) throw new Errors.UsageException("--port " + p + ": expected 0 to 65535");
    try {
      seeds.forEach(s -> ClusterConfig.address("--seed-nodes", s));
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException(e.getMessage());
    }
    ClusterKey k;
    try {
      k = ClusterKey.at(key != null ? key : ClusterKey.defaultFolder());
    } catch (IllegalArgumentException e) {
      throw new Errors.UsageException("--cluster-key: " + e.getMessage());
    }
    return ClusterConfig.member(host, p, seeds, role, k);
  }

  /** Waits until this member is up and at least {@code workers} worker members are; false on timeout. */
  static boolean awaitWorkers(ActorSystem<?> system, int workers, Duration timeout) throws InterruptedException {
    Cluster cluster = Cluster.get(system);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long up = 0;
      for (akka.cluster.Member m : cluster.state().getMembers()) {
        if (m.status() == MemberStatus.up() && m.hasRole(ClusterConfig.WORKER)) up++;
      }
      if (cluster.selfMember().status() == MemberStatus.up() && up >= workers) return true;
      Thread.sleep(200);
    }
    return false;
  }
}
