package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;

/** The command line end to end, in process, on an H2 file journal. */
class CliTest {
  @TempDir static Path dir;
  static String db;
  static Path scenario;

  static Uptake.Result uptake(String... args) {
    return Uptake.run(args);
  }

  @BeforeAll
  static void setUp() {
    db = "jdbc:h2:file:" + dir.resolve("journal").toAbsolutePath();
    scenario = TestScenarios.small(dir);
  }

  @Test
  void aRunWithoutOutputOptionsSnapshotsAtTheSettingsInterval() {
    // application.conf: uptake.snapshot-every = 26. The settings are read only when a command needs them, and the
    // output options are a group that picocli leaves unparsed when none of them is given. Sweeps keep their folder.
    picocli.CommandLine cli = Main.commandLine();
    cli.parseArgs("run", "simulations/from-the-edges.conf");
    RunCommand run = cli.getSubcommands().get("run").getCommand();
    assertEquals(26, run.options.snapshotEvery());
    cli = Main.commandLine();
    cli.parseArgs("run", "simulations/from-the-edges.conf", "--snapshot-every", "5");
    assertEquals(5, ((RunCommand) cli.getSubcommands().get("run").getCommand()).options.snapshotEvery());
    cli = Main.commandLine();
    cli.parseArgs("node", "--port", "0");
    assertEquals(26, ((NodeCommand) cli.getSubcommands().get("node").getCommand()).snapshotEvery());
    cli = Main.commandLine();
    cli.parseArgs("sweep", "simulations/sweeps/enthusiasts-and-dropout.conf");
    assertEquals(Path.of("sweeps"), ((SweepCommand) cli.getSubcommands().get("sweep").getCommand()).options.out);
  }

  @Test
  void everyCommandHasHelp() {
    Uptake.Result top = uptake("--help");
    assertEquals(0, top.status());
    for (String command : List.of("run", "validate", "runs", "show", "replay", "branch", "resume", "diff",
        "explain", "export", "rm", "check", "compare", "sweep", "bench", "serve", "fit")) {
      assertTrue(top.out().contains(command), command);
      Uptake.Result help = uptake(command, "--help");
      assertEquals(0, help.status(), command);
      assertTrue(help.out().startsWith("Usage: uptake " + command), help.out());
    }
  }

  @Test
  void outputOptionsHaveTheirDefaultsWhenNoneIsGiven() {
    RunCommand run = new RunCommand();
    new picocli.CommandLine(run).parseArgs("simulations/from-the-edges.conf");
    assertEquals(Path.of("runs"), run.options.out);
    assertEquals(26, run.options.snapshotEvery());
    assertEquals("auto", run.options.progress);
    assertEquals(1, run.replications);
    ReplayCommand replay = new ReplayCommand();
    new picocli.CommandLine(replay).parseArgs("some-run");
    assertEquals(Path.of("replays"), replay.out);
  }

  @Test
  void aRunWritesItsOutputsFromTheJournalAndIsListed() throws Exception {
    Path out = dir.resolve("runs");
    Uptake.Result r = uptake("run", scenario.toString(), "--db", db, "--out", out.toString(), "--run-id", "cli-1");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("Run cli-1"), r.out());
    assertTrue(r.out().contains("final active by department"), r.out());

