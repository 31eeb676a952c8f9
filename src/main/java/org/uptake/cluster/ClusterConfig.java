package org.uptake.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.stream.Collectors;
import org.uptake.run.Roles;

/**
 * The Akka configuration of a cluster member: Artery TCP on {@code host:port}, the seed nodes to join, its
 * role, and Akka's split brain resolver so that a member that crashes is removed (and its shards move to
 * the others) within seconds. Every member of one cluster must use the same actor system name.
 */
public final class ClusterConfig {
  /**
   * Largest message to a department entity (its roster, the directory): these go through Artery's separate
   * large-message stream, so that they neither hit the 256 KiB limit of ordinary messages nor hold up others.
   */
  public static final int LARGE_MESSAGE_BYTES = 32 * 1024 * 1024;

  private ClusterConfig() {}

  /**
   * {@code seeds} as host:port pairs; members talk over TLS with {@code key} (ClusterKey), and join only members
   * writing to their journal (SameJournal, whose identity the journal session adds).
   */
  public static Config member(String host, int port, List<String> seeds, String role, ClusterKey key) {
    String seedList = seeds.stream().map(s -> "\"akka://uptake@" + s + "\"").collect(Collectors.joining(","));
    return key.config().withFallback(ConfigFactory.parseString(String.join("\n",
        "akka.cluster.configuration-compatibility-check.checkers.uptake-journal = \""
            + SameJournal.class.getName() + "\"",
        "akka.actor.provider = cluster",
        "akka.remote.artery.canonical.hostname = \"" + host + "\"",
        "akka.remote.artery.canonical.port = " + port,
        "akka.cluster.seed-nodes = [" + seedList + "]",
        "akka.cluster.roles = [\"" + role + "\"]",
        // Ctrl-C leaves the cluster gracefully instead of leaving the others to detect a dead member.
        "akka.jvm-shutdown-hooks = on",
        "akka.coordinated-shutdown.run-by-jvm-shutdown-hook = on",
        "akka.cluster.downing-provider-class = \"akka.cluster.sbr.SplitBrainResolverProvider\"",
        // A crashed member is downed after this much stability, and its runs move to the survivors.
        "akka.cluster.split-brain-resolver.stable-after = 5s",
        "akka.cluster.split-brain-resolver.active-strategy = keep-majority",
        // Only workers count towards the majority: the process handing out a sweep is not one of them.
        "akka.cluster.split-brain-resolver.keep-majority.role = \"" + Roles.WORKER + "\"",
        // A run's entity stays where it started: moving it to a member that joined later would start a second
        // copy of the run while the first is still writing it.
        "akka.cluster.sharding.least-shard-allocation-strategy.max-simultaneous-rebalance = 0",
        // A sweep run can be silent for long; its entity must not be passivated while it runs.
        "akka.cluster.sharding.passivation.strategy = none",
        // Messages to departments (through their shard region) may be large: a Form carries the roster.
        "akka.remote.artery.large-message-destinations = [\"/system/sharding/department\"]",
        "akka.remote.artery.advanced.maximum-large-frame-size = " + LARGE_MESSAGE_BYTES + "b",
        "akka.remote.artery.advanced.large-buffer-pool-size = 4",
        "akka.cluster.log-info = off",
        "akka.cluster.jmx.enabled = off")));
  }

  /** host:port, checked; the error names the option. */
  public static String address(String option, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1 || !value.substring(colon + 1).chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(option + " " + value + ": expected host:port, e.g. 127.0.0.1:2551");
    }
    return value;
  }
}
