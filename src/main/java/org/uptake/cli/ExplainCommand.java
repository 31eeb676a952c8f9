package org.uptake.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.uptake.experiment.JournalSession;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.journal.Stories;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Roster;
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
    Roster.Member m = p.member();
    out.printf(Locale.ROOT, "%s: %s in %s%s; innovativeness %.2f, influence %d, %d ties.%n", m.name(),
        m.role().name().toLowerCase(Locale.ROOT), p.department(),
        m.manager() < 0 ? ", reports to the executive team" : ", reports to " + names[m.manager()],
        m.innovativeness(), m.influence(), m.ties().length);
    for (Stories.Change c : p.changes()) {
      out.println("  " + story(c.tick(), c.transition(), names, m.reports().length > 0, unit));
    }
    if (p.changes().isEmpty()) {
      out.println("  No change in " + log.lastTick() + " " + RunSummary.plural(unit, log.lastTick())
          + ": still unaware.");
    }
  }

  static String story(int tick, Transition t, String[] names, boolean hasReports, String unit) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s %3d: ", unit, tick));
    if (t.from() != t.to()) {
      s.append(t.from().column()).append(" -> ").append(t.to().column());
    } else if (t.mandateArrived() != null) {
      s.append("receives the mandate");
    } else if (t.champion()) {
      s.append("becomes a champion");
    }
    if (t.mandateArrived() != null && t.from() != t.to()) s.append(", receives the mandate");
    if (t.champion() && t.from() != t.to() && t.to() == AdoptionState.ACTIVE) s.append(" as a champion");
    s.append(" -- ").append(t.cause().kind().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    if (!t.cause().peers().isEmpty()) {
      s.append(": ").append(t.cause().peers().stream().map(p -> names[p]).collect(Collectors.joining(", ")));
    } else {
      s.append(": ").append(t.cause().source());
    }
    if (t.mandateArrived() != null && !t.mandateArrived().equals(t.cause().source())) {
      s.append("; mandate: ").append(t.mandateArrived());
    }
    if (t.forwardsMandate()) {
      s.append("; passes the mandate on to their reports");
    } else if (t.mandateArrived() != null && hasReports) {
      s.append("; sits on the mandate (does not pass it on)");
    }
    return s.toString();
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
