package org.uptake.organisation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.generate.WattsStrogatzGraphGenerator;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.util.SupplierUtil;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.Draws;
import org.uptake.scenario.OrgChart;
import org.uptake.scenario.OrgChart.Role;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.Scenario.DepartmentSpec;
import org.uptake.scenario.Scenario.OrganisationSpec;
import org.uptake.scenario.ScenarioException;

/**
 * Builds the organisation of a scenario, deterministically from its seed: hierarchy (generated with a
 * fixed span of control, or read from an org chart), informal ties (a Watts-Strogatz small world inside
 * each department plus random cross-department ties, or read from an edge list), individual differences,
 * the cross-functional team and the enthusiasts. One java.util.Random, used in a fixed order, so the same
 * seed always gives the same organisation.
 */
public final class OrganisationBuilder {
  private final Scenario scenario;
  private final OrganisationSpec spec;
  private final Random rng;

  private final List<String> names = new ArrayList<>();
  private final List<Integer> departmentOf = new ArrayList<>();
  private final List<Role> roles = new ArrayList<>();
  private final List<Integer> managers = new ArrayList<>();
  private final List<Organisation.Unit> units = new ArrayList<>();
  private long[] edges = new long[1024];
  private int edgeCount;

  private OrganisationBuilder(Scenario scenario) {
    this.scenario = scenario;
    this.spec = scenario.organisation();
    this.rng = new Random(Draws.hash(scenario.seed(), Draws.STREAM_GENERATION, 0, 0));
  }

  public static Organisation build(Scenario scenario) {
    return new OrganisationBuilder(scenario).build();
  }

  private Organisation build() {
    Scenario.NetworkSpec network = scenario.network();
    OrgChart chart = network.flat() || spec.orgChart() == null ? null : OrgChart.read(spec.orgChart());
    if (network.flat()) {
      flatPopulation(network.size());
    } else if (chart == null) {
      generateHierarchy();
    } else {
      importHierarchy(chart);
    }
    int n = names.size();
    int[] manager = managers.stream().mapToInt(Integer::intValue).toArray();
    for (int i = 0; i < n; i++) {
      if (manager[i] >= 0) addEdge(i, manager[i]);
    }
    double[] innovativeness = new double[n];
    int[] influence = new int[n];
    if (network.flat()) {
      // The canonical models have identical, equally influential people.
      java.util.Arrays.fill(innovativeness, 1.0);
      java.util.Arrays.fill(influence, 1);
      canonicalTies(network);
    } else {
      drawIndividuals(innovativeness, influence);
      if (chart != null && spec.informalTiesFile() != null) {
        importTies(chart);
      } else {
        generateTies();
      }
    }
    int[] seedTick = new int[n];
    Arrays.fill(seedTick, -1);
    SeedKind[] seedKind = new SeedKind[n];
    Arrays.fill(seedKind, SeedKind.NONE);
    formTeam(influence, innovativeness, seedTick, seedKind);
    int[][] ties = adjacency(n);
    seed(ties, innovativeness, seedTick, seedKind);
    return new Organisation(List.copyOf(units), names.toArray(String[]::new),
        departmentOf.stream().mapToInt(Integer::intValue).toArray(), roles.toArray(Role[]::new), manager,
        reports(manager), ties, innovativeness, influence, seedTick, seedKind);
  }

  /** One department of people P00001... with no hierarchy, for the canonical networks. */
  private void flatPopulation(int size) {
    int[] members = new int[size];
    for (int i = 0; i < size; i++) {
      members[i] = i;
      names.add(String.format("P%05d", i + 1));
      departmentOf.add(0);
      roles.add(Role.STAFF);
      managers.add(-1);
    }
    units.add(new Organisation.Unit(org.uptake.scenario.ScenarioLoader.POPULATION, "population", members));
  }

