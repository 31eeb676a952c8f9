package org.uptake.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.uptake.BadInput;

/**
 * A folder of outputs (a run's, a comparison's, a sweep's, an export's) that Uptake may write only files into that it
 * wrote before: each file it writes is named in the folder's manifest ({@value #MANIFEST}). A folder that exists, is
 * not empty and has no manifest is somebody else's and is refused before any work starts; a file there that Uptake did
 * not write is never replaced or deleted. Every file is written beside its place and moved over it when complete.
 */
public final class OutputFolder {
  /** The manifest: the files Uptake wrote here, one relative path a line. */
  public static final String MANIFEST = ".uptake-files";

  /** A folder, or a file in it, that is not Uptake's to write. */
  public static final class Refused extends BadInput {
    Refused(String message) {
      super(message);
    }
  }

  private final Path dir;
  private final TreeSet<String> written;

  private OutputFolder(Path dir, TreeSet<String> written) {
    this.dir = dir;
    this.written = written;
  }

  /** Refuses {@code dir} if it exists and holds files without being Uptake's (or is a file). Creates nothing. */
  public static void check(Path dir) {
    manifest(dir);
  }

  /** The folder, created if need be, and claimed as Uptake's (its manifest written); refused as by {@link #check}. */
  public static OutputFolder open(Path dir) {
    TreeSet<String> written = manifest(dir);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
    OutputFolder folder = new OutputFolder(dir, written);
    if (!Files.exists(dir.resolve(MANIFEST))) folder.saveManifest();
    return folder;
  }

  private static TreeSet<String> manifest(Path dir) {
    TreeSet<String> written = new TreeSet<>();
    if (!Files.exists(dir)) return written;
    if (!Files.isDirectory(dir)) throw new Refused(dir + " is a file, not a folder; choose another place for outputs");
    Path manifest = dir.resolve(MANIFEST);
    try {
      if (Files.exists(manifest)) {
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
          if (!line.isBlank() && !line.startsWith("#")) written.add(line.strip());
        }
        return written;
      }
      try (Stream<Path> files = Files.list(dir)) {
        if (files.findAny().isPresent()) {
          throw new Refused(dir + " already holds files that Uptake did not write; choose another --out, or another "
              + "id for the run, comparison or sweep");
        }
      }
      return written;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Writes {@code relative} (e.g. "timeseries.csv" or "charts/states.png") through a temporary file. */
  public Path write(String relative, TidyCsv.Body body) {
    Path file = claim(relative);
    try {
      Files.createDirectories(file.getParent());
      TidyCsv.atomically(file, body);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes bytes, as {@link #write}. */
  public Path writeBytes(String relative, byte[] bytes) {
    Path file = claim(relative);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Moves {@code from} (a file Uptake just made elsewhere) to {@code relative}. */
  public Path move(Path from, String relative) {
    Path file = claim(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.move(from, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Records {@code relative} in the manifest first, so no file of ours is ever left out of it. */
  private Path claim(String relative) {
    Path file = dir.resolve(relative).normalize();
    if (!file.startsWith(dir)) throw new IllegalArgumentException(relative + " is outside " + dir);
    if (!written.contains(relative) && Files.exists(file)) {
      throw new Refused(file + " exists and Uptake did not write it; move it away, or choose another --out");
    }
    if (written.add(relative)) saveManifest();
    return file;
  }

  private void saveManifest() {
    List<String> lines = new ArrayList<>(written);
    try {
      TidyCsv.atomically(dir.resolve(MANIFEST), w -> w.write("# Files Uptake wrote here; it replaces only these.\n"
          + String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve(MANIFEST) + ": " + e.getMessage(), e);
    }
  }
}
