package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.journal.Divergence;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;

/**
 * Researchers' commands on one journal: replay, branch, diff, explain, export, show, rm. Two runs of the
 * shipped from-the-edges scenario (shortened to 40 ticks) serve all tests; expected values come from the
 * live run's own files and from the journal's row counts, never from numbers written down here.
 */
class JournalCommandsTest {
  @TempDir static Path dir;
  static String db;
  static Path runs;
  static final String SCENARIO = "simulations/from-the-edges.conf";

  @BeforeAll
  static void setUp() {
    db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    runs = dir.resolve("runs");
    Uptake.Result r = Uptake.run("run", SCENARIO, "--set", "ticks=40", "--db", db, "--out", runs.toString(),
        "--run-id", "edges", "--quiet");
    assertEquals(0, r.status(), r.err());
  }

  static Uptake.Result ok(String... args) {
    Uptake.Result r = Uptake.run(args);
    assertEquals(0, r.status(), String.join(" ", args) + "\n" + r.out() + r.err());
    return r;
  }

  @Test
  void replayWritesTheLiveRunsFilesByteForByteAndTheStateAtATick() throws Exception {
    Path out = dir.resolve("replays");
    Uptake.Result r = ok("replay", "edges", "--to-tick", "15", "--db", db, "--out", out.toString());
    assertTrue(r.out().startsWith("Replayed edges from "), r.out());
    for (String file : List.of("timeseries.csv", "summary.json")) {
      assertArrayEquals(Files.readAllBytes(runs.resolve("edges").resolve(file)),
          Files.readAllBytes(out.resolve("edges").resolve(file)), file);
    }
    // The state at tick 15, person by person, adds up to the live run's counts on row 15.
    List<String> state = Files.readAllLines(out.resolve("edges/state-at-15.csv"));
    assertEquals("person_number,person,department,role,manager,state,since,champion,mandated", state.get(0));
    assertEquals(1 + 600, state.size());
    String[] row15 = Files.readAllLines(runs.resolve("edges/timeseries.csv")).get(1 + 15).split(",");
    List<String> states = List.of("unaware", "aware", "trialing", "active", "lapsed");
    for (int s = 0; s < 5; s++) {
      String name = states.get(s);
      long n = state.stream().skip(1).filter(l -> l.split(",")[5].equals(name)).count();
      assertEquals(Long.parseLong(row15[1 + s]), n, name);
    }
    assertEquals(2, Uptake.run("replay", "edges", "--to-tick", "41", "--db", db).status());
    assertEquals(2, Uptake.run("replay", "nope", "--db", db).status());
  }

