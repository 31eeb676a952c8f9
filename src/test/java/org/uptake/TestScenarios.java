package org.uptake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small scenarios for tests, written to a folder so includes and relative paths behave as for users. */
public final class TestScenarios {
  private TestScenarios() {}

  /**
   * 60 people in three departments, 30 ticks, and every mechanism switched on: enthusiasts, a
   * cross-functional team, sponsorship, a campaign, a mandate that travels down the hierarchy, a pilot
   * and reviews on clicks.
   */
  public static final String SMALL = """
      name = "Small test organisation"
      strategy = mixed
      seed = 7
      ticks = 30
      organisation {
        departments = [
          { name = Sales, function = sales, headcount = 25 }
          { name = Support, function = customer-service, headcount = 20 }
          { name = Finance, function = finance, headcount = 15 }
        ]
        span-of-control = 4
        informal-ties.per-person = 6
      }
      executives = [
        { role = CEO, sponsors = [all], support = 0.3 }
        { role = CMO, sponsors = [Sales] }
      ]
      goal.alignment { sales = 0.9, customer-service = 1.0, finance = 0.3 }
      seeding { enthusiasts = 3, departments = [Sales, Support] }
      team { departments = [Sales, Finance], members-per-department = 1, start = 2 }
      review.every = 5
      interventions = [
        { tick = 3, kind = campaign, by = CEO, strength = 0.1, half-life = 2 }
        { tick = 6, kind = mandate, by = CEO, departments = [Support, Finance] }
        { tick = 4, kind = pilot, by = CMO, departments = [Sales], review-after = 10, success = 0.05 }
      ]
      """;

  public static Path write(Path dir, String name, String text) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(name);
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path small(Path dir) {
    return write(dir, "small.conf", SMALL);
  }
}
