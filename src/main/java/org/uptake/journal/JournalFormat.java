package org.uptake.journal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Which journals this version reads. Every run records the version that wrote it (in RunStarted). Persisted
 * event classes keep their names and only gain fields, so a run written by this or an older version is read
 * as it is; a run written by a newer minor or major version may hold events this one cannot know, so it is
 * refused with a message naming both versions rather than misread.
 */
public final class JournalFormat {
  private static final String CURRENT = load();

  private JournalFormat() {}

  /** This tool's version, e.g. 0.1.0. */
  public static String version() {
    return CURRENT;
  }

  /** Throws if run {@code runId}, recorded by {@code recorded}, is newer than this version can read. */
  public static void check(String runId, String recorded) {
    if (!readable(recorded, CURRENT)) {
      throw new JournalException("run " + runId + " was written by uptake " + recorded + ", newer than this uptake "
          + CURRENT + "; read it with uptake " + recorded + " or later");
    }
  }

  /** Compares major.minor; versions that are not numbers (test builds) are read. */
  static boolean readable(String recorded, String current) {
    int[] r = majorMinor(recorded);
    int[] c = majorMinor(current);
    if (r == null || c == null) return true;
    return r[0] < c[0] || (r[0] == c[0] && r[1] <= c[1]);
  }

  private static int[] majorMinor(String version) {
    if (version == null) return null;
    String[] parts = version.split("[.-]");
    try {
      return new int[] {Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0};
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String load() {
    try (InputStream in = JournalFormat.class.getClassLoader().getResourceAsStream("uptake-version.properties")) {
      if (in == null) return "unknown";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
