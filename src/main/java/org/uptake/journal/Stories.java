package org.uptake.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.uptake.BadInput;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Roster;
import org.uptake.run.RunClock;

/** What a run's journal tells of one person or one department: what `uptake explain` prints, as data. */
public final class Stories {
  private Stories() {}

  /** One change of a person, at a tick. */
  public record Change(int tick, Transition transition) {}

  /** A person: who they are, where, and every change of theirs with its recorded cause. */
  public record Person(Roster.Member member, String department, List<Change> changes) {
    /** Who they are, in a line: role, department, manager, traits; {@code names} are everybody's, by id. */
    public String about(String[] names) {
      Roster.Member m = member;
      return String.format(Locale.ROOT, "%s: %s in %s%s; innovativeness %.2f, influence %d, %d ties.", m.name(),
          m.role().name().toLowerCase(Locale.ROOT), department,
          m.manager() < 0 ? ", reports to the executive team" : ", reports to " + names[m.manager()],
          m.innovativeness(), m.influence(), m.ties().length);
    }

    /** A change of theirs in words, with its cause: what `uptake explain` prints after its tick. */
    public String describe(Change c, String[] names) {
      Transition t = c.transition();
      boolean hasReports = member.reports().length > 0;
      StringBuilder s = new StringBuilder();
      if (t.from() != t.to()) {
        s.append(t.from().column()).append(" -> ").append(t.to().column());
      } else if (t.mandateArrived() != null) {
        s.append("receives the mandate");
      } else if (t.champion()) {
        s.append("becomes a champion");
      }
      if (t.mandateArrived() != null && t.from() != t.to()) s.append(", receives the mandate");
      if (t.champion() && t.from() != t.to() && t.to() == AdoptionState.ACTIVE) s.append(" as a champion");
      s.append(" -- ").append(t.cause().kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
      if (!t.cause().peers().isEmpty()) {
        s.append(": ").append(t.cause().peers().stream().map(p -> names[p]).collect(Collectors.joining(", ")));
      } else {
        s.append(": ").append(t.cause().source());
      }
      if (t.mandateArrived() != null && !t.mandateArrived().equals(t.cause().source())) {
        s.append("; mandate: ").append(t.mandateArrived());
      }
      if (t.forwardsMandate()) {
        s.append("; passes the mandate on to their reports");
      } else if (t.mandateArrived() != null && hasReports) {
        s.append("; sits on the mandate (does not pass it on)");
      }
      return s.toString();
    }
  }

  /**
   * A department's milestones (null where never reached), its peak and end, and the executives' acts aimed at it,
   * in the order they acted.
   */
  public record DepartmentStory(String department, int headcount, Integer firstTrial, Integer firstActive,
      Integer mandate, Integer tenPercent, Integer half, double peak, int peakTick, int lastTick, double endActive,
      int lapses, List<Executive.Act> acts) {}

  /**
   * Everything the run's executives did, by tick, and within a tick in the run's order of executives: what the
   * run's time axis marks.
   */
  public static List<Executive.Act> acts(RunLog log) {
    List<Executive.Act> acts = new ArrayList<>();
    for (String role : log.started().executives()) {
      for (Executive.Event e : log.executives().getOrDefault(role, List.of())) {
        if (Executive.Act.is(e)) acts.add(new Executive.Act(role, e));
      }
    }
    acts.sort(java.util.Comparator.comparingInt(Executive.Act::tick));
    return acts;
  }

  /** The person named {@code person} (their name, or their number from 1), if the run has them. */
  public static Optional<Person> person(RunLog log, String person) {
    for (Roster r : Recorded.rosters(log)) {
      for (Roster.Member m : r.members()) {
        // People are numbered from 1, as their generated names are.
        if (!m.name().equals(person) && !Integer.toString(m.id() + 1).equals(person)) continue;
        List<Change> changes = new ArrayList<>();
        for (Department.Event e : log.departments().get(r.department())) {
          if (!(e instanceof Department.TickResolved resolved)) continue;
          for (Transition t : resolved.transitions()) {
            if (t.person() == m.id()) changes.add(new Change(resolved.tick(), t));
          }
        }
        return Optional.of(new Person(m, r.department(), changes));
      }
    }
    return Optional.empty();
  }

  /** The story of {@code department}; refused, naming the run's departments, if it has none of that name. */
  public static DepartmentStory department(RunLog log, String department) {
    int index = log.started().departments().indexOf(department);
    if (index < 0) {
      throw new BadInput("no department '" + department + "' in run " + log.started().runId() + " (departments: "
          + String.join(", ", log.started().departments()) + ")");
    }
    int headcount = ((Department.Formed) log.departments().get(department).get(0)).roster().members().size();
    Integer firstTrial = null;
    Integer firstActive = null;
    Integer mandate = null;
    int lapses = 0;
    for (Department.Event e : log.departments().get(department)) {
      if (!(e instanceof Department.TickResolved r)) continue;
      for (Transition t : r.transitions()) {
        if (t.to() == AdoptionState.TRIALING && firstTrial == null) firstTrial = r.tick();
        if (t.to() == AdoptionState.ACTIVE && firstActive == null) firstActive = r.tick();
        if (t.to() == AdoptionState.LAPSED && t.from() != AdoptionState.LAPSED) lapses++;
        if (t.mandateArrived() != null && mandate == null) mandate = r.tick();
      }
    }
    Integer ten = null;
    Integer half = null;
    double peak = 0;
    int peakTick = 0;
    for (RunClock.TickCompleted c : log.ticks()) {
      double active = c.reports().get(index).share(AdoptionState.ACTIVE);
      if (active >= 0.1 && ten == null) ten = c.tick();
      if (active >= 0.5 && half == null) half = c.tick();
      if (active > peak) {
        peak = active;
        peakTick = c.tick();
      }
    }
    RunClock.TickCompleted last = log.ticks().get(log.ticks().size() - 1);
    List<Executive.Act> acts = new ArrayList<>();
    log.executives().forEach((role, events) -> {
      for (Executive.Event e : events) {
        boolean aimed = e instanceof Executive.SupportChanged s && s.scope().contains(department)
            || e instanceof Executive.MandateIssued m && m.departments().contains(department)
            || e instanceof Executive.PilotStarted p && p.departments().contains(department)
            || e instanceof Executive.CampaignLaunched c && c.departments().contains(department);
        if (aimed) acts.add(new Executive.Act(role, e));
      }
    });
    return new DepartmentStory(department, headcount, firstTrial, firstActive, mandate, ten, half, peak, peakTick,
        last.tick(), last.reports().get(index).share(AdoptionState.ACTIVE), lapses, acts);
  }
}
