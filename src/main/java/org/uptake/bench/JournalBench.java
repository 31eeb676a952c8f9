package org.uptake.bench;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.SpawnProtocol;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.uptake.CborSerializable;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;
import org.uptake.journal.RunLog;
import org.uptake.model.Transition;
import org.uptake.organisation.Department;

/**
 * The journal's write speed against a plain batched JDBC insert into the same kind of database file: many
 * entities each persisting events of a fixed payload size one after another (as departments do, one event
 * per tick), versus rows of the same size inserted 1,000 to a batch and transaction; and a run's person-changes
 * as the journal stores them, against the same changes as plain rows of one table. Only for uptake bench.
 */
public final class JournalBench extends EventSourcedBehavior<JournalBench.Write, JournalBench.Written, JournalBench.Count> {

  /** Rows per plain JDBC batch and transaction. */
  static final int BATCH = 1000;

  /** Persist {@code remaining} more events, then count down. */
  public record Write(int remaining, byte[] payload, CountDownLatch done) {}

  public record Written(byte[] payload) implements CborSerializable {
    @JsonCreator
    public Written {}
  }

  public record Count(int events) implements CborSerializable {
    @JsonCreator
    public Count {}
  }

  private final akka.actor.typed.javadsl.ActorContext<Write> context;

  private JournalBench(akka.actor.typed.javadsl.ActorContext<Write> context, PersistenceId id) {
    super(id);
    this.context = context;
  }

  static Behavior<Write> create(String id) {
    return Behaviors.setup(ctx -> new JournalBench(ctx, PersistenceId.of("Bench", id)));
  }

  @Override
  public Count emptyState() {
    return new Count(0);
  }

  @Override
  public CommandHandler<Write, Written, Count> commandHandler() {
    return newCommandHandlerBuilder().forAnyState().onCommand(Write.class, (state, w) ->
        Effect().persist(new Written(w.payload())).thenRun(s -> {
          if (w.remaining() > 1) context.getSelf().tell(new Write(w.remaining() - 1, w.payload(), w.done()));
          else w.done().countDown();
        })).build();
  }

