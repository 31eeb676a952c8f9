package org.uptake.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.uptake.BadInput;
import org.uptake.RuntimeSettings;
import org.uptake.experiment.CompareOutputs;
import org.uptake.experiment.Comparisons;
import org.uptake.experiment.JournalSession;
import org.uptake.experiment.RunIds;
import org.uptake.experiment.Runner;
import org.uptake.journal.JournalFormat;
import org.uptake.journal.JournalReader;
import org.uptake.journal.Lease;
import org.uptake.journal.Recorded;
import org.uptake.journal.RunLog;
import org.uptake.journal.Stories;
import org.uptake.model.AdoptionState;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.organisation.Roster;
import org.uptake.report.NetworkPicture;
import org.uptake.report.Reports;
import org.uptake.report.RunExport;
import org.uptake.report.RunOutputs;
import org.uptake.report.RunProjection;
import org.uptake.run.Brake;
import org.uptake.run.Placement;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/**
 * What the workbench's page can do, on one journal session: list the shipped scenarios, start runs (at most
 * {@code jobs} at once, the rest queued), follow them week by week, cancel them (left interrupted, resumable), resume
 * them, and read any run in the journal back. Runs go through experiment.Runner, as `uptake run` does, so a run
 * started here has the same journal and outputs as the same run started on the command line.
 */
public final class Workbench implements AutoCloseable {
  /** A scenario the page offers: its file's name (the key the page sends back), title, strategy, size and weeks. */
  public record ScenarioInfo(String file, String name, String strategy, int people, int ticks, String unit,
      List<String> departments, boolean saved) {}

  /** A run as the page lists it; {@code branchTick} is -1 for a run that is not a branch. */
  public record RunInfo(String runId, String scenario, long seed, int lastTick, int ticks, String status,
      String parentRun, int branchTick, long startedAtMillis) {}

  /**
   * A recorded run as the page shows it: its weeks, its executives (who can act in a branch), and each department's
   * share active at its last week.
   */
  public record RunDetail(String runId, String scenario, String unit, String parentRun, int branchTick,
      List<String> executives, List<String> departments, List<Double> departmentActive, List<Point> points) {}

  /** A department's milestones (null where never reached) and the executives' acts aimed at it. */
  public record Story(String department, int headcount, String unit, Integer firstTrial, Integer firstActive,
      Integer mandate, Integer tenPercent, Integer half, double peak, int peakTick, int lastTick, double endActive,
      int lapses, List<StoryAct> acts) {}

  /** A person's story: who they are and each change of theirs with its cause, as `uptake explain` prints them. */
  public record PersonStory(int number, String name, String department, String about, String unit, int lastTick,
      List<StoryAct> changes) {}

  /**
   * The network at a run's last week, to draw and click: each person drawn (their number from 1, name,
   * department, position in the unit square and state), the ties among them, and the states' colours.
   */
  public record NetworkView(String unit, int tick, int people, boolean sampled, List<String> states,
      List<String> colours, List<Node> nodes, int[][] ties) {}

  /** A person in the network picture. */
  public record Node(int number, String name, String department, double x, double y, int state) {}

  /** An executive's act, dated, in the words `uptake explain` prints. */
  public record StoryAct(int tick, String text) {}

  /** What a branch may change from its week on: an executive sponsors, mandates or campaigns. */
  public static final List<String> BRANCH_KINDS = List.of("sponsor", "mandate", "campaign");

  /**
   * A week of a run as the page draws it: the shares active (of everyone, of each department in the run's order),
   * ever adopted, the goal index, and what the executives did in it.
   */
  public record Point(int tick, double active, double ever, double goal, double[] departments, List<Marker> acts) {}

  /** An executive's act on the time axis: its kind (mandate, campaign, sponsorship, ...), who, and in words. */
  public record Marker(String kind, String who, String text) {
    static Marker of(Executive.Act a, String unit) {
      return new Marker(a.kind(), a.role(), a.describe(unit));
    }
  }

