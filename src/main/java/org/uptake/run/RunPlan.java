package org.uptake.run;

import java.util.List;
import org.uptake.organisation.Organisation;
import org.uptake.scenario.Scenario;

/**
 * Everything a run needs: its id, the validated scenario, the organisation, provenance, for a branch where
 * it starts ({@code branch}, else null), and whether it continues a run already in the journal
 * ({@code resuming}); a new run that finds its id taken is refused rather than mixed with another's.
 */
public record RunPlan(
    String runId, Scenario scenario, Organisation organisation, String scenarioFile, List<String> overrides,
    String version, int snapshotEvery, Branch branch, boolean resuming) {

  public RunPlan(String runId, Scenario scenario, Organisation organisation, String scenarioFile,
      List<String> overrides, String version, int snapshotEvery) {
    this(runId, scenario, organisation, scenarioFile, overrides, version, snapshotEvery, null, false);
  }

  public RunPlan(String runId, Scenario scenario, Organisation organisation, String scenarioFile,
      List<String> overrides, String version, int snapshotEvery, Branch branch) {
    this(runId, scenario, organisation, scenarioFile, overrides, version, snapshotEvery, branch, false);
  }

  /** The same plan, continuing the run recorded under its id. */
  public RunPlan resumed() {
    return new RunPlan(runId, scenario, organisation, scenarioFile, overrides, version, snapshotEvery, branch, true);
  }
}
