package org.uptake.bench;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import com.typesafe.config.ConfigFactory;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uptake.RuntimeSettings;
import org.uptake.journal.JournalFormat;
import org.uptake.journal.JournalReader;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.RunLog;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.Scratch;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.run.Simulation;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;

/**
 * Measures, warm and repeated in one JVM, with medians and ranges: the organisational model end to end on
 * an H2 file journal; the Bass model on an Erdős–Rényi network, the engine against a plain single-threaded
 * loop making the same decisions; the journal's write speed against a plain batched JDBC insert; reading
 * a run back; and how time and heap grow with the number of people. Journals go in a marked scratch folder.
 */
public final class Bench {
  /** What can be measured. */
  public static final List<String> PARTS = List.of("organisational", "bass", "journal");

  /** Sizes, ticks, people per department, measured and warm-up runs per row, and the scratch folder. */
  public record Settings(List<Integer> sizes, int ticks, int departmentSize, int repeat, int warmup, Path dir) {}

  private final List<Integer> sizes;
  private final int ticks;
  private final int departmentSize;
  private final int repeat;
  private final int warmup;
  private final Path dir;
  private final PrintWriter out;

  public Bench(Settings settings, PrintWriter out) {
    this.sizes = settings.sizes();
    this.ticks = settings.ticks();
    this.departmentSize = settings.departmentSize();
    this.repeat = settings.repeat();
    this.warmup = settings.warmup();
    this.dir = settings.dir();
    this.out = out;
  }

  /** Measures {@code parts} (of {@link #PARTS}), printing a table for each. */
  public void run(List<String> parts) throws Exception {
    Scratch.claim(dir);
    out.printf("uptake bench: %d measured run(s) after %d warm-up run(s) per row, in one JVM (%d processors, max heap "
        + "%.1f GB)%n", repeat, warmup, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1e9);
    if (parts.contains("organisational")) organisational();
    if (parts.contains("bass")) bass();
    if (parts.contains("journal")) journal();
  }

  private void organisational() throws Exception {
    out.printf("%nOrganisational model, %d ticks, full journal on a fresh H2 file per run; replay reads the last run "
        + "back%n", ticks);
    out.printf("%-9s %-22s %-14s %-8s %-10s %-9s %-12s %-16s %-13s %-15s %-12s%n", "people", "wall s (median, range)",
        "agent-ticks/s", "events", "events/s", "heap MB", "replay s", "replay events/s", "changes", "changes/s",
        "bytes/change");
    Map<Integer, double[]> scaling = new LinkedHashMap<>();
    Map<Integer, double[]> size = new LinkedHashMap<>();
    for (int people : sizes) {
      Scenario scenario = organisationScenario(people);
      Organisation org = OrganisationBuilder.build(scenario);
      List<double[]> samples = new ArrayList<>();
      for (int k = 0; k < warmup + repeat; k++) {
        double[] m = once(scenario, org, "org-" + people + "-" + k, true, k == warmup);
        if (k >= warmup) samples.add(m);
      }
      double wall = median(samples, 0);
      double heap = median(samples, 2);
      double replay = median(samples, 3);
      double events = samples.get(0)[1];
      double changes = samples.get(0)[4];
      out.printf(Locale.ROOT, "%-9d %-22s %-14.0f %-8.0f %-10.0f %-9.0f %-12.2f %-16.0f %-13.0f %-15.0f %-12.1f%n",
          people, range(samples, 0), people * (double) ticks / wall, events, events / wall, heap, replay,
          events / replay, changes, changes / replay, samples.get(0)[5] / changes);
      scaling.put(people, new double[] {wall, heap});
      size.put(people, samples.get(0));
    }
    printScaling(scaling);
    out.printf("%nJournal size per person-change (the first measured run), against the same changes as plain rows of "
        + "one table (run, department, tick, person and the change's fields; primary key run, department, tick, "
        + "person) inserted in batches of %d on a fresh H2 file. File bytes: each file as its writer left it, and "
        + "compacted (SHUTDOWN COMPACT: only its live pages)%n", JournalBench.BATCH);
    out.printf("%-9s %-13s %-14s %-20s %-20s %-20s %-20s %-14s %-14s%n", "people", "changes", "payload B/chg",
        "journal file B/chg", "journal compacted", "plain file B/chg", "plain compacted", "compacted j/p",
        "plain insert s");
    for (var e : size.entrySet()) {
      double[] m = e.getValue();
      double n = m[4];
      out.printf(Locale.ROOT, "%-9d %-13.0f %-14.1f %-20.1f %-20.1f %-20.1f %-20.1f %-14.2f %-14.2f%n", e.getKey(), n,
          m[5] / n, m[6] / n, m[7] / n, m[8] / n, m[9] / n, m[7] / m[9], m[10]);
    }
  }

