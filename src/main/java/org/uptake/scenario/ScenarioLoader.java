package org.uptake.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.uptake.model.AdoptionSpec;
import org.uptake.model.ModelParams;
import org.uptake.scenario.Scenario.Commitment;
import org.uptake.scenario.Scenario.DepartmentSpec;
import org.uptake.scenario.Scenario.ExecutiveSpec;
import org.uptake.scenario.Scenario.GoalSpec;
import org.uptake.scenario.Scenario.Intervention;
import org.uptake.scenario.Scenario.InterventionKind;
import org.uptake.scenario.Scenario.Measurement;
import org.uptake.scenario.Scenario.OrganisationSpec;
import org.uptake.scenario.Scenario.ReviewSpec;
import org.uptake.scenario.Scenario.SeedingSpec;
import org.uptake.scenario.Scenario.TeamSpec;

/**
 * Reads a HOCON scenario (with its includes and any {@code --set key=value} overrides), checks every key
 * against {@code scenario-defaults.conf}, and turns it into a {@link Scenario}. Every problem is reported
 * as {@code file:line: key: what was expected}.
 */
public final class ScenarioLoader {
  /** The longest run a scenario may ask for, in ticks. */
  public static final int MAX_TICKS = 100_000;

  public static final String ALL = "all";
  /** The single department of a flat population (any network kind but organisation). */
  public static final String POPULATION = "Population";

  private static final Config DEFAULTS = ConfigFactory.parseResources(
      ScenarioLoader.class.getClassLoader(), "scenario-defaults.conf");

  /** Keys allowed inside the objects of each list, with their defaults; required keys have none. */
  private static final Config DEPARTMENT_DEFAULTS = ConfigFactory.parseString("function = \"\"");
  private static final Set<String> DEPARTMENT_KEYS = Set.of("name", "function", "headcount");
  private static final Config EXECUTIVE_DEFAULTS = ConfigFactory.parseString(
      "sponsors = [all], support = 0.0, commitment = long-term, campaign-length = 13");
  private static final Set<String> EXECUTIVE_KEYS =
      Set.of("role", "sponsors", "support", "commitment", "campaign-length");
  private static final Config INTERVENTION_DEFAULTS = ConfigFactory.parseString(
      "by = CEO, departments = [all], strength = 0.05, half-life = 4, level = 1.0, review-after = 26, success = 0.25");
  private static final Set<String> INTERVENTION_KEYS = Set.of(
      "tick", "kind", "by", "departments", "strength", "half-life", "level", "review-after", "success");

  private ScenarioLoader() {}

  public static Scenario load(Path file) {
    return load(file, List.of());
  }

  public static Scenario load(Path file, List<String> overrides) {
    return finish(file, parse(file), overrides);
  }

  /**
   * The keys {@code file} itself sets (its includes applied and substitutions resolved, without the defaults): what
   * a tool that edits a scenario starts from and writes back.
   */
  public static Config own(Path file) {
    try {
      return parse(file).resolve(LocalIncludes.RESOLVE);
    } catch (ConfigException e) {
      throw new ScenarioException(file + ": " + e.getMessage());
    }
  }

  /**
   * The scenario of keys {@code user} (as {@link #own} gives them, perhaps edited), read as if it were written in
   * {@code origin}: relative paths resolve against origin's folder and messages name it.
   */
  public static Scenario fromConfig(Path origin, Config user) {
    return finish(origin, user, List.of());
  }

  /** What a key means, in the words of its comment in the defaults (and docs/reference.md); empty if it has none. */
  public static String meaning(String key) {
    return DEFAULTS.hasPath(key) ? String.join(" ", DEFAULTS.getValue(key).origin().comments()).strip() : "";
  }

