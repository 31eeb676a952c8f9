package org.uptake.run;

import java.util.List;
import org.uptake.organisation.Organisation;
import org.uptake.scenario.Scenario;

/** Everything a run needs: its id, the validated scenario, the organisation built from it, and provenance. */
public record RunPlan(
    String runId, Scenario scenario, Organisation organisation, String scenarioFile, List<String> overrides,
    String version, int snapshotEvery) {}
