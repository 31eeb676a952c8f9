package org.uptake.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
    description = "Checks a scenario (and its org chart, if any) without running it or touching the journal.")
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario file (HOCON).")
  Path scenarioFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a scenario key (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Override
  public Integer call() {
    Scenario s = ScenarioLoader.load(scenarioFile, overrides);
    Organisation org = OrganisationBuilder.build(s);
    spec.commandLine().getOut().printf("%s: valid. '%s' (strategy %s): %d people in %d departments, %d informal and formal ties, "
        + "%d executives, %d interventions, %d ticks, seed %d.%n", scenarioFile, s.name(), s.strategy(), org.size(),
        org.departments().size(), org.tieCount(), s.executives().size(), s.interventions().size(), s.ticks(),
        s.seed());
    return 0;
  }
}
