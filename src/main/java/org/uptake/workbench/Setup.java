package org.uptake.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.uptake.BadInput;
import org.uptake.organisation.Organisation;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.report.Slug;
import org.uptake.scenario.OrgChart;
import org.uptake.scenario.Scenario;
import org.uptake.scenario.ScenarioException;
import org.uptake.scenario.ScenarioLoader;

/**
 * Scenario set-up in the page: a draft is a scenario file to start from, perhaps an uploaded org chart (and ties),
 * and the strategy levers. Checking a draft loads it as the command line would and says what its organisation is,
 * or what is wrong and where (the lever's key, or the CSV's line); saving it writes a scenario file in the
 * workspace that `uptake run` reads as it is, with copies of its CSV files beside it.
 */
public final class Setup {
  /** An executive: who they sponsor, their support from the start, long-term commitment or a campaign. */
  public record Executive(String role, List<String> sponsors, double support, String commitment,
      int campaignLength) {}

  /** A timed intervention; the numbers a kind does not use keep their defaults. */
  public record Step(int tick, String kind, String by, List<String> departments, double level, double strength,
      double halfLife, int reviewAfter, double success) {}

  /** The strategy levers, each the value of the scenario key named in {@link #LEVERS}. */
  public record Levers(String name, String description, String strategy, String measurement, double goalStrength,
      Map<String, Double> alignment, int enthusiasts, List<String> seedDepartments, int seedTick,
      List<String> teamDepartments, int teamMembers, int teamStart, List<Executive> executives,
      List<Step> interventions) {}

  /**
   * A scenario being set up: the file it starts from, an uploaded org chart and ties file (their ids, and the names
   * the user gave them, for messages), and its levers (null: the file's own).
   */
  public record Draft(String base, String orgChart, String orgChartName, String ties, String tiesName,
      Levers levers) {}

  public record Department(String name, String function, int headcount) {}

  /** The organisation a draft builds: departments, executives and its network of ties. */
  public record OrgSummary(int people, List<Department> departments, List<String> functions,
      List<String> executives, long ties, double tiesPerPerson, double crossDepartmentShare) {}

  /** What is wrong: the lever's key or the upload ("org-chart", "ties") it concerns, the CSV line if any. */
  public record Problem(String field, Integer line, String message) {}

  /** A checked draft: its levers as they apply to its organisation, the organisation, and any problems. */
  public record Checked(Draft draft, OrgSummary organisation, List<Problem> problems) {}

  /** An uploaded file: the id a draft names it by, and its name as the user gave it. */
  public record Upload(String id, String name) {}

  /** Each lever's scenario key (what the page shows its meaning for and what a problem names). */
  public static final Map<String, String> LEVERS = levers();

  /** What each kind of intervention does, in docs/MODEL.md's words. */
  public static final Map<String, String> KINDS = Map.of(
      "mandate", "The department heads receive the mandate and pass it to their reports unless they sit on it; "
          + "mandated people become aware at once and comply, but lapse more readily: fast, but shallow where "
          + "value is missing.",
      "sponsor", "The executive's support becomes this level (0 to 1) for the listed departments.",
      "campaign", "A short-term push of this strength (0 to 1) that decays with the given half-life.",
      "pilot", "Start small: the executive sponsors the pilot departments only; after the review, if the pilot's "
          + "active share reached the success level the sponsorship goes to every department, else it is "
          + "withdrawn.");

