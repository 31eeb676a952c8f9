package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.concurrent.ExecutionException;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.RunLog;
import org.uptake.run.Simulation;

/** An actor system on the journal named by --db, and a reader on it; closing it stops the system. */
final class JournalSession implements AutoCloseable {
  final JournalSettings db;
  final ActorSystem<SpawnProtocol.Command> system;
  final JournalReader reader;
  /** Keeps an H2 file journal open while the session is, so its lock file is made once and kept to its owner. */
  private final java.sql.Connection holder;

  JournalSession(JournalOptions options) {
    this(options, ConfigFactory.empty());
  }

  /** With Akka settings of its own, e.g. those of a cluster member. */
  JournalSession(JournalOptions options, Config overrides) {
    this(options.settings(), overrides);
  }

  private JournalSession(JournalSettings settings, Config overrides) {
    this.db = JournalSchema.ensure(settings);
    this.holder = JournalSchema.hold(db);
    // A cluster member's journal identity goes into its configuration, where joining compares it (SameJournal).
    Config member = overrides.hasPath("akka.actor.provider") ? ConfigFactory.parseMap(java.util.Map.of(
        org.uptake.cluster.SameJournal.KEY, JournalSchema.identity(db))).withFallback(overrides) : overrides;
    this.system = Simulation.system(db, member);
    this.reader = new JournalReader(system);
  }

  /**
   * For commands that read runs (and rm): the journal must exist, and one that cannot be written is read
   * read-only (JournalSettings#forReading).
   */
  static JournalSession reading(JournalOptions options) {
    return new JournalSession(options.settings().forReading(), ConfigFactory.empty());
  }

  /** The whole run (a branch with its parent's history), or a usage error naming the journal. */
  RunLog log(String runId) {
    return reader.read(runId).orElseThrow(() -> noSuchRun(runId));
  }

  RunLog header(String runId) {
    return reader.header(runId).orElseThrow(() -> noSuchRun(runId));
  }

  private Errors.UsageException noSuchRun(String runId) {
    return new Errors.UsageException("no run '" + runId + "' in the journal " + db.describe()
        + " (`uptake runs " + db.option() + "` lists them)");
  }

  @Override
  public void close() throws InterruptedException, ExecutionException {
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get();
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
