package org.uptake.cli;

import org.uptake.journal.JournalSettings;
import picocli.CommandLine.Option;

/** The --db option shared by every command that touches the journal. */
final class JournalOptions {
  @Option(names = "--db", paramLabel = "JDBC_URL", defaultValue = JournalSettings.DEFAULT_URL,
      description = "Journal database (default: ${DEFAULT-VALUE}). PostgreSQL: jdbc:postgresql://host/db, "
          + "with UPTAKE_DB_USER and UPTAKE_DB_PASSWORD.")
  String url;

  JournalSettings settings() {
    return JournalSettings.of(url);
  }
}
