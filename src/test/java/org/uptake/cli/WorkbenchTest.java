package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.experiment.JournalSession;
import org.uptake.fit.FitRun;
import org.uptake.fit.FitSpec;
import org.uptake.fit.SmallFit;
import org.uptake.journal.JournalSettings;
import org.uptake.optimise.OptimiseRun;
import org.uptake.optimise.OptimiseSpec;
import org.uptake.optimise.SmallOptimisation;
import org.uptake.run.Brake;
import org.uptake.workbench.LiveRun;
import org.uptake.workbench.Server;

/** The workbench over HTTP, as its page uses it: the token, the bounds on input, and runs streamed week by week. */
class WorkbenchTest {
  private static final String TOKEN = "test-token-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  static JournalSession session;
  static Server server;
  static String base;

  @BeforeAll
  static void serve() throws Exception {
    session = JournalSession.open(JournalSettings.of("jdbc:h2:file:" + dir.resolve("journal/journal")));
    server = Server.start(session, Path.of("simulations"), dir.resolve("workspace"), 2, "127.0.0.1", 0, TOKEN,
        Brake.NONE);
    base = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    session.close();
  }

  private static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) r.header("X-Uptake-Token", token);
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body, String token) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) r.header("X-Uptake-Token", token);
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyApiRequestNeedsTheToken() throws Exception {
    assertEquals(401, get("/api/runs", null).statusCode());
    assertEquals(401, get("/api/runs", "wrong-token-0123456789").statusCode());
    assertTrue(get("/api/runs", null).body().contains("?token="), "the refusal says where the token is");
    assertEquals(200, get("/api/runs", TOKEN).statusCode());
    // A GET may carry it in the address (event streams and downloads cannot set headers)...
    assertEquals(200, get("/api/scenarios?token=" + TOKEN, null).statusCode());
    // ...but a request that changes something takes it only from the header, which a page elsewhere cannot set.
    assertEquals(401, post("/api/runs?token=" + TOKEN, "{\"scenario\":\"from-the-edges.conf\"}", null).statusCode());
    // The page itself holds no data and loads without it, with its libraries from the jar.
    assertEquals(200, get("/", null).statusCode());
    assertEquals(200, get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", null).statusCode());
  }

  @Test
  void everyScenarioOfferedHasANameAStrategistCanTellApart() throws Exception {
    JsonNode scenarios = JSON.readTree(get("/api/scenarios", TOKEN).body());
    java.util.Set<String> names = new java.util.HashSet<>();
    for (JsonNode s : scenarios) {
      String name = s.get("name").asText();
      // scenario-defaults.conf names a scenario that sets no name "unnamed scenario": the file says more.
      assertTrue(!name.equals("unnamed scenario"), s.toString());
      assertTrue(names.add(name), "two scenarios are offered as " + name);
    }
    assertTrue(names.contains("Executive mandate"), names.toString());
  }

  @Test
  void badInputIsRefusedWithAMessageAndNothingRecorded() throws Exception {
    int before = JSON.readTree(get("/api/runs", TOKEN).body()).size();
    HttpResponse<String> pathLike = post("/api/runs", "{\"scenario\":\"../pom.xml\"}", TOKEN);
    assertEquals(400, pathLike.statusCode());
    assertTrue(pathLike.body().contains("expected one of the shipped scenarios"), pathLike.body());
    HttpResponse<String> zero = post("/api/runs", "{\"scenario\":\"from-the-edges.conf\",\"ticks\":0}", TOKEN);
    assertEquals(400, zero.statusCode());
    assertTrue(zero.body().contains("Length: expected a whole number of weeks"), zero.body());
    HttpResponse<String> id = get("/api/runs/..%2Fetc/events", TOKEN);
    assertEquals(400, id.statusCode());
    HttpResponse<String> unknown = get("/api/runs/no-such-run/events", TOKEN);
    assertEquals(400, unknown.statusCode());
    assertTrue(unknown.body().contains("no run 'no-such-run'"), unknown.body());
    HttpResponse<String> file = get("/api/runs/no-such-run/files/..%2F..%2Fpom.xml", TOKEN);
    assertEquals(400, file.statusCode());
    // 64 KB is the most a request body may hold.
    HttpResponse<String> big = post("/api/runs", "{\"scenario\":\"" + "x".repeat(70_000) + "\"}", TOKEN);
    assertEquals(413, big.statusCode());
    assertTrue(big.body().contains("up to 64 KB"), big.body());
    assertEquals(before, JSON.readTree(get("/api/runs", TOKEN).body()).size());
  }

  /** The run's events: each week as it completes, then the end with every row of the journal. */
  private static List<JsonNode[]> events(String runId) throws Exception {
    return read(stream(base, runId));
  }

  /** A run's event stream on the server at {@code at}, open (its first event is sent as it opens). */
  private static HttpResponse<Stream<String>> stream(String at, String runId) throws Exception {
    HttpResponse<Stream<String>> r = HTTP.send(HttpRequest.newBuilder(URI.create(at + "/api/runs/" + runId
        + "/events?token=" + TOKEN)).timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, r.statusCode());
    return r;
  }

  private static List<JsonNode[]> read(HttpResponse<Stream<String>> r) throws Exception {
    return read(r, () -> true);
  }

  /** Each event's name and data, and whether {@code ended} said the run had ended when the event was read. */
  private static List<JsonNode[]> read(HttpResponse<Stream<String>> r, BooleanSupplier ended) throws Exception {
    List<JsonNode[]> out = new ArrayList<>();
    String event = null;
    String data = null;
    for (Iterator<String> lines = r.body().iterator(); lines.hasNext(); ) {
      String line = lines.next();
      if (line.startsWith("event:")) event = line.substring(6);
      else if (line.startsWith("data:")) data = line.substring(5);
      else if (line.isEmpty() && data != null) {
        out.add(new JsonNode[] {JSON.getNodeFactory().textNode(event == null ? "message" : event), JSON.readTree(data),
            JSON.getNodeFactory().booleanNode(ended.getAsBoolean())});
        if ("end".equals(event)) break;
        event = null;
        data = null;
      }
    }
    return out;
  }

  @Test
  void aRunStartedInThePageHasTheSameOutputsAsTheSameRunOnTheCommandLine() throws Exception {
    HttpResponse<String> started = post("/api/runs", "{\"scenario\":\"from-the-edges.conf\",\"seed\":7,\"ticks\":12}",
        TOKEN);
    assertEquals(202, started.statusCode(), started.body());
    String id = JSON.readTree(started.body()).get("runId").asText();
    List<JsonNode[]> events = events(id);
    JsonNode[] end = events.get(events.size() - 1);
    assertEquals("end", end[0].asText());
    assertEquals("finished", end[1].get("status").asText());
    // Row 0 is the start and ticks = 12 plays 12 steps: 13 rows (docs/design.md, the time convention).
    assertEquals(13, end[1].get("points").size());
    long weeks = events.stream().filter(e -> e[0].asText().equals("week")).count();
    assertEquals(13, weeks, "every week was streamed as it completed");

    Path summary = server.workbench().outputs().resolve(id).resolve("summary.json");
    double finalActive = JSON.readTree(summary.toFile()).get("final_active_fraction").asDouble();
    assertEquals(finalActive, end[1].get("points").get(12).get("active").asDouble(), 5e-7);

    Uptake.Result cli = Uptake.run("run", "simulations/from-the-edges.conf", "--seed", "7", "--set", "ticks=12",
        "--db", "jdbc:h2:file:" + dir.resolve("cli/journal"), "--out", dir.resolve("cli-out").toString(),
        "--run-id", "cli-run", "--quiet");
    assertEquals(0, cli.status(), cli.err());
    assertArrayEquals(Files.readAllBytes(dir.resolve("cli-out/cli-run/timeseries.csv")),
        Files.readAllBytes(server.workbench().outputs().resolve(id).resolve("timeseries.csv")));

    HttpResponse<String> download = get("/api/runs/" + id + "/files/timeseries.csv", TOKEN);
    assertEquals(200, download.statusCode());
    assertEquals(Files.readString(dir.resolve("cli-out/cli-run/timeseries.csv")), download.body());
    assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
  }

  /**
   * On a server running one run at a time, starts a long run, then the one watched ({@code start} gives its id),
   * whose stream is opened while it waits its turn; then ends the long one. So every week of the one watched can be
   * seen live (a stream opened after the end gives the journal's rows instead).
   */
  private static List<JsonNode[]> watchedFromItsFirstWeek(Server page, java.util.concurrent.Callable<String> start)
      throws Exception {
    String at = "http://127.0.0.1:" + page.port();
    String blocker = JSON.readTree(call(at, "/api/runs", "{\"scenario\":\"from-the-edges.conf\",\"ticks\":5000}")
        .body()).get("runId").asText();
    String id = start.call();
    HttpResponse<Stream<String>> watched = stream(at, id);
    LiveRun run = page.workbench().follow(id);
    assertEquals("queued", run.status(), "the run watched waits its turn");
    assertEquals(202, call(at, "/api/runs/" + blocker + "/cancel", "").statusCode());
    List<JsonNode[]> events = read(watched, run::ended);
    assertEquals(JSON.readTree(call(at, "/api/runs/" + id, null).body()).get("points"), last(events)[1].get("points"),
        "the run's page, reopened, shows the same weeks");
    return events;
  }

  /**
   * Every week streamed is the journal's row for it, and at least 5 weeks after {@code from} were sent live; the
   * journal's rows.
   */
  private static JsonNode weeksAreTheJournals(List<JsonNode[]> events, int from) {
    JsonNode end = last(events)[1];
    assertEquals("finished", end.get("status").asText(), end.toString());
    JsonNode rows = end.get("points");
    int seen = 0;
    int liveWeeks = 0;
    for (JsonNode[] e : events) {
      if (!e[0].asText().equals("week")) continue;
      JsonNode live = e[1];
      int tick = live.get("tick").asInt();
      JsonNode row = rows.get(tick);
      assertEquals(row.get("active").asDouble(), live.get("active").asDouble(), 0, "active, week " + tick);
      // Ever adopted live is counted from the ids each week made active (from those of the weeks before it, for a
      // branch or a resumed run); the journal's row from every transition.
      assertEquals(row.get("ever").asDouble(), live.get("ever").asDouble(), 0, "ever, week " + tick);
      assertEquals(row.get("goal").asDouble(), live.get("goal").asDouble(), 0, "goal, week " + tick);
      assertEquals(row.get("departments"), live.get("departments"), "departments, week " + tick);
      assertEquals(row.get("acts"), live.get("acts"), "acts, week " + tick);
      assertEquals(row, live, "week " + tick);
      // A week read before the run ended was sent before it (after the end, the stream sends the journal's rows).
      if (!e[2].asBoolean() && tick > from) liveWeeks++;
      seen++;
    }
    assertEquals(rows.size(), seen);
    assertTrue(liveWeeks >= 5, "the stream was open before the run began, so weeks after " + from + " were sent live: "
        + liveWeeks);
    return rows;
  }

  @Test
  void whatAWeekShowsLiveIsWhatTheJournalHoldsForIt() throws Exception {
    try (JournalSession own = JournalSession.open(JournalSettings.of("jdbc:h2:file:" + dir.resolve("live/journal")));
        Server page = Server.start(own, Path.of("simulations"), dir.resolve("live-workspace"), 1, "127.0.0.1", 0, TOKEN,
            Brake.NONE)) {
      String at = "http://127.0.0.1:" + page.port();
      String[] id = new String[1];
      JsonNode rows = weeksAreTheJournals(watchedFromItsFirstWeek(page, () -> id[0] = JSON.readTree(call(at,
          "/api/runs", "{\"scenario\":\"executive-mandate.conf\",\"seed\":9,\"ticks\":40}").body())
          .get("runId").asText()), -1);
      assertEquals(41, rows.size());
      checkWeekFourActs(rows);

      // A branch's weeks from its parent's: the people ever active before week 20 count in its curve.
      JsonNode branch = weeksAreTheJournals(watchedFromItsFirstWeek(page, () -> JSON.readTree(call(at, "/api/runs/"
          + id[0] + "/branch", "{\"tick\":20,\"kind\":\"sponsor\",\"by\":\"CEO\",\"level\":0.1}").body())
          .get("runId").asText()), 20);
      assertTrue(branch.get(20).get("ever").asDouble() > 0, "people were active before the branch: " + branch.get(20));

      // A run resumed from week 10 or later: those active before it count too.
      String stopped = JSON.readTree(call(at, "/api/runs", "{\"scenario\":\"executive-mandate.conf\",\"seed\":5,"
          + "\"ticks\":60}").body()).get("runId").asText();
      LiveRun first = page.workbench().follow(stopped);
      for (int i = 0; i < 1200 && first.since(0).size() < 11; i++) Thread.sleep(25);
      assertEquals(202, call(at, "/api/runs/" + stopped + "/cancel", "").statusCode());
      for (int i = 0; i < 1200 && !first.ended(); i++) Thread.sleep(25);
      assertEquals("interrupted", first.status());
      int from = first.since(0).size() - 1;
      assertTrue(from >= 10 && from < 55, "stopped at week " + from);
      JsonNode resumed = weeksAreTheJournals(watchedFromItsFirstWeek(page, () -> {
        assertEquals(202, call(at, "/api/runs/" + stopped + "/resume", "").statusCode());
        return stopped;
      }), from);
      assertTrue(resumed.get(from).get("ever").asDouble() > 0, "people were active before the resume");
    }
  }

  /**
   * executive-mandate.conf: in week 4 the CEO mandates, sponsors at 0.8 and campaigns, in that order, and nobody acts
   * before (no executive sponsors from the start).
   */
  private static void checkWeekFourActs(JsonNode rows) {
    List<String> kinds = new ArrayList<>();
    rows.get(4).get("acts").forEach(a -> kinds.add(a.get("kind").asText() + " by " + a.get("who").asText()));
    assertEquals(List.of("mandate by CEO", "sponsorship by CEO", "campaign by CEO"), kinds);
    assertTrue(rows.get(4).get("acts").get(1).get("text").asText().startsWith("CEO sets sponsorship to 0.80"));
    for (int t = 0; t < 4; t++) assertEquals(0, rows.get(t).get("acts").size(), "week " + t);
  }

  @Test
  void aRunRecordedOnTheCommandLineCanBeDownloadedWholeFromThePage() throws Exception {
    String db = "jdbc:h2:file:" + dir.resolve("cli-files/journal");
    Path out = dir.resolve("cli-files-out");
    Uptake.Result run = Uptake.run("run", "simulations/executive-mandate.conf", "--seed", "4", "--set", "ticks=20",
        "--db", db, "--out", out.toString(), "--run-id", "from-cli", "--quiet");
    assertEquals(0, run.status(), run.err());
    Uptake.Result export = Uptake.run("export", "from-cli", "--db", db, "--out", out.toString());
    assertEquals(0, export.status(), export.err());
    try (JournalSession other = JournalSession.open(JournalSettings.of(db));
        Server page = Server.start(other, Path.of("simulations"), dir.resolve("cli-files-workspace"), 1, "127.0.0.1", 0,
            TOKEN, Brake.NONE)) {
      String at = "http://127.0.0.1:" + page.port() + "/api/runs/from-cli/files/";
      for (String name : List.of("timeseries.csv", "summary.json", "events.jsonl")) {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(at + name + "?token=" + TOKEN)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), name + ": " + r.body());
        // The page's file is the command line's, written from the same journal.
        assertEquals(Files.readString(out.resolve("from-cli").resolve(name)), r.body(), name);
      }
      HttpResponse<String> report = HTTP.send(HttpRequest.newBuilder(URI.create(at + "report.html?token=" + TOKEN))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, report.statusCode(), report.body());
      assertTrue(report.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), report.headers().toString());
      assertTrue(report.headers().firstValue("Content-Disposition").orElse("").startsWith("inline"));
      // Self-contained: its pictures are inside it, none is a file beside it.
      assertTrue(report.body().contains("src=\"data:image/png;base64,"), "the charts are embedded");
      assertTrue(!report.body().matches("(?s).*src=\"(?!data:).*"), "no picture is fetched from elsewhere");
      HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(at + "run.json?token=" + TOKEN))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, unknown.statusCode());
      assertTrue(unknown.body().contains("expected one of timeseries.csv, summary.json, events.jsonl, report.html"),
          unknown.body());
    }
  }

  @Test
  void aCancelledRunIsLeftInterruptedAndResumesFromTheJournal() throws Exception {
    HttpResponse<String> started = post("/api/runs", "{\"scenario\":\"from-the-edges.conf\",\"seed\":3,\"ticks\":600}",
        TOKEN);
    String id = JSON.readTree(started.body()).get("runId").asText();
    HttpResponse<String> early = post("/api/runs/" + id + "/resume", "", TOKEN);
    assertEquals(400, early.statusCode(), "a run going cannot be resumed");
    assertTrue(early.body().contains("is queued") || early.body().contains("is running"), early.body());
    // Cancel it once some weeks are in the journal.
    for (int i = 0; i < 600 && lastTick(id) < 2; i++) Thread.sleep(50);
    assertEquals(202, post("/api/runs/" + id + "/cancel", "", TOKEN).statusCode());
    JsonNode[] end = last(events(id));
    assertEquals("interrupted", end[1].get("status").asText());
    assertTrue(end[1].get("message").asText().contains("cancelled"), end[1].toString());

    assertEquals(202, post("/api/runs/" + id + "/resume", "", TOKEN).statusCode());
    JsonNode[] resumed = last(events(id));
    assertEquals("finished", resumed[1].get("status").asText(), resumed[1].toString());
    assertEquals(601, resumed[1].get("points").size());
    assertEquals(409, post("/api/runs/" + id + "/cancel", "", TOKEN).statusCode(), "a finished run is not going");
  }

  /** Starts a run from the page and waits for its end event. */
  private static String runToEnd(String body) throws Exception {
    HttpResponse<String> started = post("/api/runs", body, TOKEN);
    assertEquals(202, started.statusCode(), started.body());
    String id = JSON.readTree(started.body()).get("runId").asText();
    assertEquals("finished", last(events(id))[1].get("status").asText());
    return id;
  }

  @Test
  void aBranchMadeInThePageIsTheBranchUptakeBranchMakes() throws Exception {
    String parent = runToEnd("{\"scenario\":\"from-the-edges.conf\",\"seed\":11,\"ticks\":30}");
    HttpResponse<String> branched = post("/api/runs/" + parent + "/branch",
        "{\"tick\":10,\"kind\":\"sponsor\",\"by\":\"CEO\",\"level\":0.8}", TOKEN);
    assertEquals(202, branched.statusCode(), branched.body());
    String child = JSON.readTree(branched.body()).get("runId").asText();
    JsonNode end = last(events(child))[1];
    assertEquals("finished", end.get("status").asText(), end.toString());

    JsonNode detail = JSON.readTree(get("/api/runs/" + child, TOKEN).body());
    assertEquals(parent, detail.get("parentRun").asText());
    assertEquals(10, detail.get("branchTick").asInt());
    JsonNode parentPoints = JSON.readTree(get("/api/runs/" + parent, TOKEN).body()).get("points");
    for (int t = 0; t <= 10; t++) {
      assertEquals(parentPoints.get(t).get("active").asDouble(), detail.get("points").get(t).get("active").asDouble(),
          "week " + t + " is the parent's");
    }
    JsonNode runs = JSON.readTree(get("/api/runs", TOKEN).body());
    boolean listed = false;
    for (JsonNode r : runs) listed |= r.get("runId").asText().equals(child) && r.get("parentRun").asText().equals(parent);
    assertTrue(listed, "the branch is listed as its parent's child: " + runs);

    // The same parent and branch on the command line, in a journal of its own.
    String db = "jdbc:h2:file:" + dir.resolve("cli-branch/journal");
    Path out = dir.resolve("cli-branch-out");
    Uptake.Result run = Uptake.run("run", "simulations/from-the-edges.conf", "--seed", "11", "--set", "ticks=30",
        "--db", db, "--out", out.toString(), "--run-id", "parent", "--quiet");
    assertEquals(0, run.status(), run.err());
    Uptake.Result branch = Uptake.run("branch", "parent", "--at", "10", "--set",
        "interventions += { tick = 11, kind = sponsor, by = \"CEO\", level = 0.8 }", "--db", db, "--out",
        out.toString(), "--run-id", "child", "--quiet");
    assertEquals(0, branch.status(), branch.err());
    assertArrayEquals(Files.readAllBytes(out.resolve("child/timeseries.csv")),
        Files.readAllBytes(server.workbench().outputs().resolve(child).resolve("timeseries.csv")));
  }

  @Test
  void aDepartmentsStoryIsWhatUptakeExplainSays() throws Exception {
    String id = runToEnd("{\"scenario\":\"executive-mandate.conf\",\"seed\":5,\"ticks\":30}");
    HttpResponse<String> r = get("/api/runs/" + id + "/departments/Customer%20Service", TOKEN);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode story = JSON.readTree(r.body());
    assertEquals("Customer Service", story.get("department").asText());
    assertTrue(story.get("acts").size() > 0, "the mandate is aimed at every department: " + story);

    String db = "jdbc:h2:file:" + dir.resolve("cli-explain/journal");
    assertEquals(0, Uptake.run("run", "simulations/executive-mandate.conf", "--seed", "5", "--set", "ticks=30", "--db",
        db, "--out", dir.resolve("cli-explain-out").toString(), "--run-id", "m", "--quiet").status());
    Uptake.Result explain = Uptake.run("explain", "m", "--department", "Customer Service", "--db", db);
    assertEquals(0, explain.status(), explain.err());
    for (JsonNode act : story.get("acts")) {
      String line = String.format("week %3d: %s", act.get("tick").asInt(), act.get("text").asText());
      assertTrue(explain.out().contains(line), "explain prints `" + line + "`:\n" + explain.out());
    }
    assertTrue(explain.out().contains(story.get("headcount").asInt() + " people"), explain.out());

    // The network at the last week: everyone (600 people are within the picture's 800), in the states the journal
    // holds for them, so the share drawn active is the run's final share active.
    JsonNode network = JSON.readTree(get("/api/runs/" + id + "/network", TOKEN).body());
    assertEquals(600, network.get("nodes").size());
    assertEquals(30, network.get("tick").asInt());
    JsonNode points = JSON.readTree(get("/api/runs/" + id, TOKEN).body()).get("points");
    long active = 0;
    JsonNode someone = null;
    for (JsonNode n : network.get("nodes")) {
      if (n.get("state").asInt() == 3) {
        active++;
        if (someone == null) someone = n;
      }
      double x = n.get("x").asDouble();
      double y = n.get("y").asDouble();
      assertTrue(x >= 0 && x <= 1 && y >= 0 && y <= 1, n.toString());
    }
    assertEquals("active", network.get("states").get(3).asText());
    assertEquals(points.get(30).get("active").asDouble(), active / 600.0, 1e-12);

    // A person clicked in it: their story is what `uptake explain RUN PERSON` prints, line for line.
    int number = someone.get("number").asInt();
    JsonNode person = JSON.readTree(get("/api/runs/" + id + "/people/" + number, TOKEN).body());
    assertEquals(someone.get("name").asText(), person.get("name").asText());
    Uptake.Result told = Uptake.run("explain", "m", Integer.toString(number), "--db", db);
    assertEquals(0, told.status(), told.err());
    List<String> lines = new ArrayList<>(List.of(person.get("about").asText()));
    person.get("changes").forEach(c -> lines.add(String.format("  week %3d: %s", c.get("tick").asInt(),
        c.get("text").asText())));
    assertEquals(String.join("\n", lines), told.out().strip().replace("\r", ""));
    assertTrue(person.get("changes").size() > 0, "an active person has changed at least once");
    HttpResponse<String> nobody = get("/api/runs/" + id + "/people/0", TOKEN);
    assertEquals(400, nobody.statusCode());
    assertTrue(nobody.body().contains("numbers go from 1 to 600"), nobody.body());
  }

  @Test
  void aBranchOrStoryThatCannotBeIsRefusedInThePagesWords() throws Exception {
    String id = runToEnd("{\"scenario\":\"from-the-edges.conf\",\"seed\":12,\"ticks\":8}");
    int before = JSON.readTree(get("/api/runs", TOKEN).body()).size();
    String[][] cases = {
        {"{\"tick\":3,\"kind\":\"fire\",\"by\":\"CEO\"}", "What happens: expected one of sponsor, mandate, campaign"},
        {"{\"tick\":3,\"kind\":\"sponsor\",\"by\":\"Nobody\"}", "Who: expected one of the run's executives"},
        {"{\"tick\":8,\"kind\":\"sponsor\",\"by\":\"CEO\"}", "Week: expected a week from 0 to 7"},
        {"{\"kind\":\"sponsor\",\"by\":\"CEO\"}", "Week: choose a week on the curve"},
        {"{\"tick\":3,\"kind\":\"sponsor\",\"by\":\"CEO\",\"level\":2}", "Level: expected a number from 0 to 1"}};
    for (String[] c : cases) {
      HttpResponse<String> r = post("/api/runs/" + id + "/branch", c[0], TOKEN);
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      assertTrue(r.body().contains(c[1]), c[0] + " -> " + r.body());
    }
    HttpResponse<String> nobody = get("/api/runs/" + id + "/departments/Nowhere", TOKEN);
    assertEquals(400, nobody.statusCode());
    assertTrue(nobody.body().contains("no department 'Nowhere'"), nobody.body());
    assertEquals(before, JSON.readTree(get("/api/runs", TOKEN).body()).size(), "nothing was recorded");
  }

  @Test
  void aComparisonInThePageStatesTheMeansOfItsOwnRuns() throws Exception {
    HttpResponse<String> started = post("/api/comparisons",
        "{\"scenarios\":[\"from-the-edges.conf\",\"executive-mandate.conf\"],\"seeds\":3}", TOKEN);
    assertEquals(202, started.statusCode(), started.body());
    String id = JSON.readTree(started.body()).get("id").asText();
    JsonNode state = null;
    for (int i = 0; i < 1200; i++) {
      state = JSON.readTree(get("/api/comparisons/" + id, TOKEN).body());
      if (!state.get("status").asText().matches("queued|running")) break;
      Thread.sleep(100);
    }
    assertEquals("finished", state.get("status").asText(), state.toString());
    assertEquals(6, state.get("done").asInt());
    JsonNode view = state.get("result");
    assertEquals(List.of("from-the-edges", "executive-mandate"),
        List.of(view.get("scenarios").get(0).asText(), view.get("scenarios").get(1).asText()));

    // The mean final share active of each scenario, computed here from its own three runs in the journal.
    JsonNode finalActive = null;
    for (JsonNode m : view.get("metrics")) if (m.get("label").asText().equals("final active")) finalActive = m;
    for (int a = 0; a < 2; a++) {
      String label = view.get("scenarios").get(a).asText();
      double sum = 0;
      int n = 0;
      for (JsonNode r : JSON.readTree(get("/api/runs", TOKEN).body())) {
        if (!r.get("runId").asText().startsWith(id + "-" + label + "-")) continue;
        JsonNode points = JSON.readTree(get("/api/runs/" + r.get("runId").asText(), TOKEN).body()).get("points");
        sum += points.get(points.size() - 1).get("active").asDouble();
        n++;
      }
      assertEquals(3, n, label + "'s runs are in the journal");
      String mean = String.format(java.util.Locale.ROOT, "%.1f%%", 100 * sum / n);
      assertTrue(finalActive.get("values").get(a).asText().startsWith(mean + " ["), finalActive + " against " + mean);
    }
    for (JsonNode band : view.get("bands")) {
      for (int t = 0; t < band.get("mean").size(); t++) {
        double low = band.get("low").get(t).asDouble();
        double high = band.get("high").get(t).asDouble();
        double mean = band.get("mean").get(t).asDouble();
        assertTrue(0 <= low && low <= mean + 1e-12 && mean <= high + 1e-12 && high <= 1, band.get("scenario") + " week " + t);
      }
    }
    assertTrue(view.get("summary").asText().startsWith("Over "), view.get("summary").asText());
  }

  /** Polls a comparison on the server at {@code at} until it stops going; its state. */
  private static JsonNode comparisonEnd(String at, String id) throws Exception {
    JsonNode state = null;
    for (int i = 0; i < 1200; i++) {
      state = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(at + "/api/comparisons/" + id))
          .header("X-Uptake-Token", TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body());
      if (!state.get("status").asText().matches("queued|running")) return state;
      Thread.sleep(100);
    }
    return state;
  }

  private static HttpResponse<String> call(String at, String path, String body) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(at + path)).header("X-Uptake-Token", TOKEN);
    if (body != null) r.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aComparisonOutlivesTheServerAndOneStoppedByItFinishesOnResume() throws Exception {
    Path workspace = dir.resolve("restart-workspace");
    String request = "{\"scenarios\":[\"from-the-edges.conf\",\"executive-mandate.conf\"],\"seeds\":2}";
    java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
    Brake brake = () -> stopping.get() ? Optional.of("the server is stopping") : Optional.empty();
    String whole;
    String stopped;
    JsonNode wholeResult;
    try (JournalSession first = JournalSession.open(JournalSettings.of("jdbc:h2:file:" + dir.resolve("restart/journal")));
        Server page = Server.start(first, Path.of("simulations"), workspace, 1, "127.0.0.1", 0, TOKEN, brake)) {
      String at = "http://127.0.0.1:" + page.port();
      whole = JSON.readTree(call(at, "/api/comparisons", request).body()).get("id").asText();
      JsonNode end = comparisonEnd(at, whole);
      assertEquals("finished", end.get("status").asText(), end.toString());
      wholeResult = end.get("result");
      // A second comparison, stopped by the server's brake once its first run is done.
      stopped = JSON.readTree(call(at, "/api/comparisons", request).body()).get("id").asText();
      for (int i = 0; i < 1200 && JSON.readTree(call(at, "/api/comparisons/" + stopped, null).body()).get("done")
          .asInt() < 1; i++) {
        Thread.sleep(20);
      }
      stopping.set(true);
      assertEquals("interrupted", comparisonEnd(at, stopped).get("status").asText());
    }
    try (JournalSession again = JournalSession.open(JournalSettings.of("jdbc:h2:file:" + dir.resolve("restart/journal")));
        Server page = Server.start(again, Path.of("simulations"), workspace, 1, "127.0.0.1", 0, TOKEN, Brake.NONE)) {
      String at = "http://127.0.0.1:" + page.port();
      JsonNode listed = JSON.readTree(call(at, "/api/comparisons", null).body());
      java.util.Map<String, String> status = new java.util.HashMap<>();
      listed.forEach(c -> status.put(c.get("id").asText(), c.get("status").asText()));
      assertEquals(java.util.Map.of(whole, "finished", stopped, "interrupted"), status, listed.toString());
      // The finished one, read back from the journal, says what it said when it finished.
      assertEquals(wholeResult, comparisonEnd(at, whole).get("result"));
      HttpResponse<String> early = call(at, "/api/comparisons/" + whole + "/resume", "");
      assertEquals(400, early.statusCode());
      assertTrue(early.body().contains("already finished"), early.body());

      assertEquals(202, call(at, "/api/comparisons/" + stopped + "/resume", "").statusCode());
      JsonNode resumed = comparisonEnd(at, stopped);
      assertEquals("finished", resumed.get("status").asText(), resumed.toString());
      assertEquals(4, resumed.get("done").asInt());
      // The same scenarios over the same seeds: the same figures, however often it was stopped.
      assertEquals(wholeResult.get("metrics"), resumed.get("result").get("metrics"));
      assertEquals(wholeResult.get("bands"), resumed.get("result").get("bands"));
    }
  }

  @Test
  void aComparisonThatCannotBeIsRefusedInThePagesWords() throws Exception {
    String[][] cases = {
        {"{\"scenarios\":[\"from-the-edges.conf\"],\"seeds\":3}", "Scenarios: choose two or more"},
        {"{\"scenarios\":[\"from-the-edges.conf\",\"from-the-edges.conf\"],\"seeds\":3}", "Scenarios: choose two or more different"},
        {"{\"scenarios\":[\"from-the-edges.conf\",\"executive-mandate.conf\"],\"seeds\":1}", "Seeds: expected a whole number from 2"},
        {"{\"scenarios\":[\"from-the-edges.conf\",\"executive-mandate.conf\"],\"seeds\":51}", "Seeds: expected a whole number from 2"},
        {"{\"scenarios\":[\"from-the-edges.conf\",\"../x.conf\"],\"seeds\":2}", "expected one of the shipped scenarios"}};
    for (String[] c : cases) {
      HttpResponse<String> r = post("/api/comparisons", c[0], TOKEN);
      assertEquals(400, r.statusCode(), c[0] + " -> " + r.body());
      assertTrue(r.body().contains(c[1]), c[0] + " -> " + r.body());
    }
    HttpResponse<String> nothing = get("/api/comparisons/nothing-here", TOKEN);
    assertEquals(400, nothing.statusCode());
    assertTrue(nothing.body().contains("no comparison 'nothing-here' in this workspace"), nothing.body());
  }

  private static int lastTick(String id) throws Exception {
    for (JsonNode run : JSON.readTree(get("/api/runs", TOKEN).body())) {
      if (run.get("runId").asText().equals(id)) return run.get("lastTick").asInt();
    }
    return -1;
  }

  private static JsonNode[] last(List<JsonNode[]> events) {
    return events.get(events.size() - 1);
  }

  @Test
  void fitsAndOptimisationsInTheJournalAreListedAndTheirReportsOpen() throws Exception {
    Path files = Files.createDirectories(dir.resolve("studies-in"));
    OptimiseSpec spec = OptimiseSpec.load(
        SmallOptimisation.pilot(files, 20, 2));
    OptimiseRun.local(session, OptimiseRun.begin(session, "page-opt", spec), 2,
        Brake.NONE, 0, files.resolve("cli-out"), (p, j) -> { });
    int[] done = {0};
    FitSpec.Loaded fit = FitSpec.load(SmallFit.write(files));
    FitRun.local(session, FitRun.begin(session, "page-fit", fit), 2,
        () -> done[0] >= 2 ? Optional.of("stopped by the test") : Optional.empty(), 0,
        files.resolve("fit-out"), (c, j) -> done[0]++);

    JsonNode list = JSON.readTree(get("/api/studies", TOKEN).body());
    JsonNode opt = null;
    JsonNode stopped = null;
    for (JsonNode s : list) {
      if (s.get("id").asText().equals("page-opt")) opt = s;
      if (s.get("id").asText().equals("page-fit")) stopped = s;
    }
    assertEquals("optimisation", opt.get("kind").asText());
    assertEquals("finished", opt.get("status").asText());
    assertTrue(opt.get("result").asText().startsWith("Best plan: pilot = "), opt.toString());
    assertEquals("interrupted", stopped.get("status").asText());
    assertTrue(stopped.get("result").asText().contains("`uptake fit --resume page-fit`"), stopped.toString());

    HttpResponse<String> report = get("/api/studies/optimisation/page-opt/files/report.html?token=" + TOKEN, null);
    assertEquals(200, report.statusCode());
    assertTrue(report.body().contains("<title>Optimisation page-opt</title>"), report.body());
    HttpResponse<String> plans = get("/api/studies/optimisation/page-opt/files/plans.csv", TOKEN);
    assertEquals(200, plans.statusCode());
    assertTrue(plans.body().startsWith("plan,role,rank,pilot,level,cost,"), plans.body());
    assertTrue(plans.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
    assertTrue(Files.isRegularFile(dir.resolve("workspace/optimisations/page-opt/report.html")));

    HttpResponse<String> unfinished = get("/api/studies/fit/page-fit/files/report.html", TOKEN);
    assertEquals(400, unfinished.statusCode());
    assertTrue(unfinished.body().contains("fit page-fit has not finished"), unfinished.body());
    assertEquals(400, get("/api/studies/optimisation/page-opt/files/..%2F..%2Fpom.xml", TOKEN).statusCode());
    assertEquals(400, get("/api/studies/sweep/page-opt/files/report.html", TOKEN).statusCode());
    assertEquals(400, get("/api/studies/optimisation/no-such/files/report.html", TOKEN).statusCode());
    assertEquals(401, get("/api/studies", null).statusCode());
  }
}
