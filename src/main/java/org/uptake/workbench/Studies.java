package org.uptake.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.uptake.BadInput;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.RunIds;
import org.uptake.fit.FitAnalysis;
import org.uptake.fit.FitLog;
import org.uptake.fit.FitOutputs;
import org.uptake.optimise.OptimiseAnalysis;
import org.uptake.optimise.OptimiseLog;
import org.uptake.optimise.OptimiseOutputs;

/**
 * The fits and optimisations in the journal (made with `uptake fit` and `uptake optimise`), as the page lists
 * them, and their files: written from the journal into the workspace the first time they are asked for, as the
 * commands would have written them, so they open wherever the commands were run.
 */
final class Studies {
  /** What the page may download of each kind. */
  static final Map<String, List<String>> FILES = Map.of(
      "fit", List.of("report.html", "fit.json", "fit.csv", "trace.csv", "best.conf"),
      "optimisation", List.of("report.html", "optimise.json", "plans.csv", "best.conf"));

  /** A fit or an optimisation: its kind, id, base scenario, whether it finished, and its first result in words. */
  record StudyInfo(String kind, String id, String base, String status, String result) {}

  private final JournalSession session;
  private final Path workspace;

  Studies(JournalSession session, Path workspace) {
    this.session = session;
    this.workspace = workspace;
  }

  /** Every fit, then every optimisation, each sorted by id. */
  List<StudyInfo> list() {
    List<StudyInfo> out = new ArrayList<>();
    for (String id : FitLog.ids(session.reader)) {
      FitLog log = FitLog.read(session.reader, id).orElseThrow();
      out.add(new StudyInfo("fit", id, log.spec().base(), log.finished() ? "finished" : "interrupted",
          log.finished() ? String.join("; ", FitOutputs.summary(FitAnalysis.of(log)).subList(0,
              log.spec().estimate().size())) : log.candidates().size() + " candidates recorded; `uptake fit --resume "
              + id + "` continues it"));
    }
    for (String id : OptimiseLog.ids(session.reader)) {
      OptimiseLog log = OptimiseLog.read(session.reader, id).orElseThrow();
      out.add(new StudyInfo("optimisation", id, log.spec().base(), log.finished() ? "finished" : "interrupted",
          log.finished() ? OptimiseAnalysis.of(log).summary().get(0) : log.plans().size() + " plans recorded; "
              + "`uptake optimise --resume " + id + "` continues it"));
    }
    return out;
  }

  /** A finished study's file, written from the journal into the workspace if it is not there yet. */
  synchronized Path file(String kind, String id, String name) {
    List<String> files = FILES.get(kind);
    if (files == null) throw new BadInput(kind + ": expected fit or optimisation");
    RunIds.check(id);
    if (!files.contains(name)) throw new BadInput(name + ": expected one of " + String.join(", ", files));
    Path dir = workspace.resolve(kind.equals("fit") ? "fits" : "optimisations").resolve(id);
    if (kind.equals("fit")) {
      FitLog log = FitLog.read(session.reader, id).orElseThrow(() -> new BadInput("no fit '" + id + "' in the journal"));
      if (!log.finished()) throw new BadInput("fit " + id + " has not finished: `uptake fit --resume " + id + "`");
      if (!Files.isRegularFile(dir.resolve(name))) FitOutputs.write(FitAnalysis.of(log), dir);
    } else {
      OptimiseLog log = OptimiseLog.read(session.reader, id).orElseThrow(() -> new BadInput("no optimisation '" + id
          + "' in the journal"));
      if (!log.finished()) {
        throw new BadInput("optimisation " + id + " has not finished: `uptake optimise --resume " + id + "`");
      }
      if (!Files.isRegularFile(dir.resolve(name))) OptimiseOutputs.write(OptimiseAnalysis.of(log), dir);
    }
    return dir.resolve(name);
  }
}
