package org.uptake.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.journal.Stories;
import org.uptake.organisation.Executive;
import org.uptake.report.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "explain", mixinStandardHelpOptions = true,
    description = {"Tells a person's story (each change, its tick and its recorded cause), or with --department a "
        + "department's milestones, from the journal.",
        "Examples: uptake explain mandate-42 Sales-0042    uptake explain mandate-42 --department Sales"})
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RUN_ID")
  String runId;

  @Parameters(index = "1", arity = "0..1", paramLabel = "PERSON",
      description = "A person's name (e.g. Sales-0042) or number (1 is the first person, P00001 on a canonical network).")
  String person;

  @Option(names = "--department", paramLabel = "NAME", description = "Explain a department instead of a person.")
  String department;

  @Mixin JournalOptions journal;

  @Override
  public Integer call() throws Exception {
    if ((person == null) == (department == null)) {
      throw new Errors.UsageException("explain needs either a PERSON or --department NAME");
    }
    try (JournalSession session = JournalSession.reading(journal.settings())) {
      RunLog log = session.log(runId);
      String unit = log.facts().unit();
      if (department != null) {
        print(Stories.department(log, department), unit);
      } else {
        String[] names = Recorded.names(log);
        Stories.Person p = Stories.person(log, person).orElseThrow(() -> new Errors.UsageException("no person '"
            + person + "' in run " + runId + " (names look like " + names[0] + "; numbers go from 1 to "
            + names.length + ")"));
        print(p, log, names, unit);
      }
      return 0;
    }
  }

  private void print(Stories.Person p, RunLog log, String[] names, String unit) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(p.about(names));
    for (Stories.Change c : p.changes()) {
      out.println(String.format(Locale.ROOT, "  %s %3d: ", unit, c.tick()) + p.describe(c, names));
    }
    if (p.changes().isEmpty()) {
      out.println("  No change in " + log.lastTick() + " " + RunSummary.plural(unit, log.lastTick())
          + ": still unaware.");
    }
  }

  private void print(Stories.DepartmentStory d, String unit) {
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s: %d people.%n", d.department(), d.headcount());
    milestone(out, "first person trialing", d.firstTrial(), unit);
    milestone(out, "first person active", d.firstActive(), unit);
    milestone(out, "mandate reaches the department", d.mandate(), unit);
    milestone(out, "10% active", d.tenPercent(), unit);
    milestone(out, "50% active", d.half(), unit);
    out.printf(Locale.ROOT, "  %-30s %.1f%% in %s %d%n", "peak active", 100 * d.peak(), unit, d.peakTick());
    out.printf(Locale.ROOT, "  %-30s %.1f%% active, %d lapses in all%n", "at the end (" + unit + " " + d.lastTick()
        + ")", 100 * d.endActive(), d.lapses());
    for (Executive.Act act : d.acts()) out.printf("  %s %3d: %s%n", unit, act.tick(), act.describe(unit));
  }

  private static void milestone(PrintWriter out, String label, Integer tick, String unit) {
    out.printf("  %-30s %s%n", label, tick == null ? RunSummary.NOT_REACHED : unit + " " + tick);
  }
}
