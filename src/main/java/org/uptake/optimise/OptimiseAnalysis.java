package org.uptake.optimise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.uptake.optimise.Optimisation.PlanEvaluated;
import org.uptake.optimise.Optimisation.Role;
import org.uptake.report.HeadlineMetric;
import org.uptake.report.Numbers;
import org.uptake.stats.Interval;

/**
 * What an optimisation found, from its record alone. Every plan of the search with its mean objective and 95%
 * interval, and its paired difference from the baseline on the same seeds (common random numbers make the pairs);
 * the plans from best to worst; the cost–objective frontier; and the confirmation: the best plan, the runner-up
 * and the baseline on fresh seeds, whose paired differences are what the summary rests on, since the search's own
 * means favour whichever plan was luckiest on the search's seeds.
 *
 * <p>For a time to a threshold the objective of a run that never reaches it is the horizon: the plan's mean is
 * then the restricted mean time within the horizon, and the share of runs that reached it is reported beside it.
 */
public record OptimiseAnalysis(OptimiseLog log, PlanEvaluated baseline, List<Row> ranked, List<Row> frontier,
    Confirmation confirmation) {

  /** A plan of the search: its objective's mean with a 95% interval, the difference from the baseline, reached. */
  public record Row(PlanEvaluated plan, Interval objective, Interval difference, int reached) {}

  /**
   * The best plan, the runner-up (null when only one plan was within the budget) and the baseline on fresh seeds:
   * the best plan's objective, and its paired differences from the baseline and from the runner-up.
   */
  public record Confirmation(Row best, Row runnerUp, Row baseline, Interval overBaseline, Interval overRunnerUp) {}

  public static OptimiseAnalysis of(OptimiseLog log) {
    OptimiseSpec spec = log.spec();
    PlanEvaluated baseline = log.plans().stream().filter(p -> p.role() == Role.BASELINE).findFirst().orElseThrow();
    List<PlanEvaluated> search = log.plans().stream().filter(p -> p.role() == Role.SEARCH).toList();
    List<Row> ranked = OptimiseSearch.ranked(spec, search).stream().map(p -> row(spec, p, baseline)).toList();
    List<PlanEvaluated> confirm = log.plans().stream().filter(p -> p.role() == Role.CONFIRM).toList();
    PlanEvaluated freshBaseline = confirm.get(confirm.size() - 1);
    Row best = row(spec, confirm.get(0), freshBaseline);
    Row runnerUp = confirm.size() == 3 ? row(spec, confirm.get(1), freshBaseline) : null;
    Confirmation c = new Confirmation(best, runnerUp, row(spec, freshBaseline, freshBaseline), best.difference(),
        runnerUp == null ? null : difference(spec, confirm.get(0), confirm.get(1)));
    return new OptimiseAnalysis(log, baseline, ranked, frontier(spec, ranked), c);
  }

  public OptimiseSpec spec() {
    return log.spec();
  }

  /** The plans no cheaper plan matches: from the cheapest, each one better than every plan that costs less. */
  static List<Row> frontier(OptimiseSpec spec, List<Row> ranked) {
    List<Row> byCost = new ArrayList<>(ranked);
    byCost.sort(java.util.Comparator.comparingDouble((Row r) -> r.plan().cost())
        .thenComparingDouble(r -> -OptimiseSearch.better(spec, r.plan())).thenComparingInt(r -> r.plan().number()));
    List<Row> out = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    for (Row r : byCost) {
      double b = OptimiseSearch.better(spec, r.plan());
      if (b > best) {
        out.add(r);
        best = b;
      }
    }
    return List.copyOf(out);
  }

  static Row row(OptimiseSpec spec, PlanEvaluated p, PlanEvaluated baseline) {
    int reached = (int) p.results().stream().filter(v -> v != null).count();
    return new Row(p, objective(spec, OptimiseSearch.values(spec, p)), difference(spec, p, baseline), reached);
  }

  /** The 95% interval of a plan's mean objective, of the kind its metric needs (docs/guide-experiments.md). */
  static Interval objective(OptimiseSpec spec, double[] values) {
    return switch (spec.metric().kind()) {
      case SHARE, INDEX -> Interval.share(values);
      case COUNT -> Interval.count(values);
      case TIME -> clip(Interval.mean(values), 0, spec.ticks());
    };
  }

  /** The paired difference {@code a − b} over the runs both made with the same seeds, with its t interval. */
  static Interval difference(OptimiseSpec spec, PlanEvaluated a, PlanEvaluated b) {
    if (!a.seeds().equals(b.seeds())) throw new IllegalArgumentException("plans " + a.number() + " and " + b.number()
        + " ran on different seeds");
    double[] x = OptimiseSearch.values(spec, a);
    double[] y = OptimiseSearch.values(spec, b);
    double[] d = new double[x.length];
    for (int i = 0; i < d.length; i++) d[i] = x[i] - y[i];
    Interval t = Interval.mean(d);
    HeadlineMetric m = spec.metric();
    if (m.bounded()) return clip(t, -1, 1);
    if (m.kind() == HeadlineMetric.Kind.TIME) return clip(t, -spec.ticks(), spec.ticks());
    return t;
  }

  private static Interval clip(Interval i, double low, double high) {
    return new Interval(i.n(), i.estimate(), Math.max(low, i.low()), Math.min(high, i.high()));
  }

  /** Whether the difference says the first plan is better: its interval excludes 0 on the better side. */
  public boolean better(Interval difference) {
    if (difference == null || !difference.excludes(0)) return false;
    return spec().metric().higherIsBetter() ? difference.low() > 0 : difference.high() < 0;
  }

  /** What the objective is called in sentences: "final active", "restricted mean time to 50% active". */
  public String objectiveLabel() {
    HeadlineMetric m = spec().metric();
    return m.kind() == HeadlineMetric.Kind.TIME ? "restricted mean " + m.label() + " (a run that never reaches it "
        + "counts as " + spec().ticks() + ")" : m.label();
  }

  /** A value of the objective, or a difference, as people read it (a difference of shares in points). */
  public String format(double v, boolean difference) {
    HeadlineMetric m = spec().metric();
    if (difference && m.kind() == HeadlineMetric.Kind.SHARE) {
      return String.format(Locale.ROOT, "%+.1f points", 100 * v);
    }
    String s = m.format(v);
    return difference && v >= 0 ? "+" + s : s;
  }

  public String interval(Interval i, boolean difference) {
    String low = format(i.low(), difference);
    String high = format(i.high(), difference);
    return low.endsWith(" points") ? low.substring(0, low.length() - 7) + " to " + high : low + " to " + high;
  }

  /** The other plans of the search whose every run ended exactly as the best plan's: their extra levers did nothing. */
  public List<Row> ties() {
    PlanEvaluated best = ranked.get(0).plan();
    return ranked.stream().skip(1).filter(r -> r.plan().results().equals(best.results())).toList();
  }

  /** The lines a reader sees first, in the terminal and at the top of the report. */
  public List<String> summary() {
    OptimiseSpec spec = spec();
    Confirmation c = confirmation;
    List<String> lines = new ArrayList<>();
    String unit = log.unit();
    lines.add(String.format(Locale.ROOT, "Best plan: %s (cost %s%s).", spec.describe(c.best().plan().values()),
        Numbers.plain(c.best().plan().cost()), spec.budget() == null ? "" : " of a budget of " + Numbers.plain(spec.budget())));
    lines.add(String.format(Locale.ROOT, "On %d fresh runs its %s at %s %d is %s (95%% interval %s); the baseline's "
        + "(%s) is %s.", spec.confirm(), objectiveLabel(), unit, spec.ticks(), format(c.best().objective().estimate(),
        false), interval(c.best().objective(), false), spec.describe(List.of()),
        format(c.baseline().objective().estimate(), false)));
    lines.add(String.format(Locale.ROOT, "Against the baseline, on the same seeds: %s (95%% interval %s): %s.",
        format(c.overBaseline().estimate(), true), interval(c.overBaseline(), true), better(c.overBaseline())
        ? "the plan is better" : c.overBaseline().excludes(0) ? "the plan is worse than the baseline"
        : "no clear difference"));
    List<Row> ties = ties();
    if (!ties.isEmpty()) {
      lines.add(String.format(Locale.ROOT, "%d other plan%s gave exactly the same runs at a cost of %s or more "
          + "(what %s add%s changes nothing here), e.g. %s.", ties.size(), ties.size() == 1 ? "" : "s",
          Numbers.plain(ties.stream().mapToDouble(r -> r.plan().cost()).min().orElseThrow()), ties.size() == 1 ? "it" : "they",
          ties.size() == 1 ? "s" : "", spec.describe(ties.get(0).plan().values())));
    }
    if (c.runnerUp() != null) {
      lines.add(String.format(Locale.ROOT, "Against the runner-up, the best plan whose runs differ (%s, cost %s): %s (95%% interval %s): %s.",
          spec.describe(c.runnerUp().plan().values()), Numbers.plain(c.runnerUp().plan().cost()),
          format(c.overRunnerUp().estimate(), true), interval(c.overRunnerUp(), true), better(c.overRunnerUp())
          ? "the best plan is better" : c.overRunnerUp().excludes(0) ? "the runner-up did better on the fresh runs: "
          + "prefer it, or search with more replications" : "no clear difference, so either will do"));
    }
    lines.add(String.format(Locale.ROOT, "%d plans searched (%s), %d runs each with the same seeds.",
        ranked.size(), OptimiseSearch.exhaustive(spec) ? "every plan within the budget" : "CMA-ES",
        spec.replications()));
    return lines;
  }
}
