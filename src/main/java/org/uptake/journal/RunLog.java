package org.uptake.journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.run.RunClock;

/**
 * Everything the journal holds about one run, each entity's events in sequence order: the clock's
 * lifecycle, every department's roster and resolved ticks, every executive's decisions. For a branch the
 * parent's history up to the branch tick comes first, so a branch reads like a whole run.
 */
public record RunLog(
    RunClock.RunStarted started,
    List<RunClock.TickCompleted> ticks,
    boolean finished,
    String failure,
    Map<String, List<Department.Event>> departments,
    Map<String, List<Executive.Event>> executives,
    long startedAtMillis) {

  public int lastTick() {
    if (!ticks.isEmpty()) return ticks.get(ticks.size() - 1).tick();
    return started.branchTick();
  }

  /** finished, failed, or interrupted (stopped before its last tick; `uptake resume` continues it). */
  public String status() {
    return finished ? "finished" : failure != null ? "failed" : "interrupted";
  }

  /** Events in this (whole) log: clock, departments, executives. */
  public long eventCount() {
    long n = 1 + ticks.size() + (finished || failure != null ? 1 : 0);
    for (List<Department.Event> events : departments.values()) n += events.size();
    for (List<Executive.Event> events : executives.values()) n += events.size();
    return n;
  }

  /** Person-changes recorded in the departments' ticks. */
  public long transitionCount() {
    long n = 0;
    for (List<Department.Event> events : departments.values()) {
      for (Department.Event e : events) {
        if (e instanceof Department.TickResolved r) n += r.transitions().size();
      }
    }
    return n;
  }

  /**
   * What the recorded scenario says about reading the run: what a tick is called, whether it is a canonical
   * network (one population) and whether it uses a canonical rule (adoption for good).
   */
  public record Facts(String unit, boolean population, boolean permanent) {}

  public Facts facts() {
    com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.parseString(started.scenario());
    return new Facts(org.uptake.scenario.ScenarioLoader.timeUnit(started.scenario()),
        c.hasPath("network.kind") && !c.getString("network.kind").equals("organisation"),
        c.hasPath("adoption.rule") && !c.getString("adoption.rule").equals("organisational"));
  }

  public boolean isBranch() {
    return started.parentRun() != null;
  }

  /** This branch's own events after its parent's, up to and including the branch tick. */
  RunLog afterParent(RunLog parent) {
    int at = started.branchTick();
    List<RunClock.TickCompleted> allTicks = new ArrayList<>();
    parent.ticks().stream().filter(t -> t.tick() <= at).forEach(allTicks::add);
    allTicks.addAll(ticks);
    Map<String, List<Department.Event>> allDepartments = new LinkedHashMap<>();
    departments.forEach((name, own) -> {
      List<Department.Event> events = new ArrayList<>();
      for (Department.Event e : parent.departments().get(name)) {
        if (e instanceof Department.Formed || ((Department.TickResolved) e).tick() <= at) events.add(e);
      }
      own.stream().filter(Department.TickResolved.class::isInstance).forEach(events::add);
      allDepartments.put(name, events);
    });
    Map<String, List<Executive.Event>> allExecutives = new LinkedHashMap<>();
    executives.forEach((role, own) -> {
      List<Executive.Event> events = new ArrayList<>();
      parent.executives().getOrDefault(role, List.of()).stream().filter(e -> e.tick() <= at).forEach(events::add);
      own.stream().filter(e -> !(e instanceof Executive.Restored)).forEach(events::add);
      allExecutives.put(role, events);
    });
    return new RunLog(started, allTicks, finished, failure, allDepartments, allExecutives, startedAtMillis);
  }
}
