package org.uptake.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code uptake} command line. Exit status: 0 done, 1 the run failed, 2 bad input, 3 journal unusable. */
@Command(
    name = "uptake",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Simulates how social media (or any new way of working) is taken up inside an organisation.",
    subcommands = {RunCommand.class, ValidateCommand.class, RunsCommand.class, ShowCommand.class, ReplayCommand.class,
        BranchCommand.class, ResumeCommand.class, DiffCommand.class, ExplainCommand.class, ExportCommand.class,
        RmCommand.class, CheckCommand.class, CompactCommand.class, CompareCommand.class, SweepCommand.class,
        ReportCommand.class, BenchCommand.class, NodeCommand.class, ServeCommand.class, FitCommand.class,
        OptimiseCommand.class, CommandLine.HelpCommand.class})
public final class Main {
  public static final int FAILED = 1;
  public static final int BAD_INPUT = 2;
  public static final int JOURNAL_UNUSABLE = 3;

  public static void main(String[] args) {
    java.nio.charset.Charset charset = java.nio.charset.Charset.defaultCharset();
    System.exit(commandLine(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true),
        new java.io.PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true)).execute(args));
  }

  /** The command line printing to {@code out} and {@code err}, through {@link TerminalSafe}. */
  public static CommandLine commandLine(java.io.Writer out, java.io.Writer err) {
    CommandLine cli = commandLine();
    cli.setOut(new java.io.PrintWriter(new TerminalSafe(out), true));
    cli.setErr(new java.io.PrintWriter(new TerminalSafe(err), true));
    // Help without colours: the escape sequences would be filtered like any other.
    cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
    return cli;
  }

  public static CommandLine commandLine() {
    // Charts are drawn off-screen: no display is needed, or wanted, on servers and in CI.
    System.setProperty("java.awt.headless", "true");
    CommandLine cli = new CommandLine(new Main());
    // As wide as a terminal allows, and 100 columns where none is known (a pipe, a log, the docs).
    cli.setUsageHelpWidth(100);
    cli.setUsageHelpAutoWidth(true);
    cli.setExecutionExceptionHandler(new Errors());
    cli.setParameterExceptionHandler((ex, a) -> {
      java.io.PrintWriter err = ex.getCommandLine().getErr();
      err.println("uptake: " + ex.getMessage());
      // A mistyped command: "did you mean 'run'?"
      if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
          && !ex.getCommandLine().getSubcommands().isEmpty()) {
        Suggestions.nearest(u.getUnmatched().get(0), ex.getCommandLine().getSubcommands().keySet())
            .ifPresent(c -> err.println("Did you mean '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " "
                + c + "'?"));
      }
      err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return BAD_INPUT;
    });
    return cli;
  }
}