  private void bass() throws Exception {
    out.printf("%nBass model (p = 0.03, q = 0.38, dt = 0.1) on an Erdos-Renyi network of mean degree 10, %d ticks: "
        + "the engine with its full journal against the plain loop (same decisions, no actors, no journal)%n", ticks);
    out.printf("%-9s %-22s %-16s %-22s %-16s %-8s%n", "people", "engine s (median)", "engine a-t/s", "loop s (median)",
        "loop a-t/s", "ratio");
    for (int people : sizes) {
      Path file = dir.resolve("bass-" + people + ".conf");
      Files.writeString(file, "name = bench-bass\nticks = " + ticks + "\nnetwork { kind = erdos-renyi, size = "
          + people + ", mean-degree = 10 }\nadoption { rule = bass, p = 0.03, q = 0.38, dt = 0.1 }\n"
          + "seeding.kind = none\n");
      Scenario scenario = ScenarioLoader.load(file);
      Organisation org = OrganisationBuilder.build(scenario);
      List<double[]> engine = new ArrayList<>();
      List<double[]> loop = new ArrayList<>();
      for (int k = 0; k < warmup + repeat; k++) {
        double[] e = once(scenario, org, "bass-" + people + "-" + k, false, false);
        long start = System.nanoTime();
        int[] counts = ReferenceBass.run(org, scenario.adoption(), false, scenario.seed(), ticks);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (counts[ticks] < 0) throw new IllegalStateException();
        if (k >= warmup) {
          engine.add(e);
          loop.add(new double[] {seconds});
        }
      }
      double e = median(engine, 0);
      double l = median(loop, 0);
      double agentTicks = people * (double) ticks;
      out.printf(Locale.ROOT, "%-9d %-22s %-16.0f %-22s %-16.0f %-8.1f%n", people, range(engine, 0), agentTicks / e,
          range(loop, 0), agentTicks / l, e / l);
    }
  }

  private void journal() throws Exception {
    int entities = 200;
    int events = 100;
    out.printf("%nJournal writes: %d entities each persisting %d events one after another, against plain JDBC "
        + "inserts of the same rows in batches of 1,000, each on a fresh H2 file with the same settings%n", entities, events);
    out.printf("%-14s %-22s %-16s %-22s %-16s %-8s%n", "payload bytes", "journal s (median)", "journal ev/s",
        "plain s (median)", "plain rows/s", "ratio");
    for (int bytes : new int[] {1024, 16384}) {
      List<double[]> journal = new ArrayList<>();
      List<double[]> plain = new ArrayList<>();
      for (int k = 0; k < warmup + repeat; k++) {
        JournalSettings db = freshFile("journal-" + bytes + "-" + k);
        ActorSystem<SpawnProtocol.Command> system = Simulation.system(JournalSchema.ensure(db).akkaConfig(), ConfigFactory.empty());
        double j;
        try {
          j = JournalBench.journal(system, entities, events, bytes, "w" + k);
        } finally {
          Simulation.terminate(system);
        }
        JournalSettings plainDb = freshFile("plain-" + bytes + "-" + k);
        JournalSchema.ensure(plainDb);
        double p = JournalBench.plainInsert(plainDb, entities, events, bytes);
        if (k >= warmup) {
          journal.add(new double[] {j});
          plain.add(new double[] {p});
        }
      }
      double rows = (double) entities * events;
      double j = median(journal, 0);
      double p = median(plain, 0);
      out.printf(Locale.ROOT, "%-14d %-22s %-16.0f %-22s %-16.0f %-8.2f%n", bytes, range(journal, 0), rows / j,
          range(plain, 0), rows / p, p / j);
    }
    Scratch.delete(dir.resolve("journals"));
  }

