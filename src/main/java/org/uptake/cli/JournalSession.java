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

  JournalSession(JournalOptions options) {
    this(options, ConfigFactory.empty());
  }

  /** With Akka settings of its own, e.g. those of a cluster member. */
  JournalSession(JournalOptions options, Config overrides) {
    this.db = options.settings();
    this.system = Simulation.system(db, overrides);
    this.reader = new JournalReader(system);
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
    JournalSchema.waitForSharers(db, new java.io.PrintWriter(System.err, true));
  }
}
