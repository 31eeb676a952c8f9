package org.uptake.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.uptake.report.RunProjection.Result;
import org.uptake.report.RunProjection.Row;

/**
 * Files for a set of replications (the same scenario over seeds seed, seed+1, ...): replications.csv, one
 * row per replication, and timeseries-mean.csv, the per-tick mean and standard deviation of each series.
 * A replication that stopped early (nothing left to change) keeps its last state for the later ticks.
 */
public final class ReplicationOutputs {
  private ReplicationOutputs() {}

  public static Path write(String baseId, List<Result> results, Path out) {
    OutputFolder folder = OutputFolder.open(out.resolve(baseId));
    folder.write("replications.csv", w -> {
      w.write("replication,run_id,seed,ticks_run,stopped_early,final_ever_adopted_fraction,final_active_fraction\n");
      for (int k = 0; k < results.size(); k++) {
        Result r = results.get(k);
        Row last = r.rows().get(r.rows().size() - 1);
        w.write(String.format(Locale.ROOT, "%d,%s,%d,%d,%b,%.6f,%.6f%n", k + 1, r.started().runId(),
            r.started().seed(), last.tick(), last.tick() < r.started().ticks(), last.everAdopted(), last.active()));
      }
    });
    int ticks = results.stream().mapToInt(r -> r.started().ticks()).max().orElse(0);
    String[] names = {"unaware", "aware", "trialing", "active", "lapsed", "ever_adopted_fraction",
        "active_fraction", "goal_index"};
    folder.write("timeseries-mean.csv", w -> {
      StringBuilder header = new StringBuilder("tick,replications");
      for (String n : names) header.append(',').append(n).append("_mean,").append(n).append("_sd");
      w.write(header + "\n");
      for (int t = 0; t <= ticks; t++) {
        SummaryStatistics[] stats = new SummaryStatistics[names.length];
        for (int i = 0; i < names.length; i++) stats[i] = new SummaryStatistics();
        for (Result r : results) {
          Row row = r.rows().get(Math.min(t, r.rows().size() - 1));
          double[] v = {row.counts()[0], row.counts()[1], row.counts()[2], row.counts()[3], row.counts()[4],
              row.everAdopted(), row.active(), row.goal()};
          for (int i = 0; i < v.length; i++) stats[i].addValue(v[i]);
        }
        StringBuilder line = new StringBuilder(t + "," + results.size());
        for (SummaryStatistics s : stats) {
          double sd = s.getN() > 1 ? s.getStandardDeviation() : 0;
          line.append(String.format(Locale.ROOT, ",%.6f,%.6f", s.getMean(), sd));
        }
        w.write(line + "\n");
      }
    });
    return folder.dir();
  }
}
