package org.uptake.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.uptake.TestScenarios;

class ScenarioLoaderTest {
  static final Path BAD = Path.of("src/test/resources/bad-scenarios");

  @ParameterizedTest
  @ValueSource(strings = {"from-the-edges", "executive-mandate", "cross-functional-team", "own-organisation"})
  void shippedScenariosAreValid(String name) {
    Scenario s = ScenarioLoader.load(Path.of("simulations", name + ".conf"));
    assertTrue(s.ticks() > 0);
    assertTrue(s.resolved().contains("\"organisation\""), "the resolved scenario is kept for the journal");
  }

  @Test
  void theSharedOrganisationIsIncludedAndDefaultsFillTheRest() {
    Scenario s = ScenarioLoader.load(Path.of("simulations/executive-mandate.conf"));
    assertEquals(8, s.organisation().departments().size());
    assertEquals(600, s.organisation().departments().stream().mapToInt(Scenario.DepartmentSpec::headcount).sum());
    assertEquals(Scenario.Measurement.CLICKS, s.measurement());
    assertEquals(List.of("CEO", "CMO", "COO", "CTO", "CFO"),
        s.executives().stream().map(Scenario.ExecutiveSpec::role).toList());
    // "all" expands to every department, in scenario order.
    assertEquals(8, s.interventions().get(0).departments().size());
    assertEquals(0.25, s.model().gatekeeping());
    assertEquals(1.0 * 0.9, s.goal().alignmentOf("sales"), 1e-12);
    assertEquals(1.0 * 0.5, s.goal().alignmentOf("no-such-function"), 1e-12, "default alignment");
  }

  @Test
  void overridesWinAndAreValidatedLikeTheFile(@TempDir Path dir) {
    Path file = TestScenarios.small(dir);
    Scenario s = ScenarioLoader.load(file, List.of("seed=123", "measurement=business-goal",
        "model.trial.word-of-mouth=0.9"));
    assertEquals(123, s.seed());
    assertEquals(Scenario.Measurement.BUSINESS_GOAL, s.measurement());
    assertEquals(0.9, s.model().trialWordOfMouth());
    ScenarioException e = assertThrows(ScenarioException.class,
        () -> ScenarioLoader.load(file, List.of("model.trial.word-of-mouht=0.9")));
    assertTrue(e.getMessage().contains("--set model.trial.word-of-mouht=0.9"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'model.trial.word-of-mouth'"), e.getMessage());
    e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file, List.of("seed")));
    assertTrue(e.getMessage().contains("expected key=value"), e.getMessage());
  }

  @Test
  void aScenarioNeedsOnlyItsDepartments(@TempDir Path dir) {
    Path file = TestScenarios.write(dir, "minimal.conf", "organisation.departments = [ { name = A, headcount = 5 } ]");
    Scenario s = ScenarioLoader.load(file);
    assertEquals(104, s.ticks());
    assertEquals("a", s.organisation().departments().get(0).function());
  }

