package org.uptake.scenario;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.uptake.model.AdoptionSpec;
import org.uptake.model.ModelParams;
import org.uptake.model.RuleSpec;

/**
 * A scenario parsed and validated once into typed, immutable settings. {@code ticks} is the number of steps
 * (1 to ticks; tick 0 is the start, see {@link org.uptake.model.Steps}), {@code unit} what one step is called
 * ("week"). {@code resolved} is the whole
 * scenario (includes and overrides applied) as JSON: it is what the journal keeps, so a run can be
 * replayed without the original files.
 */
public record Scenario(
    String name,
    String description,
    String strategy,
    long seed,
    int ticks,
    String unit,
    OrganisationSpec organisation,
    List<ExecutiveSpec> executives,
    GoalSpec goal,
    Measurement measurement,
    ReviewSpec review,
    SeedingSpec seeding,
    TeamSpec team,
    List<Intervention> interventions,
    ModelParams model,
    NetworkSpec network,
    AdoptionSpec adoption,
    String resolved) {

  /** The same scenario, kept in the journal as {@code text}. */
  public Scenario withResolved(String text) {
    return new Scenario(name, description, strategy, seed, ticks, unit, organisation, executives, goal, measurement,
        review, seeding, team, interventions, model, network, adoption, text);
  }

  /** What a department needs to build its people's adoption rule, as data it can carry to another member. */
  public RuleSpec ruleSpec() {
    return new RuleSpec(model, adoption, seed, unit);
  }

  public enum NetworkKind { ORGANISATION, COMPLETE, ERDOS_RENYI, RING_LATTICE, WATTS_STROGATZ, BARABASI_ALBERT }

  public record NetworkSpec(NetworkKind kind, int size, double meanDegree, int neighbours, double rewire, int attach) {
    public boolean flat() {
      return kind != NetworkKind.ORGANISATION;
    }
  }

  public record OrganisationSpec(
      List<DepartmentSpec> departments,
      Path orgChart,
      Path informalTiesFile,
      int spanOfControl,
      int tiesPerPerson,
      double rewire,
      double crossDepartmentShare,
      List<Double> innovativeness,
      int influenceStaff,
      int influenceManager,
      int influenceHead,
      double influentialShare) {

    /** Everybody in the organisation: the sum of the departments' headcounts. */
    public long people() {
      return departments.stream().mapToLong(DepartmentSpec::headcount).sum();
    }
  }

  public record DepartmentSpec(String name, String function, int headcount) {}

  public enum Commitment { LONG_TERM, CAMPAIGN }

  public record ExecutiveSpec(
      String role, List<String> sponsors, double support, Commitment commitment, int campaignLength) {}

  public record GoalSpec(
      String name, double strength, double response, Map<String, Double> alignment, double defaultAlignment) {

    public double alignmentOf(String function) {
      return strength * alignment.getOrDefault(function, defaultAlignment);
    }
  }

  public enum Measurement { CLICKS, BUSINESS_GOAL }

  public record ReviewSpec(int every, double declineTolerance, double withdrawStep, int patience, double target) {}

  public enum SeedingKind { ENTHUSIASTS, NONE, RANDOM, ADJACENT, NAMED }

  public record SeedingSpec(SeedingKind kind, int count, List<String> people, int enthusiasts,
      List<String> departments, int tick) {}

  public record TeamSpec(List<String> departments, int membersPerDepartment, int start) {
    public boolean formed() {
      return !departments.isEmpty();
    }
  }

  public enum InterventionKind { MANDATE, CAMPAIGN, SPONSOR, PILOT }

  /**
   * A timed intervention by an executive. Unused fields keep their defaults: strength and halfLife for
   * campaigns, level for sponsorship and pilots, reviewAfter and success for pilots.
   */
  public record Intervention(
      int tick,
      InterventionKind kind,
      String by,
      List<String> departments,
      double strength,
      double halfLife,
      double level,
      int reviewAfter,
      double success) {}
}
