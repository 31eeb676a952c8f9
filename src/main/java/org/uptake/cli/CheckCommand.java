package org.uptake.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.DamagedRun;
import org.uptake.journal.JournalException;
import org.uptake.journal.RunLog;
import org.uptake.journal.Snapshots;
import org.uptake.report.RunProjection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Checks that recorded runs are whole and unedited: every entity's events numbered in sequence "
        + "and of its own kinds, the ticks of every department and of the clock in order, the end marker last, "
        + "every person on one roster and changed only by their own department, executives acting within the run, "
        + "each department's changes matching the counts and the digest the clock recorded for them, and every "
        + "snapshot readable. Names each damaged run and what is wrong with it, and goes on to the next. Reads "
        + "only; exit status 1 if any run is damaged.",
        "Example: uptake check            (every run)    uptake check mandate-42"})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RUN_ID", description = "One run (default: every run).")
  String runId;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      List<String> all = session.reader.runIds();
      if (runId != null && !all.contains(runId)) session.header(runId);
      List<String> ids = runId != null ? List.of(runId) : all;
      int damaged = 0;
      PrintWriter out = spec.commandLine().getOut();
      for (String id : ids) {
        List<String> problems = problems(session, id);
        if (problems.isEmpty()) {
          RunLog log = session.header(id);
          out.printf("ok       %s: %s, %ss 0 to %d%n", id, log.status(), log.facts().unit(),
              Math.max(0, log.lastTick()));
        } else {
          damaged++;
          out.printf("DAMAGED  %s: %s%n", id, String.join("; ", problems));
        }
        out.flush();
      }
      out.printf("%d run(s) checked, %d damaged.%n", ids.size(), damaged);
      return damaged == 0 ? 0 : Main.FAILED;
    }
  }

  /** What is wrong with one run, or nothing; a run's damage never stops the others from being checked. */
  static List<String> problems(JournalSession session, String id) {
    List<String> problems = new ArrayList<>();
    try {
      RunProjection.project(session.log(id));
    } catch (DamagedRun e) {
      problems.add(e.problem());
    } catch (JournalException e) {
      problems.add("cannot be read: " + e.getMessage());
    }
    try {
      problems.addAll(Snapshots.undecodable(session.db, session.system(), session.reader.storedEntities(id)));
    } catch (JournalException e) {
      problems.add("its snapshots cannot be read: " + e.getMessage());
    }
    return problems;
  }
}
