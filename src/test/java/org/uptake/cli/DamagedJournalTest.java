package org.uptake.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.ActorSystem;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializers;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.model.AdoptionState;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;
import org.uptake.organisation.DepartmentReport;
import org.uptake.organisation.Executive;
import org.uptake.organisation.Roster;
import org.uptake.run.RunClock;

/**
 * Kinds of damage a journal can suffer (by hand, by a bad restore, by a failing disk), each made to one run of a
 * journal that also holds a healthy run: `check` names the damaged run and what is wrong, says the healthy one
 * is ok and exits 1; `replay` of the damaged run refuses it in one line, without a stack trace.
 */
class DamagedJournalTest {
  static final String VICTIM = "victim";
  static final String SALES = "Department|victim|Sales";
  static final String IT = "Department|victim|IT";
  static final String CLOCK = "Run|victim";
  static final String CEO = "Executive|victim|CEO";

  @TempDir static Path shared;
  static Path pristine;
  static ActorSystem serializing;

  @BeforeAll
  static void recordTwoRuns() throws Exception {
    pristine = shared.resolve("pristine");
    String db = url(pristine);
    Uptake.Result healthy = Uptake.run("run", "simulations/from-the-edges.conf", "--run-id", "healthy", "--set",
        "ticks=6", "--db", db, "--out", shared.resolve("out").toString(), "--quiet");
    assertEquals(0, healthy.status(), healthy.err());
    // Twelve weeks of the mandate: every executive acts, Sales and IT change every week, snapshots every 4.
    Uptake.Result victim = Uptake.run("run", "simulations/executive-mandate.conf", "--run-id", VICTIM, "--set",
        "ticks=12", "--snapshot-every", "4", "--db", db, "--out", shared.resolve("out").toString(), "--quiet");
    assertEquals(0, victim.status(), victim.err());
    serializing = ActorSystem.create("damage", ConfigFactory.load());
  }

  @AfterAll
  static void stop() {
    if (serializing != null) serializing.terminate();
  }

  static String url(Path folder) {
    return "jdbc:h2:file:" + folder.resolve("journal").toAbsolutePath();
  }

  /** One kind of damage: what it does to the journal, and words `check` must print about it. */
  record Damage(String name, String reported, Edit edit) {
    @Override
    public String toString() {
      return name;
    }
  }

  interface Edit {
    void apply(Journal j) throws Exception;
  }

