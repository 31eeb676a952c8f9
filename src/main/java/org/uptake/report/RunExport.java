package org.uptake.report;

import akka.persistence.query.EventEnvelope;
import akka.persistence.typed.PersistenceId;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.uptake.journal.DamagedRun;
import org.uptake.journal.JournalReader;
import org.uptake.journal.RunLog;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Roster;
import org.uptake.run.RunClock;

/**
 * A run's whole event log for pandas, R or a spreadsheet, in order (by tick; within a tick executives, departments,
 * then the clock): events.jsonl with every event's data, or tidy CSV tables (events, transitions with their causes,
 * people, ties), with the recorded scenario and run.json. A branch's export holds its parent's events up to the
 * branch tick too.
 */
public final class RunExport {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, Visibility.ANY);

  private RunExport() {}

  /** One journal event with where it belongs in the log's order, and the run that recorded it. */
  record Entry(int tick, int entity, int source, long sequenceNr, String entityName, String sourceRun, Object event) {}

  /** Writes the export of {@code log}'s run into {@code dir} (CSV tables, or events.jsonl); the number of events. */
  public static int write(JournalReader reader, RunLog log, Path dir, boolean csv) throws Exception {
    List<Entry> entries = entries(reader, log.started());
    OutputFolder folder = OutputFolder.open(dir);
    writeRunJson(folder, log);
    String runId = log.started().runId();
    if (!csv) {
      folder.write("events.jsonl", w -> {
        long seq = 0;
        for (Entry e : entries) w.write(JSON.writeValueAsString(line(runId, ++seq, e)) + "\n");
      });
    } else {
      writeCsv(folder, entries, log.started());
    }
    return entries.size();
  }

  /**
   * The run's own events and, for a branch, its parent's up to the branch tick (not the parent's start and end),
   * ordered by tick, then executives, departments, clock, then the parent's before the branch's own.
   */
  private static List<Entry> entries(JournalReader reader, RunClock.RunStarted started) {
    List<Entry> entries = new ArrayList<>(entries(reader, started, 1, Integer.MAX_VALUE));
    if (started.parentRun() != null) {
      RunLog parent = reader.header(started.parentRun()).orElseThrow(() -> new DamagedRun(started.runId(),
          "its parent run " + started.parentRun() + " is not in the journal"));
      for (Entry e : entries(reader, parent.started(), 0, started.branchTick())) {
        if (!(e.event() instanceof RunClock.RunStarted || e.event() instanceof RunClock.RunFinished
            || e.event() instanceof RunClock.RunFailed || e.event() instanceof Department.Formed)) {
          entries.add(e);
        }
      }
    }
    entries.sort(Comparator.comparingInt(Entry::tick).thenComparingInt(Entry::entity)
        .thenComparingInt(Entry::source).thenComparingLong(Entry::sequenceNr));
    return entries;
  }

  private static List<Entry> entries(JournalReader reader, RunClock.RunStarted started, int source, int upTo) {
    List<PersistenceId> ids = JournalReader.entities(started);
    List<Entry> entries = new ArrayList<>();
    for (PersistenceId pid : ids) {
      String[] parts = pid.id().split("\\|", 3);
      String name = parts[0].toLowerCase(Locale.ROOT) + (parts[0].equals("Run") ? "" : ":" + parts[2]);
      int order = parts[0].equals("Executive") ? 0 : parts[0].equals("Department") ? 1 : 2;
      for (EventEnvelope e : reader.events(pid, Long.MAX_VALUE)) {
        int tick = tickOf(e.event());
        if (tick > upTo && tick != Integer.MAX_VALUE) continue;
        entries.add(new Entry(tick, order * 100_000 + ids.indexOf(pid), source, e.sequenceNr(), name,
            started.runId(), e.event()));
      }
    }
    return entries;
  }

  static int tickOf(Object e) {
    if (e instanceof RunClock.RunStarted) return -2;
    if (e instanceof RunClock.TickCompleted t) return t.tick();
    if (e instanceof RunClock.Restored r) return r.tick();
    if (e instanceof RunClock.RunFinished || e instanceof RunClock.RunFailed) return Integer.MAX_VALUE;
    if (e instanceof Department.TickResolved t) return t.tick();
    if (e instanceof Department.Restored r) return r.tick();
    if (e instanceof Executive.Event x) return x.tick();
    return -1;
  }

  private static Integer tickColumn(Entry e) {
    return e.tick() == Integer.MAX_VALUE || e.tick() < 0 ? null : e.tick();
  }

  private static ObjectNode line(String runId, long seq, Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("run_id", runId);
    n.put("seq", seq);
    n.put("tick", tickColumn(e));
    n.put("entity", e.entityName());
    n.put("event", e.event().getClass().getSimpleName());
    n.put("source_run", e.sourceRun());
    n.put("sequence_nr", e.sequenceNr());
    n.set("data", JSON.valueToTree(e.event()));
    return n;
  }

  private static void writeRunJson(OutputFolder folder, RunLog log) throws java.io.IOException {
    RunClock.RunStarted s = log.started();
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("run_id", s.runId());
    run.put("scenario", s.scenarioName());
    run.put("scenario_file", s.scenarioFile());
    run.put("seed", s.seed());
    run.put("ticks", s.ticks());
    run.put("time_unit", log.facts().unit());
    run.put("status", log.status());
    run.put("overrides", s.overrides());
    run.put("branch_of", s.parentRun());
    run.put("branch_tick", s.parentRun() == null ? null : s.branchTick());
    run.put("people", s.people());
    run.put("version", s.version());
    String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(run);
    folder.write("run.json", w -> w.write(json + "\n"));
  }

  private static void writeCsv(OutputFolder folder, List<Entry> entries, RunClock.RunStarted started) throws Exception {
    String runId = started.runId();
    String[] names = new String[started.people()];
    List<Roster> rosters = new ArrayList<>();
    for (Entry e : entries) {
      if (e.event() instanceof Department.Formed f) {
        rosters.add(f.roster());
        for (Roster.Member m : f.roster().members()) names[m.id()] = m.name();
      }
    }
    folder.write("events.csv", TidyCsv.table(List.of("run_id", "seq", "tick", "entity", "event", "source_run",
        "sequence_nr", "detail"), rows -> {
      long seq = 0;
      for (Entry e : entries) {
        Integer tick = tickColumn(e);
        rows.write(List.of(runId, Long.toString(++seq), tick == null ? "" : tick.toString(), e.entityName(),
            e.event().getClass().getSimpleName(), e.sourceRun(), Long.toString(e.sequenceNr()),
            detail(e.event())));
      }
    }));
    writeTransitions(folder, entries, names, runId);
    folder.write("people.csv", TidyCsv.table(List.of("person_number", "person", "department", "function", "role",
        "manager_number", "manager", "innovativeness", "influence", "seed_tick", "seeded_as"), rows -> {
      for (Roster r : rosters) {
        for (Roster.Member m : r.members()) {
          boolean seeded = m.seedKind() != org.uptake.model.AdoptionRule.SeedKind.NONE;
          rows.write(List.of(Integer.toString(m.id() + 1), m.name(), r.department(),
              r.function(), m.role().name().toLowerCase(Locale.ROOT),
              m.manager() < 0 ? "" : Integer.toString(m.manager() + 1), m.manager() < 0 ? "" : names[m.manager()],
              TidyCsv.number(m.innovativeness()), Integer.toString(m.influence()),
              seeded ? Integer.toString(m.seedTick()) : "", seeded ? m.seedKind().name().toLowerCase(Locale.ROOT) : ""));
        }
      }
    }));
    folder.write("ties.csv", TidyCsv.table(List.of("person_a_number", "person_a", "person_b_number", "person_b"),
        rows -> {
      for (Roster r : rosters) {
        for (Roster.Member m : r.members()) {
          for (int t : m.ties()) {
            if (t > m.id()) {
              rows.write(List.of(Integer.toString(m.id() + 1), m.name(), Integer.toString(t + 1),
                  names[t]));
            }
          }
        }
      }
    }));
    String scenario = ConfigFactory.parseString(started.scenario()).root()
        .render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false));
    folder.write("scenario.conf", w -> w.write("# The scenario run " + started.runId()
        + " recorded, resolved (uptake show " + started.runId() + " prints it too).\n" + scenario));
  }

  /**
   * One row per recorded person-change. {@code change} says what changed: the adoption state (then from and to
   * are filled in, so counting to = lapsed gives the lapses of summary.json), the champion flag, and/or a
   * mandate reaching the person; {@code state} is where the person stands after it.
   */
  private static void writeTransitions(OutputFolder folder, List<Entry> entries, String[] names, String runId) {
    boolean[] champion = new boolean[names.length];
    folder.write("transitions.csv", TidyCsv.table(List.of("run_id", "source_run", "tick", "department",
        "person_number", "person", "change", "from", "to", "state", "champion", "mandated", "mandate_arrived",
        "forwards_mandate", "cause", "peers", "source"), rows -> {
      for (Entry e : entries) {
        if (!(e.event() instanceof Department.TickResolved r)) continue;
        String department = e.entityName().substring("department:".length());
        for (Transition t : r.transitions()) {
          List<String> change = new ArrayList<>();
          boolean stateChanged = t.from() != t.to();
          if (stateChanged) change.add("state");
          if (t.champion() != champion[t.person()]) change.add("champion");
          if (t.mandateArrived() != null) change.add("mandate");
          champion[t.person()] = t.champion();
          rows.write(List.of(runId, e.sourceRun(), Integer.toString(r.tick()), department,
              Integer.toString(t.person() + 1), names[t.person()], String.join("+", change),
              stateChanged ? t.from().column() : "", stateChanged ? t.to().column() : "", t.to().column(),
              Boolean.toString(t.champion()), Boolean.toString(t.mandated()),
              t.mandateArrived() == null ? "" : t.mandateArrived(), Boolean.toString(t.forwardsMandate()),
              t.cause().kind().name().toLowerCase(Locale.ROOT),
              t.cause().peers().stream().map(p -> names[p]).collect(Collectors.joining(" ")),
              t.cause().source()));
        }
      }
    }));
  }

  /** A line about an event for events.csv: its gist, with the bulky parts in the files that hold them. */
  static String detail(Object e) {
    if (e instanceof RunClock.RunStarted s) {
      return String.format(Locale.ROOT, "%s, seed %d, %d ticks, %d people (the scenario is in scenario.conf)",
          s.scenarioName(), s.seed(), s.ticks(), s.people());
    }
    if (e instanceof RunClock.TickCompleted t) {
      int active = t.reports().stream().mapToInt(r -> r.count(org.uptake.model.AdoptionState.ACTIVE)).sum();
      int people = t.reports().stream().mapToInt(org.uptake.organisation.DepartmentReport::headcount).sum();
      return active + " of " + people + " active";
    }
    if (e instanceof RunClock.Restored r) return "restored from the parent at tick " + r.tick();
    if (e instanceof RunClock.RunFinished f) return "finished after tick " + f.lastTick();
    if (e instanceof RunClock.RunFailed f) return "failed: " + f.reason();
    if (e instanceof Department.Formed f) return f.roster().members().size() + " people (people.csv, ties.csv)";
    if (e instanceof Department.TickResolved r) return r.transitions().size() + " changes (transitions.csv)";
    if (e instanceof Department.Restored r) return "people restored from " + r.parentRun() + " at tick " + r.tick();
    if (e instanceof Executive.SupportChanged c) {
      return String.format(Locale.ROOT, "support %.2f for %s: %s", c.support(), String.join(", ", c.scope()), c.reason());
    }
    if (e instanceof Executive.MandateIssued m) return m.source() + " for " + String.join(", ", m.departments());
    if (e instanceof Executive.CampaignLaunched c) {
      return String.format(Locale.ROOT, "campaign, strength %.2f, half-life %.1f, for %s", c.strength(), c.halfLife(),
          String.join(", ", c.departments()));
    }
    if (e instanceof Executive.PilotStarted p) {
      return String.format(Locale.ROOT, "pilot in %s at support %.2f, reviewed at tick %d (success at %.2f active)",
          String.join(", ", p.departments()), p.support(), p.reviewAt(), p.success());
    }
    if (e instanceof Executive.Reviewed r) return String.format(Locale.ROOT, "%s %.4f: %s", r.measure(), r.value(), r.reason());
    if (e instanceof Executive.Restored r) return "restored from " + r.parentRun() + " at tick " + r.tick();
    return "";
  }
}
