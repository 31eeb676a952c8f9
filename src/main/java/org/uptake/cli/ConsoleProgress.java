package org.uptake.cli;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work on stderr, the one display runs and sweeps share: a bar with its ETA on a terminal, a line
 * per step for logs (each caller words its line, as log readers expect it), or nothing.
 */
final class ConsoleProgress implements AutoCloseable {
  private final Execution.ProgressMode mode;
  private final PrintWriter err;
  private final ProgressBar bar;
  private boolean closed;

  /** {@code total} steps of {@code unit} ("weeks", "runs"), {@code already} of them done before this session. */
  ConsoleProgress(Execution.ProgressMode mode, PrintWriter err, String task, int total, int already, String unit) {
    this.mode = mode;
    this.err = err;
    this.bar = mode != Execution.ProgressMode.BAR ? null : new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .startsFrom(already, Duration.ZERO)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" " + unit, 1)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .build();
  }

  /** A time left as h:mm:ss. */
  static String clock(Duration d) {
    return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
  }

  /** Whether anything is shown at all. */
  boolean shown() {
    return mode != Execution.ProgressMode.NONE;
  }

  /** {@code done} steps are done: the bar moves (with {@code note} beside it), or {@code line} is printed. */
  synchronized void step(int done, String note, java.util.function.Supplier<String> line) {
    if (bar != null) {
      bar.stepTo(done);
      if (note != null) bar.setExtraMessage(note);
    } else if (mode == Execution.ProgressMode.LINES) {
      err.println(line.get());
      err.flush();
    }
  }

  /** A line whatever the mode but none (a member lost, a run resumed). */
  synchronized void say(String line) {
    if (!shown()) return;
    err.println(line);
    err.flush();
  }

  @Override
  public synchronized void close() {
    if (bar != null && !closed) bar.close();
    closed = true;
  }
}