  /**
   * The canonical networks, with JGraphT's generators: G(n, m) with m = round(n * mean-degree / 2) edges,
   * a ring lattice (Watts-Strogatz without rewiring), Watts-Strogatz, and Barabasi-Albert growing from a
   * complete graph of attach + 1 nodes. A complete network has no explicit ties: people see the whole
   * population (mean field), which is what "complete" means and costs no messages.
   */
  private void canonicalTies(Scenario.NetworkSpec network) {
    int n = network.size();
    Graph<Integer, DefaultEdge> g =
        new SimpleGraph<>(SupplierUtil.createIntegerSupplier(), SupplierUtil.DEFAULT_EDGE_SUPPLIER, false);
    switch (network.kind()) {
      case COMPLETE -> {
        return;
      }
      case ERDOS_RENYI -> new org.jgrapht.generate.GnmRandomGraphGenerator<Integer, DefaultEdge>(n,
          (int) Math.round(n * network.meanDegree() / 2), rng, false, false).generateGraph(g);
      case RING_LATTICE -> {
        if (network.neighbours() > 0) {
          new WattsStrogatzGraphGenerator<Integer, DefaultEdge>(n, network.neighbours(), 0.0, false, rng)
              .generateGraph(g);
        }
      }
      case WATTS_STROGATZ -> {
        if (network.neighbours() > 0) {
          new WattsStrogatzGraphGenerator<Integer, DefaultEdge>(n, network.neighbours(), network.rewire(), false, rng)
              .generateGraph(g);
        }
      }
      case BARABASI_ALBERT -> new org.jgrapht.generate.BarabasiAlbertGraphGenerator<Integer, DefaultEdge>(
          Math.min(n, network.attach() + 1), network.attach(), n, rng).generateGraph(g);
      default -> throw new IllegalStateException(network.kind().name());
    }
    for (DefaultEdge e : g.edgeSet()) addEdge(g.getEdgeSource(e), g.getEdgeTarget(e));
  }

