package org.uptake.experiment;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.ExecutionException;
import org.uptake.BadInput;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.RunLog;
import org.uptake.run.Simulation;

/**
 * A journal, a reader on it, and an actor system on it once one is needed: what the commands, the workbench and the
 * tests run and read runs through. Reading needs no actor system, so a command that only reads never starts one.
 * Closing the session stops the system, if it started, and lets go of the journal.
 */
public final class JournalSession implements AutoCloseable {
  public final JournalSettings db;
  public final JournalReader reader;
  private final Config member;
  private ActorSystem<SpawnProtocol.Command> system;
  /** Keeps an H2 file journal open while the session is, so its lock file is made once and kept to its owner. */
  private final java.sql.Connection holder;

  /** A session that may write: the journal is made if need be. */
  public static JournalSession open(JournalSettings settings) {
    return new JournalSession(settings, ConfigFactory.empty());
  }

  /** With Akka settings of its own, e.g. those of a cluster member. */
  public JournalSession(JournalSettings settings, Config overrides) {
    JournalSchema.Held held = JournalSchema.ensureHeld(settings);
    this.db = held.db();
    this.holder = held.holder();
    // A cluster member's journal identity goes into its configuration, where joining compares it (SameJournal).
    this.member = overrides.hasPath("akka.actor.provider") ? ConfigFactory.parseMap(java.util.Map.of(
        JournalSchema.IDENTITY_KEY, JournalSchema.identity(db))).withFallback(overrides) : overrides;
    this.reader = new JournalReader(db);
    // A cluster member joins as it starts: its system cannot wait for a first use.
    if (overrides.hasPath("akka.actor.provider")) system();
  }

  /** The session's actor system, started on first use (it runs and writes runs; reading needs none). */
  public synchronized ActorSystem<SpawnProtocol.Command> system() {
    if (system == null) system = Simulation.system(db.akkaConfig(), member);
    return system;
  }

  /**
   * For commands that read runs (and rm): the journal must exist, and one that cannot be written is read
   * read-only (JournalSettings#forReading).
   */
  public static JournalSession reading(JournalSettings settings) {
    return new JournalSession(settings.forReading(), ConfigFactory.empty());
  }

  /** The whole run (a branch with its parent's history), or a usage error naming the journal. */
  public RunLog log(String runId) {
    return reader.read(runId).orElseThrow(() -> noSuchRun(runId));
  }

  public RunLog header(String runId) {
    return reader.header(runId).orElseThrow(() -> noSuchRun(runId));
  }

  private BadInput noSuchRun(String runId) {
    return new BadInput("no run '" + runId + "' in the journal " + db.describe()
        + " (`uptake runs " + db.option() + "` lists them)");
  }

  @Override
  public void close() throws InterruptedException, ExecutionException {
    synchronized (this) {
      if (system != null) Simulation.terminate(system);
    }
    JournalSchema.waitForSharers(db, holder, new java.io.PrintWriter(System.err, true));
    if (holder != null) {
      try {
        holder.close();
      } catch (java.sql.SQLException e) {
        // The journal is being closed anyway; everything written is committed.
      }
    }
  }
}
