package org.uptake.run;

import java.util.List;
import org.uptake.organisation.Organisation;
import org.uptake.scenario.Scenario;

/**
 * Everything a run needs: its id, the validated scenario, the organisation, provenance, and for a branch
 * where it starts ({@code branch}, else null).
 */
public record RunPlan(
    String runId, Scenario scenario, Organisation organisation, String scenarioFile, List<String> overrides,
    String version, int snapshotEvery, Branch branch) {

  public RunPlan(String runId, Scenario scenario, Organisation organisation, String scenarioFile,
      List<String> overrides, String version, int snapshotEvery) {
    this(runId, scenario, organisation, scenarioFile, overrides, version, snapshotEvery, null);
  }
}
