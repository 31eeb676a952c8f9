package org.uptake;

/**
 * A request that cannot be carried out as given (a bad scenario, an id already taken, a folder that is not
 * Uptake's), found before anything was recorded: its message says what to change. The command line exits 2 on
 * one; the workbench answers with the message.
 */
public class BadInput extends RuntimeException {
  public BadInput(String message) {
    super(message);
  }

  public BadInput(String message, Throwable cause) {
    super(message, cause);
  }
}
