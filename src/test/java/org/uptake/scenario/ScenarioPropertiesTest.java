package org.uptake.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.uptake.TestRuns;
import org.uptake.TestScenarios;
import org.uptake.cli.Main;
import org.uptake.journal.JournalReader;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.RunProjection;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;

/**
 * Property-based tests (jqwik): random valid scenarios are accepted and run to their end; random mutations of
 * a valid scenario are either accepted or refused with a message, never a crash or a stack trace.
 */
class ScenarioPropertiesTest {
  private static final String[] FUNCTIONS = {"sales", "marketing", "finance", "customer-service", "it"};
  private static ActorSystem<SpawnProtocol.Command> system;
  private static Path dir;
  private static int runs;

  @BeforeContainer
  static void start() throws Exception {
    system = TestRuns.system(TestRuns.freshMemoryJournal());
    dir = Files.createTempDirectory("uptake-properties");
  }

  @AfterContainer
  static void stop() {
    TestRuns.stop(system);
  }

  @Property(tries = 25)
  void randomValidScenariosAreAcceptedAndRunToTheirEnd(@ForAll("validScenarios") String text) throws Exception {
    Path file = TestScenarios.write(dir, "valid-" + (++runs) + ".conf", text);
    Scenario s = ScenarioLoader.load(file);
    String id = "prop-" + runs;
    RunClock.Progress p = TestRuns.run(system, new RunPlan(id, s, OrganisationBuilder.build(s), file.toString(),
        List.of(), "test", 26));
    assertInstanceOf(RunClock.Finished.class, p, text);
    RunProjection.Result r = RunProjection.project(new JournalReader(system).read(id).orElseThrow());
    for (RunProjection.Row row : r.rows()) assertEquals(r.people(), java.util.Arrays.stream(row.counts()).sum());
  }

  @Provide
  Arbitrary<String> validScenarios() {
    Arbitrary<String> department = Combinators.combine(Arbitraries.of(FUNCTIONS), Arbitraries.integers().between(3, 25))
        .as((function, headcount) -> function + "|" + headcount);
    Arbitrary<List<String>> departments = department.list().ofMinSize(1).ofMaxSize(3);
    Arbitrary<double[]> probabilities = Arbitraries.doubles().between(0, 1).ofScale(3).array(double[].class)
        .ofSize(6);
    return Combinators.combine(departments, Arbitraries.integers().between(1, 8), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(2, 9), Arbitraries.integers().between(0, 8), probabilities,
        Arbitraries.of("clicks", "business-goal"), Arbitraries.integers().between(0, 2))
        .as((depts, ticks, enthusiasts, span, ties, p, measurement, executives) -> {
          StringBuilder h = new StringBuilder();
          h.append("ticks = ").append(ticks).append('\n');
          h.append("seed = ").append(ticks * 31 + enthusiasts).append('\n');
          h.append("organisation {\n  departments = [\n");
          List<String> names = new ArrayList<>();
          for (int k = 0; k < depts.size(); k++) {
            String[] d = depts.get(k).split("\\|");
            String name = "D" + k;
            names.add(name);
            h.append("    { name = ").append(name).append(", function = ").append(d[0]).append(", headcount = ")
                .append(d[1]).append(" }\n");
          }
          h.append("  ]\n  span-of-control = ").append(span).append('\n');
          h.append("  informal-ties { per-person = ").append(ties).append(String.format(Locale.ROOT,
              ", rewire = %.3f, cross-department-share = %.3f }%n", p[0], p[1]));
          h.append("}\n");
          h.append("executives = [\n");
          for (int e = 0; e < executives; e++) {
            h.append(String.format(Locale.ROOT, "  { role = E%d, sponsors = [%s], support = %.3f }%n", e,
                e == 0 ? "all" : names.get(0), p[2]));
          }
          h.append("]\n");
          h.append("measurement = ").append(measurement).append('\n');
          h.append("seeding.enthusiasts = ").append(enthusiasts).append('\n');
          h.append(String.format(Locale.ROOT, "model.trial.baseline = %.3f%nmodel.drop-out.trial = %.3f%n"
              + "model.resistance.gatekeeping = %.3f%n", p[3], p[4], p[5]));
          return h.toString();
        });
  }

  @Property(tries = 300)
  void mutatedScenariosAreAcceptedOrRefusedNeverCrash(@ForAll("mutations") String text) throws Exception {
    Path file = TestScenarios.write(dir, "mutated.conf", text);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("validate", file.toString());
    assertTrue(status == 0 || status == Main.BAD_INPUT, "status " + status + " for\n" + text + "\n" + err);
    assertFalse(err.toString().contains("\tat "), "no stack trace:\n" + err);
    assertFalse(err.toString().matches("(?s).*\\b(java|com|org)\\.[a-z]+\\.[A-Za-z.]*Exception.*"),
        "no raw exception:\n" + err);
    if (status == Main.BAD_INPUT) assertTrue(err.toString().contains("mutated.conf"), "names the file:\n" + err);
  }

  /** The small test scenario with one to three random edits: characters, lines or numbers. */
  @Provide
  Arbitrary<String> mutations() {
    Arbitrary<Integer> position = Arbitraries.integers().between(0, TestScenarios.SMALL.length() - 1);
    Arbitrary<String> junk = Arbitraries.of("{", "}", "[", "]", "=", "\"", ":", ",", "\n", "-1", "1e12",
        "99999999999", "NaN", "-0.5", "1.5", "include \"mutated.conf\"", "${x}", "\u00e9", "\t", "null", "true",
        "headcount = 2000000000", "ticks = 0", "sponsors = [Nowhere]");
    Arbitrary<int[]> edit = Combinators.combine(Arbitraries.integers().between(0, 3), position,
        Arbitraries.integers().between(1, 12), Arbitraries.integers().between(0, 23))
        .as((kind, at, length, junkIndex) -> new int[] {kind, at, length, junkIndex});
    return Combinators.combine(edit.list().ofMinSize(1).ofMaxSize(3), junk.list().ofSize(3)).as((edits, junks) -> {
      String s = TestScenarios.SMALL;
      for (int k = 0; k < edits.size(); k++) {
        int[] e = edits.get(k);
        int at = Math.min(e[1], s.length());
        int end = Math.min(s.length(), at + e[2]);
        switch (e[0]) {
          case 0 -> s = s.substring(0, at) + s.substring(end); // delete
          case 1 -> s = s.substring(0, at) + junks.get(k) + s.substring(at); // insert
          case 2 -> s = s.substring(0, at) + junks.get(k) + s.substring(end); // replace
          default -> { // duplicate a line
            int start = s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
            int stop = s.indexOf('\n', at);
            if (stop < 0) stop = s.length();
            s = s.substring(0, stop) + "\n" + s.substring(start, stop) + s.substring(stop);
          }
        }
      }
      return s;
    });
  }
}