  static Stream<Damage> damages() {
    return Stream.of(
        new Damage("a department's event deleted", "jumps from event 4 to 6", j -> j.delete(SALES, 5)),
        new Damage("the run's start deleted", "its first event is a TickCompleted", j -> j.delete(CLOCK, 1)),
        new Damage("the run's start replaced by another event", "its first event is a TickCompleted",
            j -> j.copy(CLOCK, 2, 1)),
        new Damage("a payload overwritten with garbage", "cannot be decoded",
            j -> j.payload(SALES, 3, new byte[] {(byte) 0xff, 1, 2, 3})),
        new Damage("an event of the wrong kind in a department", "is a TickCompleted",
            j -> j.write(SALES, 3, j.read(CLOCK, 3))),
        new Damage("two people's changes swapped (counts unchanged)", "do not match the digest", j -> {
          Department.TickResolved r = j.read(SALES, 6);
          List<Transition> t = new ArrayList<>(r.transitions());
          assertTrue(t.size() >= 2, "two changes in Sales' tick 4, the mandate's");
          Transition a = t.get(0);
          Transition b = t.get(1);
          t.set(0, withPerson(a, b.person()));
          t.set(1, withPerson(b, a.person()));
          j.write(SALES, 6, new Department.TickResolved(r.tick(), t));
        }),
        new Damage("a person's new state changed", "the department's changes give", j -> {
          Department.TickResolved r = j.read(SALES, 6);
          List<Transition> t = new ArrayList<>(r.transitions());
          Transition a = t.get(0);
          AdoptionState other = a.to() == AdoptionState.LAPSED ? AdoptionState.AWARE : AdoptionState.LAPSED;
          t.set(0, new Transition(a.person(), a.from(), other, a.champion(), a.mandated(), a.mandateArrived(),
              a.forwardsMandate(), a.cause()));
          j.write(SALES, 6, new Department.TickResolved(r.tick(), t));
        }),
        new Damage("the clock's counts changed", "the clock recorded Sales with counts", j -> {
          RunClock.TickCompleted c = j.read(CLOCK, 5);
          List<DepartmentReport> reports = new ArrayList<>(c.reports());
          DepartmentReport s = reports.get(0);
          int[] counts = s.counts().clone();
          counts[0]--;
          counts[1]++;
          reports.set(0, new DepartmentReport(s.department(), counts, s.champions(), s.mandated(),
              s.newlyActive(), s.digest()));
          j.write(CLOCK, 5, new RunClock.TickCompleted(c.tick(), reports, c.goals()));
        }),
        new Damage("the clock's digest changed", "do not match the digest", j -> {
          RunClock.TickCompleted c = j.read(CLOCK, 5);
          List<DepartmentReport> reports = new ArrayList<>(c.reports());
          DepartmentReport s = reports.get(7);
          reports.set(7, new DepartmentReport(s.department(), s.counts(), s.champions(), s.mandated(),
              s.newlyActive(), s.digest() + 1));
          j.write(CLOCK, 5, new RunClock.TickCompleted(c.tick(), reports, c.goals()));
        }),
        new Damage("a department missing from a tick of the clock", "records 7 departments where the run has 8",
            j -> {
              RunClock.TickCompleted c = j.read(CLOCK, 5);
              j.write(CLOCK, 5, new RunClock.TickCompleted(c.tick(), c.reports().subList(0, 7),
                  c.goals().subList(0, 7)));
            }),
        new Damage("a department's tick duplicated at its end", "has tick 12 where tick 13 was due",
            j -> j.copy(SALES, 14, 15)),
        new Damage("a department's ticks renumbered", "has tick 5 where tick 3 was due", j -> {
          Department.TickResolved r = j.read(SALES, 6);
          j.write(SALES, 5, new Department.TickResolved(5, r.transitions()));
        }),
        new Damage("a department's events all deleted", "Department|victim|IT has no events",
            j -> j.deleteAll(IT)),
        new Damage("an executive's event deleted", "jumps from event 1 to 3", j -> j.delete(CEO, 2)),
        new Damage("an executive acting after the run", "acts at tick 40, after the run's last tick 12", j -> {
          j.write(CEO, j.last(CEO), new Executive.Reviewed(40, "clicks", 0.5, "a review long after the run"));
        }),
        // The CEO's three decisions are all in week 4.
        new Damage("an executive's events out of order", "goes back from tick 4 to tick 1",
            j -> j.write(CEO, 3, new Executive.Reviewed(1, "clicks", 0.5, "a review back in week 1"))),
        new Damage("events after the end marker", "has events after its end marker",
            j -> j.copy(CLOCK, j.last(CLOCK) - 1, j.last(CLOCK) + 1)),
        new Damage("a department's tick after the run ended", "has tick 13 after the run's last tick 12", j -> {
          Department.TickResolved r = j.read(SALES, 14);
          j.insert(SALES, 15, new Department.TickResolved(13, r.transitions()));
        }),
        new Damage("a person on two rosters", "is on the rosters of both", j -> {
          Department.Formed sales = j.read(SALES, 1);
          Department.Formed it = j.read(IT, 1);
          List<Roster.Member> members = new ArrayList<>(it.roster().members());
          members.set(0, sales.roster().members().get(0));
          j.write(IT, 1, new Department.Formed(new Roster("IT", it.roster().function(), members)));
        }),
        new Damage("a change to a person of another department", "who is not on its roster", j -> {
          Department.TickResolved r = j.read(SALES, 6);
          Department.Formed it = j.read(IT, 1);
          List<Transition> t = new ArrayList<>(r.transitions());
          t.set(0, withPerson(t.get(0), it.roster().members().get(0).id()));
          j.write(SALES, 6, new Department.TickResolved(r.tick(), t));
        }),
        new Damage("a snapshot overwritten with garbage", "Department|victim|Sales's snapshot at event",
            j -> j.snapshot(SALES, new byte[] {(byte) 0xff, 0, 0})));
  }

