package org.uptake.model;

import java.util.List;

/**
 * The recorded cause of a change: its kind, the most influential active neighbours at that moment
 * (at most three, heaviest first), and a human-readable source such as "mandate by CEO at tick 5".
 */
public record Cause(CauseKind kind, List<Integer> peers, String source) {
  public Cause {
    peers = List.copyOf(peers);
  }

  public static Cause of(CauseKind kind, String source) {
    return new Cause(kind, List.of(), source);
  }
}
