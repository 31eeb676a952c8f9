package org.uptake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The packages are layers (docs/design.md, "Packages"): each may use only the ones below it, so there is no cycle
 * and the command line sits on top of an application layer the workbench can call too. Read from the compiled
 * classes with the JDK's jdeps, so a fully qualified name in the code counts as much as an import.
 */
class ArchitectureTest {
  /** Bottom first. {@code ""} is org.uptake itself (the marker interface of persisted classes). */
  static final List<String> LAYERS = List.of("", "stats", "model", "scenario", "staff", "organisation", "run",
      "journal", "report", "experiment", "sweep", "cluster", "fit", "optimise", "bench", "workbench", "cli");

  /** Every use of one package of ours by another, as "from -> to". */
  static Set<String> uses() throws URISyntaxException {
    Path classes = Path.of(CborSerializable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    StringWriter out = new StringWriter();
    int status = ToolProvider.findFirst("jdeps").orElseThrow().run(new PrintWriter(out), new PrintWriter(out),
        "-verbose:package", "-filter:none", "-e", "org\\.uptake(\\..*)?", classes.toString());
    assertEquals(0, status, out.toString());
    Set<String> uses = new TreeSet<>();
    Matcher m = Pattern.compile("^\\s+(org\\.uptake\\S*)\\s+->\\s+(org\\.uptake\\S*)", Pattern.MULTILINE)
        .matcher(out.toString());
    while (m.find()) {
      String from = name(m.group(1));
      String to = name(m.group(2));
      if (!from.equals(to)) uses.add(from + " -> " + to);
    }
    return uses;
  }

  private static String name(String pkg) {
    return pkg.equals("org.uptake") ? "" : pkg.substring("org.uptake.".length());
  }

  @Test
  void everyPackageUsesOnlyTheLayersBelowIt() throws URISyntaxException {
    Set<String> uses = uses();
    assertTrue(uses.contains("cli -> run"), "jdeps saw the packages: " + uses);
    Set<String> wrong = new TreeSet<>();
    for (String use : uses) {
      String[] ends = use.split(" -> ", -1);
      int from = LAYERS.indexOf(ends[0]);
      int to = LAYERS.indexOf(ends[1]);
      if (from < 0 || to < 0) wrong.add(use + " (a package not in LAYERS: place it there)");
      else if (to > from) wrong.add(use + " (upward)");
    }
    assertTrue(wrong.isEmpty(), "packages using layers above them: " + wrong);
  }
}
