package org.uptake.staff;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.uptake.model.AdoptionRule;
import org.uptake.model.AdoptionRule.SeedKind;
import org.uptake.model.AdoptionState;
import org.uptake.model.DepartmentContext;
import org.uptake.model.Neighbourhood;
import org.uptake.model.Rule;
import org.uptake.model.Steps;
import org.uptake.model.Transition;

/**
 * One person, held by their {@link Workgroup} (a plain object, not an actor: an actor per person made the
 * messages between people cost far more than the people's decisions). Not persistent: the department
 * persists its people's transitions, and a person is rebuilt from that journal state. Each tick the person
 * decides from what their neighbours had at the end of the previous tick; once the department has persisted
 * the decisions, a person who changed tells each neighbour (and, with a mandate, each report) through their
 * workgroup, which reports back only once every word of it has been acknowledged, so the next tick never
 * starts while news of this one is still travelling (docs/design.md, note 2).
 */
public final class Staff {

  /** Word for one person from a neighbour or their manager, as of the end of {@code tick}. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({@JsonSubTypes.Type(value = Signal.class, name = "signal"),
      @JsonSubTypes.Type(value = MandateSignal.class, name = "mandate")})
  public sealed interface News permits Signal, MandateSignal {
    int tick();
  }

  /** A neighbour's news: their adoption state, since when, and champion flag as of the end of {@code tick}. */
  public record Signal(int tick, int from, AdoptionState state, int since, boolean champion) implements News {}

  /** A mandate passed down by this person's manager. */
  public record MandateSignal(int tick, String source) implements News {}

  /** Where a person's news goes: to person {@code to}, wherever they are. */
  @FunctionalInterface
  public interface Outbox {
    void send(int to, News news);
  }

  private final Profile me;
  private final Rule rule;
  private final int championInfluence;
  private final int[] weights;
  private final byte[] states;
  private final int[] tieSince;
  private final int managerPos;
  private AdoptionState state;
  private int since;
  private boolean champion;
  private boolean mandated;
  private final boolean forwarded;
  /** The last tick this person has decided; news of a later tick waits until that tick is decided. */
  private int decided;
  private final List<News> early = new ArrayList<>();
  private String mandate;

  /** A person whose state is {@code state} etc. as of the end of tick {@code asOfTick} (-1 for a fresh run). */
  public Staff(Profile me, Rule rule, int championInfluence, int asOfTick, AdoptionState state, int since,
      boolean champion, boolean mandated, boolean forwarded, String mandateSource) {
    this.decided = asOfTick;
    this.forwarded = forwarded;
    this.me = me;
    this.rule = rule;
    this.championInfluence = championInfluence;
    this.weights = me.tieWeights().clone();
    this.states = new byte[me.ties().length];
    this.tieSince = new int[me.ties().length];
    this.managerPos = me.manager() < 0 ? -1 : Arrays.binarySearch(me.ties(), me.manager());
    this.state = state;
    this.since = since;
    this.champion = champion;
    this.mandated = mandated;
    this.mandate = mandated ? mandateSource : null;
  }

  /** Tells the neighbours where this person stands, if not where everybody starts (used on resume). */
  public void connect(Outbox out) {
    // A fresh run starts with everybody unaware, so only a restored run sends anything here.
    broadcast(-1, state != AdoptionState.UNAWARE || champion, forwarded ? mandate : null, out);
  }

  /** This person's change at {@code tick}, or {@code null}. */
  public Transition decide(int tick, DepartmentContext context) {
    if (me.manager() < 0 && context.mandateSource() != null && mandate == null) {
      mandate = context.mandateSource();
    }
    Boolean managerUsing = managerPos < 0 ? null : AdoptionState.of(states[managerPos]).using();
    SeedKind seed = me.seedTick() == tick ? me.seedKind() : SeedKind.NONE;
    if (tick == Steps.START && seed == SeedKind.NONE) {
      // The start is not a step: only what the scenario places there happens.
      passed(tick);
      return null;
    }
    AdoptionRule.Person person = new AdoptionRule.Person(me.id(), state, since, champion, mandated, mandate,
        me.reports().length > 0, me.innovativeness(), seed);
    Transition t = rule.decide(person, tick, new Neighbourhood(me.ties(), weights, states, tieSince, managerUsing),
        context);
    passed(tick);
    return t;
  }

  /**
   * On resume, a tick the journal already holds for this department is not decided again: the person just
   * moves past it (its changes arrive as commits), so news of that tick from elsewhere now counts.
   */
  public void skip(int tick) {
    passed(tick);
  }

  private void passed(int tick) {
    decided = tick;
    if (!early.isEmpty()) {
      // Neighbours who had already resolved this tick told us before we decided it: their news counts from now.
      List<News> news = List.copyOf(early);
      early.clear();
      news.forEach(this::apply);
    }
  }

  /** Applies this person's change, persisted for {@code tick}, and tells whoever needs to hear of it. */
  public void commit(int tick, Transition t, Outbox out) {
    boolean visible = t.to() != state || t.champion() != champion;
    if (t.to() != state) since = tick;
    state = t.to();
    champion = t.champion();
    mandated = t.mandated();
    // Where the mandate came from is in the transition too: a tick replayed on resume (not decided) must leave the
    // person holding it, as deciding would have (a head takes it from the department's context while deciding).
    if (t.mandateArrived() != null && mandate == null) mandate = t.mandateArrived();
    broadcast(tick, visible, t.forwardsMandate() ? t.mandateArrived() : null, out);
  }

  /** Tells the ties (if {@code toTies}) and passes a mandate to the reports. */
  private void broadcast(int tick, boolean toTies, String mandateToForward, Outbox out) {
    if (toTies) {
      Signal signal = new Signal(tick, me.id(), state, since, champion);
      for (int n : me.ties()) out.send(n, signal);
    }
    if (mandateToForward != null) {
      MandateSignal m = new MandateSignal(tick, mandateToForward + ", via " + me.name());
      for (int r : me.reports()) out.send(r, m);
    }
  }

  /** News from a neighbour or manager; news of a tick this person has not decided yet waits for it. */
  public void hear(News news) {
    if (news.tick() > decided) early.add(news);
    else apply(news);
  }

  private void apply(News news) {
    if (news instanceof Signal s) {
      int pos = Arrays.binarySearch(me.ties(), s.from());
      states[pos] = (byte) s.state().ordinal();
      tieSince[pos] = s.since();
      weights[pos] = s.champion() ? me.tieWeights()[pos] * championInfluence : me.tieWeights()[pos];
    } else if (mandate == null) {
      mandate = ((MandateSignal) news).source();
    }
  }
}
