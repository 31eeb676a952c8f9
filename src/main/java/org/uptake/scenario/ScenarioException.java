package org.uptake.scenario;

/** A scenario that cannot be run, with a message naming the file, line, key and what was expected. */
public final class ScenarioException extends RuntimeException {
  public ScenarioException(String message) {
    super(message);
  }
}
