package org.uptake.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.SpawnProtocol;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.MemberStatus;
import akka.cluster.sharding.typed.javadsl.ClusterSharding;
import akka.cluster.sharding.typed.javadsl.Entity;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.cluster.ClusterConfig;
import org.uptake.model.AdoptionState;
import org.uptake.organisation.Department;
import org.uptake.organisation.DepartmentReport;
import org.uptake.run.Roles;

/**
 * The clock of a run spread over a cluster, against stand-in departments on a one-member cluster in this JVM:
 * what it does when a tick never completes (a message lost between members) and when a department stops on a
 * member that is still up. Either way the other departments are asked to stop, and only once they have
 * confirmed is the run reported interrupted, to be resumed from the journal.
 */
class ClusterClockTest {
  /** What the stand-ins do at tick 3: answer, stay silent, or (Sales only) stop. */
  private enum AtTick3 { ANSWER, SILENT, SALES_STOPS }

  private static volatile AtTick3 atTick3 = AtTick3.ANSWER;
  /** Departments that confirmed a Stop. */
  private static final Set<String> stopped = ConcurrentHashMap.newKeySet();

  @TempDir Path dir;
  private ActorSystem<SpawnProtocol.Command> system;

  @BeforeEach
  void cluster() throws InterruptedException {
    stopped.clear();
    system = TestRuns.system(TestRuns.freshMemoryJournal(),
        ClusterConfig.member("127.0.0.1", 0, List.of(), Roles.WORKER,
            org.uptake.cluster.ClusterKey.at(dir.resolve("cluster-key"))));
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
    for (int k = 0; k < 200 && cluster.selfMember().status() != MemberStatus.up(); k++) Thread.sleep(50);
    assertEquals(MemberStatus.up(), cluster.selfMember().status());
    ClusterSharding.get(system).init(Entity.of(Department.KEY, ctx -> standIn(ctx.getEntityId()))
        .withRole(Roles.WORKER));
  }

  @AfterEach
  void stop() {
    TestRuns.stop(system);
  }

  /** Answers like a department whose people never change, and does at tick 3 what the test says. */
  private static Behavior<Department.Command> standIn(String entityId) {
    String name = entityId.split("\\|", 3)[2];
    return Behaviors.setup(ctx -> {
      int[] headcount = new int[1];
      return Behaviors.receive(Department.Command.class)
          .onMessage(Department.Form.class, f -> {
            headcount[0] = f.roster().members().size();
            f.replyTo().tell(new Department.Ready(name, List.of(), ctx.getSelf()));
            return Behaviors.same();
          })
          .onMessage(Department.Connect.class, c -> {
            c.replyTo().tell(new Department.Connected(name));
            return Behaviors.same();
          })
          .onMessage(Department.Tick.class, t -> {
            if (t.tick() == 3 && atTick3 == AtTick3.SILENT) return Behaviors.same();
            if (t.tick() == 3 && atTick3 == AtTick3.SALES_STOPS && name.equals("Sales")) return Behaviors.stopped();
            int[] counts = new int[AdoptionState.values().length];
            counts[AdoptionState.UNAWARE.ordinal()] = headcount[0];
            t.replyTo().tell(new Department.Resolved(t.tick(), new DepartmentReport(name, counts, 0, 0, 0, 0L),
                new int[0]));
            return Behaviors.same();
          })
          .onMessage(Department.Stop.class, s -> {
            stopped.add(name);
            s.replyTo().tell(new Department.Stopped(name));
            return Behaviors.stopped();
          })
          .build();
    });
  }

  private RunClock.Progress run(String runId, Duration stallTimeout) throws Exception {
    RunPlan plan = TestRuns.plan(TestScenarios.small(dir), runId, List.of("ticks=10"));
    Placement placement = new Placement.Sharded(ClusterSharding.get(system), stallTimeout);
    return Simulation.run(system, plan, p -> { }, org.uptake.run.Brake.NONE, placement).toCompletableFuture()
        .get(2, TimeUnit.MINUTES);
  }

  private static void assertInterrupted(RunClock.Progress outcome, String because) {
    RunClock.Interrupted i = assertInstanceOf(RunClock.Interrupted.class, outcome);
    assertTrue(i.reason().startsWith(because), i.reason());
  }

  @Test
  void allAnsweringTheRunFinishesAndItsDepartmentsAreStopped() throws Exception {
    atTick3 = AtTick3.ANSWER;
    assertEquals(new RunClock.Finished("answered", 10), run("answered", Duration.ofMinutes(1)));
    assertEquals(Set.of("Sales", "Support", "Finance"), stopped, "each stopped with confirmation at the end");
  }

  @Test
  void aTickThatNeverCompletesInterruptsTheRunOnceTheDepartmentsHaveStopped() throws Exception {
    atTick3 = AtTick3.SILENT;
    assertInterrupted(run("stalled", Duration.ofSeconds(2)), "tick 3 did not complete within 2 s");
    assertEquals(Set.of("Sales", "Support", "Finance"), stopped);
  }

  @Test
  void aDepartmentStoppingOnAMemberStillUpInterruptsTheRun() throws Exception {
    atTick3 = AtTick3.SALES_STOPS;
    assertInterrupted(run("sales-stops", Duration.ofMinutes(1)), "department Sales stopped on its cluster member");
    assertEquals(Set.of("Support", "Finance"), stopped, "Sales is gone: only the others are asked");
  }
}
