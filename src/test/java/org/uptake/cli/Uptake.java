package org.uptake.cli;

import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in process, capturing what it prints. */
final class Uptake {
  record Result(int status, String out, String err) {}

  private Uptake() {}

  /** The command line in a child JVM (for kills and for several processes at once), stderr merged into stdout. */
  static ProcessBuilder child(String... args) {
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(java.util.List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /** Nothing was recorded in the journal at {@code db}: it has no runs, or was not even made. */
  static boolean nothingRecorded(String db) {
    Result r = run("runs", "--db", db);
    return r.out().contains("No runs recorded") || (r.status() == Main.JOURNAL_UNUSABLE && r.err().contains("no journal at"));
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine(out, err);
    int status = cli.execute(args);
    return new Result(status, out.toString(), err.toString());
  }
}
