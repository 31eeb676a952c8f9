package org.uptake.run;

import akka.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Where a run's departments (and with them their workgroups and people) live. The clock and the executives
 * stay with the process that runs the clock either way.
 */
public sealed interface Placement permits Placement.Local, Placement.Sharded {

  /** Children of the clock, in this process. */
  Placement LOCAL = new Local();

  final class Local implements Placement {
    private Local() {}
  }

  /**
   * Cluster Sharding entities ({@code Department.KEY}) spread over the cluster's worker members, which must
   * have initialised that entity type, as `uptake node` does.
   */
  record Sharded(ClusterSharding sharding) implements Placement {}
}
