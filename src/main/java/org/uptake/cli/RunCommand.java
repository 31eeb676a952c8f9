package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.RunLog;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.RunOutputs;
import org.uptake.report.RunProjection;
import org.uptake.report.RunSummary;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.run.Simulation;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs a scenario, records every event in the journal, and writes <out>/<run-id>/timeseries.csv "
        + "and summary.json (built from the journal).",
        "Example: uptake run simulations/from-the-edges.conf --seed 7 --set seeding.enthusiasts=12"})
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (HOCON), e.g. simulations/from-the-edges.conf")
  Path scenarioFile;

  @Option(names = "--seed", paramLabel = "N", description = "Random seed (overrides the scenario's seed).")
  Long seed;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a scenario key, e.g. --set measurement=business-goal (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Id of the run in the journal (default: <scenario>-s<seed>-<timestamp>).")
  String runId;

  @Mixin JournalOptions journal;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs",
      description = "Where outputs go (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quiet", description = "No progress bar and no summary table.")
  boolean quiet;

  @Option(names = "--snapshot-every", paramLabel = "TICKS", defaultValue = "26",
      description = "Snapshot each department every this many ticks (default: ${DEFAULT-VALUE}).")
  int snapshotEvery;

  @Override
  public Integer call() throws Exception {
    List<String> all = new ArrayList<>(overrides);
    if (seed != null) all.add("seed=" + seed);
    Scenario scenario = ScenarioLoader.load(scenarioFile, all);
    Organisation org = OrganisationBuilder.build(scenario);
    if (runId != null && !RUN_ID.matcher(runId).matches()) {
      throw new Errors.UsageException("--run-id " + runId + ": expected letters, digits, '.', '_' or '-' "
          + "(at most 100, starting with a letter or digit)");
    }
    if (snapshotEvery < 1) throw new Errors.UsageException("--snapshot-every: expected a whole number >= 1");
    JournalSettings db = journal.settings();
    ActorSystem<SpawnProtocol.Command> system = Simulation.system(db);
    try {
      JournalReader reader = new JournalReader(system);
      String id = runId != null ? runId : freshId(reader, scenario);
      if (reader.exists(id)) {
        throw new Errors.UsageException("--run-id " + id + ": a run with this id is already in the journal "
            + db.url() + "; choose another id");
      }
      RunPlan plan = new RunPlan(id, scenario, org, scenarioFile.toString(), List.copyOf(all), Version.get(),
          snapshotEvery);
      RunClock.Progress outcome = execute(system, plan, quiet);
      if (outcome instanceof RunClock.Failed f) {
        spec.commandLine().getErr().println("uptake: run " + id + " failed: " + f.reason());
        return Main.FAILED;
      }
      RunLog log = reader.read(id).orElseThrow();
      RunProjection.Result result = RunProjection.project(log);
      Path dir = RunOutputs.write(result, out);
      if (!quiet) {
        SummaryTable.print(spec.commandLine().getOut(), RunSummary.of(result), result);
        spec.commandLine().getOut().println("Outputs: " + dir.resolve("timeseries.csv") + ", " + dir.resolve("summary.json"));
      }
      return 0;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }

  /** Runs the plan to its end, with a progress bar on a terminal. */
  static RunClock.Progress execute(ActorSystem<SpawnProtocol.Command> system, RunPlan plan, boolean quiet)
      throws InterruptedException, ExecutionException {
    int ticks = plan.scenario().ticks();
    ProgressBar bar = quiet || System.console() == null ? null : new ProgressBarBuilder()
        .setTaskName(plan.runId())
        .setInitialMax(ticks + 1L)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" ticks", 1)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
    try {
      return Simulation.run(system, plan, t -> {
        if (bar != null) {
          bar.stepTo(t.tick() + 1L);
          bar.setExtraMessage(String.format(java.util.Locale.ROOT, "%.1f%% active", 100 * t.activeFraction()));
        }
      }).toCompletableFuture().get();
    } finally {
      if (bar != null) bar.close();
    }
  }

  static String freshId(JournalReader reader, Scenario scenario) {
    String stem = scenario.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-|-$", "");
    if (stem.isEmpty()) stem = "run";
    String base = stem + "-s" + scenario.seed() + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    String id = base;
    for (int k = 2; reader.exists(id); k++) id = base + "-" + k;
    return id;
  }
}
