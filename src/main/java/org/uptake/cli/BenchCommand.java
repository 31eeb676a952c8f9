package org.uptake.cli;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.SpawnProtocol;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.run.RunClock;
import org.uptake.run.RunPlan;
import org.uptake.run.Simulation;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * Measures the engine end to end on the default H2 file journal: agent-ticks per second, journal events per
 * second and peak heap, as the median (and range) of several runs after warm-up runs in the same JVM.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks the organisational model with the full journal on an H2 file.",
        "Example: uptake bench --people 10000,100000 --repeat 3"})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--people", split = ",", defaultValue = "10000", paramLabel = "N[,N...]",
      description = "Organisation sizes (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes;

  @Option(names = "--ticks", defaultValue = "104", description = "Ticks per run (default: ${DEFAULT-VALUE}).")
  int ticks;

  @Option(names = "--department-size", defaultValue = "500",
      description = "People per department (default: ${DEFAULT-VALUE}).")
  int departmentSize;

  @Option(names = "--repeat", defaultValue = "3", description = "Measured runs per size (default: ${DEFAULT-VALUE}).")
  int repeat;

  @Option(names = "--warmup", defaultValue = "1", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--dir", defaultValue = "target/bench", description = "Scratch folder for journals (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Files.createDirectories(dir);
    spec.commandLine().getOut().printf("%-9s %-6s %-22s %-24s %-10s %-20s %s%n", "people", "ticks", "wall s (median, range)",
        "agent-ticks/s (median)", "events", "events/s (median)", "peak heap MB");
    for (int people : sizes) {
      Scenario scenario = scenario(people);
      Organisation org = OrganisationBuilder.build(scenario);
      List<double[]> samples = new ArrayList<>();
      for (int k = 0; k < warmup + repeat; k++) {
        double[] m = once(scenario, org, people + "-" + k);
        if (k >= warmup) samples.add(m);
      }
      double[] wall = samples.stream().mapToDouble(m -> m[0]).sorted().toArray();
      double[] events = samples.stream().mapToDouble(m -> m[1]).toArray();
      double[] heap = samples.stream().mapToDouble(m -> m[2]).sorted().toArray();
      double median = median(wall);
      spec.commandLine().getOut().printf(Locale.ROOT, "%-9d %-6d %-22s %-24.0f %-10.0f %-20.0f %.0f%n", people, ticks,
          String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median, wall[0], wall[wall.length - 1]),
          (double) people * (ticks + 1) / median, events[0], events[0] / median, median(heap));
    }
    return 0;
  }

  /** One run on a fresh journal file: {wall seconds, journal events, peak heap MB}. */
  private double[] once(Scenario scenario, Organisation org, String name) throws Exception {
    Path journalDir = dir.resolve("journal-" + name);
    deleteTree(journalDir);
    JournalSettings db = JournalSettings.of("jdbc:h2:file:" + journalDir.toAbsolutePath().resolve("journal"));
    ActorSystem<SpawnProtocol.Command> system = Simulation.system(db);
    try {
      System.gc();
      List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
      RunPlan plan = new RunPlan("bench-" + name, scenario, org, "bench", List.of(), Version.get(), 26);
      long start = System.nanoTime();
      RunClock.Progress outcome = Simulation.run(system, plan, t -> { }).toCompletableFuture().get();
      double seconds = (System.nanoTime() - start) / 1e9;
      if (!(outcome instanceof RunClock.Finished)) throw new IllegalStateException("bench run failed: " + outcome);
      long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      return new double[] {seconds, countEvents(db), peak / 1e6};
    } finally {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().get();
      deleteTree(journalDir);
    }
  }

  private Scenario scenario(int people) throws Exception {
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

  private static long countEvents(JournalSettings db) throws Exception {
    try (Connection c = JournalSchema.connect(db); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM \"event_journal\"")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double median(double[] sorted) {
    double[] s = sorted.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    if (!Files.exists(p)) return;
    try (var walk = Files.walk(p)) {
      for (Path x : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(x);
    }
  }
}
