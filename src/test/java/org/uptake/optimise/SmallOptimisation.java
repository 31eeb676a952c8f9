package org.uptake.optimise;

import java.nio.file.Files;
import java.nio.file.Path;

/** The optimisations the optimisation tests share, small enough to run in seconds. */
public final class SmallOptimisation {
  private SmallOptimisation() {}

  /**
   * Four departments of 40, with no informal ties between them, and a goal only Sales serves (every other
   * function's alignment is 0, so their goal index stays 0 whatever they do: MODEL.md §4). A pilot sponsors only
   * its own department, and its review comes after the horizon, so it never spreads. By construction a pilot
   * anywhere but Sales leaves the goal index exactly where the baseline has it, and only a pilot in Sales can raise it.
   */
  public static Path pilot(Path dir, double budget, int replications) throws Exception {
    Files.writeString(dir.resolve("one-aligned.conf"), """
        name = "One aligned department"
        ticks = 52
        organisation {
          departments = [
            { name = Sales,   function = sales,   headcount = 40 }
            { name = Finance, function = finance, headcount = 40 }
            { name = HR,      function = hr,      headcount = 40 }
            { name = IT,      function = it,      headcount = 40 }
          ]
          informal-ties.cross-department-share = 0
        }
        executives = [{ role = CEO, sponsors = [all] }]
        goal { default-alignment = 0, alignment { sales = 1.0 } }
        measurement = business-goal
        seeding { enthusiasts = 8, departments = [Sales, Finance, HR, IT], tick = 0 }
        """);
    return Files.writeString(dir.resolve("pilot.conf"), """
        base = "one-aligned.conf"
        objective = final_goal_index
        decide {
          pilot = { choices = [Finance, HR, Sales, IT] }
          level = { choices = [0.4, 0.8], costs = [10, 30] }
        }
        budget = %s
        set {
          interventions = [{ tick = 1, kind = pilot, by = CEO, departments = [${pilot}], level = ${level},
            review-after = 100 }]
        }
        replications = %d
        confirm = 4
        """.formatted(budget, replications));
  }

  /**
   * The Bass model on a complete network of 200 for 6 weeks, buying a larger p at a cost of 1,000 a unit above
   * 0.01 with a budget of 30. With the same draws a larger p makes every person adopt no later (each adopts when
   * their draw falls below a hazard that grows with p and with the share adopted before), so the best plan is the
   * largest p the budget allows: 0.04.
   */
  public static Path bass(Path dir, int evaluations) throws Exception {
    Files.writeString(dir.resolve("bass.conf"), "ticks = 6\nnetwork { kind = complete, size = 200 }\n"
        + "adoption { rule = bass, p = 0.01, q = 0.3 }\nseeding.kind = none\n");
    return Files.writeString(dir.resolve("bass-opt.conf"), """
        base = "bass.conf"
        objective = final_ever_adopted_fraction
        decide { p = { from = 0.01, to = 0.05, costs = { from = 0, to = 40 } } }
        budget = 30
        set { adoption.p = ${p} }
        replications = 2
        evaluations = %d
        confirm = 2
        """.formatted(evaluations));
  }
}
