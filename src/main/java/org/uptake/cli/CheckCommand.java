package org.uptake.cli;

import akka.persistence.query.EventEnvelope;
import akka.persistence.typed.PersistenceId;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.journal.JournalReader;
import org.uptake.journal.RunLog;
import org.uptake.organisation.Department;
import org.uptake.report.RunProjection;
import org.uptake.run.RunClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Checks that recorded runs are whole: every entity's events in sequence with no gap, the "
        + "ticks of every department and of the clock in order, the end marker last, and the series rebuildable "
        + "from the journal with counts that match the clock's. Reads only; exit status 1 if any run is damaged.",
        "Example: uptake check            (every run)    uptake check mandate-42"})
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "RUN_ID", description = "One run (default: every run).")
  String runId;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal)) {
      List<String> ids = runId != null ? List.of(runId) : session.reader.runIds();
      if (runId != null) session.header(runId);
      int damaged = 0;
      PrintWriter out = spec.commandLine().getOut();
      for (String id : ids) {
        List<String> problems = problems(session, id);
        if (problems.isEmpty()) {
          RunLog log = session.header(id);
          out.printf("ok       %s: %s, %ss 0 to %d%n", id, log.status(), log.facts().unit(), Math.max(0, log.lastTick()));
        } else {
          damaged++;
          out.printf("DAMAGED  %s: %s%n", id, String.join("; ", problems));
        }
      }
      out.printf("%d run(s) checked, %d damaged.%n", ids.size(), damaged);
      return damaged == 0 ? 0 : Main.FAILED;
    }
  }

  static List<String> problems(JournalSession session, String id) {
    List<String> problems = new ArrayList<>();
    RunClock.RunStarted started = session.header(id).started();
    for (PersistenceId pid : JournalReader.entities(started)) {
      List<EventEnvelope> events = session.reader.events(pid, Long.MAX_VALUE);
      if (events.isEmpty()) {
        // An executive who never acted (no support, no intervention) writes nothing; everyone else does.
        if (!pid.id().startsWith("Executive|")) problems.add(pid.id() + " has no events");
        continue;
      }
      for (int i = 0; i < events.size(); i++) {
        if (events.get(i).sequenceNr() != i + 1) {
          problems.add(pid.id() + " jumps from event " + i + " to " + events.get(i).sequenceNr());
          break;
        }
      }
      if (pid.id().startsWith("Department|")) checkTicks(pid, events, Department.Formed.class, "its roster", problems);
      if (pid.id().startsWith("Run|")) checkTicks(pid, events, RunClock.RunStarted.class, "RunStarted", problems);
    }
    if (problems.isEmpty()) {
      try {
        RunProjection.project(session.log(id));
      } catch (RuntimeException e) {
        problems.add("cannot be rebuilt: " + e.getMessage());
      }
    }
    return problems;
  }

  /**
   * The first event is the entity's own ({@code first}); then ticks follow one another from 0, or from a
   * branch's restored tick, and an end marker, if any, comes last.
   */
  private static void checkTicks(PersistenceId pid, List<EventEnvelope> events, Class<?> first, String firstName,
      List<String> problems) {
    if (!first.isInstance(events.get(0).event())) {
      problems.add(pid.id() + " does not start with " + firstName);
      return;
    }
    int expected = 0;
    for (int i = 1; i < events.size(); i++) {
      Object e = events.get(i).event();
      if (e instanceof Department.Restored || e instanceof RunClock.Restored) {
        expected = ExportCommand.tickOf(e) + 1;
      } else if (e instanceof Department.TickResolved || e instanceof RunClock.TickCompleted) {
        int tick = ExportCommand.tickOf(e);
        if (tick != expected) {
          problems.add(pid.id() + " has tick " + tick + " where tick " + expected + " was due");
          return;
        }
        expected++;
      } else if (e instanceof RunClock.RunFinished && i != events.size() - 1) {
        problems.add(pid.id() + " has events after its end marker");
        return;
      }
    }
  }
}