  /** {@code user} as a scenario file's text (HOCON, keys in order, no comments). */
  public static String render(Config user) {
    return user.root().render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false)
        .setJson(false).setFormatted(true));
  }

  /**
   * The scenario a run recorded in the journal (already resolved, with its organisation in the departments'
   * rosters), with further overrides for a branch. The organisation itself cannot be overridden.
   */
  public static Scenario fromRecorded(String runId, String resolved, List<DepartmentSpec> departments,
      List<String> overrides) {
    List<Map<String, Object>> list = new ArrayList<>();
    for (DepartmentSpec d : departments) {
      list.add(Map.of("name", d.name(), "function", d.function(), "headcount", d.headcount()));
    }
    Config recorded = ConfigFactory.parseString(resolved,
            ConfigParseOptions.defaults().setOriginDescription("run " + runId))
        .withValue("organisation.org-chart", ConfigValueFactory.fromAnyRef(""))
        .withValue("organisation.informal-ties-file", ConfigValueFactory.fromAnyRef(""))
        .withValue("organisation.departments", ConfigValueFactory.fromIterable(list));
    for (String kv : overrides) {
      if (parseOverride(kv).hasPath("organisation")) {
        throw new ScenarioException("--set " + kv + ": the organisation of a recorded run cannot change; "
            + "run the scenario anew to change it");
      }
    }
    Scenario scenario = finish(Path.of("run " + runId), recorded, overrides);
    // What the journal keeps is the recorded text with the overrides: its organisation as the run's files
    // described it, so that a branch with no changes records the same scenario as its parent.
    Config kept = ConfigFactory.parseString(resolved);
    for (String kv : overrides) kept = parseOverride(kv).withFallback(kept);
    return scenario.withResolved(kept.resolve(LocalIncludes.RESOLVE).root().render(ConfigRenderOptions.concise().setFormatted(false)));
  }

  /** The keys, as dotted paths, whose values differ between two resolved scenarios (e.g. two runs' records). */
  public static List<String> differingKeys(String scenarioA, String scenarioB) {
    Config ca = ConfigFactory.parseString(scenarioA);
    Config cb = ConfigFactory.parseString(scenarioB);
    java.util.TreeSet<String> paths = new java.util.TreeSet<>();
    ca.entrySet().forEach(e -> paths.add(e.getKey()));
    cb.entrySet().forEach(e -> paths.add(e.getKey()));
    List<String> out = new ArrayList<>();
    for (String p : paths) {
      Object va = ca.hasPath(p) ? ca.getValue(p).unwrapped() : null;
      Object vb = cb.hasPath(p) ? cb.getValue(p).unwrapped() : null;
      if (!java.util.Objects.equals(va, vb)) out.add(p);
    }
    return out;
  }

  private static Scenario finish(Path origin, Config user, List<String> overrides) {
    for (String kv : overrides) {
      user = parseOverride(kv).withFallback(user);
    }
    checkKeys(user.root(), DEFAULTS.root(), "");
    Config merged;
    try {
      merged = user.withFallback(DEFAULTS).resolve(LocalIncludes.RESOLVE);
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw new ScenarioException(origin + ": " + e.getMessage() + NO_ENVIRONMENT);
    } catch (ConfigException e) {
      throw new ScenarioException(origin + ": " + e.getMessage());
    }
    Scenario scenario = new Reader(origin, merged).scenario();
    MemoryEstimate.check(origin, scenario, Runtime.getRuntime().maxMemory());
    return scenario;
  }

  /** What one tick of a recorded (resolved) scenario is called: its time-unit, "week" by default. */
  public static String timeUnit(String resolved) {
    Config c = ConfigFactory.parseString(resolved);
    return c.hasPath("time-unit") ? c.getString("time-unit") : "week";
  }

  /** Why a substitution of an environment variable fails, and what to do instead. */
  public static final String NO_ENVIRONMENT = " (a substitution sees the file's own keys only, never environment "
      + "variables, so that nothing secret is recorded; give the value with --set KEY=VALUE)";

  private static Config parse(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ScenarioException(file + ": no such scenario file");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ScenarioException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      if (text.isBlank()) {
        throw new ScenarioException(file + ": the file is empty; expected a HOCON scenario (see simulations/)");
      }
    } catch (CharacterCodingException e) {
      throw new ScenarioException(file + ": not UTF-8 text; save the scenario as UTF-8");
    }
    try {
      return LocalIncludes.parse(file);
    } catch (LocalIncludes.Refused e) {
      throw new ScenarioException(file + ": " + e.getMessage());
    } catch (ConfigException e) {
      if (e.getMessage().contains("include statements nested more than")) {
        throw new ScenarioException(file + ": include: the includes form a cycle (a file includes, directly or "
            + "through others, a file that includes it); remove the include that closes the loop");
      }
      throw new ScenarioException(e.getMessage() + " (HOCON syntax error)");
    }
  }

  private static Config parseOverride(String kv) {
    int eq = kv.indexOf('=');
    if (eq <= 0) {
      throw new ScenarioException("--set " + kv + ": expected key=value, e.g. --set seeding.enthusiasts=10");
    }
    try {
      return ConfigFactory.parseString(kv, LocalIncludes.options().setOriginDescription("--set " + kv));
    } catch (LocalIncludes.Refused e) {
      throw new ScenarioException("--set " + kv + ": " + e.getMessage());
    } catch (ConfigException e) {
      throw new ScenarioException("--set " + kv + ": " + e.getMessage());
    }
  }

  /** Every key the user wrote must exist in the defaults; suggests the nearest one when it does not. */
  private static void checkKeys(ConfigObject user, ConfigObject defaults, String prefix) {
    for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
      String key = prefix + e.getKey();
      ConfigValue known = defaults.get(e.getKey());
      if (known == null) {
        throw new ScenarioException(where(e.getValue().origin()) + key + ": unknown key"
            + suggestion(e.getKey(), defaults.keySet(), prefix));
      }
      if (known.valueType() == ConfigValueType.OBJECT && e.getValue().valueType() == ConfigValueType.OBJECT
          && !((ConfigObject) known).isEmpty()) {
        checkKeys((ConfigObject) e.getValue(), (ConfigObject) known, key + ".");
      }
    }
  }

  public static String suggestion(String key, Set<String> known, String prefix) {
    return nearest(key, known)
        .map(k -> "; did you mean '" + prefix + k + "'?")
        .orElse("; known keys here: " + String.join(", ", new java.util.TreeSet<>(known)));
  }

  static java.util.Optional<String> nearest(String key, Set<String> known) {
    LevenshteinDistance distance = new LevenshteinDistance(3);
    return known.stream()
        .filter(k -> distance.apply(key, k) >= 0)
        .min(Comparator.comparingInt((String k) -> distance.apply(key, k)).thenComparing(k -> k));
  }

  public static String where(ConfigOrigin origin) {
    if (origin == null) return "";
    String file = origin.filename() != null ? origin.filename() : origin.description();
    return origin.lineNumber() > 0 && origin.filename() != null
        ? file + ":" + origin.lineNumber() + ": "
        : file + ": ";
  }

  /** Typed, range-checked access to one merged scenario. */
  private static final class Reader {
    private final Path file;
    private final Config c;
    private Set<String> departmentNames;
    /** "executives[1]." and the like, for messages about keys inside list elements. */
    private final Map<Config, String> elementPrefixes = new java.util.IdentityHashMap<>();

    Reader(Path file, Config config) {
      this.file = file;
      this.c = config;
    }

    Scenario scenario() {
      Scenario.NetworkSpec network = network();
      OrganisationSpec org = organisation(network);
      List<ExecutiveSpec> executives = executives();
      if (network.flat() && !executives.isEmpty()) {
        throw fail(c, "executives", "a " + network.kind().name().toLowerCase(Locale.ROOT).replace('_', '-')
            + " network is a flat population with no executives; use network.kind = organisation");
      }
      Set<String> roles = new LinkedHashSet<>();
      executives.forEach(e -> roles.add(e.role()));
      int ticks = intIn(c, "ticks", 1, MAX_TICKS);
      List<Intervention> interventions = interventions(roles);
      TeamSpec team = new TeamSpec(departments(c, "team.departments"),
          intIn(c, "team.members-per-department", 1, 1000), intIn(c, "team.start", 0, ticks));
      SeedingSpec seeding = new SeedingSpec(enumOf(c, "seeding.kind", Scenario.SeedingKind.class),
          intIn(c, "seeding.count", 0, 100_000_000), strings(c, "seeding.people"),
          intIn(c, "seeding.enthusiasts", 0, 1_000_000), departments(c, "seeding.departments"),
          intIn(c, "seeding.tick", 0, ticks));
      return new Scenario(
          string(c, "name"),
          string(c, "description"),
          string(c, "strategy"),
          longValue(c, "seed"),
          ticks,
          unit(),
          org,
          executives,
          goal(org),
          enumOf(c, "measurement", Measurement.class),
          new ReviewSpec(intIn(c, "review.every", 1, 100_000), probability(c, "review.decline-tolerance"),
              probability(c, "review.withdraw-step"), intIn(c, "review.patience", 0, 100_000),
              probability(c, "review.target")),
          seeding,
          team,
          interventions,
          model(),
          network,
          adoption(network),
          c.root().render(ConfigRenderOptions.concise().setFormatted(false)));
    }

    private Scenario.NetworkSpec network() {
      Scenario.NetworkSpec n = new Scenario.NetworkSpec(enumOf(c, "network.kind", Scenario.NetworkKind.class),
          intIn(c, "network.size", 1, 100_000_000), nonNegative(c, "network.mean-degree"),
          intIn(c, "network.neighbours", 0, 100_000), probability(c, "network.rewire"),
          intIn(c, "network.attach", 1, 100_000));
      if (n.flat()) {
        if (n.neighbours() % 2 != 0) throw fail(c, "network.neighbours", "expected an even number, got " + n.neighbours());
        if (n.neighbours() >= n.size() && (n.kind() == Scenario.NetworkKind.RING_LATTICE
            || n.kind() == Scenario.NetworkKind.WATTS_STROGATZ)) {
          throw fail(c, "network.neighbours", "expected fewer than network.size = " + n.size());
        }
        if (n.meanDegree() > n.size() - 1) throw fail(c, "network.mean-degree", "expected at most network.size - 1");
        if (n.kind() == Scenario.NetworkKind.BARABASI_ALBERT && n.attach() >= n.size()) {
          throw fail(c, "network.attach", "expected fewer than network.size = " + n.size());
        }
      }
      return n;
    }

    private AdoptionSpec adoption(Scenario.NetworkSpec network) {
      List<Double> thresholds = doubles(c, "adoption.thresholds");
      for (double t : thresholds) {
        if (!(t >= 0 && t <= 1)) throw fail(c, "adoption.thresholds", "expected shares in [0, 1], got " + t);
      }
      List<Integer> counts = new ArrayList<>();
      for (double v : doubles(c, "adoption.counts")) {
        if (v < 0 || v != Math.rint(v)) throw fail(c, "adoption.counts", "expected whole numbers >= 0, got " + v);
        counts.add((int) v);
      }
      int people = network.flat() ? network.size() : -1;
      if (people > 0 && !thresholds.isEmpty() && thresholds.size() != people) {
        throw fail(c, "adoption.thresholds", "expected one per person (" + people + "), got " + thresholds.size());
      }
      if (people > 0 && !counts.isEmpty() && counts.size() != people) {
        throw fail(c, "adoption.counts", "expected one per person (" + people + "), got " + counts.size());
      }
      return new AdoptionSpec(enumOf(c, "adoption.rule", AdoptionSpec.Kind.class), probability(c, "adoption.p"),
          probability(c, "adoption.q"), positive(c, "adoption.dt"), probability(c, "adoption.threshold"),
          List.copyOf(thresholds), intIn(c, "adoption.count", 0, 100_000_000), List.copyOf(counts),
          probability(c, "adoption.transmission"));
    }

    private OrganisationSpec organisation(Scenario.NetworkSpec network) {
      String chart = string(c, "organisation.org-chart");
      String ties = string(c, "organisation.informal-ties-file");
      Path base = file.toAbsolutePath().getParent();
      List<DepartmentSpec> departments = new ArrayList<>();
      Path chartPath = null;
      Path tiesPath = null;
      if (network.flat()) {
        // A canonical network is one flat population, whatever the organisation block says.
        departments.add(new DepartmentSpec(POPULATION, "population", network.size()));
      } else if (!chart.isEmpty()) {
        chartPath = base.resolve(chart);
        departments.addAll(OrgChart.read(chartPath).departments());
      } else {
        for (Config d : objectList("organisation.departments", DEPARTMENT_DEFAULTS, DEPARTMENT_KEYS)) {
          String name = string(d, "name");
          String function = string(d, "function");
          departments.add(new DepartmentSpec(name, function.isEmpty() ? name.toLowerCase(Locale.ROOT) : function,
              intIn(d, "headcount", 1, 10_000_000)));
        }
        if (departments.isEmpty()) {
          throw new ScenarioException(file + ": organisation.departments: expected at least one "
              + "department, e.g. { name = Sales, headcount = 80 }, or organisation.org-chart = \"chart.csv\"");
        }
      }
      if (!ties.isEmpty() && !network.flat()) {
        if (chartPath == null) {
          throw fail(c, "organisation.informal-ties-file", "only allowed together with organisation.org-chart");
        }
        tiesPath = base.resolve(ties);
      }
      departmentNames = new LinkedHashSet<>();
      for (DepartmentSpec d : departments) {
        if (!departmentNames.add(d.name())) {
          throw fail(c, "organisation.departments", "department '" + d.name() + "' is listed twice");
        }
      }
      List<Double> innovativeness = doubles(c, "organisation.individuals.innovativeness");
      if (innovativeness.size() != 5) {
        throw fail(c, "organisation.individuals.innovativeness",
            "expected 5 values (innovators, early adopters, early majority, late majority, laggards)");
      }
      for (double v : innovativeness) {
        if (v < 0 || v > 1) throw fail(c, "organisation.individuals.innovativeness", "expected values in [0,1]");
      }
      int perPerson = intIn(c, "organisation.informal-ties.per-person", 0, 1000);
      return new OrganisationSpec(departments, chartPath, tiesPath,
          intIn(c, "organisation.span-of-control", 1, 10_000), perPerson,
          probability(c, "organisation.informal-ties.rewire"),
          probability(c, "organisation.informal-ties.cross-department-share"),
          List.copyOf(innovativeness),
          intIn(c, "organisation.individuals.influence.staff", 1, 1000),
          intIn(c, "organisation.individuals.influence.manager", 1, 1000),
          intIn(c, "organisation.individuals.influence.head", 1, 1000),
          probability(c, "organisation.individuals.influential-share"));
    }

    private List<ExecutiveSpec> executives() {
      List<ExecutiveSpec> out = new ArrayList<>();
      Set<String> roles = new LinkedHashSet<>();
      for (Config e : objectList("executives", EXECUTIVE_DEFAULTS, EXECUTIVE_KEYS)) {
        String role = string(e, "role");
        if (!roles.add(role)) throw fail(e, "role", "executive role '" + role + "' is listed twice");
        out.add(new ExecutiveSpec(role, departments(e, "sponsors"), probability(e, "support"),
            enumOf(e, "commitment", Commitment.class), intIn(e, "campaign-length", 1, 100_000)));
      }
      return out;
    }

    private List<Intervention> interventions(Set<String> roles) {
      List<Intervention> out = new ArrayList<>();
      for (Config i : objectList("interventions", INTERVENTION_DEFAULTS, INTERVENTION_KEYS)) {
        String by = string(i, "by");
        if (!roles.contains(by)) {
          throw fail(i, "by", "expected one of the executives' roles " + roles
              + (roles.isEmpty() ? " (add an executives = [{ role = " + by + " }] entry)" : ""));
        }
        // One planned after the last step simply does not happen within the run (a shortened run, say).
        int tick = intIn(i, "tick", 0, 100_000);
        if (tick < 1) {
          throw fail(i, "tick", "expected a step from 1 on, got 0: tick 0 is the start, before the first step, and "
              + "an intervention acts in the step it names (for support from the start, give the executive a "
              + "support level)");
        }
        out.add(new Intervention(tick, enumOf(i, "kind", InterventionKind.class), by,
            departments(i, "departments"), probability(i, "strength"), positive(i, "half-life"),
            probability(i, "level"), intIn(i, "review-after", 1, 100_000), probability(i, "success")));
      }
      return out;
    }

    /** The length of one tick in words, singular ("week"), for everything Uptake prints and draws. */
    private String unit() {
      String unit = string(c, "time-unit");
      if (!unit.matches("[a-z][a-z -]{0,30}")) {
        throw fail(c, "time-unit", "expected a word in lower case, e.g. week, day or month, got '" + unit + "'");
      }
      return unit;
    }

    private GoalSpec goal(OrganisationSpec org) {
      Map<String, Double> alignment = new LinkedHashMap<>();
      Config a = c.getConfig("goal.alignment");
      Set<String> functions = new java.util.TreeSet<>();
      org.departments().forEach(d -> functions.add(d.function()));
      for (String function : new java.util.TreeSet<>(a.root().keySet())) {
        String key = com.typesafe.config.ConfigUtil.quoteString(function);
        if (!functions.contains(function)) {
          // A misspelt function would silently leave its departments at the default alignment.
          throw new ScenarioException(where(a.getValue(key).origin()) + "goal.alignment." + function
              + ": no department has the function '" + function + "'"
              + nearest(function, functions).map(k -> "; did you mean '" + k + "'?").orElse("")
              + " (functions: " + String.join(", ", functions) + ")");
        }
        alignment.put(function, probability(a, key));
      }
      return new GoalSpec(string(c, "goal.name"), probability(c, "goal.strength"),
          probability(c, "goal.response"), Map.copyOf(alignment), probability(c, "goal.default-alignment"));
    }

    private ModelParams model() {
      return new ModelParams(
          probability(c, "model.awareness.baseline"),
          probability(c, "model.awareness.word-of-mouth"),
          probability(c, "model.awareness.team-outreach"),
          probability(c, "model.trial.baseline"),
          probability(c, "model.trial.word-of-mouth"),
          probability(c, "model.trial.sponsorship"),
          probability(c, "model.trial.team-outreach"),
          probability(c, "model.trial.mandate-compliance"),
          probability(c, "model.trial.cost-of-change"),
          probability(c, "model.activation.baseline"),
          probability(c, "model.activation.value"),
          probability(c, "model.drop-out.trial"),
          probability(c, "model.drop-out.active"),
          nonNegative(c, "model.drop-out.mandate-shallowness"),
          probability(c, "model.drop-out.sponsorship-protection"),
          probability(c, "model.drop-out.champion-protection"),
          probability(c, "model.retrial"),
          positive(c, "model.critical-mass.half-saturation"),
          probability(c, "model.champions.probability"),
          intIn(c, "model.champions.min-ticks", 0, 100_000),
          intIn(c, "model.champions.influence-multiplier", 1, 100),
          probability(c, "model.resistance.gatekeeping"),
          probability(c, "model.resistance.manager-drag"));
    }

    private List<Config> objectList(String path, Config defaults, Set<String> keys) {
      List<? extends ConfigObject> objects;
      try {
        objects = c.getObjectList(path);
      } catch (ConfigException.WrongType e) {
        throw fail(c, path, "expected a list of objects [ { ... }, ... ]");
      }
      List<Config> out = new ArrayList<>();
      for (ConfigObject o : objects) {
        String prefix = path + "[" + out.size() + "].";
        for (Map.Entry<String, ConfigValue> e : o.entrySet()) {
          if (!keys.contains(e.getKey())) {
            throw new ScenarioException(where(e.getValue().origin()) + prefix + e.getKey()
                + ": unknown key" + suggestion(e.getKey(), keys, prefix));
          }
        }
        Config element = o.toConfig().withFallback(defaults);
        elementPrefixes.put(element, prefix);
        out.add(element);
      }
      return out;
    }

    private List<String> departments(Config cfg, String path) {
      List<String> names = strings(cfg, path);
      for (String n : names) {
        if (!n.equals(ALL) && !departmentNames.contains(n)) {
          throw fail(cfg, path, "unknown department '" + n + "'"
              + nearest(n, departmentNames).map(k -> "; did you mean '" + k + "'?").orElse("")
              + " (departments: " + String.join(", ", departmentNames) + ", or all)");
        }
      }
      return names.contains(ALL) ? List.copyOf(departmentNames) : names;
    }

    private ScenarioException fail(Config cfg, String path, String expected) {
      ConfigOrigin origin = cfg.hasPath(path) ? cfg.getValue(path).origin() : cfg.origin();
      return new ScenarioException(where(origin) + qualified(cfg, path) + ": " + expected);
    }

    private String qualified(Config cfg, String path) {
      return elementPrefixes.getOrDefault(cfg, "") + path;
    }

    private <T> T typed(Config cfg, String path, String expected, java.util.function.Supplier<T> get) {
      try {
        return get.get();
      } catch (ConfigException.Missing e) {
        throw new ScenarioException(where(cfg.origin()) + qualified(cfg, path) + ": missing; expected " + expected);
      } catch (ConfigException e) {
        throw fail(cfg, path, "expected " + expected + ", got " + render(cfg, path));
      }
    }

    private static String render(Config cfg, String path) {
      try {
        return cfg.getValue(path).render(ConfigRenderOptions.concise());
      } catch (ConfigException e) {
        return "nothing";
      }
    }

    private String string(Config cfg, String path) {
      String s = typed(cfg, path, "a string", () -> {
        ConfigValue v = cfg.getValue(path);
        if (v.valueType() == ConfigValueType.OBJECT || v.valueType() == ConfigValueType.LIST) {
          throw new ConfigException.WrongType(v.origin(), path, "STRING", v.valueType().name());
        }
        return cfg.getString(path);
      });
      int control = OrgChart.controlCharacter(s, true);
      if (control >= 0) {
        throw fail(cfg, path, String.format("contains the control character U+%04X; text is printed on terminals and "
            + "written to spreadsheets, so it may hold line breaks and tabs only", control));
      }
      return s;
    }

    private List<String> strings(Config cfg, String path) {
      return typed(cfg, path, "a list of names", () -> cfg.getStringList(path));
    }

    private List<Double> doubles(Config cfg, String path) {
      return typed(cfg, path, "a list of numbers", () -> cfg.getDoubleList(path));
    }

    private long longValue(Config cfg, String path) {
      ConfigValue v = typed(cfg, path, "a whole number", () -> cfg.getValue(path));
      if (v.valueType() != ConfigValueType.NUMBER || !(v.unwrapped() instanceof Integer || v.unwrapped() instanceof Long)) {
        throw fail(cfg, path, "expected a whole number, got " + render(cfg, path));
      }
      return ((Number) v.unwrapped()).longValue();
    }

    private int intIn(Config cfg, String path, int lo, int hi) {
      ConfigValue v = typed(cfg, path, "a whole number", () -> cfg.getValue(path));
      if (v.valueType() != ConfigValueType.NUMBER || !(v.unwrapped() instanceof Integer || v.unwrapped() instanceof Long)) {
        throw fail(cfg, path, "expected a whole number in [" + lo + ", " + hi + "], got " + render(cfg, path));
      }
      long value = ((Number) v.unwrapped()).longValue();
      if (value < lo || value > hi) {
        throw fail(cfg, path, "expected a whole number in [" + lo + ", " + hi + "], got " + value);
      }
      return (int) value;
    }

    private double number(Config cfg, String path) {
      return typed(cfg, path, "a number", () -> {
        ConfigValue v = cfg.getValue(path);
        if (v.valueType() != ConfigValueType.NUMBER) {
          throw new ConfigException.WrongType(v.origin(), path, "NUMBER", v.valueType().name());
        }
        return cfg.getDouble(path);
      });
    }

    private double probability(Config cfg, String path) {
      double v = number(cfg, path);
      if (!(v >= 0 && v <= 1)) throw fail(cfg, path, "expected a probability in [0, 1], got " + v);
      return v;
    }

    private double nonNegative(Config cfg, String path) {
      double v = number(cfg, path);
      if (!(v >= 0) || Double.isInfinite(v)) throw fail(cfg, path, "expected a number >= 0, got " + v);
      return v;
    }

    private double positive(Config cfg, String path) {
      double v = number(cfg, path);
      if (!(v > 0) || Double.isInfinite(v)) throw fail(cfg, path, "expected a number > 0, got " + v);
      return v;
    }

    private <E extends Enum<E>> E enumOf(Config cfg, String path, Class<E> type) {
      String raw = string(cfg, path);
      String wanted = raw.toUpperCase(Locale.ROOT).replace('-', '_');
      for (E e : type.getEnumConstants()) {
        if (e.name().equals(wanted)) return e;
      }
      List<String> allowed = new ArrayList<>();
      for (E e : type.getEnumConstants()) allowed.add(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
      throw fail(cfg, path, "expected one of " + String.join(" | ", allowed) + ", got '" + raw + "'");
    }
  }
}
