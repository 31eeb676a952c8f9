package org.uptake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uptake.cluster.SweepWorker;
import org.uptake.fit.FitSpec;
import org.uptake.model.AdoptionState;
import org.uptake.model.Cause;
import org.uptake.model.CauseKind;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.DepartmentReport;
import org.uptake.organisation.Executive;
import org.uptake.organisation.OrganisationBuilder;
import org.uptake.organisation.People;
import org.uptake.organisation.Roster;
import org.uptake.run.RunClock;
import org.uptake.scenario.ScenarioLoader;
import org.uptake.staff.Directory;
import org.uptake.staff.Staff;
import org.uptake.staff.Workgroup;
import org.uptake.sweep.Measures;
import org.uptake.sweep.SweepJobs;

/**
 * Every persisted event and snapshot state goes through its serializer (a department's through the binary encoding
 * of docs/design.md, "Encoding"; the others through Jackson CBOR) and back to the same bytes, with the class name as
 * manifest. Single-component records and NaN values are the known traps (see the guide).
 */
class SerializationTest {
  static ActorTestKit testKit;
  static Serialization serialization;

  @BeforeAll
  static void setUp() {
    testKit = ActorTestKit.create(com.typesafe.config.ConfigFactory.load());
    serialization = SerializationExtension.get(testKit.system());
  }

  @AfterAll
  static void tearDown() {
    testKit.shutdownTestKit();
  }

  static Object roundTrip(Object value) {
    byte[] bytes = serialization.serialize(value).get();
    akka.serialization.Serializer serializer = serialization.findSerializerFor(value);
    boolean department = value instanceof Department.Event || value instanceof Department.State;
    assertEquals(department ? "DepartmentSerializer" : "JacksonCborSerializer",
        serializer.getClass().getSimpleName(), value.getClass().getName());
    String manifest = Serializers.manifestFor(serializer, value);
    assertEquals(value.getClass().getName(), manifest, "the class name is the manifest");
    Object back = serialization.deserialize(bytes, serializer.identifier(), manifest).get();
    assertEquals(value.getClass(), back.getClass());
    assertArrayEquals(bytes, serialization.serialize(back).get(), value.getClass().getSimpleName());
    return back;
  }

  @Test
  void everyEventAndStateRoundTrips(@TempDir Path dir) {
    var scenario = ScenarioLoader.load(TestScenarios.small(dir));
    Roster roster = Roster.of(OrganisationBuilder.build(scenario), 0);
    Transition t = new Transition(3, AdoptionState.AWARE, AdoptionState.TRIALING, false, true, "m", true,
        new Cause(CauseKind.PEERS, List.of(4, 9), "colleagues who use it"));
    DepartmentReport report = new DepartmentReport("Sales", new int[] {1, 2, 3, 4, 5}, 1, 2, 3, 0x1234_5678_9ABC_DEF0L);

    Department.Formed formed = (Department.Formed) roundTrip(new Department.Formed(roster));
    assertEquals(roster.members().size(), formed.roster().members().size());
    assertArrayEquals(roster.members().get(3).ties(), formed.roster().members().get(3).ties());
    assertEquals(t, roundTrip(new Department.TickResolved(7, List.of(t))) instanceof Department.TickResolved r
        ? r.transitions().get(0) : null);
    People people = new People(new byte[] {0, 3}, new int[] {0, 5}, new boolean[] {false, true},
        new boolean[] {true, false}, new boolean[2], new String[] {"mandate by CEO at tick 2", null});
    People back = ((Department.Restored) roundTrip(new Department.Restored(4, people, "parent"))).people();
    assertArrayEquals(people.mandateSource(), back.mandateSource());
    roundTrip(new Department.State(roster, people, People.initial(2), List.of(t), 5));

    roundTrip(new Executive.SupportChanged(3, 0.5, List.of("Sales"), Double.NaN, "sponsorship announced"));
    roundTrip(new Executive.MandateIssued(4, List.of("Sales"), "mandate by CEO at tick 4"));
    roundTrip(new Executive.CampaignLaunched(4, List.of("Sales"), 0.1, 3));
    roundTrip(new Executive.PilotStarted(2, List.of("Sales"), 0.6, 28, 0.25));
    roundTrip(new Executive.Reviewed(13, "clicks", 0.3, "kept support"));
    Executive.State state = (Executive.State) roundTrip(new Executive.State(0.5, List.of("Sales"), 2, Double.NaN,
        List.of(new Executive.CampaignLaunched(4, List.of("Sales"), 0.1, 3)), -1, 0, 4,
        List.of(new Executive.MandateIssued(4, List.of("Sales"), "m"))));
    roundTrip(new Executive.Restored(4, state, "parent"));
    assertEquals(Double.NaN, state.lastMeasure());

    roundTrip(new RunClock.RunStarted("r", "s", "edges", "f.conf", "{}", 1, 10, List.of("seed=2"), "0.1.0",
        List.of("Sales"), List.of("CEO"), 25, "parent", 4, 2));
    roundTrip(new RunClock.Restored(4, List.of(report), List.of(0.25)));
    roundTrip(new RunClock.RunFailed(4, "department Sales stopped"));
    roundTrip(new RunClock.TickCompleted(3, List.of(report), List.of(0.25)));
    assertEquals(new RunClock.RunFinished(9), roundTrip(new RunClock.RunFinished(9)));
    roundTrip(new RunClock.State(true, false, 3, List.of(report), List.of(0.1)));
  }

