package org.uptake.run;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.RecipientRef;
import akka.actor.typed.javadsl.ActorContext;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.uptake.RuntimeSettings;
import org.uptake.organisation.Department;

/**
 * Stopping a run's departments on cluster members: when a member is lost (news sent to its departments is lost, so
 * the tick in progress cannot complete), when the run is stopped between ticks, and when it ends. The departments
 * on members still up are asked to stop and each confirms once it writes nothing more; the clock reports how the
 * run ended once all have, or after the stop timeout, naming those that did not (a department must never get a
 * second writer, so such a run is not resumed automatically).
 */
final class DepartmentStops {
  /** How long departments asked to stop have to confirm. */
  static final Duration TIMEOUT = RuntimeSettings.get().stopTimeout();

  private final ActorContext<?> context;
  private final ActorRef<Department.Reply> replies;
  /** Watched names ("department Sales") of departments that stopped with their member. */
  private final Set<String> lost = new HashSet<>();
  /** Departments asked to stop that have not yet confirmed it. */
  private final Set<String> unconfirmed = new TreeSet<>();
  /** What to report once they have; null while no stop is under way. */
  private RunClock.Progress outcome;

  DepartmentStops(ActorContext<?> context, ActorRef<Department.Reply> replies) {
    this.context = context;
    this.replies = replies;
  }


  /** A department (by its watched name) that went with its member: it cannot be asked. */
  void lost(String watchedName) {
    lost.add(watchedName);
  }

  /**
   * Asks the departments on members still up to stop, to report {@code outcome} after; {@code overdue} is sent to
   * {@code self} once the timeout is up (at once if none was asked).
   */
  <T> void begin(RunClock.Progress outcome, Map<String, RecipientRef<Department.Command>> departments,
      Map<String, ActorRef<Department.Command>> selves, ActorRef<T> self, T overdue) {
    this.outcome = outcome;
    departments.forEach((name, ref) -> {
      ActorRef<Department.Command> department = selves.get(name);
      if (!lost.contains("department " + name) && (department == null || !memberGone(department))) {
        ref.tell(new Department.Stop(replies));
        unconfirmed.add(name);
      }
    });
    context.scheduleOnce(unconfirmed.isEmpty() ? Duration.ZERO : TIMEOUT, self, overdue);
  }

  /** {@code department} confirmed it stopped; true once every department asked has. */
  boolean confirmed(String department) {
    unconfirmed.remove(department);
    return unconfirmed.isEmpty();
  }

  /** What to report now: the outcome asked for, or, if some did not confirm, a failure that names them. */
  RunClock.Progress outcome(String runId) {
    if (unconfirmed.isEmpty()) return outcome;
    String note = String.join(", ", unconfirmed) + " did not confirm it had stopped within " + TIMEOUT.toSeconds()
        + " s";
    context.getLog().warn("run {}: {}", runId, note);
    if (outcome instanceof RunClock.Interrupted i) {
      return new RunClock.Failed(i.runId(), i.reason() + "; " + note + ", so the run was not resumed automatically "
          + "(a department must never have two writers); resume it once those members have stopped or left");
    }
    if (outcome instanceof RunClock.Stopped st) {
      return new RunClock.Failed(st.runId(), st.reason() + "; " + note + "; resume it once those members have "
          + "stopped or left");
    }
    return outcome;
  }

  /** Whether {@code ref} was on a cluster member that is no longer up (crashed, removed, leaving). */
  boolean memberGone(ActorRef<?> ref) {
    Address where = ref.path().address();
    Cluster cluster = Cluster.get(context.getSystem());
    if (where.hasLocalScope()) where = cluster.selfMember().address();
    for (akka.cluster.Member m : cluster.state().getMembers()) {
      if (m.address().equals(where)) return m.status() != MemberStatus.up() && m.status() != MemberStatus.weaklyUp();
    }
    return true;
  }
}
