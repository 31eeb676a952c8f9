package org.uptake.fit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.uptake.model.AdoptionSpec;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.scenario.FileKeys;
import org.uptake.scenario.LocalIncludes;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioException;
import org.uptake.scenario.ScenarioLoader;

/**
 * A fit of a scenario to observed series, as its file describes it, resolved: the base scenario, the observed CSV,
 * the scenario keys to estimate with their bounds, the replications each candidate runs (seeds {@code firstSeed},
 * {@code firstSeed + 1}, ... for every candidate: common random numbers), how many candidates the search may
 * evaluate and its seed, the last week the loss sees ({@code fitWeeks}; later observed weeks are held out and
 * forecast) and how many runs the parametric bootstrap draws. It is recorded whole when the fit starts.
 */
public record FitSpec(String file, String base, String observed, List<Estimate> estimate, int replications,
    long firstSeed, int evaluations, long searchSeed, int fitWeeks, int bootstrap) {

  /**
   * A scenario key to estimate, a number from {@code from} to {@code to}, with an optional normal prior (null: none,
   * only the bounds).
   */
  public record Estimate(String key, double from, double to, Prior prior) {
    public double width() {
      return to - from;
    }
  }

  /** A normal prior on a key: what is known of it before the data, e.g. from the literature. */
  public record Prior(double mean, double sd) {}

  /** Whether any key has a prior. */
  public boolean hasPriors() {
    return estimate.stream().anyMatch(e -> e.prior() != null);
  }

  static final Set<String> KEYS = Set.of("base", "observed", "estimate", "replications", "first-seed",
      "evaluations", "search-seed", "fit-weeks", "bootstrap");

  public List<String> keys() {
    return estimate.stream().map(Estimate::key).toList();
  }

  /** The candidate's values as {@code --set} overrides, then the seed. */
  public List<String> overrides(List<Double> values, long seed) {
    List<String> overrides = new ArrayList<>();
    for (int k = 0; k < estimate.size(); k++) overrides.add(estimate.get(k).key() + "=" + values.get(k));
    overrides.add("seed=" + seed);
    return List.copyOf(overrides);
  }

  /**
   * Reads and checks a fit file and its observed CSV against the base scenario, which must load with every key at
   * either bound; any problem is a {@link ScenarioException} naming the file, the key or line and what was expected.
   */
  public static Loaded load(Path file) {
    Config c = LocalIncludes.read(file, "fit", KEYS);
    Reader r = new Reader(file, c);
    FileKeys keys = new FileKeys(file, c);
    Path dir = file.getParent() == null ? Path.of("") : file.getParent();
    Path base = dir.resolve(r.string("base", "the scenario file to fit, e.g. base = \"../from-the-edges.conf\""))
        .normalize();
    if (!Files.isRegularFile(base)) {
      throw r.fail("base", "no such scenario file " + base + " (a path relative to the fit file)");
    }
    Path observedFile = dir.resolve(r.string("observed", "the CSV of observed weeks, e.g. observed = "
        + "\"data/adoption.csv\"")).normalize();
    if (!Files.isRegularFile(observedFile)) {
      throw r.fail("observed", "no such file " + observedFile + " (a path relative to the fit file)");
    }
    Scenario scenario;
    try {
      scenario = ScenarioLoader.load(base);
    } catch (ScenarioException e) {
      throw r.fail("base", "the scenario " + base + " is not valid: " + e.getMessage());
    }
    List<Estimate> estimate = r.estimate();
    int replications = (int) keys.whole("replications", 4, 1, 1000);
    long firstSeed = keys.whole("first-seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    int evaluations = (int) keys.whole("evaluations", 100, 1, 100_000);
    long searchSeed = keys.whole("search-seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
    int bootstrap = (int) keys.whole("bootstrap", 40, 2, 10_000);
    Observed observed = Observed.read(observedFile, scenario.ticks(), scenario.network().flat(),
        scenario.adoption().rule() != AdoptionSpec.Kind.ORGANISATIONAL);
    int fitWeeks = (int) keys.whole("fit-weeks", observed.lastWeek(), 0, scenario.ticks());
    int points = observed.count(0, fitWeeks);
    if (points <= estimate.size()) {
      throw new ScenarioException(observedFile + ": " + points + " observed value" + (points == 1 ? "" : "s")
          + " up to week " + fitWeeks + " for " + estimate.size() + " key" + (estimate.size() == 1 ? "" : "s")
          + " to estimate; expected more values than keys (observe more weeks"
          + (c.hasPath("fit-weeks") ? ", raise fit-weeks" : "") + " or estimate fewer keys)");
    }
    FitSpec spec = new FitSpec(file.toString(), base.toString(), observedFile.toString(), List.copyOf(estimate),
        replications, firstSeed, evaluations, searchSeed, fitWeeks, bootstrap);
    spec.checkBounds();
    return new Loaded(spec, observed);
  }

  /** A fit file as read, with its observed series. */
  public record Loaded(FitSpec spec, Observed observed) {}

  /** The base scenario must load and its organisation build with every key at its lower, then its upper bound. */
  private void checkBounds() {
    for (boolean upper : List.of(false, true)) {
      List<Double> values = estimate.stream().map(e -> upper ? e.to() : e.from()).toList();
      try {
        OrganisationBuilder.build(ScenarioLoader.load(Path.of(base), overrides(values, firstSeed)));
      } catch (ScenarioException e) {
        throw new ScenarioException(file + ": estimate: with every key at its " + (upper ? "upper" : "lower")
            + " bound (" + String.join(", ", overrides(values, firstSeed).subList(0, estimate.size())) + "): "
            + e.getMessage());
      }
    }
  }

  /** Typed access to the fit file's keys with messages in the scenario files' form. */
  private record Reader(Path file, Config c) {
    ScenarioException fail(String key, String expected) {
      return new FileKeys(file, c).fail(key, expected);
    }

    String string(String key, String example) {
      if (!c.hasPath(key)) throw fail(key, "missing; expected " + example);
      if (c.getValue(key).valueType() != ConfigValueType.STRING) throw fail(key, "expected a file name in quotes");
      return c.getString(key);
    }


    /** The keys to estimate, in the order written (recovered from their lines, as a sweep's vary is). */
    List<Estimate> estimate() {
      if (!c.hasPath("estimate") || c.getValue("estimate").valueType() != ConfigValueType.OBJECT) {
        throw fail("estimate", "expected an object of scenario keys with their bounds, e.g. estimate { "
            + "\"adoption.q\" = { from = 0.1, to = 0.8 } }");
      }
      List<Estimate> out = new ArrayList<>();
      collect(c.getObject("estimate"), "", out);
      if (out.isEmpty()) throw fail("estimate", "expected at least one scenario key to estimate");
      return out;
    }

    private void collect(ConfigObject object, String prefix, List<Estimate> out) {
      List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(object.entrySet());
      entries.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> e.getValue().origin().lineNumber())
          .thenComparing(Map.Entry::getKey));
      for (Map.Entry<String, ConfigValue> e : entries) {
        String key = prefix + e.getKey();
        ConfigValue v = e.getValue();
        String where = ScenarioLoader.where(v.origin()) + "estimate." + key + ": ";
        if (key.equals("seed") || key.equals("ticks")) {
          throw new ScenarioException(where + "not estimated; the seeds are set by replications and first-seed, "
              + "the horizon by the base scenario");
        }
        if (v.valueType() == ConfigValueType.OBJECT && ((ConfigObject) v).containsKey("from")) {
          out.add(bounds(key, (ConfigObject) v, where));
        } else if (v.valueType() == ConfigValueType.OBJECT && !((ConfigObject) v).isEmpty()) {
          collect((ConfigObject) v, key + ".", out);
        } else {
          throw new ScenarioException(where + "expected bounds, e.g. { from = 0.1, to = 0.8 }");
        }
      }
    }

    private static Estimate bounds(String key, ConfigObject o, String where) {
      for (String k : o.keySet()) {
        if (!Set.of("from", "to", "prior").contains(k)) {
          throw new ScenarioException(where + k + ": unknown key in bounds" + ScenarioLoader.suggestion(k,
              Set.of("from", "to", "prior"), ""));
        }
      }
      double from = number(o, "from", where);
      double to = number(o, "to", where);
      if (!(to > from)) {
        throw new ScenarioException(where + "to: expected a number > from (" + from + "), got " + to);
      }
      return new Estimate(key, from, to, o.containsKey("prior") ? prior(o.get("prior"), from, to, where) : null);
    }

    private static Prior prior(ConfigValue v, double from, double to, String where) {
      String example = " (a normal prior, e.g. prior = { mean = 0.3, sd = 0.1 })";
      if (v.valueType() != ConfigValueType.OBJECT) throw new ScenarioException(where + "prior: expected an object"
          + example);
      ConfigObject o = (ConfigObject) v;
      for (String k : o.keySet()) {
        if (!Set.of("mean", "sd").contains(k)) {
          throw new ScenarioException(where + "prior." + k + ": unknown key" + ScenarioLoader.suggestion(k,
              Set.of("mean", "sd"), "") + example);
        }
      }
      if (!o.containsKey("mean") || !o.containsKey("sd")) {
        throw new ScenarioException(where + "prior: expected mean and sd" + example);
      }
      double mean = number(o, "mean", where + "prior.");
      double sd = number(o, "sd", where + "prior.");
      if (mean < from || mean > to) {
        throw new ScenarioException(where + "prior.mean: expected a number within the bounds (" + from + " to " + to
            + "), got " + mean);
      }
      if (!(sd > 0)) throw new ScenarioException(where + "prior.sd: expected a number > 0, got " + sd);
      return new Prior(mean, sd);
    }

    private static double number(ConfigObject o, String key, String where) {
      ConfigValue v = o.get(key);
      if (v == null || v.valueType() != ConfigValueType.NUMBER) {
        throw new ScenarioException(where + key + ": expected a number"
            + (v == null ? " (bounds need from and to)" : ", got " + v.render(ConfigRenderOptions.concise())));
      }
      return ((Number) v.unwrapped()).doubleValue();
    }
  }

}
