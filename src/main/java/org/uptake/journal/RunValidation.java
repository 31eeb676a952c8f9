package org.uptake.journal;

import akka.persistence.query.EventEnvelope;
import akka.persistence.typed.PersistenceId;
import java.util.ArrayList;
import java.util.List;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Roster;
import org.uptake.run.RunClock;

/**
 * What must hold of one run's stored events for them to be one run: each entity's events numbered 1, 2, 3… of the
 * kinds it writes; the clock's and every department's ticks one after another; the end marker last; every
 * person on exactly one roster and changed only by their own department; executives acting in tick order within
 * the run. The clock's record of each department's counts and digest is checked where the run is folded
 * ({@code RunProjection}). Collects every problem, so one reading names them all.
 */
final class RunValidation {
  private final List<String> problems = new ArrayList<>();
  /**
   * Whose roster each person is on (the department's persistence id), indexed by person: an array, not a map, since
   * a run of a million people would otherwise box a million keys on every read.
   */
  private final String[] owner;
  private int owned;
  private final RunClock.RunStarted started;
  private int lastTick;
  private boolean ended;
  private boolean ticked;

  RunValidation(RunClock.RunStarted started) {
    this.started = started;
    this.lastTick = started.branchTick();
    this.owner = new String[Math.max(0, started.people())];
  }

  List<String> problems() {
    return problems;
  }

  void problem(String problem) {
    problems.add(problem);
  }

  void clock(List<EventEnvelope> events) {
    PersistenceId pid = RunClock.persistenceId(started.runId());
    if (!inSequence(pid, events)) return;
    for (EventEnvelope e : events.subList(1, events.size())) {
      Object x = e.event();
      if (!(x instanceof RunClock.TickCompleted || x instanceof RunClock.RunFinished
          || x instanceof RunClock.RunFailed || x instanceof RunClock.Restored)) {
        problems.add("the clock: event " + e.sequenceNr() + " is a " + x.getClass().getSimpleName());
        return;
      }
      if (x instanceof RunClock.TickCompleted t) {
        lastTick = t.tick();
        ticked = true;
      }
      if (x instanceof RunClock.RunFinished || x instanceof RunClock.RunFailed) ended = true;
    }
    ticksInOrder(pid, events);
  }

  /** Checks a department's events, and returns them typed. */
  List<Department.Event> department(String name, List<EventEnvelope> events) {
    PersistenceId pid = Department.persistenceId(started.runId(), name);
    List<Department.Event> typed = typed(pid, Department.Event.class, events);
    if (typed == null) return List.of();
    if (events.isEmpty()) {
      // Killed right after the run's start was recorded, a department may not have recorded its people yet.
      if (ticked || ended) problems.add(pid.id() + " has no events");
      return typed;
    }
    if (!inSequence(pid, events)) return typed;
    if (!(typed.get(0) instanceof Department.Formed formed)) {
      problems.add(pid.id() + " does not start with its roster");
      return typed;
    }
    if (!ticksInOrder(pid, events)) return typed;
    String self = pid.id();
    for (Roster.Member m : formed.roster().members()) {
      if (m.id() < 0 || m.id() >= started.people()) {
        problems.add(self + "'s roster has person " + m.id() + ", outside the run's 0 to " + (started.people() - 1));
        return typed;
      }
      String before = owner[m.id()];
      if (before != null) {
        problems.add("person " + m.id() + " is on the rosters of both " + before + " and " + self);
        return typed;
      }
      owner[m.id()] = self;
      owned++;
    }
    for (Department.Event e : typed) {
      if (!(e instanceof Department.TickResolved r)) continue;
      if (ended && r.tick() > lastTick) {
        problems.add(pid.id() + " has tick " + r.tick() + " after the run's last tick " + lastTick);
        return typed;
      }
      for (Transition t : r.transitions()) {
        if (t.person() < 0 || t.person() >= owner.length || owner[t.person()] != self) {
          problems.add(pid.id() + " changes person " + t.person() + " at tick " + r.tick() + ", who is not on its "
              + "roster");
          return typed;
        }
      }
    }
    return typed;
  }

  /** Checks an executive's events (none, if they never acted), and returns them typed. */
  List<Executive.Event> executive(String role, List<EventEnvelope> events) {
    PersistenceId pid = Executive.persistenceId(started.runId(), role);
    List<Executive.Event> typed = typed(pid, Executive.Event.class, events);
    if (typed == null || !inSequence(pid, events)) return typed == null ? List.of() : typed;
    int previous = Integer.MIN_VALUE;
    for (Executive.Event x : typed) {
      if (x.tick() < previous) {
        problems.add(pid.id() + " goes back from tick " + previous + " to tick " + x.tick());
        return typed;
      }
      // An executive reviews the tick after the clock's last one before the departments resolve it.
      if (x.tick() > lastTick + 1) {
        problems.add(pid.id() + " acts at tick " + x.tick() + ", after the run's last tick " + lastTick);
        return typed;
      }
      previous = x.tick();
    }
    return typed;
  }

  /** After every department: the rosters hold the run's people, no more and no fewer. */
  void rostersComplete() {
    if (problems.isEmpty() && (ticked || ended) && owned != started.people()) {
      problems.add("the rosters hold " + owned + " people where the run has " + started.people());
    }
  }

  private <E> List<E> typed(PersistenceId pid, Class<E> type, List<EventEnvelope> envelopes) {
    List<E> events = new ArrayList<>(envelopes.size());
    for (EventEnvelope e : envelopes) {
      if (!type.isInstance(e.event())) {
        problems.add(pid.id() + ": event " + e.sequenceNr() + " is a " + e.event().getClass().getSimpleName());
        return null;
      }
      events.add(type.cast(e.event()));
    }
    return events;
  }

  private boolean inSequence(PersistenceId pid, List<EventEnvelope> events) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).sequenceNr() != i + 1) {
        problems.add(pid.id() + " jumps from event " + i + " to " + events.get(i).sequenceNr());
        return false;
      }
    }
    return true;
  }

  /**
   * After the entity's first event, ticks follow one another from 0, or from a branch's restored tick, and an
   * end marker, if any, comes last.
   */
  private boolean ticksInOrder(PersistenceId pid, List<EventEnvelope> events) {
    int expected = 0;
    for (int i = 1; i < events.size(); i++) {
      Object e = events.get(i).event();
      if (e instanceof Department.Restored r) {
        expected = r.tick() + 1;
      } else if (e instanceof RunClock.Restored r) {
        expected = r.tick() + 1;
      } else if (e instanceof Department.TickResolved || e instanceof RunClock.TickCompleted) {
        int tick = e instanceof Department.TickResolved r ? r.tick() : ((RunClock.TickCompleted) e).tick();
        if (tick != expected) {
          problems.add(pid.id() + " has tick " + tick + " where tick " + expected + " was due");
          return false;
        }
        expected++;
      } else if ((e instanceof RunClock.RunFinished || e instanceof RunClock.RunFailed) && i != events.size() - 1) {
        problems.add(pid.id() + " has events after its end marker");
        return false;
      } else if (e instanceof Department.Formed || e instanceof RunClock.RunStarted) {
        problems.add(pid.id() + " has a second start at event " + events.get(i).sequenceNr());
        return false;
      }
    }
    return true;
  }
}
