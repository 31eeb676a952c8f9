package org.uptake.optimise;

import akka.persistence.query.EventEnvelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.uptake.journal.JournalFormat;
import org.uptake.journal.JournalReader;

/** An optimisation as the journal has it: how it started and every plan evaluated so far, in number order. */
public record OptimiseLog(Optimisation.OptimisationStarted started, List<Optimisation.PlanEvaluated> plans) {

  public static Optional<OptimiseLog> read(JournalReader reader, String optimisationId) {
    List<EventEnvelope> events = reader.events(Optimisation.persistenceId(optimisationId), Long.MAX_VALUE);
    if (events.isEmpty()) return Optional.empty();
    Optimisation.OptimisationStarted started = (Optimisation.OptimisationStarted) events.get(0).event();
    JournalFormat.check("optimisation", optimisationId, started.version(), started.format());
    List<Optimisation.PlanEvaluated> plans = new ArrayList<>();
    for (EventEnvelope e : events.subList(1, events.size())) plans.add((Optimisation.PlanEvaluated) e.event());
    return Optional.of(new OptimiseLog(started, List.copyOf(plans)));
  }

  /** The ids of every optimisation in the journal, sorted. */
  public static List<String> ids(JournalReader reader) {
    return reader.ids("Optimisation|");
  }

  public OptimiseSpec spec() {
    return started.spec();
  }

  /** What one tick of the base scenario is called ("week"). */
  public String unit() {
    return org.uptake.scenario.ScenarioLoader.timeUnit(started.baseScenario());
  }

  /** Whether the optimisation evaluated its last plan: the baseline's confirmation runs come last. */
  public boolean finished() {
    return plans.stream().anyMatch(p -> p.role() == Optimisation.Role.CONFIRM && p.values().isEmpty());
  }
}
