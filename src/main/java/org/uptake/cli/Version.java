package org.uptake.cli;

import org.uptake.journal.JournalFormat;
import picocli.CommandLine.IVersionProvider;

/** The project version, recorded with every run so a journal says which version wrote it. */
public final class Version implements IVersionProvider {
  public static String get() {
    return JournalFormat.version();
  }

  @Override
  public String[] getVersion() {
    return new String[] {"uptake " + get()};
  }
}