  @Test
  void aBranchWithoutChangesReproducesItsParentAndAChangeDivergesOnlyAfterTheBranchTick() throws Exception {
    Path out = dir.resolve("branches");
    ok("branch", "edges", "--at", "12", "--run-id", "same", "--db", db, "--out", out.toString(), "--quiet");
    assertArrayEquals(Files.readAllBytes(runs.resolve("edges/timeseries.csv")),
        Files.readAllBytes(out.resolve("same/timeseries.csv")));
    assertEquals(withoutRunId(runs.resolve("edges/summary.json")), withoutRunId(out.resolve("same/summary.json")));
    Uptake.Result same = ok("diff", "edges", "same", "--db", db);
    assertTrue(same.out().contains("Scenarios: identical."), same.out());
    assertTrue(same.out().contains("Journals: identical, weeks 0 to 40."), same.out());

    ok("branch", "edges", "--at", "12", "--run-id", "ceo", "--db", db, "--out", out.toString(), "--quiet",
        "--set", "interventions += { tick = 13, kind = mandate, by = CEO }");
    List<String> parent = Files.readAllLines(runs.resolve("edges/timeseries.csv"));
    List<String> branch = Files.readAllLines(out.resolve("ceo/timeseries.csv"));
    assertEquals(parent.subList(0, 1 + 13), branch.subList(0, 1 + 13), "identical up to and including tick 12");
    assertFalse(parent.equals(branch));
    Path csv = dir.resolve("diff.csv");
    Uptake.Result diff = ok("diff", "edges", "ceo", "--db", db, "--csv", csv.toString());
    assertTrue(diff.out().contains("Scenarios differ in: interventions"), diff.out());
    assertTrue(diff.out().contains("Journals: first diverge in week 13, in executive CEO: A nothing, B MandateIssued"),
        diff.out());
    assertTrue(diff.out().lines().anyMatch(l -> l.matches("\\s+metric\\s+A\\s+B\\s+B - A")),
        "the summary has column headers: " + diff.out());
    assertEquals(1 + 41, Files.readAllLines(csv).size());
    // The table starts where the number of people in any state differs, which can be a week whose active and
    // ever-adopted shares are still equal (aware or trialing people differ first): the header must say which.
    java.util.regex.Matcher header = java.util.regex.Pattern.compile("from week (\\d+), the first in which the "
        + "number of people in some state differs:\n.*\n\\s+(\\d+) ").matcher(diff.out());
    assertTrue(header.find(), diff.out());
    assertEquals(header.group(1), header.group(2), "the table's first row is the week named");

    Uptake.Result runsList = ok("runs", "--db", db);
    assertTrue(runsList.out().lines().anyMatch(l -> l.startsWith("ceo ") && l.endsWith("edges @ 12")), runsList.out());
    Uptake.Result show = ok("show", "ceo", "--db", db);
    assertTrue(show.out().contains("branch of:  edges after tick 12"), show.out());

    // A mandate at or before the branch tick would rewrite history: refused.
    Uptake.Result past = Uptake.run("branch", "edges", "--at", "12", "--db", db,
        "--set", "interventions += { tick = 12, kind = mandate, by = CEO }");
    assertEquals(2, past.status());
    assertTrue(past.err().contains("would be in the past of a branch at tick 12"), past.err());
    Uptake.Result org = Uptake.run("branch", "edges", "--at", "12", "--db", db, "--set", "organisation.span-of-control=3");
    assertEquals(2, org.status());
    assertTrue(org.err().contains("the organisation of a recorded run cannot change"), org.err());
    // Who is seeded, and when, is in the parent's people: a branch cannot honour a change to it, so it says so.
    Uptake.Result seeding = Uptake.run("branch", "edges", "--at", "12", "--db", db, "--set", "seeding.enthusiasts=10",
        "--set", "seeding.tick=15");
    assertEquals(2, seeding.status());
    assertTrue(seeding.err().contains("--set seeding.enthusiasts: a branch cannot change it: who is seeded"),
        seeding.err());
  }

  static String withoutRunId(Path summary) throws Exception {
    return Files.readString(summary).replaceFirst("\"run_id\" : \"[^\"]*\"", "");
  }

