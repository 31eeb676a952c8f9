package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.RunLog;
import org.uptake.run.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists the runs recorded in the journal.")
final class RunsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    JournalSettings db = journal.settings();
    ActorSystem<SpawnProtocol.Command> system = Simulation.system(db);
    try {
      JournalReader reader = new JournalReader(system);
      List<String> ids = reader.runIds();
      if (ids.isEmpty()) {
        spec.commandLine().getOut().println("No runs recorded in " + db.url() + ".");
        return 0;
      }
      String format = "%-40s %-28s %10s %9s %-10s %s%n";
      spec.commandLine().getOut().printf(format, "RUN ID", "SCENARIO", "SEED", "TICKS", "STATUS", "STARTED (UTC)");
      DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
      for (String id : ids) {
        RunLog log = reader.header(id).orElseThrow();
        spec.commandLine().getOut().printf(format, id, log.started().scenarioName(), log.started().seed(),
            (log.lastTick() < 0 ? 0 : log.lastTick()) + "/" + log.started().ticks(), log.status(),
            time.format(Instant.ofEpochMilli(log.startedAtMillis())));
      }
      return 0;
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
    }
  }
}