  /** Each bad input names the file, the line where known, the key and what was expected. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown-key.conf                   | unknown-key.conf:3: seeding.enthusiast: unknown key; did you mean 'seeding.enthusiasts'?",
      "wrong-type.conf                    | wrong-type.conf:2: ticks: expected a whole number in [1, 100000], got \"many\"",
      "probability-out-of-range.conf      | probability-out-of-range.conf:3: model.drop-out.active: expected a probability in [0, 1], got 1.5",
      "unknown-sponsored-department.conf  | unknown-sponsored-department.conf:4: executives[1].sponsors: unknown department 'Marketting'",
      "malformed.conf                     | malformed.conf: 4: ",
      "empty.conf                         | empty.conf: the file is empty",
      "not-utf8.conf                      | not-utf8.conf: not UTF-8 text",
      "department-of-size-zero.conf       | department-of-size-zero.conf:3: organisation.departments[1].headcount: expected a whole number in [1, 10000000], got 0",
      "unknown-executive.conf             | unknown-executive.conf:2: interventions[0].by: expected one of the executives' roles [CEO]",
      "unknown-intervention-kind.conf     | unknown-intervention-kind.conf:2: interventions[0].kind: expected one of mandate | campaign | sponsor | pilot, got 'memo'",
      "negative-ticks.conf                | negative-ticks.conf:2: ticks: expected a whole number in [1, 100000], got -3",
      "misspelt-department-key.conf       | misspelt-department-key.conf:2: organisation.departments[0].headcont: unknown key; did you mean 'organisation.departments[0].headcount'?",
      "no-departments.conf                | no-departments.conf: organisation.departments: expected at least one department",
      "no-such-file.conf                  | no-such-file.conf: no such scenario file",
      "circular-include.conf              | circular-include.conf: include: the includes form a cycle",
      "beyond-memory.conf                 | beyond-memory.conf: organisation.departments: 30,000,000 people need about 84.1 GB of heap",
      "unknown-alignment-function.conf    | unknown-alignment-function.conf:2: goal.alignment.custmer-service: no department has the function 'custmer-service'; did you mean 'customer-service'?",
      "intervention-at-the-start.conf     | intervention-at-the-start.conf:2: interventions[0].tick: expected a step from 1 on, got 0: tick 0 is the start",
  })
  void badScenariosAreRefusedWithAClearMessage(String file, String expected) {
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(BAD.resolve(file)));
    assertTrue(e.getMessage().contains(expected), () -> "message was: " + e.getMessage());
  }

  @Test
  void theMemoryEstimateIsItsFormulaAndRefusesOnlyWhatDoesNotFit(@TempDir Path dir) {
    Path file = TestScenarios.write(dir, "m.conf", "organisation.departments = [ { name = A, headcount = 1000 } ]\n"
        + "organisation.informal-ties.per-person = 6");
    Scenario s = ScenarioLoader.load(file);
    // 64 MiB + 1000 people x (2048 + 96 x (6 informal ties + manager and report)) bytes, by hand: 67,108,864 +
    // 1000 x 2816 = 69,924,864.
    assertEquals(69_924_864L, MemoryEstimate.bytes(s));
    MemoryEstimate.check(file, s, 69_924_864L);
    ScenarioException e = assertThrows(ScenarioException.class, () -> MemoryEstimate.check(file, s, 69_924_863L));
    assertTrue(e.getMessage().contains("organisation.departments: 1,000 people need about 0.1 GB of heap"),
        e.getMessage());
    assertTrue(e.getMessage().contains("UPTAKE_JAVA_OPTS=-Xmx1g"), e.getMessage());
  }

  @Test
  void orgChartProblemsNameTheFileAndLine(@TempDir Path dir) {
    TestScenarios.write(dir, "chart.csv", "person_id,department,manager_id,role\nA,X,,head\nB,X,A,staff\nC,X,Z,staff\n");
    Path file = TestScenarios.write(dir, "s.conf", "organisation.org-chart = \"chart.csv\"");
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file));
    assertTrue(e.getMessage().endsWith("chart.csv:4: manager_id: no person 'Z' in the org chart"), e.getMessage());

    TestScenarios.write(dir, "loop.csv", "person_id,department,manager_id,role\nA,X,B,manager\nB,X,A,manager\n");
    Path loop = TestScenarios.write(dir, "l.conf", "organisation.org-chart = \"loop.csv\"");
    e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(loop));
    assertTrue(e.getMessage().contains("reporting lines form a loop"), e.getMessage());

    TestScenarios.write(dir, "heads.csv", "person_id,department,manager_id,role\nA,X,,head\nB,X,A,staff\nC,X,,head\n");
    Path heads = TestScenarios.write(dir, "h.conf", "organisation.org-chart = \"heads.csv\"");
    e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(heads));
    assertTrue(e.getMessage().contains("heads.csv:4: role: department X already has a head, A (line 2)"),
        e.getMessage());

    TestScenarios.write(dir, "role.csv", "person_id,department,manager_id,role\nA,X,,boss\n");
    Path role = TestScenarios.write(dir, "r.conf", "organisation.org-chart = \"role.csv\"");
    e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(role));
    assertTrue(e.getMessage().contains("role.csv:2: role: expected head, manager or staff, got 'boss'"), e.getMessage());
  }

  /**
   * A scenario reads files next to it and nothing else: `include url(...)` once made an HTTP request while a
   * scenario was being validated, and `${?UPTAKE_DB_PASSWORD}` copied a secret into the journal.
   */
  @Test
  void includesAreFilesNextToTheScenarioAndNothingElse(@TempDir Path dir) throws Exception {
    java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = "ticks = 3".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/s.conf";
      String departments = "organisation.departments = [ { name = A, headcount = 5 } ]\n";
      for (String[] c : new String[][] {
          {"include url(\"" + url + "\")", "include url(" + url + "): a URL"},
          {"include \"" + url + "\"", "include " + url + ": a URL"},
          {"include classpath(\"scenario-defaults.conf\")", "include classpath(scenario-defaults.conf)"},
          {"include file(\"other.conf\")", "include file(other.conf): file() names a file relative to the working"},
          {"include \"/etc/hostname\"", "include /etc/hostname: an absolute path"},
          {"include \"missing.conf\"", "include missing.conf: no such file next to the including file"},
          {"include \"scenario-defaults.conf\"", "include scenario-defaults.conf: no such file"}}) {
        Path file = TestScenarios.write(dir, "s.conf", departments + c[0] + "\n");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(file), c[0]);
        assertTrue(e.getMessage().startsWith(file + ": " + c[1]), e.getMessage());
      }
      assertEquals(0, requests.get(), "no request was made");
    } finally {
      server.stop(0);
    }
    // Relative to the including file, wherever that is, at any depth.
    java.nio.file.Files.createDirectories(dir.resolve("common"));
    TestScenarios.write(dir, "common/org.conf", "include \"size.conf\"\norganisation.departments = "
        + "[ { name = A, headcount = ${size} } ]");
    TestScenarios.write(dir, "common/size.conf", "size = 7");
    Path ok = TestScenarios.write(dir, "ok.conf", "include \"common/org.conf\"\nticks = 4\n");
    assertThrows(ScenarioException.class, () -> ScenarioLoader.load(ok), "size is not a scenario key");
    TestScenarios.write(dir, "common/org.conf", "include \"size.conf\"");
    TestScenarios.write(dir, "common/size.conf", "organisation.departments = [ { name = A, headcount = 7 } ]");
    Scenario s = ScenarioLoader.load(ok);
    assertEquals(7, s.organisation().departments().get(0).headcount());
    assertEquals(4, s.ticks());
  }

  @Test
  void environmentVariablesAreNotRead(@TempDir Path dir) {
    String departments = "organisation.departments = [ { name = A, headcount = 5 } ]\n";
    // HOME and PATH are set wherever the tests run.
    Path optional = TestScenarios.write(dir, "o.conf", departments + "description = ${?HOME}\n");
    assertTrue(!ScenarioLoader.load(optional).resolved().contains(System.getenv("HOME")));
    Path required = TestScenarios.write(dir, "r.conf", departments + "description = ${PATH}\n");
    ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(required));
    assertTrue(e.getMessage().contains("never environment variables"), e.getMessage());
    assertTrue(e.getMessage().contains("--set KEY=VALUE"), e.getMessage());
  }
}