    List<String> lines = Files.readAllLines(out.resolve("cli-1/timeseries.csv"));
    assertTrue(lines.get(0).startsWith("tick,unaware,aware,trialing,active,lapsed,champions,mandated,"
        + "ever_adopted_fraction,active_fraction,goal_index,sponsorship,active_fraction_sales,"
        + "active_fraction_support,active_fraction_finance"), lines.get(0));
    assertEquals(1 + 31, lines.size(), "header and ticks 0..30");
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      int people = 0;
      for (int k = 1; k <= 5; k++) people += Integer.parseInt(f[k]);
      assertEquals(60, people, "every person is in exactly one state: " + line);
    }
    JsonNode summary = new ObjectMapper().readTree(out.resolve("cli-1/summary.json").toFile());
    for (String key : List.of("time_to_10pct_active", "time_to_50pct_active", "peak_active_fraction",
        "final_active_fraction", "sustained_adoption", "lapses", "final_goal_index", "departments")) {
      assertTrue(summary.has(key), key);
    }
    assertEquals(3, summary.get("departments").size());
    assertTrue(summary.get("finished").asBoolean());

    Uptake.Result again = uptake("run", scenario.toString(), "--db", db, "--out", out.toString(), "--run-id", "cli-1");
    assertEquals(2, again.status());
    assertTrue(again.err().contains("--run-id cli-1: a run with this id is already in the journal"), again.err());

    Uptake.Result runs = uptake("runs", "--db", db);
    assertEquals(0, runs.status(), runs.err());
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("cli-1 ") && l.contains("Small test organisation")
        && l.contains("30/30") && l.contains("finished")), runs.out());
  }

  @Test
  void replicationsAreRunsWithConsecutiveSeedsAndAMeanSeries() throws Exception {
    Path bass = TestScenarios.write(dir, "bass.conf", "ticks = 6\nnetwork { kind = complete, size = 300 }\n"
        + "adoption { rule = bass, p = 0.05, q = 0.4 }\nseeding.kind = none\nseed = 10\n");
    Path out = dir.resolve("reps");
    Uptake.Result r = uptake("run", bass.toString(), "--replications", "3", "--run-id", "bass", "--db", db,
        "--out", out.toString(), "--quiet");
    assertEquals(0, r.status(), r.err());
    List<String> reps = Files.readAllLines(out.resolve("bass/replications.csv"));
    assertEquals("replication,run_id,seed,ticks_run,stopped_early,final_ever_adopted_fraction,final_active_fraction",
        reps.get(0));
    assertEquals(4, reps.size());
    double[] finals = new double[3];
    for (int k = 0; k < 3; k++) {
      String[] f = reps.get(k + 1).split(",");
      assertEquals("bass-r" + (k + 1), f[1]);
      assertEquals(10 + k, Integer.parseInt(f[2]), "seeds seed, seed+1, ...");
      finals[k] = Double.parseDouble(f[6]);
      assertTrue(Files.exists(out.resolve("bass-r" + (k + 1)).resolve("timeseries.csv")));
    }
    List<String> mean = Files.readAllLines(out.resolve("bass/timeseries-mean.csv"));
    assertEquals(1 + 7, mean.size());
    String[] last = mean.get(7).split(",");
    int col = java.util.Arrays.asList(mean.get(0).split(",")).indexOf("active_fraction_mean");
    double m = (finals[0] + finals[1] + finals[2]) / 3;
    double sd = Math.sqrt((Math.pow(finals[0] - m, 2) + Math.pow(finals[1] - m, 2) + Math.pow(finals[2] - m, 2)) / 2);
    assertEquals(m, Double.parseDouble(last[col]), 1e-6, "mean by hand");
    assertEquals(sd, Double.parseDouble(last[col + 1]), 1e-6, "sample standard deviation by hand");
  }

  @Test
  void compareWritesTidyTablesAndNamesTheBestOnlyWhereResolved() throws Exception {
    Path slow = TestScenarios.write(dir, "slow.conf", "ticks = 6\nnetwork { kind = complete, size = 200 }\n"
        + "adoption { rule = bass, p = 0.01, q = 0.2 }\nseeding.kind = none\n");
    Path fast = TestScenarios.write(dir, "fast.conf", "ticks = 6\nnetwork { kind = complete, size = 200 }\n"
        + "adoption { rule = bass, p = 0.2, q = 0.5 }\nseeding.kind = none\n");
    Path out = dir.resolve("compare");
    Uptake.Result r = uptake("compare", slow.toString(), fast.toString(), "--seeds", "3", "--run-id", "cmp",
        "--db", db, "--out", out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("final active"), r.out());
    assertFalse(r.out().contains("goal index"), "a canonical network has no goal: " + r.out());
    List<String> csv = Files.readAllLines(out.resolve("cmp/compare.csv"));
    assertEquals("scenario,metric,statistic,value", csv.get(0));
    // Per scenario: two times with 9 statistics each, three shares (peak, final, ever adopted) with 5 each.
    assertEquals(1 + 2 * (2 * 9 + 3 * 5), csv.size(), String.join("\n", csv));
    assertTrue(csv.stream().noneMatch(l -> l.startsWith("slow,time_to_10pct_active,mean")), "no mean of a time");
    // The mean in compare.csv is the mean of the three runs' own summaries.
    double sum = 0;
    double slowSum = 0;
    for (int seed = 1; seed <= 3; seed++) {
      sum += finalActive(out.resolve("cmp/runs/cmp-fast-s" + seed + "/summary.json"));
      slowSum += finalActive(out.resolve("cmp/runs/cmp-slow-s" + seed + "/summary.json"));
    }
    String fastMean = csv.stream().filter(l -> l.startsWith("fast,final_active_fraction,mean,")).findFirst().orElseThrow();
    assertEquals(sum / 3, Double.parseDouble(fastMean.split(",")[3]), 1e-5);
    List<String> differences = Files.readAllLines(out.resolve("cmp/compare-differences.csv"));
    assertEquals("metric,scenario_a,scenario_b,statistic,estimate,ci_low,ci_high,resolved", differences.get(0));
    String[] active = differences.stream().filter(l -> l.startsWith("final_active_fraction,")).findFirst()
        .orElseThrow().split(",");
    assertEquals("slow", active[1]);
    assertEquals("paired_mean_difference", active[3]);
    assertEquals((sum - slowSum) / 3, Double.parseDouble(active[4]), 1e-5);
    assertEquals("true", active[7]);
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("cmp/compare.json").toFile());
    assertEquals("fast", manifest.get("best").get("final_active_fraction").asText());
    assertEquals(2, uptake("compare", slow.toString(), "--db", db).status(), "one scenario is not a comparison");
  }

  private static double finalActive(Path summary) throws java.io.IOException {
    return new ObjectMapper().readTree(summary.toFile()).get("final_active_fraction").asDouble();
  }

  @Test
  void badInputIsRefusedWithStatus2AndNothingIsRecorded() {
    String journal = "jdbc:h2:file:" + dir.resolve("bad-journal").toAbsolutePath();
    Path bad = Path.of("src/test/resources/bad-scenarios/unknown-key.conf");
    Uptake.Result r = uptake("run", bad.toString(), "--db", journal, "--out", dir.resolve("bad").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("uptake: src/test/resources/bad-scenarios/unknown-key.conf:3: seeding.enthusiast"),
        r.err());
    assertFalse(r.err().contains("Exception"), "no stack trace");

    assertEquals(2, uptake("run", scenario.toString(), "--db", journal, "--set", "model.retrial=2").status());
    assertEquals(2, uptake("run", scenario.toString(), "--db", journal, "--run-id", "no spaces").status());
    assertEquals(2, uptake("run", "does-not-exist.conf", "--db", journal).status());
    assertEquals(2, uptake("run").status(), "missing SCENARIO");
    Uptake.Result noSeeds = uptake("run", scenario.toString(), "--db", journal, "--cluster");
    assertEquals(2, noSeeds.status());
    assertTrue(noSeeds.err().contains("--seed-nodes: expected host:port"), noSeeds.err());
    Uptake.Result noCluster = uptake("run", scenario.toString(), "--db", journal, "--seed-nodes", "127.0.0.1:2551");
    assertEquals(2, noCluster.status());
    assertTrue(noCluster.err().contains("--seed-nodes: only with --cluster"), noCluster.err());
    Uptake.Result snapshots = uptake("run", scenario.toString(), "--db", journal, "--cluster", "--seed-nodes",
        "127.0.0.1:2551", "--snapshot-every", "5");
    assertEquals(2, snapshots.status());
    assertTrue(snapshots.err().contains("--snapshot-every: not with --cluster"), snapshots.err());
    assertEquals(2, uptake("validate", bad.toString()).status());
    assertEquals(0, uptake("validate", scenario.toString()).status());
    assertTrue(Uptake.nothingRecorded(journal));
    assertFalse(Files.exists(dir.resolve("bad")), "no outputs for a refused run");
  }

  /**
   * Everything a run needs is checked before it runs: comparing a scenario with itself (two runs were recorded
   * before the clash of run ids showed), and an --out that names a file (the run was journaled, then failed to
   * write). Both now fail with status 2 and leave the journal empty.
   */
  @Test
  void problemsWithTheOutputsOrTheScenariosToCompareAreFoundBeforeAnythingRuns() throws Exception {
    String journal = "jdbc:h2:file:" + dir.resolve("before-journal").toAbsolutePath();
    Uptake.Result twice = uptake("compare", scenario.toString(), scenario.toString(), "--seeds", "2", "--db", journal,
        "--set", "ticks=3");
    assertEquals(2, twice.status());
    assertTrue(twice.err().contains("given twice") && twice.err().contains("--variant NAME:KEY=VALUE"), twice.err());
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
    Uptake.Result onFile = uptake("run", scenario.toString(), "--db", journal, "--out", file.toString());
    assertEquals(2, onFile.status());
    assertTrue(onFile.err().contains("--out " + file + ": " + file + " is a file, not a folder"), onFile.err());
    assertEquals(2, uptake("compare", scenario.toString(), "--variant", "x:seed=1", "--db", journal, "--out",
        file.resolve("sub").toString()).status());
    assertTrue(Uptake.nothingRecorded(journal), "nothing was recorded");

    Path out = dir.resolve("variants");
    Uptake.Result variant = uptake("compare", scenario.toString(), "--variant", "goal:measurement=business-goal",
        "--seeds", "2", "--set", "ticks=5", "--db", journal, "--out", out.toString(), "--run-id", "v", "--quiet");
    assertEquals(0, variant.status(), variant.err());
    JsonNode manifest = new ObjectMapper().readTree(out.resolve("v/compare.json").toFile());
    assertEquals("[\"measurement=business-goal\"]", manifest.get("scenarios").get("goal").get("overrides").toString());
    assertTrue(uptake("show", "v-goal-s1", "--db", journal).out().contains("measurement=business-goal"));
  }

  /**
   * Values that were taken for something else: `--set seed=1.5` ran seed 1, `--progress weird` passed with
   * --quiet, --replications had no bound; a journal under /proc printed a 58-line stack trace, and a password in a
   * PostgreSQL URL was echoed.
   */
  @Test
  void valuesAreTakenExactlyOrRefusedInALine() {
    String journal = "jdbc:h2:file:" + dir.resolve("exact-journal").toAbsolutePath();
    Uptake.Result seed = uptake("run", scenario.toString(), "--db", journal, "--set", "seed=1.5");
    assertEquals(2, seed.status());
    assertTrue(seed.err().contains("seed: expected a whole number, got 1.5"), seed.err());
    Uptake.Result progress = uptake("run", scenario.toString(), "--db", journal, "--progress", "weird", "--quiet");
    assertEquals(2, progress.status());
    assertTrue(progress.err().contains("--progress weird: expected auto, bar, lines or none"), progress.err());
    Uptake.Result many = uptake("run", scenario.toString(), "--db", journal, "--replications", "10001");
    assertEquals(2, many.status());
    assertTrue(many.err().contains("expected a whole number from 1 to 10,000"), many.err());
    assertTrue(Uptake.nothingRecorded(journal));

    Uptake.Result proc = uptake("run", scenario.toString(), "--db", "jdbc:h2:file:/proc/uptake-test/j");
    assertEquals(3, proc.status());
    assertEquals(1, proc.err().lines().count(), proc.err());
    assertTrue(proc.err().contains("cannot make or use the folder /proc/uptake-test"), proc.err());
    Uptake.Result secret = uptake("runs", "--db", "jdbc:postgresql://127.0.0.1:9/uptake?user=u&password=s3cr3t");
    assertEquals(3, secret.status());
    assertFalse(secret.err().contains("s3cr3t"), secret.err());
  }

  @Test
  void aMistypedCommandGetsASuggestionAndAJournalUrlIsQuotedToBePasted() {
    org.uptake.journal.JournalSchema.ensure(org.uptake.journal.JournalSettings.of(db));
    Uptake.Result typo = uptake("rnu");
    assertEquals(2, typo.status());
    assertTrue(typo.err().contains("Did you mean") && typo.err().contains("run"), typo.err());
    Uptake.Result missing = uptake("show", "nope", "--db", db);
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("`uptake runs --db " + db + "` lists them"), missing.err());
    String withSettings = db + ";IFEXISTS=FALSE";
    Uptake.Result quoted = uptake("show", "nope", "--db", withSettings);
    assertTrue(quoted.err().contains("`uptake runs --db '" + withSettings + "'` lists them"), quoted.err());
  }

  @Test
  void checkFindsAGapInARunAndLeavesItAlone() throws Exception {
    String journal = "jdbc:h2:file:" + dir.resolve("check-journal").toAbsolutePath();
    assertEquals(0, uptake("run", scenario.toString(), "--set", "ticks=4", "--db", journal, "--run-id", "whole",
        "--out", dir.resolve("check").toString(), "--quiet").status());
    assertEquals(0, uptake("run", scenario.toString(), "--set", "ticks=4", "--db", journal, "--run-id", "holed",
        "--out", dir.resolve("check").toString(), "--quiet").status());
    Uptake.Result fine = uptake("check", "--db", journal);
    assertEquals(0, fine.status(), fine.out());
    assertTrue(fine.out().contains("ok       whole: finished, weeks 0 to 4"), fine.out());

    String pid = "Department|holed|Support";
    try (var c = org.uptake.journal.JournalSchema.connect(org.uptake.journal.JournalSettings.of(journal));
        var st = c.prepareStatement("DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = 3")) {
      st.setString(1, pid);
      assertEquals(1, st.executeUpdate());
    }
    Uptake.Result damaged = uptake("check", "--db", journal);
    assertEquals(1, damaged.status());
    assertTrue(damaged.out().contains("DAMAGED  holed: " + pid + " jumps from event 2 to 4"), damaged.out());
    assertTrue(damaged.out().contains("ok       whole"), damaged.out());
    assertTrue(damaged.out().contains("2 run(s) checked, 1 damaged."), damaged.out());
  }

  @Test
  void anUnreachableDatabaseGetsAMessageNotAStackTrace() {
    Uptake.Result r = uptake("runs", "--db", "jdbc:postgresql://127.0.0.1:9/uptake");
    assertEquals(3, r.status());
    assertTrue(r.err().startsWith("uptake: cannot open the journal jdbc:postgresql://127.0.0.1:9/uptake"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
    Uptake.Result odd = uptake("runs", "--db", "jdbc:mysql://localhost/x");
    assertEquals(3, odd.status());
    assertTrue(odd.err().contains("expected a jdbc:h2: or jdbc:postgresql: URL"), odd.err());
  }

  @Test
  void aJournalLockedByAnotherProcessGetsAMessage() throws Exception {
    String locked = "jdbc:h2:file:" + dir.resolve("locked").toAbsolutePath();
    Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldJournal.class.getName(), locked)
        .redirectErrorStream(true).start();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
      assertEquals("holding", lines.readLine());
      Uptake.Result r = uptake("run", scenario.toString(), "--db", locked, "--quiet");
      assertEquals(3, r.status());
      assertTrue(r.err().contains("is locked by another process that does not share it"), r.err());
    } finally {
      holder.destroy();
      holder.waitFor();
    }
  }

  /** Holds an H2 file database open in another process until killed. */
  public static final class HoldJournal {
    public static void main(String[] args) throws Exception {
      try (var c = java.sql.DriverManager.getConnection(args[0], "sa", "")) {
        System.out.println("holding");
        System.out.flush();
        Thread.sleep(120_000);
      }
    }
  }
}
