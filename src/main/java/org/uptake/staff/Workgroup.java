package org.uptake.staff;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.uptake.CborSerializable;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Transition;

/**
 * A block of consecutive people of one department, held here as plain {@link Staff} objects. It passes the
 * department's requests to its people and gathers their decisions into one message, so the department (a
 * persistent actor, on one thread) handles a few messages per tick, and the people's work runs on every
 * core. News between people of the same workgroup is a call; news for other workgroups is gathered into one
 * {@link Deliver} per workgroup, acknowledged once, and the workgroup reports back only when every one has
 * been acknowledged. Not persistent: the department owns the people's state.
 */
public final class Workgroup extends AbstractBehavior<Workgroup.Command> {

  /** People per workgroup: large enough that the department's share of the work is small. */
  public static final int SIZE = 512;

  /**
   * Most news in one {@link Deliver}, by {@link #estimatedBytes}: half the 256 KiB a message between cluster
   * members may have (Artery's maximum-frame-size).
   */
  static final int MAX_DELIVER_BYTES = 128 * 1024;

  /** Where a person is: their workgroup and their position in it. */
  public record Address(ActorRef<Command> group, int position) {}

  public sealed interface Command permits Connect, Decide, Skip, Commit, Deliver, Delivered {}

  /** Where everybody is; people whose state is not the initial one tell their neighbours (used on resume). */
  public record Connect(Directory directory, ActorRef<Reply> replyTo) implements Command {}

  public record Decide(int tick, DepartmentContext context, ActorRef<Reply> replyTo) implements Command {}

  /** On resume, a tick the journal already holds: the people move past it without deciding (see Staff.skip). */
  public record Skip(int tick) implements Command {}

  /** The changes of this workgroup's people, with their positions in the workgroup. */
  public record Commit(int tick, List<Transition> transitions, int[] positions, ActorRef<Reply> replyTo)
      implements Command {}

  /**
   * News for the people at {@code positions} (one entry each), from people of another workgroup. With a run
   * spread over a cluster the other workgroup may be on another member, hence serializable (as is the reply).
   */
  public record Deliver(int[] positions, List<Staff.News> news, ActorRef<Command> replyTo)
      implements Command, CborSerializable {}

  /** A {@link Deliver} has been heard. */
  public enum Delivered implements Command, CborSerializable { INSTANCE }

  public sealed interface Reply permits Connected, Decided, Propagated {}

  public record Connected(int group) implements Reply {}

  /** Every person's decision, in workgroup order ({@code null}: no change). */
  public record Decided(int tick, int group, Transition[] decisions) implements Reply {}

  public record Propagated(int tick, int group) implements Reply {}

  private final int group;
  private final Staff[] people;
  private final ActorRef<Command> self;
  private Directory directory;
  /** News for other workgroups while people are telling theirs, by workgroup. */
  private final Map<ActorRef<Command>, Batch> outgoing = new HashMap<>();
  private int pendingAcks;
  private Runnable whenAcked;

  /** Workgroup {@code group} of {@code people}, whom it owns from now on. */
  public static Behavior<Command> create(int group, List<Staff> people) {
    return Behaviors.setup(ctx -> new Workgroup(ctx, group, people));
  }

  private Workgroup(ActorContext<Command> context, int group, List<Staff> people) {
    super(context);
    this.group = group;
    this.people = people.toArray(new Staff[0]);
    this.self = context.getSelf();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Decide.class, this::onDecide)
        .onMessage(Deliver.class, this::onDeliver)
        .onMessage(Delivered.class, d -> onDelivered())
        .onMessage(Commit.class, this::onCommit)
        .onMessage(Skip.class, this::onSkip)
        .onMessage(Connect.class, this::onConnect)
        .build();
  }

  private Behavior<Command> onConnect(Connect c) {
    directory = c.directory();
    for (Staff p : people) p.connect(this::send);
    flush(() -> c.replyTo().tell(new Connected(group)));
    return this;
  }

  private Behavior<Command> onDecide(Decide d) {
    Transition[] decisions = new Transition[people.length];
    for (int k = 0; k < people.length; k++) decisions[k] = people[k].decide(d.tick(), d.context());
    d.replyTo().tell(new Decided(d.tick(), group, decisions));
    return this;
  }

  private Behavior<Command> onSkip(Skip s) {
    for (Staff p : people) p.skip(s.tick());
    return this;
  }

  private Behavior<Command> onCommit(Commit c) {
    for (int k = 0; k < c.positions().length; k++) {
      people[c.positions()[k]].commit(c.tick(), c.transitions().get(k), this::send);
    }
    flush(() -> c.replyTo().tell(new Propagated(c.tick(), group)));
    return this;
  }

  /** A person's news: heard at once by people of this workgroup, gathered for the others. */
  private void send(int to, Staff.News news) {
    Address a = directory.address(to);
    if (a.group() == self || a.group().equals(self)) {
      people[a.position()].hear(news);
    } else {
      outgoing.computeIfAbsent(a.group(), g -> new Batch()).add(a.position(), news);
    }
  }

  /** Sends the gathered news; runs {@code done} once every workgroup told has acknowledged it. */
  private void flush(Runnable done) {
    if (outgoing.isEmpty()) {
      done.run();
      return;
    }
    whenAcked = done;
    pendingAcks = 0;
    outgoing.forEach((g, b) -> {
      for (int from = 0, to; from < b.news.size(); from = to) {
        long bytes = 0;
        for (to = from; to < b.news.size(); to++) {
          bytes += estimatedBytes(b.news.get(to));
          if (bytes > MAX_DELIVER_BYTES && to > from) break;
        }
        g.tell(new Deliver(Arrays.copyOfRange(b.positions, from, to), b.news.subList(from, to), self));
        pendingAcks++;
      }
    });
    outgoing.clear();
  }

  /**
   * An upper bound of one piece of news in a {@link Deliver} as Jackson CBOR writes it, with its position: a
   * signal's field names and values take about 75 bytes; a mandate's source grows by ", via <name>" at every
   * level of the reporting line, at most 3 bytes a character.
   */
  static int estimatedBytes(Staff.News news) {
    return news instanceof Staff.MandateSignal m ? 64 + 3 * m.source().length() : 100;
  }

  private Behavior<Command> onDeliver(Deliver d) {
    for (int k = 0; k < d.positions().length; k++) people[d.positions()[k]].hear(d.news().get(k));
    d.replyTo().tell(Delivered.INSTANCE);
    return this;
  }

  private Behavior<Command> onDelivered() {
    if (--pendingAcks == 0) {
      Runnable done = whenAcked;
      whenAcked = null;
      done.run();
    }
    return this;
  }

  /** The news for one other workgroup: positions there, and what each hears. */
  private static final class Batch {
    int[] positions = new int[16];
    final List<Staff.News> news = new ArrayList<>();

    void add(int position, Staff.News item) {
      if (news.size() == positions.length) positions = Arrays.copyOf(positions, positions.length * 2);
      positions[news.size()] = position;
      news.add(item);
    }
  }
}