  private final JournalSession session;
  private final Path scenarios;
  private final Path outputs;
  private final ExecutorService pool;
  private final Brake stop;
  private final Map<String, LiveRun> live = new ConcurrentHashMap<>();
  private final Map<String, Comparing> comparisons = new ConcurrentHashMap<>();
  private final Path workspace;
  private final Setup setup;
  private final Object outputsLock = new Object();
  private final Map<String, NetworkView> networks = new ConcurrentHashMap<>();
  private final Studies studies;

  /** The most seeds a comparison started in the page may ask for (the command line takes more). */
  public static final int MAX_SEEDS = 50;

  /**
   * A workbench on {@code session} offering the scenarios in {@code scenarios}, writing each run's outputs under
   * {@code workspace}/runs, and running at most {@code jobs} runs at once; every run stops (left interrupted) once
   * {@code stop} says so.
   */
  public Workbench(JournalSession session, Path scenarios, Path workspace, int jobs, Brake stop) {
    this.session = session;
    this.stop = stop;
    this.scenarios = scenarios;
    this.outputs = workspace.resolve("runs");
    this.workspace = workspace;
    this.setup = new Setup(this::shipped, workspace, shippedNames());
    this.studies = new Studies(session, workspace);
    this.pool = Executors.newFixedThreadPool(jobs, r -> {
      Thread t = new Thread(r, "workbench-run");
      t.setDaemon(true);
      return t;
    });
  }

  public Path outputs() {
    return outputs;
  }

  /** Scenario set-up: drafts checked, uploads kept, scenarios saved in the workspace. */
  public Setup setup() {
    return setup;
  }

  /** The fits and optimisations in the journal. */
  Studies studies() {
    return studies;
  }

  /**
   * The shipped scenarios, then those saved in the workspace, by file name; one that does not load is left out
   * (the CLI's `validate` says why).
   */
  public List<ScenarioInfo> scenarios() {
    List<ScenarioInfo> out = new ArrayList<>();
    for (Path f : files(scenarios)) info(f, false).ifPresent(out::add);
    for (Path f : files(setup.saved())) {
      if (!shippedNames().contains(f.getFileName().toString())) info(f, true).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<ScenarioInfo> info(Path f, boolean saved) {
    try {
      Scenario s = ScenarioLoader.load(f);
      Organisation org = OrganisationBuilder.build(s);
      // A file that names no scenario (a fragment others include, say) is offered by its file name.
      String name = com.typesafe.config.ConfigFactory.parseFile(f.toFile()).hasPath("name") ? s.name()
          : f.getFileName().toString();
      return Optional.of(new ScenarioInfo(f.getFileName().toString(), name, s.strategy(), org.size(), s.ticks(),
          s.unit(), org.departments().stream().map(Organisation.Unit::name).toList(), saved));
    } catch (RuntimeException e) {
      // Not a runnable scenario on its own (a fragment included by others, say).
      return Optional.empty();
    }
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".conf") && !p.getFileName().toString()
          .startsWith(".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the scenarios in " + dir + ": " + e.getMessage(), e);
    }
  }

