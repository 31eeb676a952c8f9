package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.TestScenarios;
import picocli.CommandLine;

/**
 * docs/reference.md cannot drift from the code: its commands are each command's --help, its scenario keys every
 * key of scenario-defaults.conf with the comment written above it (a key without one fails), and every column the
 * commands write is named in its outputs section. With -Duptake.docs.update=true the generated parts are rewritten.
 */
class ReferenceDocTest {
  static final Path PAGE = Path.of("docs/reference.md");

  @Test
  void theCommandsAndKeysAreTheCodes() throws Exception {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String updated = replace(replace(page, "commands", commands()), "keys", keys());
    if (Boolean.getBoolean("uptake.docs.update")) {
      Files.writeString(PAGE, updated, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(updated, page, "docs/reference.md is out of date: run docs/regenerate-examples");
  }

  static String replace(String page, String part, String body) {
    String open = "<!-- generated: " + part + " -->\n";
    String close = "<!-- /generated -->";
    int start = page.indexOf(open);
    int end = page.indexOf(close, start);
    assertTrue(start >= 0 && end > start, "docs/reference.md has its " + part + " markers");
    return page.substring(0, start + open.length()) + body + page.substring(end);
  }

  /** Each command's usage, as --help prints it. */
  static String commands() {
    CommandLine cli = Main.commandLine();
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, CommandLine> c : cli.getSubcommands().entrySet()) {
      if (c.getKey().equals("help")) continue;
      out.append("### uptake ").append(c.getKey()).append("\n\n```text\n")
          .append(c.getValue().getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()).append("\n```\n\n");
    }
    return out.toString();
  }

  /** Every key with its default and the comment above it, in the file's order. */
  static String keys() {
    Config defaults = ConfigFactory.parseResources("scenario-defaults.conf");
    List<Map.Entry<String, ConfigValue>> entries = new ArrayList<>(defaults.entrySet());
    entries.sort(Comparator.comparingInt(e -> e.getValue().origin().lineNumber()));
    StringBuilder out = new StringBuilder("| key | default | meaning |\n|---|---|---|\n");
    List<String> undocumented = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : entries) {
      String meaning = String.join(" ", e.getValue().origin().comments()).strip();
      if (meaning.isEmpty()) undocumented.add(e.getKey());
      out.append("| `").append(e.getKey()).append("` | `")
          .append(e.getValue().render(ConfigRenderOptions.concise()).replace("|", "\\|")).append("` | ")
          .append(meaning.replaceAll("\\s+", " ").replace("|", "\\|")).append(" |\n");
    }
    assertTrue(undocumented.isEmpty(), "keys of scenario-defaults.conf without a comment above them: " + undocumented);
    return out.append("\n").toString();
  }

  /** Every column and key the commands write appears in the outputs section as `name`. */
  @Test
  void everyOutputColumnIsDocumented(@TempDir Path dir) throws Exception {
    String page = Files.readString(PAGE, StandardCharsets.UTF_8);
    String outputs = page.substring(page.indexOf("## Outputs"));
    String db = "jdbc:h2:mem:reference-doc";
    Path org = TestScenarios.small(dir);
    Path canon = TestScenarios.write(dir, "canon.conf", "ticks = 5\nnetwork { kind = complete, size = 100 }\n"
        + "adoption { rule = bass }\nseeding.kind = none\n");
    TreeSet<String> names = new TreeSet<>();
    for (Path scenario : List.of(org, canon)) {
      String id = scenario.getFileName().toString().replace(".conf", "");
      Uptake.Result r = Uptake.run("run", scenario.toString(), "--run-id", id, "--db", db, "--out",
          dir.resolve("runs").toString(), "--quiet", "--set", "ticks=5");
      assertEquals(0, r.status(), r.err());
      header(dir.resolve("runs").resolve(id).resolve("timeseries.csv"), names);
      keysOf(new ObjectMapper().readTree(dir.resolve("runs").resolve(id).resolve("summary.json").toFile()), names);
    }
    assertEquals(0, Uptake.run("replay", "small", "--to-tick", "3", "--db", db, "--out", dir.resolve("replays")
        .toString()).status());
    header(dir.resolve("replays/small/state-at-3.csv"), names);
    assertEquals(0, Uptake.run("export", "small", "--format", "csv", "--db", db, "--out", dir.resolve("exports")
        .toString()).status());
    for (String f : List.of("events.csv", "transitions.csv", "people.csv", "ties.csv")) {
      header(dir.resolve("exports/small").resolve(f), names);
    }
    keysOf(new ObjectMapper().readTree(dir.resolve("exports/small/run.json").toFile()), names);
    assertEquals(0, Uptake.run("compare", canon.toString(), "--variant", "fast:adoption.p=0.2", "--seeds", "2",
        "--run-id", "c", "--db", db, "--out", dir.resolve("compare").toString(), "--quiet").status());
    header(dir.resolve("compare/c/compare.csv"), names);
    header(dir.resolve("compare/c/compare-differences.csv"), names);
    keysOf(new ObjectMapper().readTree(dir.resolve("compare/c/compare.json").toFile()), names);
    Files.readAllLines(dir.resolve("compare/c/compare.csv")).stream().skip(1).map(l -> l.split(",")[2])
        .forEach(names::add);
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      boolean department = name.startsWith("active_fraction_");
      if (!outputs.contains("`" + name + "`") && !department) missing.add(name);
    }
    assertTrue(missing.isEmpty(), "columns written but not in docs/reference.md: " + missing);
  }

  private static void header(Path csv, TreeSet<String> names) throws Exception {
    for (String c : Files.readAllLines(csv).get(0).split(",")) names.add(c);
  }

  private static void keysOf(JsonNode json, TreeSet<String> names) {
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) names.add(it.next());
  }
}
