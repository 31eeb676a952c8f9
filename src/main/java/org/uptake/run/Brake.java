package org.uptake.run;

import java.util.Optional;

/**
 * Asked by the clock between ticks, when nothing is being written, whether the run must stop there: the disk
 * holding the journal is at its reserve, or the user pressed Ctrl-C. A run stopped so keeps every completed
 * tick and nothing else, and resumes from the journal as if it had never stopped.
 */
@FunctionalInterface
public interface Brake {
  /** Why the run must stop now, or empty to go on. */
  Optional<String> reason();

  Brake NONE = Optional::empty;

  /** Stops when any of {@code brakes} does, with the first one's reason. */
  public static Brake any(Brake... brakes) {
    return () -> {
      for (Brake b : brakes) {
        Optional<String> r = b.reason();
        if (r.isPresent()) return r;
      }
      return Optional.empty();
    };
  }
}
