package org.uptake.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.uptake.model.AdoptionSpec;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.Series;
import org.uptake.scenario.FileKeys;
import org.uptake.scenario.LocalIncludes;
import org.uptake.scenario.ScenarioException;
import org.uptake.scenario.ScenarioLoader;

/**
 * A parameter sweep as its file describes it, resolved: the base scenario, the varied scenario keys in the
 * order written with every value spelt out (ranges expanded), the seeds, the metrics, how much to journal, and the
 * design: the full grid, or points drawn by a Latin hypercube or at random (drawn once, when the file is read, and
 * kept in {@code sampled}). It is recorded whole in {@link Sweep.SweepStarted}, so a sweep resumes from the journal
 * and not from its file. Values are kept as HOCON text, exactly what {@code --set key=value} would be given.
 */
public record SweepSpec(String file, String base, int seeds, long firstSeed, List<Parameter> parameters,
    List<String> metrics, JournalMode journal, Design design, List<Point> sampled, List<String> series) {

  public SweepSpec {
    // Sweeps recorded before designs were chosen are grids, and collected no series.
    design = design == null ? Design.GRID : design;
    series = series == null ? List.of() : series;
  }

  /** Every run journaled like {@code uptake run}, or only the sweep's record (runs on an in-memory journal). */
  public enum JournalMode { FULL, SUMMARY }

  /**
   * Which points are run: every combination of the values ({@code grid}), or {@code points} drawn by a Latin
   * hypercube (each parameter's range cut into as many equal strata as points, one point in each) or independently
   * at random; both drawn from {@code design-seed}.
   */
  public enum Design {
    GRID, LATIN_HYPERCUBE, RANDOM;

    public String text() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One varied scenario key and its values (HOCON text), in the order they are swept; for a {@code continuous}
   * parameter of a drawn design, the two values are the ends of its range, and any number between them may be drawn.
   */
  public record Parameter(String key, List<String> values, boolean continuous) {
    @com.fasterxml.jackson.annotation.JsonCreator
    public Parameter {}

    public Parameter(String key, List<String> values) {
      this(key, values, false);
    }
  }

  /** A grid point, numbered from 1 in sweep order, with one value per parameter. */
  public record Point(int number, List<String> values) {}

  /** One run of the sweep: a point and a seed, with its run id. */
  public record Job(Point point, long seed, String runId) {}

  static final Set<String> KEYS = Set.of("base", "seeds", "first-seed", "vary", "metrics", "journal", "design",
      "points", "design-seed", "series");
  /** Large enough for any sweep that finishes in a day on a workstation; a typo in a step is refused. */
  static final int MAX_RUNS = 10_000;

  // --- the grid -------------------------------------------------------------------------------------

  /**
   * The points run: for a grid, every combination of values, the first parameter varying slowest, each in the order
   * written; for a drawn design, the points drawn.
   */
  public List<Point> points() {
    if (design != Design.GRID) return sampled;
    List<Point> points = new ArrayList<>();
    int count = parameters.stream().mapToInt(p -> p.values().size()).reduce(1, (a, b) -> a * b);
    for (int n = 0; n < count; n++) {
      List<String> values = new ArrayList<>();
      int rest = n;
      for (int k = parameters.size() - 1; k >= 0; k--) {
        List<String> vs = parameters.get(k).values();
        values.add(0, vs.get(rest % vs.size()));
        rest /= vs.size();
      }
      points.add(new Point(n + 1, List.copyOf(values)));
    }
    return points;
  }

  /** All runs in sweep order: points in order, seeds ascending within each. */
  public List<Job> jobs(String sweepId) {
    List<Job> jobs = new ArrayList<>();
    for (Point p : points()) {
      for (int s = 0; s < seeds; s++) {
        long seed = firstSeed + s;
        jobs.add(new Job(p, seed, String.format(Locale.ROOT, "%s-p%03d-s%d", sweepId, p.number(), seed)));
      }
    }
    return jobs;
  }

  /** The point's values as {@code --set} overrides, then the seed. */
  public List<String> overrides(Point point, long seed) {
    List<String> overrides = new ArrayList<>();
    for (int k = 0; k < parameters.size(); k++) overrides.add(parameters.get(k).key() + "=" + point.values().get(k));
    overrides.add("seed=" + seed);
    return List.copyOf(overrides);
  }

  public List<String> keys() {
    return parameters.stream().map(Parameter::key).toList();
  }

  /** A value as a reader wants it in a table: strings without their quotes, numbers as written. */
  public static String display(String hocon) {
    ConfigValue v = ConfigFactory.parseString("v = " + hocon).getValue("v");
    return v.valueType() == ConfigValueType.STRING ? (String) v.unwrapped()
        : v.render(ConfigRenderOptions.concise());
  }

  // --- reading and checking -------------------------------------------------------------------------

  /**
   * Reads and checks a sweep file, then checks the scenario of every grid point through the same path as
   * {@code --set}; any problem is a {@link ScenarioException} naming the file, the key and what was expected.
   */
  public static SweepSpec load(Path file) {
    SweepSpec spec = parse(file);
    spec.checkPoints();
    return spec;
  }

  static SweepSpec parse(Path file) {
    Config c = LocalIncludes.read(file, "sweep", KEYS);
    Reader r = new Reader(file, c);
    FileKeys keys = new FileKeys(file, c);
    Path base = (file.getParent() == null ? Path.of("") : file.getParent()).resolve(r.string("base")).normalize();
    if (!Files.isRegularFile(base)) {
      throw r.fail("base", "no such scenario file " + base + " (a path relative to the sweep file)");
    }
    int seeds = (int) keys.whole("seeds", 1, 1, MAX_RUNS);
    long firstSeed = keys.whole("first-seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    Design design = r.design();
    List<Parameter> parameters = r.vary(design != Design.GRID);
    org.uptake.scenario.Scenario scenario;
    try {
      scenario = ScenarioLoader.load(base);
    } catch (ScenarioException e) {
      throw r.fail("base", "the scenario " + base + " is not valid: " + e.getMessage());
    }
    List<String> metrics = r.metrics(scenario.network().flat(),
        scenario.adoption().rule() != org.uptake.model.AdoptionSpec.Kind.ORGANISATIONAL);
    JournalMode journal = r.journal();
    List<String> series = r.series(scenario.network().flat(),
        scenario.adoption().rule() != org.uptake.model.AdoptionSpec.Kind.ORGANISATIONAL);
    List<Point> sampled = null;
    if (design == Design.GRID) {
      for (String k : List.of("points", "design-seed")) {
        if (c.hasPath(k)) throw r.fail(k, "only for design = latin-hypercube or random; a grid runs every combination");
      }
      long runs = seeds;
      for (Parameter p : parameters) runs *= p.values().size();
      if (runs > MAX_RUNS) {
        throw r.fail("vary", "the grid has " + runs + " runs (points x seeds); expected at most " + MAX_RUNS);
      }
    } else {
      if (!c.hasPath("points")) {
        throw r.fail("points", "missing; a " + design.text() + " design needs how many points to draw, e.g. points = 20");
      }
      int n = (int) keys.whole("points", 0, 1, MAX_RUNS);
      if ((long) n * seeds > MAX_RUNS) {
        throw r.fail("points", n + " points x " + seeds + " seeds is " + (long) n * seeds + " runs; expected at most "
            + MAX_RUNS);
      }
      sampled = Designs.draw(design, parameters, n, keys.whole("design-seed", firstSeed, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    return new SweepSpec(file.toString(), base.toString(), seeds, firstSeed, List.copyOf(parameters),
        metrics, journal, design, sampled, series);
  }

  /** Every grid point's scenario must load and its organisation build, with the first seed, before any run. */
  void checkPoints() {
    for (Point p : points()) {
      try {
        OrganisationBuilder.build(ScenarioLoader.load(Path.of(base), overrides(p, firstSeed)));
      } catch (ScenarioException e) {
        throw new ScenarioException(file + ": vary: " + (design == Design.GRID ? "grid point " : "point ") + p.number()
            + " ("
            + String.join(", ", overrides(p, firstSeed).subList(0, parameters.size())) + "): " + e.getMessage());
      }
    }
  }

  /** Typed access to the sweep file's keys with messages in the scenario files' form. */
  private record Reader(Path file, Config c) {
    ScenarioException fail(String key, String expected) {
      return new FileKeys(file, c).fail(key, expected);
    }

    String string(String key) {
      if (!c.hasPath(key)) throw fail(key, "missing; expected the scenario file to vary, e.g. base = \"../from-the-edges.conf\"");
      if (c.getValue(key).valueType() != ConfigValueType.STRING) throw fail(key, "expected a file name in quotes");
      return c.getString(key);
    }


    Design design() {
      if (!c.hasPath("design")) return Design.GRID;
      ConfigValue v = c.getValue("design");
      String text = v.valueType() == ConfigValueType.STRING ? c.getString("design") : "";
      for (Design d : Design.values()) {
        if (d.text().equals(text)) return d;
      }
      throw fail("design", "expected grid, latin-hypercube or random, got " + v.render(ConfigRenderOptions.concise()));
    }

    /** The varied keys; a drawn design also takes ranges without a step, from which any number may be drawn. */
    List<Parameter> vary(boolean drawn) {
      if (!c.hasPath("vary") || c.getValue("vary").valueType() != ConfigValueType.OBJECT) {
        throw fail("vary", "expected an object of scenario keys to vary, e.g. vary { \"seeding.enthusiasts\" = [4, 8] }");
      }
      List<Parameter> parameters = new ArrayList<>();
      collect(c.getObject("vary"), "", parameters, drawn);
      if (parameters.isEmpty()) throw fail("vary", "expected at least one scenario key to vary");
      return parameters;
    }

    /**
     * HOCON objects do not keep their keys in order, so the order written is recovered from the line each
     * key is on (keys on one line are taken alphabetically). A dotted key may be quoted or nested.
     */
    private void collect(ConfigObject object, String prefix, List<Parameter> out, boolean drawn) {
      List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(object.entrySet());
      entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
          .thenComparing(Map.Entry::getKey));
      for (Map.Entry<String, ConfigValue> e : entries) {
        String key = prefix + e.getKey();
        ConfigValue v = e.getValue();
        String where = ScenarioLoader.where(v.origin()) + "vary." + key + ": ";
        if (key.equals("seed")) {
          throw new ScenarioException(where + "the seed is not varied here; set seeds and first-seed instead");
        }
        if (v.valueType() == ConfigValueType.LIST) {
          ConfigList list = (ConfigList) v;
          if (list.isEmpty()) throw new ScenarioException(where + "an empty list; expected at least one value");
          out.add(new Parameter(key, list.stream().map(x -> x.render(ConfigRenderOptions.concise())).toList()));
        } else if (v.valueType() == ConfigValueType.OBJECT && ((ConfigObject) v).containsKey("from")) {
          ConfigObject o = (ConfigObject) v;
          out.add(drawn && !o.containsKey("step") ? new Parameter(key, span(o, where), true)
              : new Parameter(key, range(o, where, drawn)));
        } else if (v.valueType() == ConfigValueType.OBJECT && !((ConfigObject) v).isEmpty()) {
          collect((ConfigObject) v, key + ".", out, drawn);
        } else {
          throw new ScenarioException(where + "expected a list of values, e.g. [4, 8, 16], or a range, "
              + "e.g. { from = 0.02, to = 0.06, step = 0.02 }");
        }
      }
    }

    /** A range without a step, for a drawn design: its two ends, from <= to. */
    private static List<String> span(ConfigObject o, String where) {
      for (String k : o.keySet()) {
        if (!Set.of("from", "to").contains(k)) {
          throw new ScenarioException(where + k + ": unknown key in a range" + ScenarioLoader.suggestion(k,
              Set.of("from", "to", "step"), ""));
        }
      }
      BigDecimal from = number(o, "from", where);
      BigDecimal to = number(o, "to", where);
      if (to.compareTo(from) < 0) {
        throw new ScenarioException(where + "to: expected a number >= from (" + from.toPlainString() + "), got "
            + to.toPlainString());
      }
      return List.of(from.stripTrailingZeros().toPlainString(), to.stripTrailingZeros().toPlainString());
    }

    /** from, from + step, ... up to and including to, in exact decimal arithmetic (0.1 + 0.2 is 0.3 here). */
    private static List<String> range(ConfigObject o, String where, boolean drawn) {
      for (String k : o.keySet()) {
        if (!Set.of("from", "to", "step").contains(k)) {
          throw new ScenarioException(where + k + ": unknown key in a range" + ScenarioLoader.suggestion(k,
              Set.of("from", "to", "step"), ""));
        }
      }
      BigDecimal from = number(o, "from", where);
      BigDecimal to = number(o, "to", where);
      if (!o.containsKey("step")) {
        throw new ScenarioException(where + "step: missing; a grid needs the step between values, e.g. { from = "
            + from.toPlainString() + ", to = " + to.toPlainString() + ", step = ... }" + (drawn ? ""
            : ", or set design = latin-hypercube (or random) to draw values from the whole range"));
      }
      BigDecimal step = number(o, "step", where);
      if (step.signum() <= 0) throw new ScenarioException(where + "step: expected a number > 0, got " + step.toPlainString());
      if (to.compareTo(from) < 0) {
        throw new ScenarioException(where + "to: expected a number >= from (" + from.toPlainString() + "), got "
            + to.toPlainString());
      }
      BigDecimal count = to.subtract(from).divide(step, 0, RoundingMode.FLOOR).add(BigDecimal.ONE);
      if (count.compareTo(BigDecimal.valueOf(MAX_RUNS)) > 0) {
        throw new ScenarioException(where + "step: the range has " + count.toPlainString()
            + " values; expected at most " + MAX_RUNS);
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < count.intValue(); i++) {
        values.add(from.add(step.multiply(BigDecimal.valueOf(i))).stripTrailingZeros().toPlainString());
      }
      return values;
    }

    private static BigDecimal number(ConfigObject o, String key, String where) {
      ConfigValue v = o.get(key);
      if (v == null || v.valueType() != ConfigValueType.NUMBER) {
        throw new ScenarioException(where + key + ": expected a number"
            + (v == null ? " (a range needs from, to and step)" : ", got " + v.render(ConfigRenderOptions.concise())));
      }
      return new BigDecimal(v.unwrapped().toString());
    }

    /** The metrics named, or all that mean something for the base scenario (see HeadlineMetric#appliesTo). */
    List<String> metrics(boolean population, boolean permanent) {
      if (!c.hasPath("metrics")) {
        return HeadlineMetric.ALL.stream().filter(m -> m.appliesTo(population, permanent)).map(HeadlineMetric::name)
            .toList();
      }
      List<String> names;
      try {
        names = c.getStringList("metrics");
      } catch (ConfigException.WrongType e) {
        throw fail("metrics", "expected a list of metric names, e.g. [final_active_fraction, sustained_adoption]");
      }
      if (names.isEmpty()) throw fail("metrics", "an empty list; leave metrics out for all of them");
      Set<String> seen = new LinkedHashSet<>();
      Set<String> known = new LinkedHashSet<>(HeadlineMetric.names());
      for (String n : names) {
        if (!known.contains(n)) {
          throw fail("metrics", "unknown metric '" + n + "'" + ScenarioLoader.suggestion(n, known, ""));
        }
        if (!seen.add(n)) throw fail("metrics", "'" + n + "' is listed twice");
        if (!HeadlineMetric.named(n).orElseThrow().appliesTo(population, permanent)) {
          throw fail("metrics", "'" + n + "' means nothing for the base scenario: "
              + (n.equals("final_goal_index") ? "a canonical network has no goal" : "under a canonical rule adoption "
              + "is for good, so nobody lapses"));
        }
      }
      return List.copyOf(seen);
    }

    /** The per-tick series to collect of every run (none unless named), as timeseries.csv names its columns. */
    List<String> series(boolean population, boolean permanent) {
      if (!c.hasPath("series")) return List.of();
      List<String> names;
      try {
        names = c.getStringList("series");
      } catch (ConfigException.WrongType e) {
        throw fail("series", "expected a list of timeseries.csv columns, e.g. [active_fraction, ever_adopted_fraction]");
      }
      Set<String> seen = new LinkedHashSet<>();
      for (String n : names) {
        if (!Series.NAMES.contains(n)) {
          throw fail("series", "unknown series '" + n + "'" + ScenarioLoader.suggestion(n, new LinkedHashSet<>(Series.NAMES), "")
              + "; expected any of " + String.join(", ", Series.NAMES));
        }
        if (!seen.add(n)) throw fail("series", "'" + n + "' is listed twice");
        if (!Series.appliesTo(n, population, permanent)) {
          throw fail("series", "'" + n + "' means nothing for the base scenario (" + (population
              ? "a canonical network has no hierarchy, goal or sponsorship" : "under a canonical rule people are only "
              + "unaware or active") + ")");
        }
      }
      return List.copyOf(seen);
    }

    JournalMode journal() {
      if (!c.hasPath("journal")) return JournalMode.FULL;
      ConfigValue v = c.getValue("journal");
      String text = v.valueType() == ConfigValueType.STRING ? c.getString("journal") : "";
      try {
        return JournalMode.valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw fail("journal", "expected full or summary, got " + v.render(ConfigRenderOptions.concise()));
      }
    }
  }
}
