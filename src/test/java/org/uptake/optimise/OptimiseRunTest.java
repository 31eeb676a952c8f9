package org.uptake.optimise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.JournalSettings;
import org.uptake.run.Brake;

/**
 * An optimisation stopped part-way and resumed evaluates each plan once and ends where an unbroken one does, with
 * another number of parallel runs: the same seed gives the same plans, results and files.
 */
class OptimiseRunTest {
  @TempDir Path dir;

  @Test
  void aResumedOptimisationTakesWhatWasRecordedAndEndsAsAnUnbrokenOne() throws Exception {
    OptimiseSpec spec = OptimiseSpec.load(SmallOptimisation.pilot(dir, 20, 2));
    JournalSettings db = JournalSettings.of("jdbc:h2:file:" + dir.resolve("journal/journal"));
    try (JournalSession session = JournalSession.open(db)) {
      AtomicInteger done = new AtomicInteger();
      Brake afterThree = () -> done.get() >= 3 ? Optional.of("stopped by the test") : Optional.empty();
      OptimiseRun.Outcome first = OptimiseRun.local(session, OptimiseRun.begin(session, "broken", spec), 2, afterThree,
          0, dir.resolve("out-broken"), (p, fromJournal) -> done.incrementAndGet());
      assertEquals(new OptimiseRun.Stopped(3), first);
      assertFalse(Files.exists(dir.resolve("out-broken/optimise.json")), "an unfinished optimisation writes nothing");
    }
    try (JournalSession session = JournalSession.open(db)) {
      List<Integer> fromJournal = new ArrayList<>();
      List<Integer> evaluated = new ArrayList<>();
      OptimiseRun.Outcome resumed = OptimiseRun.local(session, OptimiseRun.resumed(session, "broken"), 2, Brake.NONE,
          0, dir.resolve("out-broken"), (p, journal) -> (journal ? fromJournal : evaluated).add(p.number()));
      assertInstanceOf(OptimiseRun.Finished.class, resumed);
      assertEquals(List.of(1, 2, 3), fromJournal);
      // The baseline, the four plans within the budget (every pilot at level 0.4), then three confirmations.
      assertEquals(List.of(4, 5, 6, 7, 8), evaluated);
    }
    try (JournalSession session = JournalSession.open(db)) {
      OptimiseRun.local(session, OptimiseRun.begin(session, "unbroken", spec), 1, Brake.NONE, 0,
          dir.resolve("out-unbroken"), (p, journal) -> { });
      List<Optimisation.PlanEvaluated> a = OptimiseLog.read(session.reader, "broken").orElseThrow().plans();
      List<Optimisation.PlanEvaluated> b = OptimiseLog.read(session.reader, "unbroken").orElseThrow().plans();
      assertEquals(b, a);
    }
    for (String f : List.of("plans.csv", "frontier.svg")) {
      assertEquals(Files.readString(dir.resolve("out-unbroken").resolve(f)),
          Files.readString(dir.resolve("out-broken").resolve(f)), f);
    }
  }
}
