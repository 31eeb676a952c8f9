package org.uptake.cli;

import java.io.PrintWriter;
import java.util.Optional;
import org.uptake.run.Brake;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while runs are in progress: the first asks them to stop between ticks, where
 * nothing is being written, so each is left interrupted with every completed tick in the journal and resumes
 * from there; a second stops the process at once (the journal still keeps every committed tick). Without this
 * the JVM would start its shutdown and close the H2 database under the runs still writing to it.
 */
final class Interruption implements Brake, AutoCloseable {
  /** What the shell reports for a process stopped by SIGINT (128 + 2). */
  static final int EXIT_STATUS = 130;

  private static final String[] SIGNALS = {"INT", "TERM"};

  private final PrintWriter err;
  private final SignalHandler[] previous = new SignalHandler[SIGNALS.length];
  private volatile String requested;

  private Interruption(PrintWriter err) {
    this.err = err;
  }

  /** Takes over SIGINT and SIGTERM until closed. */
  static Interruption install(PrintWriter err) {
    Interruption i = new Interruption(err);
    for (int k = 0; k < SIGNALS.length; k++) {
      String name = SIGNALS[k];
      i.previous[k] = Signal.handle(new Signal(name), signal -> i.onSignal(name));
    }
    return i;
  }

  private synchronized void onSignal(String name) {
    if (requested != null) {
      err.println("uptake: stopped at once; every completed tick is in the journal");
      err.flush();
      Runtime.getRuntime().halt(EXIT_STATUS);
    }
    requested = name.equals("INT") ? "interrupted (Ctrl-C)" : "stopped (SIGTERM)";
    err.println();
    err.println("uptake: stopping after the current tick (press Ctrl-C again to stop at once)");
    err.flush();
  }

  /** Whether a stop was asked for. */
  boolean requested() {
    return requested != null;
  }

  @Override
  public Optional<String> reason() {
    return Optional.ofNullable(requested);
  }

  @Override
  public void close() {
    for (int k = 0; k < SIGNALS.length; k++) {
      if (previous[k] != null) Signal.handle(new Signal(SIGNALS[k]), previous[k]);
    }
  }
}
