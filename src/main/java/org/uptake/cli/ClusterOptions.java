package org.uptake.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
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
      description = "Port of this member (default: 2551 for a node, any free port for the command that coordinates).")
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


}
