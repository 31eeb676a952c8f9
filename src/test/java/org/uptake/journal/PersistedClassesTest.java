package org.uptake.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.uptake.CborSerializable;

/**
 * The journal stores each event's class name as its manifest. Renaming or moving a persisted class would
 * leave every recorded run unreadable, so the names are pinned here: a rename must come with a Jackson
 * migration (akka.serialization.jackson.migrations) that maps the old name, and the old name stays listed.
 */
class PersistedClassesTest {
  @Test
  void persistedClassNamesAreThePinnedOnes() throws IOException, URISyntaxException {
    Set<String> pinned = new TreeSet<>();
    for (String line : Files.readAllLines(Path.of("src/test/resources/persisted-classes.txt"))) {
      if (!line.isBlank() && !line.startsWith("#")) pinned.add(line.trim());
    }
    Path classes = Path.of(CborSerializable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> found = new TreeSet<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String binary = classes.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".")
            .replaceAll("\\.class$", "");
        try {
          Class<?> c = Class.forName(binary, false, getClass().getClassLoader());
          if (CborSerializable.class.isAssignableFrom(c) && !c.isInterface() && c != CborSerializable.class) {
            found.add(c.getName());
          }
        } catch (ClassNotFoundException | LinkageError e) {
          throw new AssertionError("cannot load " + binary, e);
        }
      }
    }
    assertEquals(pinned, found, "persisted classes changed. A new class: add it to "
        + "src/test/resources/persisted-classes.txt. A renamed or moved one: keep the old name readable with a "
        + "Jackson migration first (recorded runs name it).");
  }

  @Test
  void newerVersionsAreRefusedOlderAndSameAreRead() {
    // major.minor decides; patch releases only fix bugs and never change what is written.
    assertEquals(true, JournalFormat.readable("0.1.0", "0.1.0"));
    assertEquals(true, JournalFormat.readable("0.1.7", "0.1.0"));
    assertEquals(true, JournalFormat.readable("0.0.9", "0.1.0"));
    assertEquals(false, JournalFormat.readable("0.2.0", "0.1.0"));
    assertEquals(false, JournalFormat.readable("1.0.0", "0.9.3"));
    assertEquals(true, JournalFormat.readable("test", "0.1.0"));
  }
}