  @Test
  void exportWritesEveryJournalEventOnceInOrder() throws Exception {
    Path out = dir.resolve("exports");
    ok("export", "edges", "--format", "jsonl", "--db", db, "--out", out.toString());
    ok("export", "edges", "--format", "csv", "--db", db, "--out", out.toString());
    long rows;
    try (Connection c = JournalSchema.connect(JournalSettings.of(db)); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"event_journal\" WHERE \"persistence_id\" IN "
            + "('Run|edges') OR \"persistence_id\" LIKE 'Department|edges|%' OR \"persistence_id\" LIKE 'Executive|edges|%'")) {
      rs.next();
      rows = rs.getLong(1);
    }
    List<String> jsonl = Files.readAllLines(out.resolve("edges/events.jsonl"));
    assertEquals(rows, jsonl.size(), "one line per journal event");
    ObjectMapper json = new ObjectMapper();
    JsonNode first = json.readTree(jsonl.get(0));
    assertEquals("RunStarted", first.get("event").asText());
    assertEquals(42, first.get("data").get("seed").asInt());
    assertEquals("RunFinished", json.readTree(jsonl.get(jsonl.size() - 1)).get("event").asText());
    int lastTick = -1;
    for (String line : jsonl) {
      JsonNode n = json.readTree(line);
      if (!n.get("tick").isNull()) {
        assertTrue(n.get("tick").asInt() >= lastTick, "in tick order");
        lastTick = n.get("tick").asInt();
      }
    }
    assertEquals(rows + 1, Files.readAllLines(out.resolve("edges/events.csv")).size(), "header and one row per event");
    List<String> transitions = Files.readAllLines(out.resolve("edges/transitions.csv"));
    assertTrue(transitions.get(0).startsWith("run_id,source_run,tick,department,person_number,person,change,from,to,"
        + "state"), transitions.get(0));
    assertTrue(transitions.stream().anyMatch(l -> l.contains(",seed,")), "enthusiasts' seeding is exported");
    assertEquals(1 + 600, Files.readAllLines(out.resolve("edges/people.csv")).size());
    assertTrue(Files.exists(out.resolve("edges/ties.csv")) && Files.exists(out.resolve("edges/scenario.conf")));
  }

  /**
   * The CSV export is tidy tables a spreadsheet or pandas reads with default settings: no cell of more than a
   * few KB (no roster or scenario as JSON in a cell), and counting the state changes into "lapsed" gives the
   * lapses of summary.json (a mandate reaching a lapsed person is a row, but not a lapse).
   */
  @Test
  void theCsvExportIsTidyAndCountingItsTransitionsGivesTheSummary() throws Exception {
    Path out = dir.resolve("tidy");
    ok("export", "edges", "--format", "csv", "--db", db, "--out", out.toString());
    com.fasterxml.jackson.dataformat.csv.CsvMapper csv = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
        .enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY);
    for (String file : List.of("events.csv", "transitions.csv", "people.csv", "ties.csv")) {
      try (var it = csv.readerFor(List.class).readValues(out.resolve("edges").resolve(file).toFile())) {
        int width = -1;
        while (it.hasNext()) {
          List<?> row = (List<?>) it.next();
          if (width < 0) width = row.size();
          assertEquals(width, row.size(), file + ": every row as wide as the header");
          for (Object cell : row) assertTrue(String.valueOf(cell).length() <= 4096, file + ": a cell of 4 KB or less");
        }
      }
    }
    List<String> rows = Files.readAllLines(out.resolve("edges/transitions.csv"));
    List<String> header = Arrays.asList(rows.get(0).split(","));
    int to = header.indexOf("to");
    long lapses = rows.stream().skip(1).filter(l -> l.split(",", -1)[to].equals("lapsed")).count();
    JsonNode summary = new ObjectMapper().readTree(runs.resolve("edges/summary.json").toFile());
    assertEquals(summary.get("lapses").asLong(), lapses);
  }

  /**
   * A branch's export holds its parent's events up to the branch tick, marked with the parent's run id, so that
   * the people's last recorded states give the branch's own last row of timeseries.csv.
   */
  @Test
  void aBranchsExportReproducesTheBranchsSeries() throws Exception {
    Path out = dir.resolve("branch-export");
    ok("branch", "edges", "--at", "12", "--run-id", "exported", "--db", db, "--out", out.resolve("runs").toString(),
        "--quiet", "--set", "interventions += { tick = 13, kind = mandate, by = CEO }");
    ok("export", "exported", "--format", "csv", "--db", db, "--out", out.toString());
    List<String> rows = Files.readAllLines(out.resolve("exported/transitions.csv"));
    List<String> header = Arrays.asList(rows.get(0).split(","));
    java.util.Map<String, String> last = new java.util.HashMap<>();
    boolean fromParent = false;
    for (String row : rows.subList(1, rows.size())) {
      String[] f = row.split(",", -1);
      last.put(f[header.indexOf("person_number")], f[header.indexOf("state")]);
      fromParent |= f[header.indexOf("source_run")].equals("edges");
    }
    assertTrue(fromParent, "the parent's events up to the branch tick are included");
    List<String> series = Files.readAllLines(out.resolve("runs/exported/timeseries.csv"));
    String[] cols = series.get(0).split(",");
    String[] end = series.get(series.size() - 1).split(",");
    for (String state : List.of("aware", "trialing", "active", "lapsed")) {
      long counted = last.values().stream().filter(state::equals).count();
      assertEquals(Long.parseLong(end[Arrays.asList(cols).indexOf(state)]), counted, state);
    }
    assertTrue(Files.readString(out.resolve("exported/run.json")).contains("\"branch_of\" : \"edges\""));
  }

  /** A divergence between two events of the same kind names the fields that differ, not "A Reviewed, B Reviewed". */
  @Test
  void aDivergenceNamesWhatDiffersInTheEvent() {
    String d = Divergence.fieldsThatDiffer(new org.uptake.organisation.Executive.Reviewed(13, "clicks", 0.12, "kept support"),
        new org.uptake.organisation.Executive.Reviewed(13, "clicks", 0.125, "kept support"));
    assertEquals("value A 0.1200, B 0.1250", d);
  }

  @Test
  void explainTellsAPersonsStoryAndADepartmentsMilestones() throws Exception {
    Path out = dir.resolve("explain-export");
    ok("export", "edges", "--format", "csv", "--db", db, "--out", out.toString());
    // Pick an enthusiast from the exported transitions and check the story against them.
    String seeded = Files.readAllLines(out.resolve("edges/transitions.csv")).stream()
        .filter(l -> l.contains(",seed,")).findFirst().orElseThrow();
    String name = seeded.split(",")[5].replace("\"", "");
    String number = seeded.split(",")[4];
    Uptake.Result person = ok("explain", "edges", name, "--db", db);
    assertTrue(person.out().startsWith(name + ": staff in "), person.out());
    assertTrue(person.out().contains("week   0: unaware -> active -- seed: enthusiast seeded at the start"),
        person.out());
    assertEquals(person.out(), ok("explain", "edges", number, "--db", db).out(), "numbers count from 1, like names");
    Uptake.Result dept = ok("explain", "edges", "--department", "Engineering", "--db", db);
    assertTrue(dept.out().startsWith("Engineering: 130 people."), dept.out());
    assertTrue(dept.out().contains("first person active"), dept.out());
    assertEquals(2, Uptake.run("explain", "edges", "Nobody-0001", "--db", db).status());
    assertEquals(2, Uptake.run("explain", "edges", "--department", "Legal", "--db", db).status());
  }

  @Test
  void rmRemovesARunButNotOneThatBranchesDependOn() {
    ok("run", SCENARIO, "--set", "ticks=5", "--db", db, "--out", dir.resolve("rm").toString(), "--run-id", "doomed",
        "--quiet");
    ok("branch", "doomed", "--at", "2", "--run-id", "doomed-child", "--db", db, "--out", dir.resolve("rm").toString(),
        "--quiet");
    Uptake.Result refused = Uptake.run("rm", "doomed", "--yes", "--db", db);
    assertEquals(2, refused.status());
    assertTrue(refused.err().contains("doomed-child is a branch of doomed"), refused.err());
    assertTrue(ok("rm", "doomed-child", "--yes", "--db", db).out().startsWith("Removed run doomed-child:"));
    assertTrue(ok("rm", "doomed", "--yes", "--db", db).out().startsWith("Removed run doomed:"));
    String list = ok("runs", "--db", db).out();
    assertFalse(list.contains("doomed"), list);
    assertTrue(list.contains("edges"), list);
    assertEquals(2, Uptake.run("show", "doomed", "--db", db).status());
  }
}
