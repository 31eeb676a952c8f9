package org.uptake.journal;

import java.util.List;
import java.util.Map;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.run.RunClock;

/**
 * Everything the journal holds about one run, each entity's events in sequence order: the clock's
 * lifecycle, every department's roster and resolved ticks, every executive's decisions.
 */
public record RunLog(
    RunClock.RunStarted started,
    List<RunClock.TickCompleted> ticks,
    boolean finished,
    Map<String, List<Department.Event>> departments,
    Map<String, List<Executive.Event>> executives,
    long startedAtMillis) {

  public int lastTick() {
    return ticks.isEmpty() ? -1 : ticks.get(ticks.size() - 1).tick();
  }

  public String status() {
    return finished ? "finished" : "incomplete";
  }
}
