package org.uptake.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The example sessions in the docs, as a program: an example is a fenced block right after a line
 * {@code <!-- example -->}, holding commands ({@code $ ./uptake ...}, continued with a trailing backslash) each
 * followed by what it prints. {@link #main} runs the commands of one file, in a fresh folder holding a copy of
 * simulations/, and prints each command's output after a separator; {@code DocsExamplesTest} compares them with
 * the docs, or writes them in. Durations, rates and clock times change from run to run and are shown as "…".
 */
final class DocsExamples {
  static final String SEPARATOR = "\u0000--- next command ---";
  private static final Pattern FENCE = Pattern.compile("^```");

  /**
   * One example block: where its fences sit in the file, its commands (joined) as written over one or more lines
   * ({@code raw}), and the output shown after each.
   */
  record Block(int start, int end, List<String> commands, List<List<String>> raw, List<String> outputs) {}

  private DocsExamples() {}

  /** The example blocks of a markdown text, with the line indexes of their fences (exclusive of the markers). */
  static List<Block> blocks(List<String> lines) {
    List<Block> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).trim().equals("<!-- example -->")) continue;
      int open = i + 1;
      if (open >= lines.size() || !FENCE.matcher(lines.get(open)).find()) {
        throw new IllegalStateException("line " + (i + 1) + ": an example marker must be followed by a fenced block");
      }
      int close = open + 1;
      while (close < lines.size() && !FENCE.matcher(lines.get(close)).find()) close++;
      List<String> commands = new ArrayList<>();
      List<List<String>> raw = new ArrayList<>();
      List<String> outputs = new ArrayList<>();
      StringBuilder output = null;
      for (int k = open + 1; k < close; k++) {
        String line = lines.get(k);
        if (line.startsWith("$ ")) {
          if (output != null) outputs.add(output.toString());
          StringBuilder command = new StringBuilder(line.substring(2));
          List<String> written = new ArrayList<>(List.of(line));
          while (command.toString().endsWith("\\") && k + 1 < close) {
            command.setLength(command.length() - 1);
            written.add(lines.get(++k));
            command.append(' ').append(lines.get(k).trim());
          }
          commands.add(command.toString());
          raw.add(written);
          output = new StringBuilder();
        } else if (output != null) {
          output.append(line).append('\n');
        }
      }
      if (output != null) outputs.add(output.toString());
      out.add(new Block(open, close, commands, raw, outputs));
      i = close;
    }
    return out;
  }

  /** Splits a command as a POSIX shell would for the simple cases the docs use: quotes and backslashes. */
  static List<String> words(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean any = false;
    char quote = 0;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) quote = 0;
        else w.append(c);
      } else if (c == '\'' || c == '"') {
        quote = c;
        any = true;
      } else if (c == '\\' && i + 1 < command.length()) {
        w.append(command.charAt(++i));
        any = true;
      } else if (Character.isWhitespace(c)) {
        if (any || w.length() > 0) words.add(w.toString());
        w.setLength(0);
        any = false;
      } else if (c == '#' && w.length() == 0 && !any) {
        break;
      } else {
        w.append(c);
      }
    }
    if (any || w.length() > 0) words.add(w.toString());
    return words;
  }

  /** What changes from run to run: durations, rates, clock times and dates. */
  static String normalise(String output) {
    return output
        .replaceAll("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}", "…")
        .replaceAll("\\b\\d+(\\.\\d+)? s\\b", "… s")
        .replaceAll("\\b\\d+ events/s", "… events/s");
  }

  /** Runs the commands given one per argument (as written in the docs) in the working folder, printing outputs. */
  public static void main(String[] args) throws IOException {
    // As Main does: logging first, so early log calls are not queued and replayed with a warning.
    org.slf4j.LoggerFactory.getLogger(DocsExamples.class);
    PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    for (String command : args) {
      List<String> words = words(command);
      if (words.isEmpty() || !words.get(0).equals("./uptake")) {
        throw new IllegalArgumentException("an example command must start with ./uptake: " + command);
      }
      StringWriter out = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(new StringWriter(), true));
      int status = cli.execute(words.subList(1, words.size()).toArray(String[]::new));
      stdout.print(normalise(out.toString()));
      if (status != 0) stdout.println("(exit status " + status + ")");
      stdout.println(SEPARATOR);
    }
    stdout.flush();
    System.exit(0);
  }

  /** Copies the shipped scenarios into {@code dir}, where the examples run. */
  static void prepare(Path dir) throws IOException {
    Path from = Path.of("simulations");
    try (var walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path to = dir.resolve(from.getParent() == null ? p.toString() : from.getParent().relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
  }
}