  @Override
  public EventHandler<Count, Written> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onEvent(Written.class, (s, e) -> new Count(s.events() + 1))
        .build();
  }

  /** Seconds to persist {@code entities} x {@code events} events of {@code bytes} each through the journal. */
  public static double journal(ActorSystem<SpawnProtocol.Command> system, int entities, int events, int bytes,
      String prefix) throws Exception {
    byte[] payload = payload(bytes);
    CountDownLatch done = new CountDownLatch(entities);
    java.util.List<ActorRef<Write>> refs = new java.util.ArrayList<>();
    for (int e = 0; e < entities; e++) {
      String name = prefix + "-" + e;
      CompletableFuture<ActorRef<Write>> ref = AskPattern.<SpawnProtocol.Command, ActorRef<Write>>ask(system,
          r -> new SpawnProtocol.Spawn<>(create(name), name, Props.empty(), r), Duration.ofSeconds(30),
          system.scheduler()).toCompletableFuture();
      refs.add(ref.get());
    }
    long start = System.nanoTime();
    for (ActorRef<Write> ref : refs) ref.tell(new Write(events, payload, done));
    if (!done.await(30, TimeUnit.MINUTES)) throw new IllegalStateException("journal benchmark did not finish");
    return (System.nanoTime() - start) / 1e9;
  }

  /** Seconds to insert the same rows with plain JDBC batches of {@link #BATCH} into the journal table of {@code db}. */
  public static double plainInsert(JournalSettings db, int entities, int events, int bytes) throws Exception {
    byte[] payload = payload(bytes);
    try (Connection c = JournalSchema.connect(db)) {
      c.setAutoCommit(false);
      long start = System.nanoTime();
      try (PreparedStatement st = c.prepareStatement("INSERT INTO \"event_journal\" (\"deleted\", "
          + "\"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", "
          + "\"event_payload\", \"event_ser_id\", \"event_ser_manifest\") VALUES (FALSE, ?, ?, 'plain', ?, '', ?, 33, "
          + "'org.uptake.bench.JournalBench$Written')")) {
        Batches rows = new Batches(c, st);
        for (int n = 1; n <= events; n++) {
          for (int e = 0; e < entities; e++) {
            st.setString(1, "Plain|" + e);
            st.setLong(2, n);
            st.setLong(3, System.currentTimeMillis());
            st.setBytes(4, payload);
            rows.add();
          }
        }
        rows.flush();
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  /**
   * Seconds to insert every person-change of {@code log} into a fresh table of {@code db}, one row
   * each with the fields of a {@link Transition} and its department and tick, in batches of {@link #BATCH}: what a
   * tool that keeps only the changes, with no event sourcing, would store.
   */
  public static double plainChanges(JournalSettings db, RunLog log) throws Exception {
    try (Connection c = JournalSchema.connect(db)) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE person_change (run VARCHAR(255) NOT NULL, department VARCHAR(255) NOT NULL, "
            + "tick INT NOT NULL, person INT NOT NULL, from_state VARCHAR(32) NOT NULL, to_state VARCHAR(32) NOT NULL, "
            + "champion BOOLEAN NOT NULL, mandated BOOLEAN NOT NULL, mandate_arrived VARCHAR(255), "
            + "forwards_mandate BOOLEAN NOT NULL, cause VARCHAR(32) NOT NULL, peers VARCHAR(10000) NOT NULL, "
            + "source VARCHAR(255), PRIMARY KEY (run, department, tick, person))");
      }
      c.setAutoCommit(false);
      String run = log.started().runId();
      long start = System.nanoTime();
      try (PreparedStatement st = c.prepareStatement("INSERT INTO person_change VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          + "?, ?)")) {
        Batches rows = new Batches(c, st);
        for (var department : log.departments().entrySet()) {
          for (Department.Event event : department.getValue()) {
            if (!(event instanceof Department.TickResolved tick)) continue;
            for (Transition t : tick.transitions()) {
              st.setString(1, run);
              st.setString(2, department.getKey());
              st.setInt(3, tick.tick());
              st.setInt(4, t.person());
              st.setString(5, t.from().name());
              st.setString(6, t.to().name());
              st.setBoolean(7, t.champion());
              st.setBoolean(8, t.mandated());
              st.setString(9, t.mandateArrived());
              st.setBoolean(10, t.forwardsMandate());
              st.setString(11, t.cause().kind().name());
              st.setString(12, t.cause().peers().toString());
              st.setString(13, t.cause().source());
              rows.add();
            }
          }
        }
        rows.flush();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM person_change")) {
        rs.next();
        if (rs.getLong(1) != log.transitionCount()) {
          throw new IllegalStateException(rs.getLong(1) + " plain rows for " + log.transitionCount() + " changes");
        }
      }
      return seconds;
    }
  }

  /**
   * The size of {@code file}, the H2 file of {@code db}, once rewritten with only its live pages: an H2 file written
   * in many small transactions keeps superseded pages that closing it compacts only for a moment.
   */
  public static long compacted(JournalSettings db, Path file) throws Exception {
    try (Connection c = JournalSchema.connect(db); Statement st = c.createStatement()) {
      st.execute("SHUTDOWN COMPACT");
    }
    return Files.size(file);
  }

  /** The rows set on a statement, executed and committed {@link #BATCH} at a time. */
  private static final class Batches {
    private final Connection connection;
    private final PreparedStatement statement;
    private int pending;

    Batches(Connection connection, PreparedStatement statement) {
      this.connection = connection;
      this.statement = statement;
    }

    void add() throws SQLException {
      statement.addBatch();
      if (++pending == BATCH) flush();
    }

    void flush() throws SQLException {
      if (pending == 0) return;
      statement.executeBatch();
      connection.commit();
      pending = 0;
    }
  }

  private static byte[] payload(int bytes) {
    byte[] b = new byte[bytes];
    new SplittableRandom(1).nextBytes(b);
    return b;
  }
}
