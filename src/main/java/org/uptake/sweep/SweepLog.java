package org.uptake.sweep;

import akka.persistence.query.EventEnvelope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.uptake.journal.JournalFormat;
import org.uptake.journal.JournalReader;

/** A sweep as the journal has it: how it started and every run completed so far, in point and seed order. */
public record SweepLog(Sweep.SweepStarted started, List<Sweep.RunCompleted> runs) {

  public static Optional<SweepLog> read(JournalReader reader, String sweepId) {
    List<EventEnvelope> events = reader.events(Sweep.persistenceId(sweepId), Long.MAX_VALUE);
    if (events.isEmpty()) return Optional.empty();
    List<Sweep.RunCompleted> runs = new ArrayList<>();
    for (EventEnvelope e : events.subList(1, events.size())) runs.add((Sweep.RunCompleted) e.event());
    runs.sort(Comparator.comparingInt(Sweep.RunCompleted::point).thenComparingLong(Sweep.RunCompleted::seed));
    Sweep.SweepStarted started = (Sweep.SweepStarted) events.get(0).event();
    JournalFormat.check("sweep", sweepId, started.version(), started.format());
    return Optional.of(new SweepLog(started, List.copyOf(runs)));
  }

  /** What one tick of the base scenario is called ("week"). */
  public String unit() {
    return org.uptake.scenario.ScenarioLoader.timeUnit(started.baseScenario());
  }

  public SweepSpec spec() {
    return started.spec();
  }

  public boolean done(SweepSpec.Job job) {
    return runs.stream().anyMatch(r -> r.point() == job.point().number() && r.seed() == job.seed());
  }
}
