package org.uptake.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSettings;

class RunClockTest {

  @Test
  void reportsEveryTickAndAFinishedRunIsNotRunAgain(@TempDir Path dir) throws Exception {
    JournalSettings db = TestRuns.freshMemoryJournal();
    RunPlan plan = TestRuns.plan(TestScenarios.small(dir), "once", List.of("ticks=12"));
    ActorSystem<SpawnProtocol.Command> system = TestRuns.system(db);
    try {
      List<Integer> ticks = new ArrayList<>();
      RunClock.Progress p = Simulation.run(system, plan, t -> ticks.add(t.tick())).toCompletableFuture().get();
      assertEquals(new RunClock.Finished("once", 12), p);
      assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), ticks);
      int events = new JournalReader(system).events(RunClock.persistenceId("once"), Long.MAX_VALUE).size();
      assertEquals(1 + 13 + 1, events, "started, 13 ticks, finished");
    } finally {
      TestRuns.stop(system);
    }
    // A new process recovers the clock from the journal: it is finished, so nothing is run or written again.
    ActorSystem<SpawnProtocol.Command> again = TestRuns.system(db);
    try {
      RunClock.Progress p = Simulation.run(again, plan.resumed(), t -> { throw new AssertionError("ran tick " + t); })
          .toCompletableFuture().get();
      assertInstanceOf(RunClock.Finished.class, p);
      assertEquals(12, ((RunClock.Finished) p).lastTick());
      assertEquals(15, new JournalReader(again).events(RunClock.persistenceId("once"), Long.MAX_VALUE).size());
      // A new run under the same id (another process started it first) is refused, and writes nothing.
      RunClock.Progress refused = Simulation.run(again, plan, t -> { throw new AssertionError("ran tick " + t); })
          .toCompletableFuture().get();
      assertInstanceOf(RunClock.Refused.class, refused);
      assertEquals(15, new JournalReader(again).events(RunClock.persistenceId("once"), Long.MAX_VALUE).size());
    } finally {
      TestRuns.stop(again);
    }
  }
}
