package org.uptake.cluster;

import akka.cluster.ConfigValidation;
import akka.cluster.JoinConfigCompatChecker;
import com.typesafe.config.Config;
import java.util.List;
import org.uptake.journal.JournalSchema;
import scala.collection.immutable.Seq;

/**
 * A member joins only a cluster writing to the journal it writes to: each journal has an identity of its own
 * ({@code uptake_journal}, made with its tables), in every member's configuration as {@code uptake.journal.identity},
 * and Akka's join-time configuration check refuses a member whose identity differs (a member started with another
 * --db once took departments whose events never reached the shared journal).
 */
public final class SameJournal extends JoinConfigCompatChecker {
  public static final String KEY = JournalSchema.IDENTITY_KEY;

  @Override
  public Seq<String> requiredKeys() {
    return akka.japi.Util.immutableSeq(List.of(KEY));
  }

  @Override
  public ConfigValidation check(Config toCheck, Config actualConfig) {
    return JoinConfigCompatChecker.fullMatch(requiredKeys(), toCheck, actualConfig);
  }
}
