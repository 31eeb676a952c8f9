package org.uptake.run;

import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import java.time.Duration;

/** The roles of cluster members: the clock counts the workers that host departments, and waits for them. */
public final class Roles {
  /** Members that host departments and run sweep runs; the process that starts a run or sweep joins without it. */
  public static final String WORKER = "worker";
  /** The process that starts a run or sweep over the cluster and joins only to coordinate it. */
  public static final String COORDINATOR = "coordinator";

  private Roles() {}

  /** Waits until this member is up and at least {@code workers} worker members are; false on timeout. */
  public static boolean awaitWorkers(ActorSystem<?> system, int workers, Duration timeout) throws InterruptedException {
    Cluster cluster = Cluster.get(system);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      long up = 0;
      for (akka.cluster.Member m : cluster.state().getMembers()) {
        if (m.status() == MemberStatus.up() && m.hasRole(Roles.WORKER)) up++;
      }
      if (cluster.selfMember().status() == MemberStatus.up() && up >= workers) return true;
      Thread.sleep(200);
    }
    return false;
  }
}
