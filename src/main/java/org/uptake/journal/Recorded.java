package org.uptake.journal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.People;
import org.uptake.organisation.Roster;
import org.uptake.run.Branch;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioException;
import org.uptake.scenario.ScenarioLoader;

/**
 * A recorded run as the journal has it: its organisation (from the departments' rosters), its scenario
 * (as recorded, resolved), and the state of its people and executives at the end of any tick — what
 * resuming, branching and state-at-T need, with no file and no random draw.
 */
public final class Recorded {
  private Recorded() {}

  public static List<Roster> rosters(RunLog log) {
    List<Roster> rosters = new ArrayList<>();
    for (List<Department.Event> events : log.departments().values()) {
      rosters.add(((Department.Formed) events.get(0)).roster());
    }
    return rosters;
  }

  /** Every person's name, indexed by number. */
  public static String[] names(RunLog log) {
    String[] names = new String[log.started().people()];
    for (Roster r : rosters(log)) for (Roster.Member m : r.members()) names[m.id()] = m.name();
    return names;
  }

  public static Organisation organisation(RunLog log) {
    return Organisation.fromRosters(rosters(log));
  }

  public static Scenario scenario(RunLog log, List<String> overrides) {
    List<Scenario.DepartmentSpec> departments = rosters(log).stream()
        .map(r -> new Scenario.DepartmentSpec(r.department(), r.function(), r.members().size())).toList();
    return ScenarioLoader.fromRecorded(log.started().runId(), log.started().scenario(), departments, overrides);
  }

  /**
   * Whether every department recorded its people. A run stopped before that ran no tick, and its organisation
   * cannot be rebuilt from the journal (the org chart may have come from a file): it is started again instead.
   */
  public static boolean formed(RunLog log) {
    return log.departments().values().stream().noneMatch(List::isEmpty);
  }

  /** The plan that continues an interrupted run in place. */
  public static RunPlan resume(RunLog log, int snapshotEvery) {
    RunClock.RunStarted s = log.started();
    if (!formed(log)) {
      throw new ScenarioException("run " + s.runId() + " stopped before all its departments had recorded their "
          + "people, so no tick was run and there is nothing to continue: remove it with `uptake rm " + s.runId()
          + "` and run the scenario again");
    }
    return new RunPlan(s.runId(), scenario(log, List.of()), organisation(log), s.scenarioFile(), s.overrides(),
        s.version(), snapshotEvery).resumed();
  }

  /** A new run that starts from the parent's state at the end of {@code tick} and applies {@code overrides}. */
  public static RunPlan branch(RunLog parent, int tick, List<String> overrides, String runId, String version,
      int snapshotEvery) {
    if (tick < 0 || tick > parent.lastTick()) {
      throw new ScenarioException("--at " + tick + ": run " + parent.started().runId() + " has ticks 0 (the start) "
          + "to " + parent.lastTick());
    }
    Scenario before = scenario(parent, List.of());
    Scenario after = scenario(parent, overrides);
    for (String key : ScenarioLoader.differingKeys(before.resolved(), after.resolved())) {
      String reason = fixedAtTheStart(key);
      if (reason != null) {
        throw new ScenarioException("--set " + key + ": a branch cannot change it: " + reason);
      }
    }
    if (tick >= after.ticks()) {
      throw new ScenarioException("--at " + tick + ": the branch must end after it starts; ticks is "
          + after.ticks());
    }
    for (Scenario.Intervention i : after.interventions()) {
      if (i.tick() <= tick && !before.interventions().contains(i)) {
        throw new ScenarioException("--set: an intervention at tick " + i.tick() + " would be in the past of a "
            + "branch at tick " + tick + "; give it a tick after " + tick);
      }
    }
    RunClock.TickCompleted at = parent.ticks().stream().filter(t -> t.tick() == tick).findFirst().orElseThrow();
    Branch branch = new Branch(parent.started().runId(), tick, List.copyOf(overrides), peopleAt(parent, tick),
        executivesAt(parent, tick), at.reports(), at.goals());
    return new RunPlan(runId, after, organisation(parent), parent.started().scenarioFile(), List.copyOf(overrides),
        version, snapshotEvery, branch);
  }

  /**
   * Why a key a branch may not change is fixed when its parent started, or null for the keys a branch honours
   * from the next tick on (interventions, measurement, reviews, the goal, the model's parameters, the seed of
   * later draws, the run's length and labels).
   */
  static String fixedAtTheStart(String key) {
    String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
    return switch (top) {
      case "seeding" -> "who is seeded, and when, was fixed when the parent run started (its people carry it); "
          + "to try other seeds, run the scenario anew with --set " + key + "=...";
      case "team" -> "the cross-functional team's members and start were fixed when the parent run started; to try "
          + "another team, run the scenario anew with --set " + key + "=...";
      case "organisation", "network" -> "the organisation of a recorded run cannot change; run the scenario anew "
          + "to change it";
      case "executives" -> "the executive team of a recorded run cannot change; change what its executives do with "
          + "interventions (sponsor, mandate, campaign, pilot)";
      case "adoption" -> key.equals("adoption.rule") ? "a branch goes on with its parent's adoption rule (its "
          + "parameters, such as adoption.p, may change)" : null;
      default -> null;
    };
  }

  /** Each department's people at the end of {@code tick}, by folding the department's events up to it. */
  public static Map<String, People> peopleAt(RunLog log, int tick) {
    Map<String, People> out = new LinkedHashMap<>();
    log.departments().forEach((name, events) -> {
      Roster roster = ((Department.Formed) events.get(0)).roster();
      People people = People.initial(roster.members().size());
      for (Department.Event e : events) {
        if (e instanceof Department.TickResolved r && r.tick() <= tick) {
          people = people.apply(r.tick(), r.transitions(), roster.members());
        }
      }
      out.put(name, people);
    });
    return out;
  }

  /** The ids of everybody active at some tick up to and including {@code tick}. */
  public static BitSet everActiveBy(RunLog log, int tick) {
    BitSet ever = new BitSet(log.started().people());
    log.departments().values().forEach(events -> {
      for (Department.Event e : events) {
        if (!(e instanceof Department.TickResolved r) || r.tick() > tick) continue;
        for (Transition t : r.transitions()) if (t.to() == AdoptionState.ACTIVE) ever.set(t.person());
      }
    });
    return ever;
  }

  /** Everybody's adoption state at the end of {@code tick}, indexed by person id. */
  public static AdoptionState[] statesAt(RunLog log, int tick) {
    Map<String, People> people = peopleAt(log, tick);
    AdoptionState[] states = new AdoptionState[log.started().people()];
    for (Roster roster : rosters(log)) {
      People p = people.get(roster.department());
      for (int k = 0; k < roster.members().size(); k++) states[roster.members().get(k).id()] = p.stateOf(k);
    }
    return states;
  }

  /** Each executive's state at the end of {@code tick}. */
  public static Map<String, Executive.State> executivesAt(RunLog log, int tick) {
    Map<String, Executive.State> out = new LinkedHashMap<>();
    log.executives().forEach((role, events) -> {
      Executive.State s = Executive.State.initial();
      for (Executive.Event e : events) {
        if (e.tick() <= tick) s = Executive.apply(s, e);
      }
      out.put(role, s);
    });
    return out;
  }
}
