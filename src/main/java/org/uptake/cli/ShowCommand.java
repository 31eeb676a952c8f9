package org.uptake.cli;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.RunLog;
import org.uptake.run.RunClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Prints a run's metadata and the whole scenario it ran, as recorded in the journal.")
final class ShowCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      RunLog log = session.header(runId);
      RunClock.RunStarted s = log.started();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("run:        %s%n", s.runId());
      out.printf("scenario:   %s (strategy %s), from %s%n", s.scenarioName(), s.strategy(), s.scenarioFile());
      out.printf("seed:       %d%n", s.seed());
      out.printf("overrides:  %s%n", s.overrides().isEmpty() ? "none" : String.join(" ", s.overrides()));
      if (log.isBranch()) out.printf("branch of:  %s after tick %d%n", s.parentRun(), s.branchTick());
      out.printf("status:     %s, %d of %d ticks%s%n", log.status(), Math.max(0, log.lastTick()), s.ticks(),
          log.failure() != null ? " (" + log.failure() + ")" : "");
      out.printf("started:    %s UTC%n", RunsCommand.TIME.format(Instant.ofEpochMilli(log.startedAtMillis())));
      out.printf("people:     %d in %s%n", s.people(), String.join(", ", s.departments()));
      out.printf("executives: %s%n", String.join(", ", s.executives()));
      out.printf("version:    uptake %s%n%n", s.version());
      out.println(ConfigFactory.parseString(s.scenario()).root()
          .render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false)));
      return 0;
    }
  }
}
