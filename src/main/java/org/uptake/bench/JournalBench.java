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
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.uptake.CborSerializable;
import org.uptake.journal.JournalSchema;
import org.uptake.journal.JournalSettings;

/**
 * The journal's write speed against a plain batched JDBC insert into the same kind of database file: many
 * entities each persisting events of a fixed payload size one after another (as departments do, one event
 * per tick), versus rows of the same size inserted 1,000 to a batch and transaction. Only for uptake bench.
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
        int inBatch = 0;
        for (int n = 1; n <= events; n++) {
          for (int e = 0; e < entities; e++) {
            st.setString(1, "Plain|" + e);
            st.setLong(2, n);
            st.setLong(3, System.currentTimeMillis());
            st.setBytes(4, payload);
            st.addBatch();
            if (++inBatch == BATCH) {
              st.executeBatch();
              c.commit();
              inBatch = 0;
            }
          }
        }
        if (inBatch > 0) {
          st.executeBatch();
          c.commit();
        }
      }
      return (System.nanoTime() - start) / 1e9;
    }
  }

  private static byte[] payload(int bytes) {
    byte[] b = new byte[bytes];
    new SplittableRandom(1).nextBytes(b);
    return b;
  }
}