  static Transition withPerson(Transition t, int person) {
    return new Transition(person, t.from(), t.to(), t.champion(), t.mandated(), t.mandateArrived(),
        t.forwardsMandate(), t.cause());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("damages")
  void checkNamesTheDamagedRunAndGoesOn(Damage damage, @TempDir Path dir) throws Exception {
    Path copy = dir.resolve("journal-copy");
    copyJournal(copy);
    try (Journal j = new Journal(copy)) {
      damage.edit().apply(j);
    }
    String db = url(copy);
    Uptake.Result check = Uptake.run("check", "--db", db);
    assertEquals(Main.FAILED, check.status(), check.out() + check.err());
    assertTrue(check.out().lines().anyMatch(l -> l.startsWith("ok       healthy:")), check.out());
    String line = check.out().lines().filter(l -> l.startsWith("DAMAGED  victim:")).findFirst().orElse("");
    assertTrue(line.contains(damage.reported()), "check said: " + check.out() + check.err());
    assertTrue(check.out().contains("2 run(s) checked, 1 damaged."), check.out());

    if (!damage.name().contains("snapshot")) {
      Uptake.Result replay = Uptake.run("replay", VICTIM, "--db", db, "--out", dir.resolve("replayed").toString());
      assertEquals(Main.FAILED, replay.status(), replay.err());
      assertEquals(1, replay.err().lines().count(), replay.err());
      assertTrue(replay.err().startsWith("uptake: run victim is damaged: "), replay.err());
      assertFalse(replay.err().contains("unexpected"), replay.err());
    }
  }

  @Test
  void anUndamagedJournalChecksOk(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("journal-copy");
    copyJournal(copy);
    Uptake.Result check = Uptake.run("check", "--db", url(copy));
    assertEquals(0, check.status(), check.out() + check.err());
    assertTrue(check.out().contains("2 run(s) checked, 0 damaged."), check.out());
  }

  /** `runs` lists the other runs around one whose start cannot be read, and `rm` can still remove it. */
  @Test
  void aRunWithoutItsStartIsListedDamagedAndCanBeRemoved(@TempDir Path dir) throws Exception {
    Path copy = dir.resolve("journal-copy");
    copyJournal(copy);
    try (Journal j = new Journal(copy)) {
      j.payload(CLOCK, 1, new byte[] {1, 2, 3});
    }
    String db = url(copy);
    Uptake.Result runs = Uptake.run("runs", "--db", db);
    assertEquals(0, runs.status(), runs.err());
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("victim ") && l.contains("damaged")), runs.out());
    assertTrue(runs.out().lines().anyMatch(l -> l.startsWith("healthy ") && l.contains("finished")), runs.out());
    Uptake.Result rm = Uptake.run("rm", VICTIM, "--yes", "--db", db);
    assertEquals(0, rm.status(), rm.err());
    Uptake.Result after = Uptake.run("check", "--db", db);
    assertEquals(0, after.status(), after.out() + after.err());
    assertTrue(after.out().contains("1 run(s) checked, 0 damaged."), after.out());
  }

  private static void copyJournal(Path to) throws Exception {
    Files.createDirectories(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    try (Stream<Path> files = Files.list(pristine)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("journal")).toList()) {
        if (f.getFileName().toString().endsWith(".lock.db")) continue;
        Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  /** Plain SQL on a copy of the journal, with the project's serialization to read and rewrite payloads. */
  static final class Journal implements AutoCloseable {
    final Connection c;
    final Serialization serialization = SerializationExtension.get(serializing);

    Journal(Path folder) {
      c = JournalSchema.connect(JournalSchema.ensure(JournalSettings.of(url(folder))));
    }

    <T> T read(String pid, long seq) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("SELECT \"event_payload\", \"event_ser_id\", "
          + "\"event_ser_manifest\" FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
        s.setString(1, pid);
        s.setLong(2, seq);
        try (ResultSet rs = s.executeQuery()) {
          assertTrue(rs.next(), pid + " has event " + seq);
          @SuppressWarnings("unchecked")
          T event = (T) serialization.deserialize(rs.getBytes(1), rs.getInt(2), rs.getString(3)).get();
          return event;
        }
      }
    }

    void write(String pid, long seq, Object event) throws SQLException {
      update(pid, seq, serialization.serialize(event).get(), serialization.findSerializerFor(event).identifier(),
          Serializers.manifestFor(serialization.findSerializerFor(event), event));
    }

    void payload(String pid, long seq, byte[] bytes) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("UPDATE \"event_journal\" SET \"event_payload\" = ? "
          + "WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
        s.setBytes(1, bytes);
        s.setString(2, pid);
        s.setLong(3, seq);
        assertEquals(1, s.executeUpdate());
      }
    }

    private void update(String pid, long seq, byte[] bytes, int serializer, String manifest) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("UPDATE \"event_journal\" SET \"event_payload\" = ?, "
          + "\"event_ser_id\" = ?, \"event_ser_manifest\" = ? WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
        s.setBytes(1, bytes);
        s.setInt(2, serializer);
        s.setString(3, manifest);
        s.setString(4, pid);
        s.setLong(5, seq);
        assertEquals(1, s.executeUpdate(), pid + " has event " + seq);
      }
    }

    /** Event {@code from} again as event {@code to} (replacing it, or appended after the last). */
    void copy(String pid, long from, long to) throws SQLException {
      if (to <= last(pid)) delete(pid, to);
      try (PreparedStatement s = c.prepareStatement("INSERT INTO \"event_journal\" (\"deleted\", \"persistence_id\", "
          + "\"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\", "
          + "\"event_ser_id\", \"event_ser_manifest\") SELECT \"deleted\", \"persistence_id\", ?, \"writer\", "
          + "\"write_timestamp\", \"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\" "
          + "FROM \"event_journal\" WHERE \"persistence_id\" = ? AND \"sequence_number\" = ?")) {
        s.setLong(1, to);
        s.setString(2, pid);
        s.setLong(3, from);
        assertEquals(1, s.executeUpdate());
      }
    }

    /** A new event {@code seq} (the entity's next). */
    void insert(String pid, long seq, Object event) throws SQLException {
      copy(pid, last(pid), seq);
      write(pid, seq, event);
    }

    long last(String pid) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("SELECT MAX(\"sequence_number\") FROM \"event_journal\" "
          + "WHERE \"persistence_id\" = ?")) {
        s.setString(1, pid);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }

    void delete(String pid, long seq) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ? "
          + "AND \"sequence_number\" = ?")) {
        s.setString(1, pid);
        s.setLong(2, seq);
        assertEquals(1, s.executeUpdate(), pid + " has event " + seq);
      }
    }

    void deleteAll(String pid) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM \"event_journal\" WHERE \"persistence_id\" = ?")) {
        s.setString(1, pid);
        assertTrue(s.executeUpdate() > 0);
      }
    }

    /** Overwrites the entity's snapshots. */
    void snapshot(String pid, byte[] bytes) throws SQLException {
      try (PreparedStatement s = c.prepareStatement("UPDATE \"snapshot\" SET \"snapshot_payload\" = ? "
          + "WHERE \"persistence_id\" = ?")) {
        s.setBytes(1, bytes);
        s.setString(2, pid);
        assertTrue(s.executeUpdate() > 0, pid + " has a snapshot");
      }
    }

    @Override
    public void close() throws SQLException {
      c.close();
    }
  }
}