  private java.util.Set<String> shippedNames() {
    return files(scenarios).stream().map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Starts a run of the shipped scenario {@code file} at {@code seed} for {@code ticks} (null: the scenario's own),
   * queued behind the runs already going; its id. Refused (BadInput) before anything is recorded.
   */
  public String start(String file, Long seed, Integer ticks) {
    Path path = shipped(file);
    // Checked here to say it in the page's words; the scenario would refuse it too, in the command line's.
    if (ticks != null && (ticks < 1 || ticks > ScenarioLoader.MAX_TICKS)) {
      throw new BadInput("Length: expected a whole number of weeks from 1 to " + ScenarioLoader.MAX_TICKS + ", got "
          + ticks);
    }
    if (seed != null && seed < 0) throw new BadInput("Seed: expected a whole number of 0 or more, got " + seed);
    List<String> overrides = new ArrayList<>();
    if (seed != null) overrides.add("seed=" + seed);
    if (ticks != null) overrides.add("ticks=" + ticks);
    Scenario scenario = ScenarioLoader.load(path, overrides);
    Organisation org = OrganisationBuilder.build(scenario);
    synchronized (this) {
      String id = unique(RunIds.fresh(session.reader, scenario.name(), scenario.seed()), live);
      RunPlan plan = new RunPlan(id, scenario, org, path.toString(), List.copyOf(overrides), JournalFormat.version(),
          RuntimeSettings.get().snapshotEvery());
      submit(plan);
      return id;
    }
  }

  /**
   * {@code id}, or it with "-b" added until it is not in {@code taken}: ids come from the journal and the clock's
   * second, and two started here within a second would otherwise share one before the first is in the journal.
   */
  private static String unique(String id, Map<String, ?> taken) {
    while (taken.containsKey(id)) id = id + "-b";
    return id;
  }

  /** Resumes an interrupted run from the journal; refused if it is finished, running, or unknown. */
  public void resume(String runId) {
    RunIds.check(runId);
    LiveRun current = live.get(runId);
    if (current != null && !current.ended()) throw new BadInput("run " + runId + " is " + current.status());
    Lease.live(session.db, Lease.run(runId)).ifPresent(h -> {
      throw new BadInput("run " + runId + " is being written by " + h.describe());
    });
    RunLog log = session.log(runId);
    if (log.finished()) throw new BadInput("run " + runId + " is already finished");
    submit(Recorded.resume(log, RuntimeSettings.get().snapshotEvery()));
  }

  /** Asks a run to stop at its next week boundary (left interrupted, resumable); false if it is not going. */
  public boolean cancel(String runId) {
    LiveRun run = live.get(runId);
    if (run == null || run.ended()) return false;
    run.cancel();
    return true;
  }

  private void submit(RunPlan plan) {
    History history = history(plan);
    LiveRun run = new LiveRun(plan.runId(), plan.scenario().ticks(), plan.scenario().unit(),
        plan.organisation().departments().stream().map(Organisation.Unit::name).toList(), history.points());
    live.put(plan.runId(), run);
    pool.submit(() -> execute(plan, run, history.everActive()));
  }

  /** The weeks a run's curve starts from, and who was active in any of them. */
  private record History(List<Point> points, BitSet everActive) {}

  /**
   * A resumed run starts from the weeks the journal already holds, a branch from its parent's up to the week it
   * branches at, a new run from nothing.
   */
  private History history(RunPlan plan) {
    String from = plan.resuming() ? plan.runId() : plan.branch() != null ? plan.branch().parentRun() : null;
    if (from == null) return new History(List.of(), new BitSet());
    RunLog log = session.log(from);
    int upTo = plan.branch() != null && !plan.resuming() ? Math.min(plan.branch().tick(), log.lastTick())
        : log.lastTick();
    return new History(points(RunProjection.project(log), Stories.acts(log)).stream().filter(p -> p.tick() <= upTo)
        .toList(), Recorded.everActiveBy(log, upTo));
  }

  /**
   * Branches run {@code parentId} after week {@code tick}: from week tick + 1 on, the executive {@code by} sponsors
   * at {@code level}, mandates, or launches a campaign of strength {@code level}, as `uptake branch --at tick --set
   * 'interventions += {...}'` would. The branch's id; refused (BadInput) before anything is recorded.
   */
  public String branch(String parentId, int tick, String kind, String by, Double level) {
    RunIds.check(parentId);
    if (!BRANCH_KINDS.contains(kind)) {
      throw new BadInput("What happens: expected one of " + String.join(", ", BRANCH_KINDS) + ", got " + kind);
    }
    LiveRun going = live.get(parentId);
    if (going != null && !going.ended()) throw new BadInput("run " + parentId + " is " + going.status()
        + ": branch it once it has finished or stopped");
    RunLog parent = session.log(parentId);
    if (!parent.started().executives().contains(by)) {
      throw new BadInput("Who: expected one of the run's executives (" + String.join(", ",
          parent.started().executives()) + "), got " + by);
    }
    if (tick < 0 || tick >= parent.lastTick()) {
      throw new BadInput("Week: expected a week from 0 to " + (parent.lastTick() - 1) + " of run " + parentId
          + ", got " + tick);
    }
    StringBuilder intervention = new StringBuilder("interventions += { tick = " + (tick + 1) + ", kind = " + kind
        + ", by = \"" + by + "\"");
    if (!kind.equals("mandate")) {
      double value = level == null ? (kind.equals("sponsor") ? 0.6 : 0.05) : level;
      if (!(value >= 0 && value <= 1)) throw new BadInput("Level: expected a number from 0 to 1, got " + value);
      intervention.append(kind.equals("sponsor") ? ", level = " : ", strength = ").append(value);
    }
    intervention.append(" }");
    synchronized (this) {
      String id = unique(RunIds.fresh(session.reader, parentId + "-at" + tick, parent.started().seed()), live);
      RunPlan plan = Recorded.branch(parent, tick, List.of(intervention.toString()), id, JournalFormat.version(),
          RuntimeSettings.get().snapshotEvery());
      submit(plan);
      return id;
    }
  }

  /**
   * Compares shipped scenarios over the same {@code seeds} seeds from 1, as `uptake compare` does, queued as one job
   * behind the runs going; its id, to follow with {@link #comparison}. Refused (BadInput) before anything is recorded.
   */
  public String compare(List<String> files, int seeds) {
    if (files.size() < 2 || files.stream().distinct().count() != files.size()) {
      throw new BadInput("Scenarios: choose two or more different scenarios to compare");
    }
    if (seeds < 2 || seeds > MAX_SEEDS) {
      throw new BadInput("Seeds: expected a whole number from 2 (for intervals) to " + MAX_SEEDS + ", got " + seeds);
    }
    List<Path> paths = files.stream().map(this::shipped).toList();
    synchronized (this) {
      String id = unique("compare-" + RunIds.timestamp(), comparisons);
      // One started before a restart, within the same second, is on disk only.
      while (Files.exists(workspace.resolve("compare").resolve(id))) id = id + "-b";
      Comparisons.Plan plan = Comparisons.begin(session, id, workspace.resolve("compare").resolve(id),
          Comparisons.arms(paths, List.of()), seeds, 1, List.of());
      Comparing comparing = new Comparing(id, files.size() * seeds);
      comparisons.put(id, comparing);
      pool.submit(() -> executeComparison(plan, comparing, seeds));
      return id;
    }
  }

  private void executeComparison(Comparisons.Plan plan, Comparing comparing, int seeds) {
    comparing.running();
    try (Lease lease = Comparisons.lease(session, plan)) {
      Comparisons.Step step = (run, out) -> {
        Runner.Result r = Runner.run(session, run, new Runner.Settings(out, false, 64, Placement.LOCAL), stop,
            new Runner.Listener() {});
        return r instanceof Runner.Finished f ? Optional.of(f.projection()) : Optional.empty();
      };
      Optional<Comparisons.Result> result = Comparisons.run(session, plan, false, step,
          (arm, seed, done, total) -> comparing.runDone());
      if (result.isEmpty()) comparing.end("interrupted", "a run stopped before the comparison's end");
      else comparing.finish(result.get().comparison(), result.get().projections(), seeds);
    } catch (BadInput e) {
      comparing.end("refused", e.getMessage());
    } catch (Exception e) {
      comparing.end("failed", e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /** A comparison as the page lists it: its id, scenarios, seeds and where it stands. */
  public record ComparisonInfo(String id, List<String> scenarios, int seeds, String status) {}

  /** The comparisons started in this workspace (before a restart too), newest first. */
  public List<ComparisonInfo> comparisons() {
    List<ComparisonInfo> out = new ArrayList<>();
    Path root = workspace.resolve("compare");
    if (!Files.isDirectory(root)) return out;
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.sorted(java.util.Comparator.reverseOrder()).toList()) {
        CompareOutputs.Manifest m = manifest(dir);
        if (m == null) continue;
        Comparing going = comparisons.get(m.id());
        String status = going != null ? going.status() : m.complete() ? "finished" : "interrupted";
        out.add(new ComparisonInfo(m.id(), m.scenarios().stream().map(CompareOutputs.Manifest.Scenario::label)
            .toList(), m.seeds(), status));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the comparisons in " + root + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** A folder's comparison manifest, or null if it holds none (or one that does not read). */
  private static CompareOutputs.Manifest manifest(Path dir) {
    try {
      return Files.isDirectory(dir) ? CompareOutputs.readManifest(dir) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * A comparison of this workspace: followed if started since the server started, else read back from the journal
   * (finished) or shown as interrupted (Resume finishes it).
   */
  public Comparing comparison(String id) {
    RunIds.check(id);
    Comparing c = comparisons.get(id);
    if (c != null) return c;
    Path dir = workspace.resolve("compare").resolve(id);
    CompareOutputs.Manifest m = manifest(dir);
    if (m == null) throw new BadInput("no comparison '" + id + "' in this workspace");
    Comparing past = new Comparing(id, m.scenarios().size() * m.seeds());
    if (m.complete()) {
      Comparisons.Result r = Comparisons.recorded(session, dir);
      past.finish(r.comparison(), r.projections(), m.seeds());
    } else {
      past.end("interrupted", "it stopped before its end; Resume runs what is left, keeping the runs already done");
    }
    Comparing raced = comparisons.putIfAbsent(id, past);
    return raced != null ? raced : past;
  }

  /** Finishes a comparison that stopped before its end, keeping its finished runs and resuming interrupted ones. */
  public synchronized void resumeComparison(String id) {
    Comparing c = comparison(id);
    if (!c.ended()) throw new BadInput("comparison " + id + " is " + c.status());
    if (c.status().equals("finished")) throw new BadInput("comparison " + id + " is already finished");
    Comparisons.Plan plan = Comparisons.resumed(id, workspace.resolve("compare").resolve(id));
    Comparing comparing = new Comparing(id, plan.arms().size() * plan.seeds());
    comparisons.put(id, comparing);
    pool.submit(() -> executeComparison(plan, comparing, plan.seeds()));
  }

  /** A recorded run's weeks, executives and departments. */
  public RunDetail detail(String runId) {
    RunIds.check(runId);
    RunLog log = session.log(runId);
    RunProjection.Result projection = RunProjection.project(log);
    List<Double> departments = new ArrayList<>();
    if (!projection.rows().isEmpty()) {
      for (double share : projection.rows().get(projection.rows().size() - 1).departmentActive()) {
        departments.add(share);
      }
    }
    return new RunDetail(runId, log.started().scenarioName(), projection.unit(), log.started().parentRun(),
        log.started().branchTick(), log.started().executives(), log.started().departments(), departments,
        points(projection, Stories.acts(log)));
  }

  /** The story of a department in a recorded run: its milestones and the acts aimed at it. */
  public Story story(String runId, String department) {
    RunIds.check(runId);
    RunLog log = session.log(runId);
    Stories.DepartmentStory d = Stories.department(log, department);
    String unit = log.facts().unit();
    return new Story(d.department(), d.headcount(), unit, d.firstTrial(), d.firstActive(), d.mandate(),
        d.tenPercent(), d.half(), d.peak(), d.peakTick(), d.lastTick(), d.endActive(), d.lapses(),
        d.acts().stream().map(a -> new StoryAct(a.tick(), a.describe(unit))).toList());
  }

  /** The story of a person (their name, or their number from 1) in a recorded run. */
  public PersonStory person(String runId, String who) {
    RunIds.check(runId);
    RunLog log = session.log(runId);
    String[] names = Recorded.names(log);
    Stories.Person p = Stories.person(log, who).orElseThrow(() -> new BadInput("no person '" + who + "' in run "
        + runId + " (names look like " + names[0] + "; numbers go from 1 to " + names.length + ")"));
    return new PersonStory(p.member().id() + 1, p.member().name(), p.department(), p.about(names), log.facts().unit(),
        log.lastTick(), p.changes().stream().map(c -> new StoryAct(c.tick(), p.describe(c, names))).toList());
  }

  /**
   * The network of a recorded run at its last week, laid out as the run's report lays it out (the same seed, the
   * same sample of a large organisation). A finished run's is kept: the layout takes about a second.
   */
  public NetworkView network(String runId) {
    RunIds.check(runId);
    NetworkView kept = networks.get(runId);
    if (kept != null) return kept;
    RunLog log = session.log(runId);
    Organisation org = Recorded.organisation(log);
    NetworkPicture.Layout layout = new NetworkPicture(org, log.started().seed(), log.facts().unit()).layout();
    int tick = Math.max(0, log.lastTick());
    String[] names = Recorded.names(log);
    AdoptionState[] state = Recorded.statesAt(log, tick);
    String[] department = new String[org.size()];
    for (Roster roster : Recorded.rosters(log)) {
      for (Roster.Member m : roster.members()) department[m.id()] = roster.department();
    }
    List<Node> nodes = new ArrayList<>();
    for (int k = 0; k < layout.people().length; k++) {
      int id = layout.people()[k];
      nodes.add(new Node(id + 1, names[id], department[id], layout.xy()[k][0], layout.xy()[k][1],
          state[id].ordinal()));
    }
    NetworkView view = new NetworkView(log.facts().unit(), tick, org.size(), layout.sampled(),
        java.util.Arrays.stream(AdoptionState.values()).map(AdoptionState::column)
            .toList(), layout.colours(), nodes, layout.ties());
    if (log.finished()) networks.put(runId, view);
    return view;
  }

  /** Runs a plan, adding each week to {@code run} as it completes; {@code ever} starts as who was ever active. */
  private void execute(RunPlan plan, LiveRun run, BitSet ever) {
    run.status("running");
    double people = plan.organisation().size();
    try {
      Runner.Result result = Runner.run(session, plan, new Runner.Settings(outputs, false, 64, Placement.LOCAL),
          Brake.any(run::brake, stop), new Runner.Listener() {
            @Override
            public void tick(RunClock.TickDone t) {
              for (int id : t.activated()) ever.set(id);
              run.add(new Point(t.tick(), t.activeFraction(), ever.cardinality() / people, t.goal(),
                  t.departmentActive(), t.acts().stream().map(a -> Marker.of(a, plan.scenario().unit())).toList()));
            }
          });
      if (result instanceof Runner.Finished f) run.finish(points(f.projection(), Stories.acts(f.log())));
      else if (result instanceof Runner.Stopped s) run.end("interrupted", s.reason());
      else run.end("interrupted", ((Runner.Failed) result).reason());
    } catch (BadInput e) {
      run.end("refused", e.getMessage());
    } catch (Exception e) {
      run.end("failed", e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /** Every week of a projected run, with the acts of its executives. */
  static List<Point> points(RunProjection.Result projection, List<Executive.Act> acts) {
    Map<Integer, List<Marker>> byTick = new java.util.HashMap<>();
    for (Executive.Act a : acts) {
      byTick.computeIfAbsent(a.tick(), t -> new ArrayList<>()).add(Marker.of(a, projection.unit()));
    }
    return projection.rows().stream().map(r -> new Point(r.tick(), r.active(), r.everAdopted(), r.goal(),
        r.departmentActive(), byTick.getOrDefault(r.tick(), List.of()))).toList();
  }

  /** A run being followed: live if started or resumed here, else read back whole from the journal. */
  public LiveRun follow(String runId) {
    RunIds.check(runId);
    LiveRun run = live.get(runId);
    if (run != null) return run;
    RunLog log = session.log(runId);
    LiveRun past = new LiveRun(runId, log.started().ticks(), log.facts().unit(), log.started().departments(),
        List.of());
    past.finish(points(RunProjection.project(log), Stories.acts(log)));
    if (!log.finished()) past.end(log.status(), null);
    return past;
  }

  /** Every run in the journal (those recorded from the command line too), newest first. */
  public List<RunInfo> runs() {
    Map<String, Lease.Holder> writing = Lease.live(session.db);
    List<RunInfo> out = new ArrayList<>();
    for (JournalReader.Listed listed : session.reader.headers()) {
      String id = listed.runId();
      LiveRun run = live.get(id);
      RunLog log = listed.log();
      if (log == null) {
        out.add(new RunInfo(id, "", 0, 0, 0, "damaged", null, -1, 0));
      } else {
        String status = run != null ? run.status() : writing.containsKey(Lease.run(id)) && !log.finished()
            ? "running" : log.status();
        out.add(new RunInfo(id, log.started().scenarioName(), log.started().seed(), Math.max(0, log.lastTick()),
            log.started().ticks(), status, log.started().parentRun(), log.started().branchTick(),
            log.startedAtMillis()));
      }
    }
    // Queued runs have nothing in the journal yet.
    live.values().stream().filter(r -> r.status().equals("queued") && out.stream().noneMatch(i -> i.runId()
        .equals(r.runId()))).forEach(r -> out.add(new RunInfo(r.runId(), "", 0, 0, r.ticks(), "queued", null, -1, Long.MAX_VALUE)));
    out.sort(java.util.Comparator.comparingLong(RunInfo::startedAtMillis).reversed());
    return out;
  }

  /**
   * A file of a run's outputs ({@code name} is one of {@link #FILES}), written under the workspace from the journal
   * if it is not there yet, so runs recorded from the command line have theirs too. A finished run's files are kept
   * (it cannot change); an unfinished run's are written afresh each time, as it may have been resumed since.
   */
  public Path output(String runId, String name) {
    RunIds.check(runId);
    if (!FILES.contains(name)) throw new BadInput(name + ": expected one of " + String.join(", ", FILES));
    LiveRun going = live.get(runId);
    if (going != null && !going.ended()) {
      throw new BadInput("run " + runId + " is " + going.status() + ": its files are written once it finishes or stops");
    }
    Path dir = outputs.resolve(runId);
    Path file = dir.resolve(name);
    synchronized (outputsLock) {
      RunLog log = session.log(runId);
      if (log.finished() && Files.isRegularFile(file)) return file;
      if (name.equals("events.jsonl")) {
        try {
          RunExport.write(session.reader, log, dir, false);
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException("cannot export run " + runId + ": " + e.getMessage(), e);
        }
      } else {
        RunProjection.Result projection = RunProjection.project(log);
        if (name.equals("report.html")) {
          Reports.run(log, projection, dir, Reports.defaultTicks(Math.max(0, log.lastTick())));
        } else {
          RunOutputs.write(projection, outputs);
        }
      }
      return file;
    }
  }

  /** The output files the page offers for download. */
  public static final List<String> FILES = List.of("timeseries.csv", "summary.json", "events.jsonl", "report.html");

  /** A shipped scenario's file, or one saved in the workspace; refused, naming those there are, if neither. */
  private Path shipped(String file) {
    if (file != null && file.matches("[A-Za-z0-9._-]+\\.conf") && !file.startsWith(".")) {
      if (Files.isRegularFile(scenarios.resolve(file))) return scenarios.resolve(file);
      if (Files.isRegularFile(setup.saved().resolve(file))) return setup.saved().resolve(file);
    }
    throw new BadInput("scenario " + file + ": expected one of the shipped scenarios or those saved in the workspace ("
        + String.join(", ", scenarios().stream().map(ScenarioInfo::file).toList()) + ")");
  }

  /** Stops the runs going at their next week (left interrupted) and waits a while for them to say so. */
  @Override
  public void close() throws InterruptedException {
    live.values().forEach(LiveRun::cancel);
    pool.shutdown();
    pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
  }
}
