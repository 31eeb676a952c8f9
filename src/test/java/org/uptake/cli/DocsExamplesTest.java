package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example session in the README and docs/ is what the commands print today: each file's examples run, in
 * order, in a fresh folder with a copy of simulations/ and its own journal, and their output must equal what the
 * page shows (see {@link DocsExamples}). When the outputs change on purpose, docs/regenerate-examples (this test
 * with -Duptake.docs.update=true) writes them into the pages.
 */
class DocsExamplesTest {
  static final boolean UPDATE = Boolean.getBoolean("uptake.docs.update");

  static Stream<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages.stream().filter(p -> {
      try {
        return !DocsExamples.blocks(Files.readAllLines(p)).isEmpty();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pages")
  void theExamplesPrintWhatThePageShows(Path page, @TempDir Path dir) throws Exception {
    List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    List<DocsExamples.Block> blocks = DocsExamples.blocks(lines);
    List<String> commands = blocks.stream().flatMap(b -> b.commands().stream()).toList();
    DocsExamples.prepare(dir);
    List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), DocsExamples.class.getName()));
    args.addAll(commands);
    Path log = dir.resolve("examples.out");
    Process p = new ProcessBuilder(args).directory(dir.toFile()).redirectOutput(log.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the examples of " + page + " finished");
    String all = Files.readString(log, StandardCharsets.UTF_8);
    List<String> outputs = new ArrayList<>(Arrays.asList(all.split(DocsExamples.SEPARATOR + "\n", -1)));
    if (outputs.get(outputs.size() - 1).isEmpty()) outputs.remove(outputs.size() - 1);
    assertEquals(commands.size(), outputs.size(), "one output per command: " + all);

    List<String> rewritten = new ArrayList<>(lines);
    List<String> mismatches = new ArrayList<>();
    for (int b = blocks.size() - 1; b >= 0; b--) {
      // Rewrite from the last block up, so the line numbers of earlier blocks stay right.
      DocsExamples.Block block = blocks.get(b);
      int first = blocks.subList(0, b).stream().mapToInt(x -> x.commands().size()).sum();
      List<String> body = new ArrayList<>();
      for (int k = 0; k < block.commands().size(); k++) {
        String actual = outputs.get(first + k);
        if (!actual.equals(block.outputs().get(k))) {
          mismatches.add("$ " + block.commands().get(k) + "\n--- the page shows:\n" + block.outputs().get(k)
              + "--- it prints:\n" + actual);
        }
        body.addAll(block.raw().get(k));
        body.addAll(actual.isEmpty() ? List.of() : Arrays.asList(actual.split("\n", -1)).subList(0,
            actual.split("\n", -1).length - 1));
      }
      for (int k = block.end() - 1; k > block.start(); k--) rewritten.remove(k);
      rewritten.addAll(block.start() + 1, body);
    }
    if (UPDATE) {
      Files.write(page, rewritten, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(mismatches.isEmpty(), page + ": examples that no longer print what the page shows (run "
        + "docs/regenerate-examples if the change is meant):\n" + String.join("\n", mismatches));
  }
}
