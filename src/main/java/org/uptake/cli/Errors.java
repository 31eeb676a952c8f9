package org.uptake.cli;

import java.io.UncheckedIOException;
import org.uptake.BadInput;
import org.uptake.journal.DamagedRun;
import org.uptake.journal.JournalException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns the failures a user can fix into one clear line and an exit status, never a stack trace. */
final class Errors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
    if (ex instanceof BadInput) {
      cli.getErr().println("uptake: " + ex.getMessage());
      return Main.BAD_INPUT;
    }
    if (ex instanceof JournalException) {
      cli.getErr().println("uptake: " + ex.getMessage());
      return Main.JOURNAL_UNUSABLE;
    }
    if (ex instanceof UncheckedIOException || ex instanceof DamagedRun) {
      cli.getErr().println("uptake: " + ex.getMessage());
      return Main.FAILED;
    }
    cli.getErr().println("uptake: unexpected failure: " + ex);
    ex.printStackTrace(cli.getErr());
    return Main.FAILED;
  }

  /** A command-line value that is well-formed but unusable (an existing run id, say). */
  static final class UsageException extends BadInput {
    UsageException(String message) {
      super(message);
    }
  }
}
