package org.uptake.cli;

import java.util.concurrent.Callable;
import org.uptake.journal.Compaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "compact", mixinStandardHelpOptions = true,
    description = {"Gives back the disk space an H2 journal file holds but no longer uses: H2 keeps the pages that "
        + "each commit of a run superseded, so a run leaves its file several times the size of its events. Rewrites "
        + "the file with only its live data; every run, tag and snapshot stays as it was. Needs the journal to "
        + "itself: refused, with nothing changed, while a run, a sweep, the workbench or another command uses it.",
        "Example: uptake compact    uptake compact --db jdbc:h2:file:./other-journal"})
final class CompactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() {
    Compaction.Result r = Compaction.compact(journal.settings());
    spec.commandLine().getOut().printf("Compacted %s: %s to %s.%n", r.file(), megabytes(r.before()),
        megabytes(r.after()));
    return 0;
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
  }
}
