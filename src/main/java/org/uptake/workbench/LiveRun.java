package org.uptake.workbench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A run the page follows: its weeks so far and where it stands (queued, running, finished, interrupted, refused,
 * failed). Written by the run's thread, read by the page's streams; once it ends, its points are the run's rows
 * as the journal holds them (what summary.json and timeseries.csv are written from).
 */
public final class LiveRun {
  private final String runId;
  private final int ticks;
  private final String unit;
  private final List<String> departments;
  private final List<Workbench.Point> points;
  private String status = "queued";
  private String message;
  private volatile boolean cancelled;

  LiveRun(String runId, int ticks, String unit, List<String> departments, List<Workbench.Point> start) {
    this.runId = runId;
    this.ticks = ticks;
    this.unit = unit;
    this.departments = List.copyOf(departments);
    this.points = new ArrayList<>(start);
  }

  public String runId() {
    return runId;
  }

  public int ticks() {
    return ticks;
  }

  /** What a tick is called ("week"). */
  public String unit() {
    return unit;
  }

  /** The departments, in the order of each point's shares. */
  public List<String> departments() {
    return departments;
  }

  public synchronized String status() {
    return status;
  }

  /** Why it ended other than finished, if it did. */
  public synchronized String message() {
    return message;
  }

  public synchronized boolean ended() {
    return !status.equals("queued") && !status.equals("running");
  }

  /** The points from index {@code from} on. */
  public synchronized List<Workbench.Point> since(int from) {
    return from >= points.size() ? List.of() : List.copyOf(points.subList(from, points.size()));
  }

  /** Whether the run is ended and {@code seen} points cover all it has. */
  public synchronized boolean complete(int seen) {
    return ended() && seen >= points.size();
  }

  synchronized void status(String s) {
    status = s;
  }

  synchronized void add(Workbench.Point p) {
    points.add(p);
  }

  /** Finished: its points are now the journal's rows, replacing the live ones. */
  synchronized void finish(List<Workbench.Point> rows) {
    points.clear();
    points.addAll(rows);
    status = "finished";
  }

  synchronized void end(String s, String why) {
    status = s;
    message = why;
  }

  void cancel() {
    cancelled = true;
  }

  /** The run's brake: asked between weeks. */
  Optional<String> brake() {
    return cancelled ? Optional.of("cancelled from the workbench") : Optional.empty();
  }
}