  private static final Pattern UPLOAD_ID = Pattern.compile("(org-chart|ties)-[0-9a-f]{16}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Function<String, Path> scenarioFile;
  private final Path saved;
  private final Path uploads;
  private final Set<String> shipped;

  /**
   * Set-up finding scenario files with {@code scenarioFile}, saving under {@code workspace}/scenarios and keeping
   * uploads under {@code workspace}/uploads; {@code shipped} are the names a saved scenario may not take.
   */
  Setup(Function<String, Path> scenarioFile, Path workspace, Set<String> shipped) {
    this.scenarioFile = scenarioFile;
    this.saved = workspace.resolve("scenarios");
    this.uploads = workspace.resolve("uploads");
    this.shipped = shipped;
  }

  /** Where saved scenarios are written. */
  Path saved() {
    return saved;
  }

  private static Map<String, String> levers() {
    Map<String, String> keys = new LinkedHashMap<>();
    for (String key : List.of("name", "description", "strategy", "measurement", "goal.strength", "goal.alignment",
        "seeding.enthusiasts", "seeding.departments", "seeding.tick", "team.departments",
        "team.members-per-department", "team.start", "executives", "interventions", "organisation.org-chart",
        "organisation.informal-ties-file")) {
      keys.put(key, ScenarioLoader.meaning(key));
    }
    return Map.copyOf(keys);
  }

  /** Keeps an uploaded org chart or ties file under a name of the server's choosing; an org chart is checked. */
  public Upload upload(String kind, String name, byte[] body) {
    if (!kind.equals("org-chart") && !kind.equals("ties")) {
      throw new BadInput("upload: expected an org-chart or a ties file, got " + kind);
    }
    String shown = shownName(name);
    String id = kind + "-" + hex();
    Path file = uploads.resolve(id + ".csv");
    try {
      Files.createDirectories(uploads);
      Files.write(file, body);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the upload in " + uploads + ": " + e.getMessage(), e);
    }
    if (kind.equals("org-chart")) {
      try {
        OrgChart.read(file);
      } catch (ScenarioException e) {
        delete(file);
        throw new Refused(List.of(problem(e.getMessage(), Map.of(file, "org-chart"), Map.of(file, shown))));
      }
    }
    return new Upload(id, shown);
  }

  /** A draft that cannot be checked or saved, with what is wrong. */
  public static final class Refused extends BadInput {
    private final List<Problem> problems;

    Refused(List<Problem> problems) {
      super(problems.get(0).message());
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** The shipped or saved scenario {@code file} as a draft, checked. */
  public Checked open(String file) {
    return check(new Draft(file, null, null, null, null, null));
  }

  /** Loads the draft as the command line would: its organisation, or the problems that stop it. */
  public Checked check(Draft draft) {
    Built b = build(draft);
    if (b.problem != null) return new Checked(b.draft, b.summary, List.of(b.problem));
    return new Checked(b.draft, b.summary, List.of());
  }

  /**
   * Saves the draft as {@code name}: workspace/scenarios/SLUG.conf, its org chart and ties copied beside it; the
   * file's name, the key the page runs it by. Refused (with the problems) if it does not load.
   */
  public String save(Draft draft, String name) {
    String slug = Slug.of(name == null ? "" : name, "-");
    if (slug.isEmpty()) throw new BadInput("Save as: give the scenario a name (letters or digits)");
    String file = slug + ".conf";
    if (shipped.contains(file)) {
      throw new BadInput("Save as: " + file + " is a shipped scenario's name; choose another");
    }
    Built b = build(draft);
    if (b.problem != null) throw new Refused(List.of(b.problem));
    Config user = b.user.withValue("name", ConfigValueFactory.fromAnyRef(name.strip()));
    try {
      Files.createDirectories(saved);
      Scenario.OrganisationSpec org = b.scenario.organisation();
      if (org.orgChart() != null) {
        user = user.withValue("organisation.org-chart", ConfigValueFactory.fromAnyRef(
            copy(org.orgChart(), slug + "-org-chart.csv")));
      }
      if (org.informalTiesFile() != null) {
        user = user.withValue("organisation.informal-ties-file", ConfigValueFactory.fromAnyRef(
            copy(org.informalTiesFile(), slug + "-ties.csv")));
      }
      String text = "# " + name.strip().replaceAll("[\\r\\n]", " ") + ": saved from the Uptake workbench, starting "
          + "from " + draft.base() + ".\n# Run it with: ./uptake run " + saved.resolve(file) + "\n\n"
          + ScenarioLoader.render(user);
      Path tmp = saved.resolve("." + file + ".partial");
      Files.writeString(tmp, text);
      Files.move(tmp, saved.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the scenario in " + saved + ": " + e.getMessage(), e);
    }
    // Read back as the command line reads it, so what was saved is known to run.
    ScenarioLoader.load(saved.resolve(file));
    return file;
  }

  private String copy(Path from, String name) throws IOException {
    Path to = saved.resolve(name);
    if (!from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
    return name;
  }

  /** A draft loaded: its levers as applied, the keys written, the scenario and organisation, or its problem. */
  private record Built(Draft draft, Config user, Scenario scenario, OrgSummary summary, Problem problem) {}

  private Built build(Draft draft) {
    Path base = scenarioFile.apply(draft.base());
    Scenario original = ScenarioLoader.load(base);
    Config user = ScenarioLoader.own(base);
    Map<Path, String> fields = new LinkedHashMap<>();
    Map<Path, String> names = new LinkedHashMap<>();
    names.put(base.toAbsolutePath(), draft.base());
    List<Scenario.DepartmentSpec> departments = original.organisation().departments();
    if (draft.orgChart() != null) {
      Path chart = uploaded(draft.orgChart(), "org-chart");
      fields.put(chart, "org-chart");
      names.put(chart, shownName(draft.orgChartName()));
      user = user.withValue("organisation.org-chart", ConfigValueFactory.fromAnyRef(chart.toString()))
          .withValue("organisation.informal-ties-file", ConfigValueFactory.fromAnyRef(""));
      try {
        departments = OrgChart.read(chart).departments();
      } catch (ScenarioException e) {
        return new Built(draft, user, null, null, problem(e.getMessage(), fields, names));
      }
    }
    if (draft.ties() != null) {
      if (draft.orgChart() == null) {
        return new Built(draft, user, null, null, new Problem("ties", null,
            "a ties file goes with an uploaded org chart: upload the org chart first"));
      }
      Path ties = uploaded(draft.ties(), "ties");
      fields.put(ties, "ties");
      names.put(ties, shownName(draft.tiesName()));
      user = user.withValue("organisation.informal-ties-file", ConfigValueFactory.fromAnyRef(ties.toString()));
    }
    Levers levers = fit(draft.levers() == null ? levers(original) : draft.levers(), departments,
        original.goal().defaultAlignment());
    Draft applied = new Draft(draft.base(), draft.orgChart(), draft.orgChartName(), draft.ties(), draft.tiesName(),
        levers);
    user = apply(user, levers, original.seeding().kind() == Scenario.SeedingKind.ENTHUSIASTS);
    try {
      Scenario scenario = ScenarioLoader.fromConfig(base, user);
      Organisation org = OrganisationBuilder.build(scenario);
      return new Built(applied, user, scenario, summary(scenario, org), null);
    } catch (ScenarioException e) {
      return new Built(applied, user, null, null, problem(e.getMessage(), fields, names));
    }
  }

  private Path uploaded(String id, String kind) {
    if (id == null || !UPLOAD_ID.matcher(id).matches() || !id.startsWith(kind + "-")) {
      throw new BadInput(kind + ": expected an upload's id, got " + id);
    }
    Path file = uploads.resolve(id + ".csv").toAbsolutePath();
    if (!Files.isRegularFile(file)) throw new BadInput(kind + ": no upload " + id + " here; upload the file again");
    return file;
  }

  /** The levers a scenario has. */
  static Levers levers(Scenario s) {
    Map<String, Double> alignment = new LinkedHashMap<>();
    for (Scenario.DepartmentSpec d : s.organisation().departments()) {
      alignment.put(d.function(), s.goal().alignmentOf(d.function()));
    }
    List<String> all = s.organisation().departments().stream().map(Scenario.DepartmentSpec::name).toList();
    List<Executive> executives = s.executives().stream().map(e -> new Executive(e.role(), compact(e.sponsors(), all),
        e.support(), e.commitment() == Scenario.Commitment.CAMPAIGN ? "campaign" : "long-term", e.campaignLength()))
        .toList();
    List<Step> steps = s.interventions().stream().map(i -> new Step(i.tick(), i.kind().name().toLowerCase(Locale.ROOT),
        i.by(), compact(i.departments(), all), i.level(), i.strength(), i.halfLife(), i.reviewAfter(), i.success()))
        .toList();
    return new Levers(s.name(), s.description(), s.strategy(),
        s.measurement() == Scenario.Measurement.BUSINESS_GOAL ? "business-goal" : "clicks", s.goal().strength(),
        alignment, s.seeding().enthusiasts(), s.seeding().departments(), s.seeding().tick(),
        s.team().departments(), s.team().membersPerDepartment(), s.team().start(), executives, steps);
  }

  /** {@code [all]} for a list of every department, else the list. */
  private static List<String> compact(List<String> departments, List<String> all) {
    return departments.contains(ScenarioLoader.ALL) || Set.copyOf(departments).equals(Set.copyOf(all))
        ? List.of(ScenarioLoader.ALL) : departments;
  }

  /**
   * The levers as they apply to an organisation of {@code departments}: departments it lacks are dropped from
   * every list (an empty list of whom a step or sponsor covers becomes all), and the alignment covers exactly its
   * functions.
   */
  static Levers fit(Levers l, List<Scenario.DepartmentSpec> departments, double defaultAlignment) {
    Set<String> names = new LinkedHashSet<>();
    Map<String, Double> alignment = new LinkedHashMap<>();
    for (Scenario.DepartmentSpec d : departments) {
      names.add(d.name());
      Double given = l.alignment() == null ? null : l.alignment().get(d.function());
      alignment.put(d.function(), given == null ? defaultAlignment : given);
    }
    Function<List<String>, List<String>> keep = list -> list == null ? List.of()
        : list.stream().filter(n -> names.contains(n) || n.equals(ScenarioLoader.ALL)).distinct().toList();
    Function<List<String>, List<String>> orAll = list -> keep.apply(list).isEmpty() ? List.of(ScenarioLoader.ALL)
        : keep.apply(list);
    List<Executive> executives = l.executives() == null ? List.of() : l.executives().stream().map(e ->
        new Executive(e.role(), orAll.apply(e.sponsors()), e.support(), e.commitment(), e.campaignLength())).toList();
    List<Step> steps = l.interventions() == null ? List.of() : l.interventions().stream().map(s -> new Step(s.tick(),
        s.kind(), s.by(), orAll.apply(s.departments()), s.level(), s.strength(), s.halfLife(), s.reviewAfter(),
        s.success())).toList();
    return new Levers(l.name(), l.description(), l.strategy(), l.measurement(), l.goalStrength(), alignment,
        l.enthusiasts(), keep.apply(l.seedDepartments()), l.seedTick(), keep.apply(l.teamDepartments()),
        l.teamMembers(), l.teamStart(), executives, steps);
  }

  /** The scenario's keys with the levers written in (each replacing the key's value whole). */
  private static Config apply(Config user, Levers l, boolean enthusiasts) {
    Config c = user
        .withValue("name", value(l.name()))
        .withValue("description", value(l.description()))
        .withValue("strategy", value(l.strategy()))
        .withValue("measurement", value(l.measurement()))
        .withValue("goal.strength", value(l.goalStrength()))
        .withValue("goal.alignment", ConfigValueFactory.fromMap(l.alignment()))
        .withValue("team.departments", ConfigValueFactory.fromIterable(l.teamDepartments()))
        .withValue("team.members-per-department", value(l.teamMembers()))
        .withValue("team.start", value(l.teamStart()));
    if (enthusiasts) {
      c = c.withValue("seeding.enthusiasts", value(l.enthusiasts()))
          .withValue("seeding.departments", ConfigValueFactory.fromIterable(l.seedDepartments()))
          .withValue("seeding.tick", value(l.seedTick()));
    }
    List<Map<String, Object>> executives = new ArrayList<>();
    for (Executive e : l.executives()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("role", e.role());
      m.put("sponsors", e.sponsors());
      m.put("support", e.support());
      m.put("commitment", e.commitment());
      m.put("campaign-length", e.campaignLength());
      executives.add(m);
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    for (Step s : l.interventions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tick", s.tick());
      m.put("kind", s.kind());
      m.put("by", s.by());
      m.put("departments", s.departments());
      switch (s.kind()) {
        case "sponsor" -> m.put("level", s.level());
        case "campaign" -> {
          m.put("strength", s.strength());
          m.put("half-life", s.halfLife());
        }
        case "pilot" -> {
          m.put("level", s.level());
          m.put("review-after", s.reviewAfter());
          m.put("success", s.success());
        }
        default -> { }
      }
      steps.add(m);
    }
    // A generated organisation keeps its departments; the levers never change who works where.
    return c.withValue("executives", ConfigValueFactory.fromIterable(executives))
        .withValue("interventions", ConfigValueFactory.fromIterable(steps));
  }

  private static com.typesafe.config.ConfigValue value(Object v) {
    return ConfigValueFactory.fromAnyRef(v);
  }

  static OrgSummary summary(Scenario s, Organisation org) {
    List<Department> departments = org.departments().stream()
        .map(u -> new Department(u.name(), u.function(), u.members().length)).toList();
    long ends = 0;
    long across = 0;
    for (int p = 0; p < org.size(); p++) {
      for (int q : org.ties()[p]) {
        ends++;
        if (org.department()[p] != org.department()[q]) across++;
      }
    }
    return new OrgSummary(org.size(), departments, departments.stream().map(Department::function).distinct().toList(),
        s.executives().stream().map(Scenario.ExecutiveSpec::role).toList(), ends / 2,
        org.size() == 0 ? 0 : (double) ends / org.size(), ends == 0 ? 0 : (double) across / ends);
  }

  private static final Pattern AT_LINE = Pattern.compile("^(.*?):(\\d+): (.*)$", Pattern.DOTALL);

  /**
   * The problem a loader's message describes: at an upload's line (its path replaced by the user's name for it),
   * or at the lever whose key it names.
   */
  static Problem problem(String message, Map<Path, String> fields, Map<Path, String> names) {
    for (Map.Entry<Path, String> f : fields.entrySet()) {
      String path = f.getKey().toString();
      if (!message.contains(path)) continue;
      String text = message.replace(path, names.getOrDefault(f.getKey(), f.getValue()));
      Matcher m = AT_LINE.matcher(text);
      Integer line = m.matches() && m.group(1).equals(names.get(f.getKey())) ? Integer.valueOf(m.group(2)) : null;
      return new Problem(f.getValue(), line, text);
    }
    String text = message;
    for (Map.Entry<Path, String> n : names.entrySet()) text = text.replace(n.getKey().toString(), n.getValue());
    String field = null;
    for (String key : LEVERS.keySet()) {
      if (text.contains(key + ":") || text.contains(key + ".") || text.contains(key + "[")) {
        if (field == null || key.length() > field.length()) field = key;
      }
    }
    return new Problem(field, null, text);
  }

  /** A name a user gave a file, kept for messages only: no folders, no control characters, at most 80 long. */
  static String shownName(String name) {
    if (name == null || name.isBlank()) return "the upload";
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._ ()-]", "_");
    return base.length() > 80 ? base.substring(0, 80) : base;
  }

  private static String hex() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Left behind: an upload that failed its check is never named by a draft.
    }
  }

  /** A draft from the page's JSON; refused, naming the field, where a value is not what is expected. */
  static Draft draft(JsonNode body) {
    if (body == null || !body.isObject()) throw new BadInput("draft: expected an object");
    JsonNode l = body.get("levers");
    Levers levers = l == null || l.isNull() ? null : new Levers(text(l, "name"), text(l, "description"),
        text(l, "strategy"), text(l, "measurement"), number(l, "goalStrength"), alignment(l.get("alignment")),
        whole(l, "enthusiasts"), names(l, "seedDepartments"), whole(l, "seedTick"), names(l, "teamDepartments"),
        whole(l, "teamMembers"), whole(l, "teamStart"), list(l, "executives", e -> new Executive(text(e, "role"),
        names(e, "sponsors"), number(e, "support"), text(e, "commitment"), whole(e, "campaignLength"))),
        list(l, "interventions", s -> new Step(whole(s, "tick"), text(s, "kind"), text(s, "by"),
            names(s, "departments"), number(s, "level"), number(s, "strength"), number(s, "halfLife"),
            whole(s, "reviewAfter"), number(s, "success"))));
    return new Draft(text(body, "base"), optional(body, "orgChart"), optional(body, "orgChartName"),
        optional(body, "ties"), optional(body, "tiesName"), levers);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) throw new BadInput(key + ": expected a text value");
    return v.asText();
  }

  private static String optional(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static double number(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isNumber()) throw new BadInput(key + ": expected a number");
    return v.asDouble();
  }

  private static int whole(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.canConvertToInt() || v.asDouble() != v.asInt()) {
      throw new BadInput(key + ": expected a whole number");
    }
    return v.asInt();
  }

  private static List<String> names(JsonNode n, String key) {
    JsonNode v = n.get(key);
    if (v == null || !v.isArray()) throw new BadInput(key + ": expected a list of names");
    List<String> out = new ArrayList<>();
    v.forEach(x -> out.add(x.asText()));
    return out;
  }

  private static Map<String, Double> alignment(JsonNode v) {
    if (v == null || !v.isObject()) throw new BadInput("alignment: expected a number for each function");
    Map<String, Double> out = new LinkedHashMap<>();
    v.fields().forEachRemaining(e -> {
      if (!e.getValue().isNumber()) throw new BadInput("alignment." + e.getKey() + ": expected a number");
      out.put(e.getKey(), e.getValue().asDouble());
    });
    return out;
  }

  private static <T> List<T> list(JsonNode n, String key, Function<JsonNode, T> item) {
    JsonNode v = n.get(key);
    if (v == null || !v.isArray()) throw new BadInput(key + ": expected a list");
    List<T> out = new ArrayList<>();
    v.forEach(x -> out.add(item.apply(x)));
    return out;
  }
}