  /**
   * A fit recorded before keys could have priors has estimates without the field: they read as keys without a
   * prior, and one with a prior keeps it.
   */
  @Test
  void aFitsEstimateWithoutAPriorReadsAsNone() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper cbor = akka.serialization.jackson.JacksonObjectMapperProvider
        .get(akka.actor.typed.javadsl.Adapter.toClassic(testKit.system()))
        .getOrCreate("jackson-cbor", java.util.Optional.empty());
    FitSpec.Estimate withPrior = new FitSpec.Estimate("adoption.q", 0.1, 0.8, new FitSpec.Prior(0.5, 0.1));
    assertEquals(withPrior, cbor.readValue(cbor.writeValueAsBytes(withPrior), FitSpec.Estimate.class));
    com.fasterxml.jackson.databind.node.ObjectNode old = cbor.valueToTree(withPrior);
    old.remove("prior");
    assertEquals(new FitSpec.Estimate("adoption.q", 0.1, 0.8, null),
        cbor.readValue(cbor.writeValueAsBytes(old), FitSpec.Estimate.class));
  }

  @Test
  void everyMessageBetweenClusterMembersRoundTrips(@TempDir Path dir) {
    var scenario = ScenarioLoader.load(TestScenarios.small(dir));
    Roster roster = Roster.of(OrganisationBuilder.build(scenario), 0);
    TestProbe<Department.Reply> replies = testKit.createTestProbe();
    TestProbe<Workgroup.Command> group = testKit.createTestProbe();
    TestProbe<Department.Command> department = testKit.createTestProbe();
    People people = People.initial(roster.members().size());

    Department.Form form = (Department.Form) roundTrip(new Department.Form(roster, 3,
        new Department.Restored(3, people, "parent"), scenario.ruleSpec(), replies.getRef(), department.getRef()));
    assertEquals(scenario.ruleSpec(), form.rule(), "every member builds the rule from the same values");
    assertEquals(replies.getRef(), form.replyTo());
    assertEquals(department.getRef(), form.clock());

    TestProbe<Workgroup.Command> other = testKit.createTestProbe();
    // Persons 0 and 3 hold places 0 and 1 of department 0; persons 1, 2 and 4 places 512, 513 and 514 of
    // department 1, that is (by hand) its workgroup 1, positions 0, 1 and 2. Only 1 and 2 form one run.
    int[] departmentOf = {0, 1, 1, 0, 1};
    int[] rank = {0, 512, 513, 1, 514};
    Directory directory = Directory.of(List.of(List.of(group.getRef()), List.of(other.getRef(), group.getRef())),
        departmentOf, rank);
    assertArrayEquals(new int[] {0, 1, 3, 4}, directory.firstPerson(), "1 and 2 hold consecutive places: one run");
    Directory back = ((Department.Connect) roundTrip(new Department.Connect(directory, replies.getRef()))).directory();
    assertEquals(new Workgroup.Address(group.getRef(), 0), back.address(0));
    assertEquals(new Workgroup.Address(group.getRef(), 0), back.address(1), "rank 512: workgroup 1, position 0");
    assertEquals(new Workgroup.Address(group.getRef(), 1), back.address(2));
    assertEquals(new Workgroup.Address(group.getRef(), 1), back.address(3), "rank 1 of department 0");
    assertEquals(new Workgroup.Address(group.getRef(), 2), back.address(4));

    DepartmentContext context = new DepartmentContext(0.5, 0.1, true, 0.9, "mandate by CEO at tick 2", true, 100,
        7, 2);
    assertEquals(context, ((Department.Tick) roundTrip(new Department.Tick(4, context, replies.getRef()))).context());
    roundTrip(new Department.Stop(replies.getRef()));
    Department.Ready ready = (Department.Ready) roundTrip(new Department.Ready("Sales", List.of(group.getRef()),
        department.getRef()));
    assertEquals(List.of(group.getRef()), ready.groups());
    assertEquals(new Department.Connected("Sales"), roundTrip(new Department.Connected("Sales")));
    Department.Resolved resolved = (Department.Resolved) roundTrip(new Department.Resolved(4, new DepartmentReport(
        "Sales", new int[] {1, 2, 3, 4, 5}, 1, 2, 3, 0x1234_5678_9ABC_DEF0L), new int[] {7, 40}));
    assertArrayEquals(new int[] {7, 40}, resolved.activated(), "who became active goes across the cluster too");
    assertEquals(new Department.Stopped("Sales"), roundTrip(new Department.Stopped("Sales")));

    List<Staff.News> news = List.of(new Staff.Signal(4, 17, AdoptionState.ACTIVE, 3, true),
        new Staff.MandateSignal(4, "mandate by CEO at tick 2, via p1"));
    Workgroup.Deliver deliver = (Workgroup.Deliver) roundTrip(new Workgroup.Deliver(new int[] {5, 9}, news,
        group.getRef()));
    assertEquals(news, deliver.news(), "each kind of news comes back as itself");
    assertArrayEquals(new int[] {5, 9}, deliver.positions());
    assertEquals(Workgroup.Delivered.INSTANCE, roundTrip(Workgroup.Delivered.INSTANCE));

    TestProbe<SweepWorker.Result> results = testKit.createTestProbe();
    SweepJobs.Candidate candidate = new SweepJobs.Candidate("fit-c3-s1", "base.conf", "ticks = 12", List.of(
        "adoption.p=0.03", "seed=1"), "test", List.of("weeks_to_half_active"), List.of("active_fraction"));
    SweepWorker.Measure measure = (SweepWorker.Measure) roundTrip(new SweepWorker.Measure(candidate,
        results.getRef()));
    assertEquals(candidate, measure.candidate());
    assertEquals(results.getRef(), measure.replyTo());
    // A time the run did not reach is null, and comes back null rather than as 0.
    Measures measures = new Measures(java.util.Arrays.asList((Double) null), 12, List.of(List.of(0.0, 0.25)), 200);
    assertEquals(new SweepWorker.Result("fit-c3-s1", measures, null),
        roundTrip(new SweepWorker.Result("fit-c3-s1", measures, null)));
  }
}
