package org.uptake.optimise;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.HeadlineMetric;
import org.uptake.scenario.FileKeys;
import org.uptake.scenario.LocalIncludes;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioException;
import org.uptake.scenario.ScenarioLoader;

/**
 * An optimisation as its file describes it, resolved: the base scenario, the headline metric to maximise (or
 * minimise, for a time or a count of lapses), the decisions with their choices or ranges and what each costs, the
 * budget their costs must fit, the base's horizon (which plans do not change), the {@code set} template that turns a plan's values into scenario keys, the
 * replications each plan runs (the same seeds for every plan: common random numbers), how many plans the search may
 * evaluate and its seed, and the fresh runs that confirm the best plan. It is recorded whole when the optimisation
 * starts.
 *
 * <p>A plan is one value per decision, each as the HOCON text of the value ({@code "Sales"}, {@code 0.4}, a list
 * of interventions); the base scenario as written is the baseline every plan is compared with.
 */
public record OptimiseSpec(String file, String base, int ticks, String objective, List<Decision> decisions, Double budget,
    String template, int replications, long firstSeed, int evaluations, long searchSeed, int confirm) {

  /**
   * A decision: a list of {@code choices} (any HOCON values, with optional {@code labels} and {@code costs}) or a
   * range {@code from} to {@code to} (continuous, or in whole {@code step}s), costing {@code costFrom} at
   * {@code from} and {@code costTo} at {@code to}, linearly between.
   */
  public record Decision(String name, List<String> choices, List<String> labels, List<Double> costs, Double from,
      Double to, Double step, double costFrom, double costTo) {

    public boolean continuous() {
      return choices == null && step == null;
    }

    /** The values a discrete decision can take, in order. */
    public List<String> levels() {
      if (choices != null) return choices;
      if (step == null) throw new IllegalStateException(name + " is continuous");
      List<String> out = new ArrayList<>();
      BigDecimal a = BigDecimal.valueOf(from);
      BigDecimal s = BigDecimal.valueOf(step);
      for (BigDecimal v = a; v.doubleValue() <= to + 1e-9 * Math.abs(step); v = v.add(s)) out.add(number(v));
      return out;
    }

    public double cost(String value) {
      if (choices != null) return costs.get(choices.indexOf(value));
      double x = Double.parseDouble(value);
      return to.equals(from) ? costFrom : costFrom + (costTo - costFrom) * (x - from) / (to - from);
    }

    /** How people read the value: its label, the text of a string, a number as written. */
    public String label(String value) {
      if (choices != null && labels != null) return labels.get(choices.indexOf(value));
      ConfigValue v = ConfigFactory.parseString("v = " + value).getValue("v");
      return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped() : value;
    }

    /** The value of a point {@code x} in [0, 1] of the search's unit cube. */
    public String at(double x) {
      double u = Math.min(1, Math.max(0, x));
      if (choices != null || step != null) {
        List<String> levels = levels();
        return levels.get(Math.min(levels.size() - 1, (int) Math.floor(u * levels.size())));
      }
      return number(new BigDecimal(from + u * (to - from)).round(new MathContext(6)));
    }
  }

  static final Set<String> KEYS = Set.of("base", "objective", "decide", "set", "budget", "replications",
      "first-seed", "evaluations", "search-seed", "confirm");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,39}");
  /** A quoted run of spaces between two pieces of a concatenation, as Typesafe Config renders one. */
  private static final Pattern SPACE_PIECE = Pattern.compile("(?<=[}\\]\"])\"( +)\"(?=[$\\[{\"])");
  /** The most plans a discrete space may have for the search to list them. */
  static final long LISTED = 100_000;

  public HeadlineMetric metric() {
    return HeadlineMetric.named(objective).orElseThrow();
  }

  public List<String> names() {
    return decisions.stream().map(Decision::name).toList();
  }

  /** Whether every decision is discrete and the plans are few enough to list. */
  public boolean listable() {
    long n = 1;
    for (Decision d : decisions) {
      if (d.continuous()) return false;
      n *= d.levels().size();
      if (n > LISTED) return false;
    }
    return true;
  }

  /** Every plan of a {@link #listable} space, the first decision varying slowest. */
  public List<List<String>> plans() {
    List<List<String>> out = new ArrayList<>();
    out.add(List.of());
    for (Decision d : decisions) {
      List<List<String>> next = new ArrayList<>();
      for (List<String> prefix : out) {
        for (String v : d.levels()) {
          List<String> p = new ArrayList<>(prefix);
          p.add(v);
          next.add(List.copyOf(p));
        }
      }
      out = next;
    }
    return out;
  }

  /** The plan's cost: the sum of its decisions' costs; the baseline (no values) costs nothing. */
  public double cost(List<String> values) {
    double sum = 0;
    for (int k = 0; k < values.size(); k++) sum += decisions.get(k).cost(values.get(k));
    return sum;
  }

  public boolean affordable(List<String> values) {
    return budget == null || cost(values) <= budget + 1e-9;
  }

  /** The plan in words: "pilot = Sales, level = 0.4"; the baseline is "the base scenario as written". */
  public String describe(List<String> values) {
    if (values.isEmpty()) return "the base scenario as written";
    List<String> parts = new ArrayList<>();
    for (int k = 0; k < values.size(); k++) parts.add(decisions.get(k).name() + " = " + decisions.get(k).label(values.get(k)));
    return String.join(", ", parts);
  }

  /** The scenario keys a plan sets, top-level key to its HOCON text, from the template; none for the baseline. */
  public Map<String, String> keys(List<String> values) {
    Map<String, String> out = new LinkedHashMap<>();
    if (values.isEmpty()) return out;
    StringBuilder given = new StringBuilder();
    for (int k = 0; k < values.size(); k++) given.append('"').append(decisions.get(k).name()).append("\" = ")
        .append(values.get(k)).append('\n');
    Config resolved = ConfigFactory.parseString(template).withFallback(ConfigFactory.parseString(given.toString()))
        .resolve(LocalIncludes.RESOLVE);
    ConfigObject set = resolved.getObject("set");
    for (String key : set.keySet().stream().sorted().toList()) {
      out.put(key, set.get(key).render(ConfigRenderOptions.concise()));
    }
    return out;
  }

  /** The plan's {@code --set} overrides on the base scenario, then the seed. */
  public List<String> overrides(List<String> values, long seed) {
    List<String> out = new ArrayList<>();
    keys(values).forEach((k, v) -> out.add(k + "=" + v));
    out.add("seed=" + seed);
    return List.copyOf(out);
  }

  /**
   * Reads and checks an optimisation file against its base scenario: the objective must be a headline metric that
   * applies to it, every decision well formed, the template must name only decisions, and the scenario must load
   * with each value of each decision; any problem is a {@link ScenarioException} naming the file, key or line.
   */
  public static OptimiseSpec load(Path file) {
    Config c = LocalIncludes.read(file, "optimisation", KEYS, "set");
    Reader r = new Reader(file, c);
    FileKeys keys = new FileKeys(file, c);
    Path dir = file.getParent() == null ? Path.of("") : file.getParent();
    if (!c.hasPath("base") || c.getValue("base").valueType() != ConfigValueType.STRING) {
      throw r.fail("base", "expected the scenario file to optimise, in quotes, e.g. base = \"../from-the-edges.conf\"");
    }
    Path base = dir.resolve(c.getString("base")).normalize();
    if (!Files.isRegularFile(base)) throw r.fail("base", "no such scenario file " + base + " (a path relative to the optimisation file)");
    Scenario scenario;
    try {
      scenario = ScenarioLoader.load(base);
    } catch (ScenarioException e) {
      throw r.fail("base", "the scenario " + base + " is not valid: " + e.getMessage());
    }
    String objective = r.objective(scenario);
    List<Decision> decisions = r.decisions();
    Double budget = null;
    if (c.hasPath("budget")) {
      if (c.getValue("budget").valueType() != ConfigValueType.NUMBER || c.getDouble("budget") < 0) {
        throw r.fail("budget", "expected a number >= 0, the most the plan's costs may add up to");
      }
      budget = c.getDouble("budget");
    }
    ConfigValue set = c.root().get("set");
    if (set == null || set.valueType() != ConfigValueType.OBJECT || ((ConfigObject) set).isEmpty()) {
      throw r.fail("set", "expected the scenario keys the decisions set, e.g. set { interventions = [{ tick = 1, "
          + "kind = sponsor, by = CEO, level = ${level} }] }");
    }
    // Typesafe Config renders the unquoted space between concatenated values (${pilot} ${mandate}) as a quoted
    // " ", which parsed again is a string that no longer concatenates with lists: it is turned back into a space.
    String template = SPACE_PIECE.matcher(c.withOnlyPath("set").root().render(ConfigRenderOptions.concise()))
        .replaceAll("$1");
    int replications = (int) keys.whole("replications", 8, 2, 1000);
    long firstSeed = keys.whole("first-seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    int evaluations = (int) keys.whole("evaluations", 60, 1, 100_000);
    long searchSeed = keys.whole("search-seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    int confirm = (int) keys.whole("confirm", 20, 2, 10_000);
    for (String key : List.of("seed", "ticks")) {
      if (((ConfigObject) set).containsKey(key)) {
        throw new ScenarioException(ScenarioLoader.where(((ConfigObject) set).get(key).origin()) + "set." + key + ": "
            + "not set by a plan; the seeds come from replications and first-seed, the horizon "
            + "from the base scenario");
      }
    }
    OptimiseSpec spec = new OptimiseSpec(file.toString(), base.toString(), scenario.ticks(), objective, List.copyOf(decisions), budget,
        template, replications, firstSeed, evaluations, searchSeed, confirm);
    spec.check(r);
    return spec;
  }

  /**
   * The template resolves with every decision's values, and the base scenario loads and builds with each value of
   * each decision (the others at their first), so a plan cannot fail on a typo half-way through the search.
   */
  private void check(Reader r) {
    List<String> first = decisions.stream().map(d -> d.continuous() ? d.at(0) : d.levels().get(0)).toList();
    try {
      keys(first);
    } catch (ConfigException e) {
      throw r.fail("set", "cannot be filled in with the decisions (" + String.join(", ", names()) + "): "
          + e.getMessage().replaceFirst("^[^:]*: \\d+: ", ""));
    }
    if (budget != null && plansWithin() == 0) {
      throw r.fail("budget", "no plan costs " + budget + " or less (the cheapest costs " + cheapest() + ")");
    }
    List<List<String>> trials = new ArrayList<>();
    for (int k = 0; k < decisions.size(); k++) {
      Decision d = decisions.get(k);
      List<String> values = d.continuous() ? List.of(d.at(0), d.at(1)) : d.levels();
      for (int i = (k == 0 ? 0 : 1); i < values.size(); i++) {
        List<String> plan = new ArrayList<>(first);
        plan.set(k, values.get(i));
        trials.add(plan);
      }
    }
    for (List<String> plan : trials) {
      try {
        OrganisationBuilder.build(ScenarioLoader.load(Path.of(base), overrides(plan, firstSeed)));
      } catch (ScenarioException e) {
        // The scenario's message names the override it came from; the plan's values say it better.
        String message = e.getMessage();
        for (String o : overrides(plan, firstSeed)) message = message.replace("--set " + o + ": 1: ", "");
        throw new ScenarioException(file + ": the plan " + describe(plan) + " gives a scenario that is not valid: "
            + message);
      }
    }
  }

  /** How many listed plans fit the budget (1 when the space is too large to list: the search finds out). */
  private long plansWithin() {
    if (!listable()) return 1;
    return plans().stream().filter(this::affordable).count();
  }

  private double cheapest() {
    double sum = 0;
    for (Decision d : decisions) {
      List<String> values = d.continuous() ? List.of(d.at(0), d.at(1)) : d.levels();
      sum += values.stream().mapToDouble(d::cost).min().orElse(0);
    }
    return sum;
  }

  /** A number as HOCON writes it: 13, not 13.0; 0.3, not 0.30000000000000004. */
  static String number(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() <= 0 ? s.toBigInteger().toString() : s.toPlainString();
  }

  /** Typed access to the optimisation file's keys with messages in the scenario files' form. */
  private record Reader(Path file, Config c) {
    ScenarioException fail(String key, String expected) {
      return new FileKeys(file, c).fail(key, expected);
    }


    String objective(Scenario scenario) {
      String known = String.join(", ", HeadlineMetric.names());
      if (!c.hasPath("objective") || c.getValue("objective").valueType() != ConfigValueType.STRING) {
        throw fail("objective", "expected a headline metric, one of " + known);
      }
      String name = c.getString("objective");
      HeadlineMetric metric = HeadlineMetric.named(name).orElseThrow(() -> fail("objective", "unknown metric '" + name
          + "'; expected one of " + known));
      boolean population = scenario.network().flat();
      boolean permanent = scenario.adoption().rule() != org.uptake.model.AdoptionSpec.Kind.ORGANISATIONAL;
      if (!metric.appliesTo(population, permanent)) {
        throw fail("objective", name + " does not apply to the base scenario (" + (population
            ? "a canonical network has no goal" : "adoption is permanent under its rule") + ")");
      }
      return name;
    }

    List<Decision> decisions() {
      if (!c.hasPath("decide") || c.getValue("decide").valueType() != ConfigValueType.OBJECT
          || c.getObject("decide").isEmpty()) {
        throw fail("decide", "expected the decisions, e.g. decide { level = { choices = [0.4, 0.8], costs = [10, "
            + "30] } }");
      }
      List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(c.getObject("decide").entrySet());
      entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
          .thenComparing(Map.Entry::getKey));
      List<Decision> out = new ArrayList<>();
      for (Map.Entry<String, ConfigValue> e : entries) out.add(decision(e.getKey(), e.getValue()));
      return out;
    }

    private static Decision decision(String name, ConfigValue v) {
      String where = ScenarioLoader.where(v.origin()) + "decide." + name + ": ";
      if (!NAME.matcher(name).matches()) {
        throw new ScenarioException(where + "expected a name of lower-case letters, digits and '-' (the set "
            + "block refers to it as ${" + name + "})");
      }
      if (v.valueType() != ConfigValueType.OBJECT) {
        throw new ScenarioException(where + "expected { choices = [...] } or { from = ..., to = ..., step = ... }");
      }
      ConfigObject o = (ConfigObject) v;
      boolean choices = o.containsKey("choices");
      Set<String> allowed = choices ? Set.of("choices", "labels", "costs") : Set.of("from", "to", "step", "costs");
      for (String k : o.keySet()) {
        if (!allowed.contains(k)) {
          throw new ScenarioException(where + k + ": unknown key" + ScenarioLoader.suggestion(k, allowed, "")
              + (choices ? " (a decision has choices, or from, to and step, not both)" : ""));
        }
      }
      return choices ? choices(name, o, where) : range(name, o, where);
    }

    private static Decision choices(String name, ConfigObject o, String where) {
      if (o.get("choices").valueType() != ConfigValueType.LIST || ((List<?>) o.get("choices").unwrapped()).isEmpty()) {
        throw new ScenarioException(where + "choices: expected a list of at least one value");
      }
      List<String> values = new ArrayList<>();
      for (ConfigValue v : (com.typesafe.config.ConfigList) o.get("choices")) {
        String text = v.render(ConfigRenderOptions.concise());
        if (values.contains(text)) throw new ScenarioException(where + "choices: " + text + " is listed twice");
        values.add(text);
      }
      List<String> labels = null;
      if (o.containsKey("labels")) {
        List<?> given = list(o, "labels", values.size(), where);
        labels = given.stream().map(String::valueOf).toList();
        if (Set.copyOf(labels).size() < labels.size()) throw new ScenarioException(where + "labels: expected different labels");
      }
      List<Double> costs = new ArrayList<>();
      if (o.containsKey("costs")) {
        for (Object x : list(o, "costs", values.size(), where)) {
          if (!(x instanceof Number n) || n.doubleValue() < 0) {
            throw new ScenarioException(where + "costs: expected numbers >= 0, got " + x);
          }
          costs.add(n.doubleValue());
        }
      } else {
        for (int i = 0; i < values.size(); i++) costs.add(0.0);
      }
      return new Decision(name, List.copyOf(values), labels, List.copyOf(costs), null, null, null, 0, 0);
    }

    private static List<?> list(ConfigObject o, String key, int size, String where) {
      if (o.get(key).valueType() != ConfigValueType.LIST || ((List<?>) o.get(key).unwrapped()).size() != size) {
        throw new ScenarioException(where + key + ": expected a list of " + size + ", one for each choice");
      }
      return (List<?>) o.get(key).unwrapped();
    }

    private static Decision range(String name, ConfigObject o, String where) {
      double from = number(o, "from", where);
      double to = number(o, "to", where);
      if (!(to > from)) throw new ScenarioException(where + "to: expected a number > from (" + from + "), got " + to);
      Double step = null;
      if (o.containsKey("step")) {
        step = number(o, "step", where);
        if (!(step > 0)) throw new ScenarioException(where + "step: expected a number > 0");
        if ((to - from) / step > LISTED) throw new ScenarioException(where + "step: more than " + LISTED + " values");
      }
      double costFrom = 0;
      double costTo = 0;
      if (o.containsKey("costs")) {
        ConfigValue cv = o.get("costs");
        if (cv.valueType() != ConfigValueType.OBJECT) {
          throw new ScenarioException(where + "costs: expected { from = COST, to = COST }: the cost at either end, "
              + "linear between");
        }
        ConfigObject co = (ConfigObject) cv;
        costFrom = number(co, "from", where + "costs.");
        costTo = number(co, "to", where + "costs.");
        if (costFrom < 0 || costTo < 0) throw new ScenarioException(where + "costs: expected costs >= 0");
      }
      return new Decision(name, null, null, null, from, to, step, costFrom, costTo);
    }

    private static double number(ConfigObject o, String key, String where) {
      ConfigValue v = o.get(key);
      if (v == null || v.valueType() != ConfigValueType.NUMBER) {
        throw new ScenarioException(where + key + ": expected a number"
            + (v == null ? " (a range needs from and to)" : ", got " + v.render(ConfigRenderOptions.concise())));
      }
      return ((Number) v.unwrapped()).doubleValue();
    }
  }
}
