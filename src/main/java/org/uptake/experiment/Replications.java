package org.uptake.experiment;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.uptake.journal.JournalFormat;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.ReplicationOutputs;
import org.uptake.report.RunProjection;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/** One scenario over seeds seed, seed+1, ...: each replication its own journaled run, then the files across them. */
public final class Replications {
  /** At most this many replications in one call (as many as a sweep's points); more go in further batches. */
  public static final int MAX = 10_000;

  private Replications() {}

  /** The replications' run ids: {@code id}-r1, -r2, ... */
  public static List<String> ids(String id, int n) {
    List<String> ids = new ArrayList<>();
    for (int k = 1; k <= n; k++) ids.add(id + "-r" + k);
    return ids;
  }

  /** Hears each replication finish. */
  @FunctionalInterface
  public interface Listener {
    void done(int done, int total, String runId);
  }

  /**
   * Runs the {@code n} replications of {@code scenarioFile} with {@code overrides} through {@code step}, refusing
   * first any id already in the journal, and writes replications.csv and timeseries-mean.csv under {@code out};
   * their folder, or empty if a run stopped.
   */
  public static Optional<Path> run(JournalSession session, Path scenarioFile, List<String> overrides, long firstSeed,
      String id, int n, int snapshotEvery, Path out, Comparisons.Step step, Listener listener) throws Exception {
    List<String> ids = ids(id, n);
    for (String each : ids) RunIds.refuseExisting(session, each);
    List<RunProjection.Result> results = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      List<String> withSeed = new ArrayList<>(overrides);
      withSeed.add("seed=" + (firstSeed + k));
      Scenario s = ScenarioLoader.load(scenarioFile, withSeed);
      RunPlan plan = new RunPlan(ids.get(k), s, OrganisationBuilder.build(s), scenarioFile.toString(),
          List.copyOf(withSeed), JournalFormat.version(), snapshotEvery);
      Optional<RunProjection.Result> r = step.run(plan, out);
      if (r.isEmpty()) return Optional.empty();
      results.add(r.get());
      listener.done(k + 1, n, ids.get(k));
    }
    return Optional.of(ReplicationOutputs.write(id, results, out));
  }
}
