package org.uptake.run;

import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import java.time.Duration;

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
   * have initialised that entity type, as `uptake node` does. A tick that takes longer than {@code stallTimeout}
   * is taken to have lost a message between members, and the run is resumed from the journal.
   */
  record Sharded(ClusterSharding sharding, Duration stallTimeout) implements Placement {

    /** A tick of a million people takes seconds; ten minutes means something was lost. */
    public static final Duration STALL_TIMEOUT = Duration.ofMinutes(10);

    public Sharded(ClusterSharding sharding) {
      this(sharding, STALL_TIMEOUT);
    }
  }
}
