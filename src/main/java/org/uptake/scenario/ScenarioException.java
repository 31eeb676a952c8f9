package org.uptake.scenario;

import org.uptake.BadInput;

/** A scenario that cannot be run, with a message naming the file, line, key and what was expected. */
public final class ScenarioException extends BadInput {
  public ScenarioException(String message) {
    super(message);
  }
}
