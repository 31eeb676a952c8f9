package org.uptake.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options `uptake fit` and `uptake optimise` share: both evaluate candidates one after another, each a few runs
 * in parallel (here, or on a cluster's worker members), recorded as they finish and resumable by id.
 */
final class SearchOptions {
  @Option(names = "--jobs", paramLabel = "N",
      description = "Runs at the same time (default: the number of processors; with --cluster, runs handed out at "
          + "once, default 64, each member doing as many as its `uptake node --jobs`). Results do not depend on it.")
  Integer jobs;

  @Mixin CoordinatorOptions cluster;

  @Option(names = "--quiet", description = "No progress and no summary.")
  boolean quiet;

  @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
      description = "auto (a bar on a terminal), bar, lines (one line per candidate on stderr, for logs), none.")
  String progress = "auto";

  @Option(names = "--min-free-disk", paramLabel = "MB", defaultValue = "64",
      description = "With an H2 file journal, stop between candidates (it stays resumable) once the journal's disk "
          + "has less than this free (default: ${DEFAULT-VALUE}; 0 turns the guard off).")
  long minFreeDisk = 64;

  /** How many runs at a time, checked. */
  int parallel() {
    int n = jobs != null ? jobs : cluster.enabled ? 64 : Runtime.getRuntime().availableProcessors();
    if (n < 1) throw new Errors.UsageException("--jobs: expected a whole number >= 1");
    if (minFreeDisk < 0) throw new Errors.UsageException("--min-free-disk: expected a whole number of MB >= 0");
    return n;
  }

  Execution.ProgressMode mode() {
    return Execution.ProgressMode.of(quiet, progress);
  }

  /**
   * The id: {@code resume}'s, the one given with {@code idOption}, or one made from the file's name; checked as sweep
   * ids are.
   */
  static String id(String resume, String given, String idOption, Path file) {
    if (resume != null && given != null) {
      throw new Errors.UsageException(idOption + ": not with --resume (it keeps its id)");
    }
    String id = resume != null ? resume : given != null ? given : SweepCommand.defaultId(file);
    if (!SweepCommand.SWEEP_ID.matcher(id).matches()) {
      throw new Errors.UsageException((resume != null ? "--resume " : idOption + " ") + id + ": expected letters, "
          + "digits, '.', '_' or '-' (at most 80, starting with a letter or digit)");
    }
    return id;
  }
}
