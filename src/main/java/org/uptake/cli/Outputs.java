package org.uptake.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Output locations checked before any work starts, so a run is never journaled only to fail to write. */
final class Outputs {
  private Outputs() {}

  /**
   * {@code dir} must be a folder or creatable as one: nothing along its path may be a file, and the nearest
   * existing folder must be writable. Nothing is created here.
   */
  static void checkWritable(Path dir, String option) {
    Path p = dir.toAbsolutePath().normalize();
    while (p != null && !Files.exists(p)) p = p.getParent();
    if (p == null) throw new Errors.UsageException(option + " " + dir + ": no such place");
    if (!Files.isDirectory(p)) {
      throw new Errors.UsageException(option + " " + dir + ": " + p + " is a file, not a folder; give a folder");
    }
    if (!Files.isWritable(p)) {
      throw new Errors.UsageException(option + " " + dir + ": cannot write in " + p + "; give a folder you may write to");
    }
  }
}
