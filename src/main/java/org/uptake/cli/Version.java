package org.uptake.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The project version, recorded with every run so a journal says which version wrote it. */
public final class Version implements IVersionProvider {
  public static String get() {
    try (InputStream in = Version.class.getClassLoader().getResourceAsStream("uptake-version.properties")) {
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException | NullPointerException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"uptake " + get()};
  }
}
