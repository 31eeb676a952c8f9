package org.uptake.journal;

/** The journal's database cannot be used: unreachable, locked by another process, or not a journal. */
public final class JournalException extends RuntimeException {
  public JournalException(String message, Throwable cause) {
    super(message, cause);
  }

  public JournalException(String message) {
    super(message);
  }
}
