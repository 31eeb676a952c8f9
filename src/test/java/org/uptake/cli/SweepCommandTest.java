package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.persistence.query.EventEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.report.TidyCsv;
import org.uptake.scenario.ScenarioException;
import org.uptake.sweep.Sweep;

/**
 * {@code uptake sweep} end to end, in process, on in-memory journals: bad sweep files, the files' layout and
 * statistics, independence from --jobs, journal = summary, and resuming without redoing finished runs. The
 * reference sweep is 2 x 2 points x 2 seeds of a 200-person independent cascade.
 */
class SweepCommandTest {
  static final String GRID = """
      seeds = 2
      first-seed = 3
      vary {
        "adoption.transmission" = [0.1, 0.3]
        "seeding.count" = { from = 1, to = 3, step = 2 }
      }
      metrics = [final_active_fraction, time_to_50pct_active, peak_active_fraction]
      """;
  static final AtomicInteger DATABASES = new AtomicInteger();
  @TempDir static Path dir;
  static Path full;
  static Path referenceOut;
  static String referenceDb;

  static String freshDb() {
    return "jdbc:h2:mem:sweep-test-" + DATABASES.incrementAndGet();
  }

  @BeforeAll
  static void referenceSweep() {
    TestScenarios.write(dir, "canon.conf", "ticks = 12\nnetwork { kind = erdos-renyi, size = 200, mean-degree = 4 }\n"
        + "adoption { rule = independent-cascade, transmission = 0.2 }\nseeding { kind = random, count = 2 }\n");
    full = TestScenarios.write(dir, "full.conf", "base = \"canon.conf\"\n" + GRID + "journal = full\n");
    referenceOut = dir.resolve("reference");
    referenceDb = freshDb();
    Uptake.Result r = Uptake.run("sweep", full.toString(), "--sweep-id", "ref", "--jobs", "2", "--db", referenceDb,
        "--out", referenceOut.toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
  }

  @Test
  void theRunsFileHasOneRowPerRunAndTheSummaryItsStatisticsByHand() throws Exception {
    List<String> runs = Files.readAllLines(referenceOut.resolve("ref/sweep.csv"));
    assertEquals("run_id,adoption.transmission,seeding.count,seed,horizon,final_active_fraction,time_to_50pct_active,"
        + "peak_active_fraction", runs.get(0));
    assertEquals(1 + 2 * 2 * 2, runs.size());
    List<String> ids = new ArrayList<>();
    for (String line : runs.subList(1, runs.size())) ids.add(line.split(",")[0] + " " + line.split(",")[1] + " "
        + line.split(",")[2] + " " + line.split(",")[3] + " " + line.split(",")[4]);
    assertEquals(List.of("ref-p001-s3 0.1 1 3 12", "ref-p001-s4 0.1 1 4 12", "ref-p002-s3 0.1 3 3 12",
        "ref-p002-s4 0.1 3 4 12", "ref-p003-s3 0.3 1 3 12", "ref-p003-s4 0.3 1 4 12", "ref-p004-s3 0.3 3 3 12",
        "ref-p004-s4 0.3 3 4 12"), ids);

    List<String> summary = Files.readAllLines(referenceOut.resolve("ref/sweep-summary.csv"));
    assertEquals("point,adoption.transmission,seeding.count,metric,statistic,value", summary.get(0));
    Map<String, String> cell = new LinkedHashMap<>();
    for (String line : summary.subList(1, summary.size())) {
      String[] f = line.split(",", -1);
      cell.put(f[0] + " " + f[3] + " " + f[4], f[5]);
    }
    // Two shares with 5 statistics and one time with 9, for each of the 4 points.
    assertEquals(4 * (2 * 5 + 9), summary.size() - 1);
    // Each point's statistics, recomputed by hand from the rows of sweep.csv (rounded to six decimals there).
    double t = new TDistribution(1).inverseCumulativeProbability(0.975);
    for (int p = 0; p < 4; p++) {
      for (int m : new int[] {0, 2}) {
        String metric = m == 0 ? "final_active_fraction" : "peak_active_fraction";
        SummaryStatistics s = new SummaryStatistics();
        for (int k = 0; k < 2; k++) s.addValue(Double.parseDouble(runs.get(1 + 2 * p + k).split(",", -1)[5 + m]));
        String at = (p + 1) + " " + metric + " ";
        assertEquals("2", cell.get(at + "runs"));
        assertEquals(s.getMean(), Double.parseDouble(cell.get(at + "mean")), 1e-6, at);
        assertEquals(s.getStandardDeviation(), Double.parseDouble(cell.get(at + "sd")), 1e-6, at);
        double mean = s.getMean();
        if (s.getStandardDeviation() > 0 && mean > 0 && mean < 1) {
          // The share interval: Student's t on the logit scale, mapped back (inside [0, 1]).
          double half = t * s.getStandardDeviation() / (Math.sqrt(2) * mean * (1 - mean));
          double logit = Math.log(mean / (1 - mean));
          assertEquals(1 / (1 + Math.exp(-(logit - half))), Double.parseDouble(cell.get(at + "ci_low")), 1e-5, at);
          assertEquals(1 / (1 + Math.exp(-(logit + half))), Double.parseDouble(cell.get(at + "ci_high")), 1e-5, at);
        }
      }
      // The time: how many reached it, and the Kaplan-Meier median of two runs by hand: both reached it at t1 <= t2
      // gives one half from t1 to t2 (the middle, unless t1 = t2); one alone, its time; none, no median.
      String at = (p + 1) + " time_to_50pct_active ";
      List<Integer> reached = new ArrayList<>();
      for (int k = 0; k < 2; k++) {
        String v = runs.get(1 + 2 * p + k).split(",", -1)[6];
        if (!v.isEmpty()) reached.add(Integer.parseInt(v));
      }
      reached.sort(null);
      assertEquals(Integer.toString(reached.size()), cell.get(at + "reached"), at);
      assertEquals("12", cell.get(at + "horizon"));
      String median = reached.isEmpty() ? "" : reached.size() == 1 ? reached.get(0).toString()
          : TidyCsv.number((reached.get(0) + reached.get(1)) / 2.0);
      assertEquals(median, cell.get(at + "median"), at);
      assertTrue(!cell.containsKey(at + "mean"), "no mean of a censored time");
    }
    JsonNode json = new ObjectMapper().readTree(referenceOut.resolve("ref/sweep.json").toFile());
    assertEquals("ref", json.get("sweep_id").asText());
    assertEquals(dir.resolve("canon.conf").toString(), json.get("base").asText());
    assertEquals("[\"adoption.transmission\",\"seeding.count\"]", json.get("parameters").toString());
    assertEquals(3, json.get("metrics").size());
    assertEquals(2, json.get("seeds").asInt());
    assertEquals(3, json.get("first_seed").asInt());
    assertEquals(4, json.get("points").asInt());
    assertEquals("full", json.get("journal").asText());

    // journal = full: every run is an ordinary run, listed and replayable.
    Uptake.Result listed = Uptake.run("runs", "--db", referenceDb);
    assertEquals(8, listed.out().lines().filter(l -> l.startsWith("ref-p") && l.contains("finished")).count(),
        listed.out());
    Uptake.Result replay = Uptake.run("replay", "ref-p004-s4", "--db", referenceDb, "--out",
        dir.resolve("replays").toString());
    assertEquals(0, replay.status(), replay.err());
  }

  @Test
  void theResultsDoNotDependOnTheNumberOfJobs() throws Exception {
    Path out = dir.resolve("one-job");
    Uptake.Result r = Uptake.run("sweep", full.toString(), "--sweep-id", "ref", "--jobs", "1", "--db", freshDb(),
        "--out", out.toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
    for (String file : List.of("sweep.csv", "sweep-summary.csv", "sweep.json")) {
      assertArrayEquals(Files.readAllBytes(referenceOut.resolve("ref").resolve(file)),
          Files.readAllBytes(out.resolve("ref").resolve(file)), file);
    }
  }

  @Test
  void withJournalSummaryOnlyTheSweepIsRecordedAndTheResultsAreTheSame() throws Exception {
    Path summary = TestScenarios.write(dir, "summary.conf", "base = \"canon.conf\"\n" + GRID + "journal = summary\n");
    String db = freshDb();
    Path out = dir.resolve("summary-out");
    Uptake.Result r = Uptake.run("sweep", summary.toString(), "--sweep-id", "ref", "--db", db, "--out",
        out.toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
    assertArrayEquals(Files.readAllBytes(referenceOut.resolve("ref/sweep.csv")),
        Files.readAllBytes(out.resolve("ref/sweep.csv")));
    assertEquals(Map.of("Sweep|ref", 1 + 8), eventsByEntity(db), "the sweep's start and its 8 runs, no run's events");
  }

  @Test
  void aResumedSweepRunsOnlyWhatIsMissingAndWritesTheSameFiles() throws Exception {
    String db = freshDb();
    Path out = dir.resolve("resumed");
    assertEquals(0, Uptake.run("sweep", full.toString(), "--sweep-id", "ref", "--db", db, "--out", out.toString(),
        "--quiet").status());
    // As if the process had died: the last three completions never reached the sweep's record, two of those
    // runs left nothing in the journal and one finished without being recorded.
    List<String> lost = lastRecorded(db, 3);
    int before = eventsByEntity(db).get("Sweep|ref");
    deleteLastEvents(db, "Sweep|ref", 3);
    for (String run : lost.subList(0, 2)) deleteEntitiesOf(db, run);
    Files.delete(out.resolve("ref/sweep.csv"));

    Uptake.Result resumed = Uptake.run("sweep", "--resume", "ref", "--db", db, "--out", out.toString(),
        "--progress", "lines");
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("Resuming sweep ref: 5 of 8 runs done, 3 to go."), resumed.out());
    List<String> done = resumed.err().lines().filter(l -> l.startsWith("run ")).toList();
    assertEquals(3, done.size(), resumed.err());
    for (String run : lost) assertTrue(resumed.err().contains("(" + run + ")"), run + " in " + resumed.err());
    assertTrue(done.get(2).startsWith("run 8/8 done"), done.get(2));
    assertArrayEquals(Files.readAllBytes(referenceOut.resolve("ref/sweep.csv")),
        Files.readAllBytes(out.resolve("ref/sweep.csv")));
    assertEquals(before, eventsByEntity(db).get("Sweep|ref"));

    Uptake.Result again = Uptake.run("sweep", "--resume", "ref", "--db", db, "--out", out.toString());
    assertEquals(0, again.status(), again.err());
    assertTrue(again.out().contains("8 of 8 runs done, 0 to go"), again.out());
    assertEquals(before, eventsByEntity(db).get("Sweep|ref"), "nothing recorded twice");
    assertEquals(2, Uptake.run("sweep", full.toString(), "--sweep-id", "ref", "--db", db).status(),
        "an existing sweep id is refused for a new sweep");
  }

  @Test
  void aLatinHypercubeSweepRunsItsDrawnPointsAndResumesThem() throws Exception {
    Path lhs = TestScenarios.write(dir, "lhs.conf", """
        base = "canon.conf"
        design = latin-hypercube
        points = 6
        design-seed = 11
        vary {
          "adoption.transmission" = { from = 0.1, to = 0.4 }
          "seeding.count" = [1, 2, 3]
        }
        metrics = [final_active_fraction]
        journal = summary
        """);
    String db = freshDb();
    Path out = dir.resolve("lhs-out");
    Uptake.Result r = Uptake.run("sweep", lhs.toString(), "--sweep-id", "lhs", "--db", db, "--out", out.toString(),
        "--quiet");
    assertEquals(0, r.status(), r.err());
    List<String> rows = Files.readAllLines(out.resolve("lhs/sweep.csv"));
    assertEquals(1 + 6, rows.size());
    List<List<String>> drawn = org.uptake.sweep.SweepSpec.load(lhs).points().stream()
        .map(org.uptake.sweep.SweepSpec.Point::values).toList();
    List<List<String>> run = new ArrayList<>();
    for (String line : rows.subList(1, rows.size())) run.add(List.of(line.split(",")[1], line.split(",")[2]));
    assertEquals(new java.util.HashSet<>(drawn), new java.util.HashSet<>(run), "each drawn point run once");
    byte[] whole = Files.readAllBytes(out.resolve("lhs/sweep.csv"));

    deleteLastEvents(db, "Sweep|lhs", 2);
    // The file's design seed changes after the start: the sweep resumes with the points it drew, from the journal.
    Files.writeString(lhs, Files.readString(lhs).replace("design-seed = 11", "design-seed = 12"));
    Uptake.Result resumed = Uptake.run("sweep", "--resume", "lhs", "--db", db, "--out", out.toString());
    assertEquals(0, resumed.status(), resumed.err());
    assertTrue(resumed.out().contains("4 of 6 runs done, 2 to go"), resumed.out());
    assertArrayEquals(whole, Files.readAllBytes(out.resolve("lhs/sweep.csv")));

    Uptake.Result report = Uptake.run("report", out.resolve("lhs").toString(), "--db", db);
    assertEquals(0, report.status(), report.err());
    String html = Files.readString(out.resolve("lhs/report.html"));
    assertTrue(html.contains("a latin-hypercube design, 6 points") && html.contains("one dot per point of the design"),
        html);
  }

  @Test
  void aSweepCollectsEveryRunsSeriesAsOneLongTable() throws Exception {
    Path file = TestScenarios.write(dir, "series.conf", """
        base = "canon.conf"
        seeds = 2
        vary { "adoption.transmission" = [0.1, 0.3] }
        metrics = [final_active_fraction]
        series = [active_fraction, active]
        journal = full
        """);
    String db = freshDb();
    Path out = dir.resolve("series-out");
    Uptake.Result r = Uptake.run("sweep", file.toString(), "--sweep-id", "ser", "--db", db, "--out", out.toString(),
        "--quiet");
    assertEquals(0, r.status(), r.err());
    List<String> rows = Files.readAllLines(out.resolve("ser/sweep-series.csv"));
    assertEquals("run_id,point,adoption.transmission,seed,tick,metric,value", rows.get(0));
    // Each run's series is the run's own timeseries.csv, written from its journal by `uptake replay`, column by
    // column; canon.conf plays 12 ticks (rows 0 to 12) unless a cascade settles first.
    int expectedRows = 0;
    for (String run : List.of("ser-p001-s1", "ser-p001-s2", "ser-p002-s1", "ser-p002-s2")) {
      Path replayed = dir.resolve("series-replay");
      assertEquals(0, Uptake.run("replay", run, "--db", db, "--out", replayed.toString()).status());
      List<String> series = Files.readAllLines(replayed.resolve(run).resolve("timeseries.csv"));
      List<String> header = List.of(series.get(0).split(","));
      for (String name : List.of("active_fraction", "active")) {
        int column = header.indexOf(name);
        List<Double> expected = series.subList(1, series.size()).stream()
            .map(l -> Double.parseDouble(l.split(",")[column])).toList();
        List<Double> got = rows.stream().filter(l -> l.startsWith(run + ",") && l.split(",")[5].equals(name))
            .map(l -> Double.parseDouble(l.split(",")[6])).toList();
        assertEquals(expected, got, run + " " + name);
        expectedRows += expected.size();
      }
    }
    assertEquals(1 + expectedRows, rows.size());
    ScenarioException e = org.junit.jupiter.api.Assertions.assertThrows(ScenarioException.class, () ->
        org.uptake.sweep.SweepSpec.load(TestScenarios.write(dir, "bad-series.conf",
            "base = \"canon.conf\"\nvary { \"seeding.count\" = [1, 2] }\nseries = [goal_index]\n")));
    assertTrue(e.getMessage().contains("series: 'goal_index' means nothing for the base scenario"), e.getMessage());
  }

  @Test
  void sweepsGoToTheirOwnFolderByDefault() {
    SweepCommand sweep = new SweepCommand();
    new picocli.CommandLine(sweep).parseArgs("simulations/sweeps/enthusiasts-and-dropout.conf");
    assertEquals(Path.of("sweeps"), sweep.options.out);
    assertEquals(26, sweep.options.snapshotEvery());
    RunCommand run = new RunCommand();
    new picocli.CommandLine(run).parseArgs("simulations/from-the-edges.conf");
    assertEquals(Path.of("runs"), run.options.out, "the other commands keep theirs");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown top-level key   | seed = 2\\nvary { \\"seeding.count\\" = [1] }                                   | bad.conf:2: seed: unknown key; did you mean 'seeds'?
      empty list              | vary { \\"seeding.count\\" = [] }                                               | bad.conf:2: vary.seeding.count: an empty list; expected at least one value
      step of zero            | vary { \\"adoption.transmission\\" = { from = 0.1, to = 0.3, step = 0 } }        | bad.conf:2: vary.adoption.transmission: step: expected a number > 0, got 0
      negative step           | vary { \\"adoption.transmission\\" = { from = 0.1, to = 0.3, step = -0.1 } }     | step: expected a number > 0, got -0.1
      unknown scenario key    | vary { \\"seeding.cont\\" = [1, 2] }                                            | vary: grid point 1 (seeding.cont=1): --set seeding.cont=1: 1: seeding.cont: unknown key; did you mean 'seeding.count'?
      value out of range      | vary { \\"adoption.transmission\\" = [0.5, 1.5] }                               | grid point 2 (adoption.transmission=1.5)
      unknown journal         | journal = partial\\nvary { \\"seeding.count\\" = [1] }                          | bad.conf:2: journal: expected full or summary, got \\"partial\\"
      unknown metric          | metrics = [final_active]\\nvary { \\"seeding.count\\" = [1] }                   | bad.conf:2: metrics: unknown metric 'final_active'
      """)
  void aBadSweepFileIsRefusedWithNothingRecorded(String name, String body, String message) {
    Path bad = TestScenarios.write(dir.resolve("bad"), "bad.conf", "base = \"../canon.conf\"\n"
        + body.replace("\\n", "\n").replace("\\\"", "\""));
    refused(bad, message.replace("\\\"", "\""));
  }

  @Test
  void aMissingBaseIsRefusedWithNothingRecorded() {
    Path bad = TestScenarios.write(dir.resolve("bad"), "no-base.conf",
        "base = \"nowhere.conf\"\nvary { \"seeding.count\" = [1] }\n");
    refused(bad, "no-base.conf:1: base: no such scenario file " + dir.resolve("bad/nowhere.conf"));
  }

  static void refused(Path file, String message) {
    String db = freshDb();
    Uptake.Result r = Uptake.run("sweep", file.toString(), "--db", db, "--out", dir.resolve("bad-out").toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains(message), r.err());
    assertEquals(1, r.err().lines().count(), "one clear line: " + r.err());
    assertEquals(Map.of(), eventsByEntity(db), "nothing recorded");
    assertTrue(!Files.exists(dir.resolve("bad-out")), "nothing written");
  }

  // --- the journal, read and cut with plain SQL -----------------------------------------------------

  static Map<String, Integer> eventsByEntity(String url) {
    JournalSettings db = JournalSettings.of(url);
    JournalSchema.ensure(db);
    Map<String, Integer> counts = new LinkedHashMap<>();
    try (Connection c = JournalSchema.connect(db); PreparedStatement q = c.prepareStatement(
        "SELECT \"persistence_id\", COUNT(*) FROM \"event_journal\" GROUP BY \"persistence_id\"");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) counts.put(rs.getString(1), rs.getInt(2));
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return counts;
  }

  /** Run ids of the last {@code n} RunCompleted events of sweep "ref", in the order recorded. */
  static List<String> lastRecorded(String url, int n) {
    List<String> ids = new ArrayList<>();
    ActorSystem<?> system = TestRuns.system(JournalSettings.of(url));
    try {
      List<EventEnvelope> events = new JournalReader(system).events(Sweep.persistenceId("ref"), Long.MAX_VALUE);
      for (EventEnvelope e : events.subList(events.size() - n, events.size())) {
        ids.add(((Sweep.RunCompleted) e.event()).runId());
      }
    } finally {
      TestRuns.stop(system);
    }
    return ids;
  }

  static void deleteLastEvents(String url, String pid, int n) throws Exception {
    try (Connection c = JournalSchema.connect(JournalSettings.of(url)); PreparedStatement d = c.prepareStatement(
        "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" > "
            + "(SELECT MAX(\"sequence_number\") FROM \"event_journal\" WHERE \"persistence_id\" = ?) - ?")) {
      d.setString(1, pid);
      d.setString(2, pid);
      d.setInt(3, n);
      assertEquals(n, d.executeUpdate());
    }
  }

  static void deleteEntitiesOf(String url, String runId) throws Exception {
    try (Connection c = JournalSchema.connect(JournalSettings.of(url)); PreparedStatement d = c.prepareStatement(
        "DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? OR \"persistence_id\" LIKE ?");
        PreparedStatement s = c.prepareStatement(
            "DELETE FROM \"snapshot\" WHERE \"persistence_id\" LIKE ?")) {
      d.setString(1, "Run|" + runId);
      d.setString(2, "%|" + runId + "|%");
      assertTrue(d.executeUpdate() > 0);
      s.setString(1, "%|" + runId + "|%");
      s.executeUpdate();
    }
  }
}