  /** Seeds by seeding.kind: enthusiasts, none, random people, a person and neighbours, or named people. */
  private void seed(int[][] ties, double[] innovativeness, int[] seedTick, SeedKind[] seedKind) {
    Scenario.SeedingSpec seeding = scenario.seeding();
    int n = ties.length;
    List<Integer> chosen = new ArrayList<>();
    switch (seeding.kind()) {
      case ENTHUSIASTS -> {
        chooseEnthusiasts(ties, innovativeness, seedTick, seedKind);
        return;
      }
      case NONE -> {
        return;
      }
      case RANDOM -> {
        requireCount(seeding.count(), n);
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        for (int k = 0; k < seeding.count(); k++) {
          int j = k + rng.nextInt(n - k);
          int swap = order[k];
          order[k] = order[j];
          order[j] = swap;
          chosen.add(order[k]);
        }
      }
      case ADJACENT -> {
        requireCount(seeding.count(), n);
        // Breadth first from a random person, neighbours in ascending order.
        java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(rng.nextInt(n)));
        java.util.Set<Integer> seen = new java.util.HashSet<>(queue);
        while (!queue.isEmpty() && chosen.size() < seeding.count()) {
          int p = queue.poll();
          chosen.add(p);
          for (int t : ties[p]) if (seen.add(t)) queue.add(t);
        }
        if (chosen.size() < seeding.count()) {
          throw new ScenarioException("seeding.count: " + seeding.count() + " adjacent people asked for, but the "
              + "first person's part of the network has only " + chosen.size());
        }
      }
      case NAMED -> {
        java.util.Map<String, Integer> byName = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) byName.put(names.get(i), i);
        for (String who : seeding.people()) {
          Integer id = byName.get(who);
          // Numbers count from 1, as generated names do (person 1 is P00001).
          if (id == null && who.matches("\\d{1,9}") && Integer.parseInt(who) >= 1 && Integer.parseInt(who) <= n) {
            id = Integer.parseInt(who) - 1;
          }
          if (id == null) {
            throw new ScenarioException("seeding.people: no person '" + who + "' (names look like " + names.get(0)
                + ", numbers go from 1 to " + n + ")");
          }
          chosen.add(id);
        }
      }
    }
    for (int id : chosen) {
      seedTick[id] = seeding.tick();
      seedKind[id] = SeedKind.ENTHUSIAST;
    }
  }

  private static void requireCount(int count, int n) {
    if (count > n) throw new ScenarioException("seeding.count: " + count + " seeds asked for, but only " + n + " people");
  }

  /** A complete span-of-control tree per department: member k reports to member (k-1)/span. */
  private void generateHierarchy() {
    int span = spec.spanOfControl();
    for (DepartmentSpec d : spec.departments()) {
      int first = names.size();
      int[] members = new int[d.headcount()];
      for (int k = 0; k < d.headcount(); k++) {
        members[k] = first + k;
        names.add(String.format("%s-%04d", d.name(), k + 1));
        departmentOf.add(units.size());
        boolean hasReports = (long) k * span + 1 < d.headcount();
        roles.add(k == 0 ? Role.HEAD : hasReports ? Role.MANAGER : Role.STAFF);
        managers.add(k == 0 ? -1 : first + (k - 1) / span);
      }
      units.add(new Organisation.Unit(d.name(), d.function(), members));
    }
  }

  private void importHierarchy(OrgChart chart) {
    Map<String, Integer> deptIndex = new HashMap<>();
    Map<String, Integer> idIndex = new HashMap<>();
    List<List<Integer>> members = new ArrayList<>();
    for (DepartmentSpec d : chart.departments()) {
      deptIndex.put(d.name(), deptIndex.size());
      members.add(new ArrayList<>());
    }
    for (OrgChart.Row r : chart.rows()) {
      int id = names.size();
      idIndex.put(r.id(), id);
      names.add(r.id());
      int d = deptIndex.get(r.department());
      departmentOf.add(d);
      roles.add(r.role());
      members.get(d).add(id);
    }
    for (OrgChart.Row r : chart.rows()) {
      managers.add(r.manager().isEmpty() ? -1 : idIndex.get(r.manager()));
    }
    for (DepartmentSpec d : chart.departments()) {
      int[] ids = members.get(deptIndex.get(d.name())).stream().mapToInt(Integer::intValue).toArray();
      units.add(new Organisation.Unit(d.name(), d.function(), ids));
    }
  }

  private void drawIndividuals(double[] innovativeness, int[] influence) {
    // Rogers' adopter categories are the cut-offs of a normal curve: 2.5%, 13.5%, 34%, 34%, 16%.
    double[] cumulative = {0.025, 0.16, 0.50, 0.84, 1.0};
    List<Double> levels = spec.innovativeness();
    for (int i = 0; i < innovativeness.length; i++) {
      double u = rng.nextDouble();
      int category = 0;
      while (u >= cumulative[category] && category < 4) category++;
      innovativeness[i] = levels.get(category);
      int base = switch (roles.get(i)) {
        case HEAD -> spec.influenceHead();
        case MANAGER -> spec.influenceManager();
        case STAFF -> spec.influenceStaff();
      };
      influence[i] = rng.nextDouble() < spec.influentialShare() ? 2 * base : base;
    }
  }

  private void generateTies() {
    int perPerson = spec.tiesPerPerson();
    double cross = units.size() > 1 ? spec.crossDepartmentShare() : 0;
    for (Organisation.Unit u : units) {
      int size = u.members().length;
      int inside = Math.min((int) Math.round(perPerson * (1 - cross) / 2) * 2, (size - 1) / 2 * 2);
      if (size < 3 || inside < 2) {
        continue;
      }
      Graph<Integer, DefaultEdge> g =
          new SimpleGraph<>(SupplierUtil.createIntegerSupplier(), SupplierUtil.DEFAULT_EDGE_SUPPLIER, false);
      new WattsStrogatzGraphGenerator<Integer, DefaultEdge>(size, inside, spec.rewire(), false, rng)
          .generateGraph(g, null);
      for (DefaultEdge e : g.edgeSet()) {
        addEdge(u.members()[g.getEdgeSource(e)], u.members()[g.getEdgeTarget(e)]);
      }
    }
    int n = names.size();
    long crossTies = Math.round(n * perPerson * cross / 2);
    for (long k = 0; k < crossTies; k++) {
      int a = rng.nextInt(n);
      int b = rng.nextInt(n);
      while (departmentOf.get(b).equals(departmentOf.get(a))) {
        b = rng.nextInt(n);
      }
      addEdge(a, b);
    }
  }

  private void importTies(OrgChart chart) {
    Map<String, Integer> idIndex = new HashMap<>();
    for (int i = 0; i < names.size(); i++) idIndex.put(names.get(i), i);
    for (String[] t : chart.readTies(spec.informalTiesFile())) {
      addEdge(idIndex.get(t[0]), idIndex.get(t[1]));
    }
  }

  /** Team members: the most influential people (then most innovative, then lowest id) of each department. */
  private void formTeam(int[] influence, double[] innovativeness, int[] seedTick, SeedKind[] seedKind) {
    Scenario.TeamSpec team = scenario.team();
    List<Integer> chosen = new ArrayList<>();
    for (String name : team.departments()) {
      Organisation.Unit u = units.get(indexOf(name));
      Integer[] members = Arrays.stream(u.members()).boxed().toArray(Integer[]::new);
      Arrays.sort(members, (a, b) -> influence[a] != influence[b] ? Integer.compare(influence[b], influence[a])
          : innovativeness[a] != innovativeness[b] ? Double.compare(innovativeness[b], innovativeness[a])
          : Integer.compare(a, b));
      if (members.length < team.membersPerDepartment()) {
        throw new ScenarioException("team.members-per-department: department " + name + " has only "
            + members.length + " people, fewer than " + team.membersPerDepartment());
      }
      for (int k = 0; k < team.membersPerDepartment(); k++) {
        chosen.add(members[k]);
        seedTick[members[k]] = team.start();
        seedKind[members[k]] = SeedKind.TEAM;
      }
    }
    // The team meets: its members know each other, which is what bridges the silos.
    for (int a = 0; a < chosen.size(); a++) {
      for (int b = a + 1; b < chosen.size(); b++) {
        addEdge(chosen.get(a), chosen.get(b));
      }
    }
  }

  /** Enthusiasts: staff of the named departments, peripheral ones (no cross-department tie) and innovators first. */
  private void chooseEnthusiasts(int[][] ties, double[] innovativeness, int[] seedTick, SeedKind[] seedKind) {
    Scenario.SeedingSpec seeding = scenario.seeding();
    if (seeding.enthusiasts() == 0) return;
    List<String> from = seeding.departments().isEmpty()
        ? units.stream().map(Organisation.Unit::name).toList() : seeding.departments();
    List<long[]> candidates = new ArrayList<>();
    for (String name : from) {
      for (int id : units.get(indexOf(name)).members()) {
        if (roles.get(id) != Role.STAFF || seedKind[id] != SeedKind.NONE) continue;
        boolean peripheral = Arrays.stream(ties[id]).allMatch(t -> departmentOf.get(t).equals(departmentOf.get(id)));
        candidates.add(new long[] {peripheral ? 0 : 1, -Math.round(innovativeness[id] * 1e6), rng.nextLong(), id});
      }
    }
    if (candidates.size() < seeding.enthusiasts()) {
      throw new ScenarioException("seeding.enthusiasts: " + seeding.enthusiasts() + " asked for, but only "
          + candidates.size() + " staff are available in " + from);
    }
    candidates.sort((a, b) -> Arrays.compare(a, b));
    for (int k = 0; k < seeding.enthusiasts(); k++) {
      int id = (int) candidates.get(k)[3];
      seedTick[id] = seeding.tick();
      seedKind[id] = SeedKind.ENTHUSIAST;
    }
  }

  private int indexOf(String department) {
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i).name().equals(department)) return i;
    }
    throw new ScenarioException("no department " + department);
  }

  private void addEdge(int a, int b) {
    if (a == b) return;
    if (edgeCount == edges.length) edges = Arrays.copyOf(edges, edges.length * 2);
    edges[edgeCount++] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
  }

  /** Sorted, duplicate-free neighbour lists built from the edge list. */
  private int[][] adjacency(int n) {
    long[] sorted = Arrays.copyOf(edges, edgeCount);
    Arrays.sort(sorted);
    int[] degree = new int[n];
    long previous = -1;
    for (long e : sorted) {
      if (e == previous) continue;
      previous = e;
      degree[(int) (e >>> 32)]++;
      degree[(int) e]++;
    }
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) out[i] = new int[degree[i]];
    int[] fill = new int[n];
    previous = -1;
    for (long e : sorted) {
      if (e == previous) continue;
      previous = e;
      int a = (int) (e >>> 32);
      int b = (int) e;
      out[a][fill[a]++] = b;
      out[b][fill[b]++] = a;
    }
    for (int[] t : out) Arrays.sort(t);
    return out;
  }

  private static int[][] reports(int[] manager) {
    int[] count = new int[manager.length];
    for (int m : manager) if (m >= 0) count[m]++;
    int[][] out = new int[manager.length][];
    for (int i = 0; i < manager.length; i++) out[i] = new int[count[i]];
    int[] fill = new int[manager.length];
    for (int i = 0; i < manager.length; i++) {
      if (manager[i] >= 0) out[manager[i]][fill[manager[i]]++] = i;
    }
    return out;
  }
}
