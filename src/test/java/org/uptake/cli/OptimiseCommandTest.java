package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.optimise.SmallOptimisation;

class OptimiseCommandTest {
  @TempDir Path dir;

  private void refused(Path file, String expected) {
    String db = "jdbc:h2:file:" + dir.resolve("refused/journal");
    Uptake.Result r = Uptake.run("optimise", file.toString(), "--db", db, "--out", dir.resolve("refused-out").toString());
    assertEquals(Main.BAD_INPUT, r.status(), r.out() + r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(Files.exists(dir.resolve("refused")), "nothing is recorded for an optimisation refused");
    assertFalse(Files.exists(dir.resolve("refused-out")), "nothing is written for an optimisation refused");
  }

  @Test
  void anOptimisationFileIsCheckedBeforeAnythingIsRecorded() throws Exception {
    Path file = SmallOptimisation.pilot(dir, 20, 2);
    String ok = Files.readString(file);
    refused(Files.writeString(file, ok + "evaluation = 10\n"), "pilot.conf:14: evaluation: unknown key; did you mean 'evaluations'?");
    refused(Files.writeString(file, ok.replace("final_goal_index", "sustained")),
        "objective: unknown metric 'sustained'; expected one of");
    refused(Files.writeString(file, ok.replace("[Finance, HR, Sales, IT]", "[Finance, Legal]")),
        "the plan pilot = Legal, level = 0.4 gives a scenario that is not valid");
    refused(Files.writeString(file, ok.replace("budget = 20.0", "budget = 5")), "budget: no plan costs 5.0 or less");
    Uptake.Result none = Uptake.run("optimise", "--db", "jdbc:h2:mem:none");
    assertEquals(Main.BAD_INPUT, none.status());
    assertTrue(none.err().contains("expected an optimisation file or --resume ID"), none.err());
  }

  @Test
  void anOptimisationWritesItsFilesItsBestPlanRunsAndAResumeOfItRedoesNothing() throws Exception {
    Path file = SmallOptimisation.pilot(dir, 20, 2);
    String db = "jdbc:h2:file:" + dir.resolve("journal/journal");
    Path out = dir.resolve("out");
    Uptake.Result r = Uptake.run("optimise", file.toString(), "--optimisation-id", "small", "--db", db, "--out",
        out.toString(), "--progress", "none");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("Starting optimisation small: every plan within the budget, at most 8 plans of 2 runs."),
        r.out());
    assertTrue(r.out().contains("Best plan: pilot = ") && r.out().contains("(cost 10 of a budget of 20)"), r.out());
    List<String> csv = Files.readAllLines(out.resolve("plans.csv"));
    assertEquals("plan,role,rank,pilot,level,cost,runs,objective,objective_low,objective_high,difference,"
        + "difference_low,difference_high", csv.get(0));
    assertEquals(6, csv.size(), "the baseline and the four plans within the budget");
    assertTrue(csv.get(1).startsWith("1,baseline,,,,0,2,"), csv.get(1));
    JsonNode json = new ObjectMapper().readTree(out.resolve("optimise.json").toFile());
    assertEquals("exhaustive", json.get("search").asText());
    assertEquals(4, json.get("top").size());
    assertTrue(json.get("best_minus_baseline").get("low").asDouble() <= json.get("best_minus_baseline")
        .get("high").asDouble(), json.toString());
    Uptake.Result best = Uptake.run("run", out.resolve("best.conf").toString(), "--db", "jdbc:h2:mem:best-plan",
        "--out", dir.resolve("best-run").toString(), "--quiet");
    assertEquals(0, best.status(), best.out() + best.err());
    assertTrue(Files.readString(out.resolve("report.html")).contains("The top 4 plans"));

    byte[] before = Files.readAllBytes(out.resolve("optimise.json"));
    Uptake.Result again = Uptake.run("optimise", "--resume", "small", "--db", db, "--out", out.toString(),
        "--progress", "lines");
    assertEquals(0, again.status(), again.out() + again.err());
    assertTrue(again.out().contains("Resuming optimisation small"), again.out());
    assertFalse(again.err().lines().anyMatch(l -> l.startsWith("plan") && !l.contains("from the journal")),
        "a finished optimisation resumed runs nothing: " + again.err());
    assertArrayEquals(before, Files.readAllBytes(out.resolve("optimise.json")));
  }
}
