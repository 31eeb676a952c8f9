package org.uptake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.uptake.bench.CostEstimate;
import org.uptake.experiment.Comparisons;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.Replications;
import org.uptake.experiment.RunIds;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs a scenario, records every event in the journal, and writes <out>/<run-id>/timeseries.csv "
        + "and summary.json (built from the journal).",
        "Example: uptake run simulations/from-the-edges.conf --seed 7 --set seeding.enthusiasts=12"})
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

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

  @Option(names = "--replications", paramLabel = "R", defaultValue = "1",
      description = "Run R replications with seeds seed, seed+1, ...; each is journaled and written as usual "
          + "(run ids <id>-r1 ...), plus <out>/<id>/replications.csv and timeseries-mean.csv.")
  int replications;

  @Mixin JournalOptions journal;

  @Mixin CoordinatorOptions cluster;

  @ArgGroup(exclusive = false, heading = "Output:%n")
  Execution.Options options = new Execution.Options();

  @Override
  public Integer call() throws Exception {
    List<String> all = new ArrayList<>(overrides);
    if (seed != null) all.add("seed=" + seed);
    RunIds.check(runId);
    options.check();
    if (replications < 1 || replications > Replications.MAX) {
      throw new Errors.UsageException("--replications " + replications + ": expected a whole number from 1 to "
          + String.format("%,d", Replications.MAX) + "; for more, run further batches with --seed");
    }
    Scenario scenario = ScenarioLoader.load(scenarioFile, all);
    Organisation org = OrganisationBuilder.build(scenario);
    if (cluster.enabled) cluster.refuseLocalOnly(spec);
    try (JournalSession session = cluster.session(journal)) {
      String id = runId != null ? runId : RunIds.fresh(session.reader, scenario.name(), scenario.seed());
      options.placement = cluster.placement(session.system(), scenario, org, spec.commandLine().getErr(),
          "nothing was run");
      if (options.placement == null) return Main.FAILED;
      String estimate = CostEstimate.describe(scenario);
      if (estimate != null && !options.quiet) spec.commandLine().getErr().println(estimate);
      if (replications == 1) {
        RunIds.refuseExisting(session, id);
        RunPlan plan = new RunPlan(id, scenario, org, scenarioFile.toString(), List.copyOf(all), Version.get(),
            options.snapshotEvery());
        return Execution.runAndWrite(session, plan, options, spec.commandLine().getOut(),
            spec.commandLine().getErr()).status();
      }
      return replicate(session, id, all, scenario.seed());
    }
  }

  /** Seeds seed, seed+1, ...: each replication its own journaled run, then the files across them. */
  private int replicate(JournalSession session, String id, List<String> all, long seed0) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int[] status = {0};
    Comparisons.Step step = (plan, dir) -> {
      Execution.Outcome outcome = Execution.runAndWrite(session, plan, options.quietCopy(), out,
          spec.commandLine().getErr());
      status[0] = outcome.status();
      return Optional.ofNullable(outcome.status() == 0 ? outcome.result() : null);
    };
    Optional<Path> dir = Replications.run(session, scenarioFile, all, seed0, id, replications, options.snapshotEvery(),
        options.out, step, (done, total, runId) -> {
          if (!options.quiet) out.printf("replication %d/%d done (%s)%n", done, total, runId);
        });
    if (dir.isEmpty()) return status[0];
    if (!options.quiet) {
      out.println("Replications: " + dir.get().resolve("replications.csv") + ", "
          + dir.get().resolve("timeseries-mean.csv"));
    }
    return 0;
  }
}