  /**
   * One engine run on a fresh journal file: {wall s, journal events, peak heap MB, replay s, person-changes
   * replayed, journal payload bytes, the journal file's size as left and compacted, the same of a file with only the
   * changes as plain rows, seconds to insert those rows} (replay's three 0 without {@code replay}, the sizes' five 0
   * without {@code size}, which needs {@code replay}).
   */
  private double[] once(Scenario scenario, Organisation org, String name, boolean replay, boolean size)
      throws Exception {
    JournalSettings db = freshFile(name);
    ActorSystem<SpawnProtocol.Command> system = Simulation.system(JournalSchema.ensure(db).akkaConfig(), ConfigFactory.empty());
    double[] m;
    RunLog log = null;
    try {
      System.gc();
      List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
      RunPlan plan = new RunPlan("bench-" + name, scenario, org, "bench", List.of(), JournalFormat.version(),
          RuntimeSettings.get().snapshotEvery());
      long start = System.nanoTime();
      RunClock.Progress outcome = Simulation.run(system, plan, t -> { }).toCompletableFuture().get();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!(outcome instanceof RunClock.Finished)) throw new IllegalStateException("bench run failed: " + outcome);
      long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      double read = 0;
      if (replay) {
        long r0 = System.nanoTime();
        log = new JournalReader(system).read(plan.runId()).orElseThrow();
        read = (System.nanoTime() - r0) / 1e9;
        if (log.lastTick() != ticks) throw new IllegalStateException("replay read " + log.lastTick() + " ticks");
      }
      long[] journal = journalSize(db);
      m = new double[] {seconds, journal[0], peak / 1e6, read, log == null ? 0 : log.transitionCount(),
          replay ? journal[1] : 0, 0, 0, 0, 0, 0};
    } finally {
      Simulation.terminate(system);
    }
    try {
      if (size && log != null) {
        // Each file as its writer left it, then rewritten with only its live pages.
        m[6] = Files.size(fileOf(name));
        m[7] = JournalBench.compacted(db, fileOf(name));
        JournalSettings plainDb = freshFile("plain-" + name);
        m[10] = JournalBench.plainChanges(plainDb, log);
        m[8] = Files.size(fileOf("plain-" + name));
        m[9] = JournalBench.compacted(plainDb, fileOf("plain-" + name));
      }
      return m;
    } finally {
      Scratch.delete(dir.resolve("journals"));
    }
  }

  /** Time and heap as powers of people, fitted between the smallest and largest size (log-log slope). */
  private void printScaling(Map<Integer, double[]> scaling) {
    if (scaling.size() < 2) {
      out.println("(give two or more --people sizes for the scaling estimate)");
      return;
    }
    List<Integer> ns = new ArrayList<>(scaling.keySet());
    int a = ns.get(0);
    int b = ns.get(ns.size() - 1);
    double timeExp = Math.log(scaling.get(b)[0] / scaling.get(a)[0]) / Math.log((double) b / a);
    double heapExp = Math.log(scaling.get(b)[1] / scaling.get(a)[1]) / Math.log((double) b / a);
    out.printf(Locale.ROOT, "Scaling from %,d to %,d people: time grows as people^%.2f, peak heap as people^%.2f.%n",
        a, b, timeExp, heapExp);
    for (int n : new int[] {10 * b}) {
      out.printf(Locale.ROOT, "Predicted for %,d people x %d ticks: about %.0f s and %.1f GB of peak heap.%n", n, ticks,
          scaling.get(b)[0] * Math.pow((double) n / b, timeExp), scaling.get(b)[1] / 1000 * Math.pow((double) n / b,
              heapExp));
    }
  }

  private Scenario organisationScenario(int people) throws Exception {
    int departments = Math.max(1, (people + departmentSize - 1) / departmentSize);
    StringBuilder hocon = new StringBuilder("name = bench\nstrategy = mixed\nticks = " + ticks + "\n");
    hocon.append("organisation.departments = [\n");
    for (int d = 0; d < departments; d++) {
      int size = d < departments - 1 ? departmentSize : people - departmentSize * (departments - 1);
      hocon.append(String.format(Locale.ROOT, "  { name = D%03d, function = f%d, headcount = %d }%n", d, d % 8, size));
    }
    hocon.append("]\n");
    hocon.append("executives = [ { role = CEO, support = 0.5 } ]\n");
    hocon.append("seeding.enthusiasts = ").append(Math.max(1, people / 1000)).append('\n');
    hocon.append("team.departments = [D000").append(departments > 1 ? ", D001" : "").append("]\n");
    hocon.append("interventions = [ { tick = 4, kind = campaign, strength = 0.05 }, { tick = 26, kind = mandate } ]\n");
    Path file = dir.resolve("bench-" + people + ".conf");
    Files.writeString(file, hocon);
    return ScenarioLoader.load(file);
  }

  private JournalSettings freshFile(String name) throws java.io.IOException {
    Scratch.claim(dir.resolve("journals"));
    Path journalDir = Scratch.fresh(dir.resolve("journals").resolve(name));
    return JournalSettings.of("jdbc:h2:file:" + journalDir.toAbsolutePath().resolve("journal"));
  }

  /** The H2 file of {@link #freshFile}{@code (name)}. */
  private Path fileOf(String name) {
    return dir.resolve("journals").resolve(name).resolve("journal.mv.db");
  }

  /** {events, bytes of their payloads} in the journal. */
  private static long[] journalSize(JournalSettings db) throws Exception {
    try (Connection c = JournalSchema.connect(db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(OCTET_LENGTH(\"event_payload\")) FROM \"event_journal\"")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    }
  }

  private static double median(List<double[]> samples, int column) {
    double[] s = samples.stream().mapToDouble(m -> m[column]).sorted().toArray();
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static String range(List<double[]> samples, int column) {
    double[] s = samples.stream().mapToDouble(m -> m[column]).sorted().toArray();
    return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(samples, column), s[0], s[s.length - 1]);
  }

}
