package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.JournalSettings;
import org.uptake.run.Brake;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import org.uptake.workbench.Server;

/**
 * Setting a scenario up in the workbench over HTTP: its levers read from the file, an org chart uploaded and
 * checked line by line, and a draft saved as a scenario file the command line runs as it is.
 */
class WorkbenchSetupTest {
  private static final String TOKEN = "test-token-setup-0123456789";
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

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Uptake-Token", TOKEN).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("X-Uptake-Token", TOKEN)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> upload(String kind, String name, byte[] body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/uploads/" + kind + "?name="
        + URLEncoder.encode(name, StandardCharsets.UTF_8))).header("X-Uptake-Token", TOKEN)
        .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(1))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode open(String file) throws Exception {
    HttpResponse<String> r = get("/api/setup?scenario=" + file);
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static List<Path> uploads() throws Exception {
    Path u = dir.resolve("workspace/uploads");
    if (!Files.isDirectory(u)) return List.of();
    try (Stream<Path> files = Files.list(u)) {
      return files.toList();
    }
  }

  @Test
  void aShippedScenarioOpensWithItsFilesLeversAndOrganisation() throws Exception {
    JsonNode checked = open("executive-mandate.conf");
    assertEquals(0, checked.get("problems").size(), checked.toString());
    JsonNode levers = checked.get("draft").get("levers");
    // From simulations/executive-mandate.conf as written: clicks, and three acts of the CEO's in week 4.
    assertEquals("clicks", levers.get("measurement").asText());
    assertEquals("mandate", levers.get("strategy").asText());
    JsonNode steps = levers.get("interventions");
    assertEquals(3, steps.size());
    assertEquals("mandate", steps.get(0).get("kind").asText());
    assertEquals(4, steps.get(0).get("tick").asInt());
    assertEquals("CEO", steps.get(0).get("by").asText());
    assertEquals("[\"all\"]", steps.get(0).get("departments").toString());
    assertEquals(0.8, steps.get(1).get("level").asDouble(), 0);
    assertEquals(0.1, steps.get(2).get("strength").asDouble(), 0);
    assertEquals(3, steps.get(2).get("halfLife").asDouble(), 0);
    // simulations/organisation.conf: 110 + 50 + 120 + 130 + 90 + 40 + 30 + 30 = 600 people in 8 departments,
    // with 5 executives, and customer-service fully aligned with the goal.
    JsonNode org = checked.get("organisation");
    assertEquals(600, org.get("people").asInt());
    assertEquals(8, org.get("departments").size());
    assertEquals(120, org.get("departments").get(2).get("headcount").asInt());
    assertEquals(5, org.get("executives").size());
    assertEquals(1.0, levers.get("alignment").get("customer-service").asDouble(), 0);
    // Each lever carries what its key means, from the defaults' comments (docs/reference.md shows the same).
    JsonNode help = JSON.readTree(get("/api/help").body());
    assertTrue(help.get("levers").get("measurement").asText().contains("clicks"), help.toString());
    assertTrue(help.get("kinds").get("pilot").asText().contains("Start small"), help.toString());
  }

  @Test
  void aSavedDraftIsAScenarioFileTheCommandLineRunsWithTheSameOutputs() throws Exception {
    JsonNode draft = open("executive-mandate.conf").get("draft");
    ObjectNode levers = (ObjectNode) draft.get("levers");
    levers.put("measurement", "business-goal");
    ((ObjectNode) levers.get("interventions").get(0)).put("tick", 10);
    ObjectNode body = JSON.createObjectNode();
    body.set("draft", draft);
    body.put("name", "Mandate later");
    HttpResponse<String> saved = post("/api/setup/save", body.toString());
    assertEquals(200, saved.statusCode(), saved.body());
    assertEquals("mandate-later.conf", JSON.readTree(saved.body()).get("file").asText());
    Path file = dir.resolve("workspace/scenarios/mandate-later.conf");
    Scenario s = ScenarioLoader.load(file);
    assertEquals("Mandate later", s.name());
    assertEquals(Scenario.Measurement.BUSINESS_GOAL, s.measurement());
    assertEquals(10, s.interventions().get(0).tick());
    assertEquals(Scenario.InterventionKind.MANDATE, s.interventions().get(0).kind());
    assertEquals(600, s.organisation().departments().stream().mapToInt(Scenario.DepartmentSpec::headcount).sum());
    // It is offered to run, and a run of it in the page has the outputs `uptake run` gives the file.
    JsonNode offered = JSON.readTree(get("/api/scenarios").body());
    boolean listed = false;
    for (JsonNode o : offered) listed |= o.get("file").asText().equals("mandate-later.conf") && o.get("saved").asBoolean();
    assertTrue(listed, offered.toString());
    HttpResponse<String> started = post("/api/runs", "{\"scenario\":\"mandate-later.conf\",\"seed\":3,\"ticks\":15}");
    assertEquals(202, started.statusCode(), started.body());
    String id = JSON.readTree(started.body()).get("runId").asText();
    Path out = server.workbench().outputs().resolve(id).resolve("timeseries.csv");
    for (int i = 0; i < 600 && !Files.exists(out); i++) Thread.sleep(100);
    Thread.sleep(200);
    Uptake.Result cli = Uptake.run("run", file.toString(), "--seed", "3", "--set", "ticks=15",
        "--db", "jdbc:h2:file:" + dir.resolve("cli/journal"), "--out", dir.resolve("cli-out").toString(),
        "--run-id", "cli-run", "--quiet");
    assertEquals(0, cli.status(), cli.err());
    assertArrayEquals(Files.readAllBytes(dir.resolve("cli-out/cli-run/timeseries.csv")), Files.readAllBytes(out));
  }

  @Test
  void aDraftThatDoesNotLoadSaysWhichLeverAndSavesNothing() throws Exception {
    JsonNode draft = open("from-the-edges.conf").get("draft");
    ((ObjectNode) draft.get("levers")).put("goalStrength", 2.0);
    ObjectNode body = JSON.createObjectNode();
    body.set("draft", draft);
    HttpResponse<String> checked = post("/api/setup/check", body.toString());
    assertEquals(200, checked.statusCode(), checked.body());
    JsonNode problem = JSON.readTree(checked.body()).get("problems").get(0);
    assertEquals("goal.strength", problem.get("field").asText(), problem.toString());
    assertFalse(problem.get("message").asText().contains(dir.toString()), "no server path: " + problem);
    body.put("name", "Too strong");
    HttpResponse<String> saved = post("/api/setup/save", body.toString());
    assertEquals(400, saved.statusCode(), saved.body());
    assertFalse(Files.exists(dir.resolve("workspace/scenarios/too-strong.conf")));
    // A shipped scenario's name is not taken over.
    body.set("draft", open("from-the-edges.conf").get("draft"));
    body.put("name", "Executive mandate");
    HttpResponse<String> shipped = post("/api/setup/save", body.toString());
    assertEquals(400, shipped.statusCode(), shipped.body());
    assertTrue(shipped.body().contains("shipped scenario"), shipped.body());
  }

  @Test
  void aBadOrgChartIsRefusedAtItsLineInTheUsersWordsAndNotKept() throws Exception {
    int before = uploads().size();
    // Line 1 is the header; line 3 gives a role that is not head, manager or staff.
    String chart = "person_id,department,manager_id,role\nA1,Sales,,head\nA2,Sales,A1,boss\n";
    HttpResponse<String> r = upload("org-chart", "C:\\Users\\me\\our chart.csv", chart.getBytes(StandardCharsets.UTF_8));
    assertEquals(400, r.statusCode(), r.body());
    JsonNode problem = JSON.readTree(r.body()).get("problems").get(0);
    assertEquals("org-chart", problem.get("field").asText());
    assertEquals(3, problem.get("line").asInt(), problem.toString());
    assertTrue(problem.get("message").asText().startsWith("our chart.csv:3: role"), problem.toString());
    assertFalse(r.body().contains(dir.toString()), "no server path: " + r.body());
    assertEquals(before, uploads().size(), "a refused upload is not kept");
  }

  @Test
  void anUploadedOrgChartReplacesTheOrganisationAndTheLeversFollowIt() throws Exception {
    Path csv = Path.of("simulations/org-chart-example.csv");
    HttpResponse<String> up = upload("org-chart", "../../etc/chart.csv", Files.readAllBytes(csv));
    assertEquals(201, up.statusCode(), up.body());
    JsonNode chart = JSON.readTree(up.body());
    // The server chooses where it goes; the user's name only labels it.
    assertTrue(chart.get("id").asText().matches("org-chart-[0-9a-f]{16}"), chart.toString());
    assertEquals("chart.csv", chart.get("name").asText());
    assertTrue(Files.isRegularFile(dir.resolve("workspace/uploads/" + chart.get("id").asText() + ".csv")));

    ObjectNode draft = (ObjectNode) open("executive-mandate.conf").get("draft");
    draft.put("orgChart", chart.get("id").asText());
    draft.put("orgChartName", "chart.csv");
    ObjectNode body = JSON.createObjectNode();
    body.set("draft", draft);
    JsonNode checked = JSON.readTree(post("/api/setup/check", body.toString()).body());
    assertEquals(0, checked.get("problems").size(), checked.toString());
    // The headcounts are the CSV's, counted here line by line.
    Map<String, Integer> expected = new LinkedHashMap<>();
    for (String line : Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size())) {
      if (!line.isBlank()) expected.merge(line.split(",")[1], 1, Integer::sum);
    }
    JsonNode depts = checked.get("organisation").get("departments");
    assertEquals(expected.size(), depts.size());
    int i = 0;
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      assertEquals(e.getKey(), depts.get(i).get("name").asText());
      assertEquals(e.getValue().intValue(), depts.get(i++).get("headcount").asInt());
    }
    // The shipped organisation's departments the chart lacks are gone from every lever: the CMO sponsored
    // Marketing and Sales, so now Sales; the alignment covers the chart's functions, Sales at the file's 0.9.
    JsonNode levers = checked.get("draft").get("levers");
    for (JsonNode e : levers.get("executives")) {
      if (e.get("role").asText().equals("CMO")) assertEquals("[\"Sales\"]", e.get("sponsors").toString());
      if (e.get("role").asText().equals("COO")) assertEquals("[\"all\"]", e.get("sponsors").toString());
    }
    assertEquals(List.of("sales", "support", "product", "finance"), iterable(levers.get("alignment").fieldNames()));
    assertEquals(0.9, levers.get("alignment").get("sales").asDouble(), 0);

    // A ties file naming someone the chart lacks is refused at its line.
    HttpResponse<String> ties = upload("ties", "ties.csv", "person_a,person_b\nE001,E004\nE001,NOBODY\n"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(201, ties.statusCode(), ties.body());
    draft.put("ties", JSON.readTree(ties.body()).get("id").asText());
    draft.put("tiesName", "ties.csv");
    JsonNode bad = JSON.readTree(post("/api/setup/check", body.toString()).body());
    JsonNode problem = bad.get("problems").get(0);
    assertEquals("ties", problem.get("field").asText(), bad.toString());
    assertEquals(3, problem.get("line").asInt(), problem.toString());

    // Saved, the chart is copied beside the scenario and the file runs from the command line as it is.
    draft.remove("ties");
    body.put("name", "Our chart, mandated");
    HttpResponse<String> saved = post("/api/setup/save", body.toString());
    assertEquals(200, saved.statusCode(), saved.body());
    Path file = dir.resolve("workspace/scenarios/our-chart-mandated.conf");
    assertArrayEquals(Files.readAllBytes(csv), Files.readAllBytes(file.resolveSibling(
        "our-chart-mandated-org-chart.csv")));
    assertTrue(Files.readString(file).contains("\"our-chart-mandated-org-chart.csv\""), Files.readString(file));
    Uptake.Result cli = Uptake.run("validate", file.toString());
    assertEquals(0, cli.status(), cli.err());
    assertTrue(cli.out().contains("44 people in 4 departments"), cli.out());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  @Test
  void anUploadBeyondItsLimitIsRefusedWith413AndSaysTheLimit() throws Exception {
    int before = uploads().size();
    // The request declares 33 MB and sends none of it: the server must refuse it from the declared length alone,
    // and the test never races the server's answer with writing a body it will not read.
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(("POST /api/uploads/org-chart?name=huge.csv HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "X-Uptake-Token: " + TOKEN + "\r\nContent-Type: text/csv\r\nContent-Length: " + 33 * 1024 * 1024
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readNBytes(600), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
      assertTrue(answer.contains("32 MB"), answer);
    }
    assertEquals(before, uploads().size());
    HttpResponse<String> kind = upload("..%2Fscenarios", "x.csv", new byte[10]);
    assertEquals(400, kind.statusCode(), kind.body());
  }
}
