package org.uptake.journal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.uptake.run.RunClock;

/**
 * Which journals this version reads. Every run records the version of Uptake that wrote it and the journal
 * format it was written in. The format changes when what the events mean or how they are encoded changes:
 * format 2 is the time convention of docs/design.md (ticks = T plays steps 1..T, tick 0 is the start); format 3
 * (tool versions from 0.3) means the same and writes a department's events in the binary encoding of
 * docs/design.md, "Encoding". Runs of format 2 are read, replayed, branched and resumed as they are, since every
 * journal row names the serializer that wrote it. Runs of format 1 and older (tool versions up to 0.1) played T + 1
 * decision steps numbered 0..T; they, and runs of a newer format, are refused with a message naming both versions
 * rather than misread: such a run is listed by `uptake runs` and can still be read by the version that wrote it, or
 * run again from its recorded scenario.
 */
public final class JournalFormat {
  /** The format this version writes and reads. */
  public static final int FORMAT = RunClock.FORMAT;

  /** The oldest format this version reads: the first with today's time convention. */
  public static final int OLDEST = 2;

  private static final String CURRENT = load();

  private JournalFormat() {}

  /** This tool's version, e.g. 0.2.0. */
  public static String version() {
    return CURRENT;
  }

  /**
   * Throws if the run (or, with {@code kind} "sweep", the sweep) {@code id}, written by uptake {@code recorded}
   * in {@code format}, cannot be read here.
   */
  public static void check(String kind, String id, String recorded, int format) {
    if (!readable(recorded, CURRENT) || format > FORMAT) {
      throw new JournalException(kind + " " + id + " was written by uptake " + recorded + ", newer than this uptake "
          + CURRENT + "; read it with uptake " + recorded + " or later");
    }
    if (format < OLDEST) {
      throw new JournalException(kind + " " + id + " was written by uptake " + recorded + " in journal format "
          + Math.max(1, format) + ", which numbered its ticks differently (ticks = T played T + 1 steps, 0 to T); "
          + "this uptake " + CURRENT + " reads formats " + OLDEST + " to " + FORMAT + ": read it with uptake "
          + recorded + ", or "
          + (kind.equals("run") ? "run its scenario again (`uptake show " + id + "` prints it)"
              : "start the sweep again from its file"));
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
