package org.uptake.cli;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import akka.persistence.query.EventEnvelope;
import akka.persistence.typed.PersistenceId;
import org.uptake.journal.JournalReader;
import org.uptake.journal.RunLog;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Roster;
import org.uptake.run.RunClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Writes a run's whole event log, in order (by tick; within a tick executives, departments, "
        + "then the clock), for pandas, R or a spreadsheet: events.jsonl, or events.csv plus transitions.csv "
        + "(one row per person-change with its cause). A branch exports its own events; its parent holds the rest.",
        "Example: uptake export mandate-42 --format csv"})
final class ExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
      .setVisibility(PropertyAccessor.FIELD, Visibility.ANY);

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|csv", description = "Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "exports", description = "Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin JournalOptions journal;

  /** One journal event with where it belongs in the log's order. */
  record Entry(int tick, int entity, long sequenceNr, String entityName, Object event) {}

  @Override
  public Integer call() throws Exception {
    if (!format.equals("jsonl") && !format.equals("csv")) {
      throw new Errors.UsageException("--format " + format + ": expected jsonl or csv");
    }
    try (JournalSession session = new JournalSession(journal)) {
      RunLog log = session.header(runId);
      List<Entry> entries = entries(session.reader, log.started());
      Path dir = out.resolve(runId);
      Files.createDirectories(dir);
      if (format.equals("jsonl")) {
        try (Writer w = Files.newBufferedWriter(dir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
          long seq = 0;
          for (Entry e : entries) w.write(JSON.writeValueAsString(line(runId, ++seq, e)) + "\n");
        }
      } else {
        writeCsv(dir, entries, log.started().people());
      }
      spec.commandLine().getOut().printf(Locale.ROOT, "Exported %d events of %s to %s%n", entries.size(), runId,
          dir.resolve(format.equals("jsonl") ? "events.jsonl" : "events.csv"));
      return 0;
    }
  }

  /** The run's own events, ordered by tick, then executives, departments, clock, then sequence number. */
  static List<Entry> entries(JournalReader reader, RunClock.RunStarted started) {
    List<PersistenceId> ids = JournalReader.entities(started);
    List<Entry> entries = new ArrayList<>();
    for (PersistenceId pid : ids) {
      String[] parts = pid.id().split("\\|", 3);
      String name = parts[0].toLowerCase(Locale.ROOT) + (parts[0].equals("Run") ? "" : ":" + parts[2]);
      int order = parts[0].equals("Executive") ? 0 : parts[0].equals("Department") ? 1 : 2;
      for (EventEnvelope e : reader.events(pid, Long.MAX_VALUE)) {
        entries.add(new Entry(tickOf(e.event()), order * 100_000 + ids.indexOf(pid), e.sequenceNr(), name, e.event()));
      }
    }
    entries.sort(Comparator.comparingInt(Entry::tick).thenComparingInt(Entry::entity)
        .thenComparingLong(Entry::sequenceNr));
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

  private static ObjectNode line(String runId, long seq, Entry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("run_id", runId);
    n.put("seq", seq);
    n.put("tick", e.tick() == Integer.MAX_VALUE ? null : e.tick() < 0 ? null : e.tick());
    n.put("entity", e.entityName());
    n.put("event", e.event().getClass().getSimpleName());
    n.put("sequence_nr", e.sequenceNr());
    n.set("data", JSON.valueToTree(e.event()));
    return n;
  }

  private void writeCsv(Path dir, List<Entry> entries, int people) throws Exception {
    CsvMapper csv = new CsvMapper();
    CsvSchema events = CsvSchema.builder().addColumn("run_id").addColumn("seq").addColumn("tick").addColumn("entity")
        .addColumn("event").addColumn("sequence_nr").addColumn("data").build().withHeader().withLineSeparator("\n");
    try (Writer w = Files.newBufferedWriter(dir.resolve("events.csv"), StandardCharsets.UTF_8);
        var rows = csv.writer(events).writeValues(w)) {
      long seq = 0;
      for (Entry e : entries) {
        ObjectNode n = line(runId, ++seq, e);
        rows.write(List.of(runId, Long.toString(seq), n.get("tick").isNull() ? "" : n.get("tick").asText(),
            e.entityName(), n.get("event").asText(), Long.toString(e.sequenceNr()), n.get("data").toString()));
      }
    }
    // Names from the rosters among the exported events themselves: no second read of the run.
    String[] names = new String[people];
    for (Entry e : entries) {
      if (e.event() instanceof Department.Formed f) {
        for (Roster.Member m : f.roster().members()) names[m.id()] = m.name();
      }
    }
    CsvSchema.Builder tb = CsvSchema.builder();
    for (String c : List.of("run_id", "tick", "department", "person_id", "person", "from", "to", "champion",
        "mandated", "mandate_arrived", "forwards_mandate", "cause", "peers", "source")) {
      tb.addColumn(c);
    }
    try (Writer w = Files.newBufferedWriter(dir.resolve("transitions.csv"), StandardCharsets.UTF_8);
        var rows = csv.writer(tb.build().withHeader().withLineSeparator("\n")).writeValues(w)) {
      for (Entry e : entries) {
        if (!(e.event() instanceof Department.TickResolved r)) continue;
        String department = e.entityName().substring("department:".length());
        for (Transition t : r.transitions()) {
          rows.write(List.of(runId, Integer.toString(r.tick()), department, Integer.toString(t.person()),
              names[t.person()], t.from().column(), t.to().column(), Boolean.toString(t.champion()),
              Boolean.toString(t.mandated()), t.mandateArrived() == null ? "" : t.mandateArrived(),
              Boolean.toString(t.forwardsMandate()), t.cause().kind().name().toLowerCase(Locale.ROOT),
              t.cause().peers().stream().map(p -> names[p]).collect(Collectors.joining(" ")), t.cause().source()));
        }
      }
    }
  }
}
