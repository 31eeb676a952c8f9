package org.uptake.staff;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.util.List;
import java.util.function.IntFunction;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Transition;

/**
 * A block of consecutive people of one department. It passes the department's requests to its people and
 * gathers their replies into one message, so the department (a persistent actor, on one thread) handles a
 * few messages per tick instead of two per person, and the gathering runs on every core. Not persistent and
 * holds nothing between requests: the people and the department own all state.
 */
public final class Workgroup extends AbstractBehavior<Workgroup.Command> {

  /** People per workgroup: large enough that the department's share of the work is small. */
  public static final int SIZE = 512;

  public sealed interface Command permits Connect, Decide, Commit, FromStaff {}

  public record Connect(IntFunction<ActorRef<Staff.Command>> directory, ActorRef<Reply> replyTo)
      implements Command {}

  public record Decide(int tick, DepartmentContext context, ActorRef<Reply> replyTo) implements Command {}

  /** The changes of this workgroup's people, with their positions in the workgroup. */
  public record Commit(int tick, List<Transition> transitions, int[] positions, ActorRef<Reply> replyTo)
      implements Command {}

  private record FromStaff(Staff.Reply reply) implements Command {}

  public sealed interface Reply permits Connected, Decided, Propagated {}

  public record Connected(int group) implements Reply {}

  /** Every person's decision, in workgroup order ({@code null}: no change). */
  public record Decided(int tick, int group, Transition[] decisions) implements Reply {}

  public record Propagated(int tick, int group) implements Reply {}

  private final int group;
  private final int first;
  private final List<ActorRef<Staff.Command>> people;
  private final ActorRef<Staff.Reply> replies;
  private ActorRef<Reply> replyTo;
  private Transition[] decisions;
  private int awaiting;

  /** Workgroup {@code group} of people {@code people}, the first of whom has department index {@code first}. */
  public static Behavior<Command> create(int group, int first, List<ActorRef<Staff.Command>> people) {
    return Behaviors.setup(ctx -> new Workgroup(ctx, group, first, people));
  }

  private Workgroup(ActorContext<Command> context, int group, int first, List<ActorRef<Staff.Command>> people) {
    super(context);
    this.group = group;
    this.first = first;
    this.people = people;
    this.replies = context.messageAdapter(Staff.Reply.class, FromStaff::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Decide.class, this::onDecide)
        .onMessage(Commit.class, this::onCommit)
        .onMessage(Connect.class, this::onConnect)
        .onMessage(FromStaff.class, this::onStaff)
        .build();
  }

  private Behavior<Command> onConnect(Connect c) {
    replyTo = c.replyTo();
    awaiting = people.size();
    Staff.Connect connect = new Staff.Connect(c.directory(), replies);
    people.forEach(p -> p.tell(connect));
    return this;
  }

  private Behavior<Command> onDecide(Decide d) {
    replyTo = d.replyTo();
    decisions = new Transition[people.size()];
    awaiting = people.size();
    Staff.Decide decide = new Staff.Decide(d.tick(), d.context(), replies);
    people.forEach(p -> p.tell(decide));
    return this;
  }

  private Behavior<Command> onCommit(Commit c) {
    replyTo = c.replyTo();
    awaiting = c.positions().length;
    for (int k = 0; k < c.positions().length; k++) {
      people.get(c.positions()[k]).tell(new Staff.Commit(c.tick(), c.transitions().get(k), replies));
    }
    return this;
  }

  private Behavior<Command> onStaff(FromStaff message) {
    Staff.Reply reply = message.reply();
    if (reply instanceof Staff.Decided d) decisions[d.index() - first] = d.transition();
    if (--awaiting > 0) return this;
    if (reply instanceof Staff.Decided d) {
      Transition[] done = decisions;
      decisions = null;
      replyTo.tell(new Decided(d.tick(), group, done));
    } else if (reply instanceof Staff.Propagated p) {
      replyTo.tell(new Propagated(p.tick(), group));
    } else {
      replyTo.tell(new Connected(group));
    }
    return this;
  }
}
