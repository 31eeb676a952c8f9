package org.uptake.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** A fit stopped part-way and resumed evaluates each candidate once, and ends where an unbroken fit does. */
class FitRunTest {
  @TempDir Path dir;

  @Test
  void aResumedFitTakesWhatWasRecordedAndEndsAsAnUnbrokenOne() throws Exception {
    FitSpec.Loaded loaded = FitSpec.load(SmallFit.write(dir));
    JournalSettings db = JournalSettings.of("jdbc:h2:file:" + dir.resolve("journal/journal"));
    FitRun.Finished[] finished = {null};
    try (JournalSession session = JournalSession.open(db)) {
      AtomicInteger done = new AtomicInteger();
      Brake afterNine = () -> done.get() >= 9 ? Optional.of("stopped by the test") : Optional.empty();
      FitRun.Outcome first = FitRun.local(session, FitRun.begin(session, "broken", loaded), 2, afterNine, 0,
          dir.resolve("out-broken"), (c, fromJournal) -> done.incrementAndGet());
      assertEquals(new FitRun.Stopped(9), first);
      assertEquals(9, FitLog.read(session.reader, "broken").orElseThrow().candidates().size());
      assertFalse(Files.exists(dir.resolve("out-broken/fit.json")), "an unfinished fit writes no results");
    }
    // As after a kill: a new process, its own session.
    try (JournalSession session = JournalSession.open(db)) {
      List<Integer> fromJournal = new ArrayList<>();
      List<Integer> evaluated = new ArrayList<>();
      FitRun.Outcome resumed = FitRun.local(session, FitRun.resumed(session, "broken"), 2, Brake.NONE, 0,
          dir.resolve("out-broken"), (c, journal) -> (journal ? fromJournal : evaluated).add(c.number()));
      assertInstanceOf(FitRun.Finished.class, resumed);
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), fromJournal);
      assertEquals(10, evaluated.get(0));
      assertEquals(evaluated.size(), evaluated.stream().distinct().count(), "no candidate evaluated twice");
      finished[0] = (FitRun.Finished) resumed;
    }
    try (JournalSession session = JournalSession.open(db)) {

      FitRun.Outcome unbroken = FitRun.local(session, FitRun.begin(session, "unbroken", loaded), 1, Brake.NONE, 0,
          dir.resolve("out-unbroken"), (c, journal) -> { });
      List<Fit.CandidateEvaluated> a = FitLog.read(session.reader, "broken").orElseThrow().candidates();
      List<Fit.CandidateEvaluated> b = FitLog.read(session.reader, "unbroken").orElseThrow().candidates();
      assertEquals(b.size(), a.size());
      assertTrue(a.size() >= 24 + 4 + 1 && a.size() <= FitSearch.most(loaded.spec()), "24 searched, then at least one "
          + "Jacobian (4) and the bootstrap: " + a.size());
      for (int i = 0; i < a.size(); i++) {
        assertEquals(b.get(i).values(), a.get(i).values(), "candidate " + (i + 1));
        assertEquals(b.get(i).series(), a.get(i).series(), "candidate " + (i + 1));
        assertEquals(b.get(i).loss(), a.get(i).loss(), "candidate " + (i + 1));
      }
      assertEquals(((FitRun.Finished) unbroken).analysis().parameters(), finished[0].analysis().parameters());
      for (String f : List.of("fit.json", "fit.csv", "trace.csv", "best.conf", "fit.png", "report.html")) {
        assertTrue(Files.size(dir.resolve("out-broken").resolve(f)) > 0, f);
      }
    }
  }
}
