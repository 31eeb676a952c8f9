package org.uptake.fit;

import akka.persistence.query.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.uptake.journal.JournalFormat;
import org.uptake.journal.JournalReader;

/** A fit as the journal has it: how it started and every candidate evaluated so far, in number order. */
public record FitLog(Fit.FitStarted started, List<Fit.CandidateEvaluated> candidates) {

  public static Optional<FitLog> read(JournalReader reader, String fitId) {
    List<EventEnvelope> events = reader.events(Fit.persistenceId(fitId), Long.MAX_VALUE);
    if (events.isEmpty()) return Optional.empty();
    Fit.FitStarted started = (Fit.FitStarted) events.get(0).event();
    JournalFormat.check("fit", fitId, started.version(), started.format());
    List<Fit.CandidateEvaluated> candidates = new ArrayList<>();
    for (EventEnvelope e : events.subList(1, events.size())) candidates.add((Fit.CandidateEvaluated) e.event());
    return Optional.of(new FitLog(started, List.copyOf(candidates)));
  }

  /** The ids of every fit in the journal, sorted. */
  public static List<String> ids(JournalReader reader) {
    return reader.ids("Fit|");
  }

  /** Whether the fit evaluated its last candidate: the bootstrap's comes last. */
  public boolean finished() {
    return candidates.stream().anyMatch(c -> c.role() == Fit.Role.BOOTSTRAP);
  }

  public FitSpec spec() {
    return started.spec();
  }

  /** What one tick of the base scenario is called ("week"). */
  public String unit() {
    return org.uptake.scenario.ScenarioLoader.timeUnit(started.baseScenario());
  }
}
