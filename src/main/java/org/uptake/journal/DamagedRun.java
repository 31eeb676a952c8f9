package org.uptake.journal;

/**
 * A run whose recorded events do not fit together (a gap, an event of the wrong kind, counts or a digest
 * that no longer match): its outputs cannot be rebuilt, though the journal's other runs can.
 */
public final class DamagedRun extends RuntimeException {
  private final String runId;
  private final String problem;

  public DamagedRun(String runId, String problem) {
    super("run " + runId + " is damaged: " + problem + "; `uptake check " + runId + "` lists what is wrong");
    this.runId = runId;
    this.problem = problem;
  }

  public DamagedRun(String runId, String problem, Throwable cause) {
    this(runId, problem);
    initCause(cause);
  }

  public String runId() {
    return runId;
  }

  /** What is wrong, without the run's name or the advice. */
  public String problem() {
    return problem;
  }
}
