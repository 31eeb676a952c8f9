package org.uptake.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.uptake.BadInput;

/**
 * Folders of Uptake's temporary files (a report being staged, the benchmark's journals). Each is marked when made,
 * and only a marked folder is ever emptied or deleted: a folder of the same name that somebody else filled is
 * refused, never removed.
 */
public final class Scratch {
  static final String MARK = ".uptake-scratch";
  private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

  private Scratch() {}

  /** {@code dir} as a scratch folder: made and marked if absent or empty, kept if marked, refused otherwise. */
  public static Path claim(Path dir) {
    try {
      if (Files.isDirectory(dir) && !Files.exists(dir.resolve(MARK))) {
        try (Stream<Path> files = Files.list(dir)) {
          if (files.findAny().isPresent()) {
            throw new BadInput(dir + " holds files that Uptake did not write; Uptake keeps its temporary files "
                + "there, so move them away or choose another folder");
          }
        }
      } else if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new BadInput(dir + " is a file, not a folder; choose another place for temporary files");
      }
      if (!Files.isDirectory(dir)) {
        // Private, as the journal folders Uptake makes are: a journal may be put in one.
        try {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE));
        } catch (UnsupportedOperationException e) {
          Files.createDirectories(dir);
        }
      }
      if (!Files.exists(dir.resolve(MARK))) Files.writeString(dir.resolve(MARK), "Uptake's temporary files.\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes {@code dir} and all in it if it is a marked scratch folder; leaves anything else alone. */
  public static void delete(Path dir) throws IOException {
    if (!Files.isDirectory(dir) || !Files.exists(dir.resolve(MARK))) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path x : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }

  /** Empties the scratch folder {@code dir} (deleting it and claiming it afresh). */
  public static Path fresh(Path dir) throws IOException {
    claim(dir);
    delete(dir);
    return claim(dir);
  }
}
