package org.uptake.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Stops a run while the disk holding an H2 journal still has room. H2 does not always recover cleanly from
 * a write that failed for lack of space (h2database/h2database#3421): the next process can find a row
 * locked by a transaction that no longer exists. Stopping at a reserve, as databases and search engines do
 * with their disk watermarks, leaves the journal closed cleanly and the run resumable. PostgreSQL manages its
 * own disk, so a server journal has no guard.
 */
public record DiskGuard(Path directory, long minFreeBytes) {
  public static final DiskGuard NONE = new DiskGuard(null, 0);

  /** The guard for {@code db}'s file journal, or {@link #NONE} for a server or in-memory journal. */
  public static DiskGuard of(JournalSettings db, long minFreeMegabytes) {
    java.util.Optional<Path> file = db.file();
    if (minFreeMegabytes <= 0 || file.isEmpty()) return NONE;
    return new DiskGuard(file.get().getParent(), minFreeMegabytes * 1024 * 1024);
  }

  /** Why the run must stop now, or empty while the disk has more than the reserve free. */
  public Optional<String> shortage() {
    if (directory == null) return Optional.empty();
    try {
      long free = Files.getFileStore(Files.exists(directory) ? directory : directory.getRoot()).getUsableSpace();
      if (free >= minFreeBytes) return Optional.empty();
      return Optional.of(String.format(Locale.ROOT, "the disk holding the journal (%s) has %.1f MB free, below "
          + "the %d MB reserve (--min-free-disk); free some space", directory, free / 1048576.0,
          minFreeBytes / 1048576));
    } catch (IOException e) {
      return Optional.empty(); // a guard that cannot look leaves the decision to the database
    }
  }
}
