package org.uptake.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigParseable;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How Uptake reads the HOCON files it is given (scenarios and sweeps): an {@code include "name.conf"} names a
 * file relative to the including file, and must exist; URL, classpath and {@code file(...)} includes are
 * refused, so validating a scenario never fetches anything; and substitutions see only the file's own keys, never
 * environment variables or system properties, so nothing secret is copied into the journal.
 */
public final class LocalIncludes implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL,
    ConfigIncluderClasspath {
  private static final LocalIncludes INSTANCE = new LocalIncludes();

  /** Substitutions resolve against the file's own keys only. */
  public static final ConfigResolveOptions RESOLVE = ConfigResolveOptions.noSystem();

  private LocalIncludes() {}

  /** Parses a HOCON file with these rules (unresolved; resolve with {@link #RESOLVE}). */
  public static Config parse(Path file) {
    return ConfigFactory.parseFile(file.toFile(), options());
  }

  /**
   * Reads a sweep or fit file ({@code kind}) whole: parsed by these rules, resolved, and every top-level key one of
   * {@code keys}; any problem is a {@link ScenarioException} naming the file, and the line where there is one.
   */
  public static Config read(Path file, String kind, Set<String> keys) {
    return read(file, kind, keys, null);
  }

  /**
   * As {@link #read(Path, String, Set)}, except that substitutions under the top-level key {@code template} may
   * name what the file does not define: they stay unresolved, for the caller to resolve against its own values
   * (an optimisation's {@code set} block names its decisions).
   */
  public static Config read(Path file, String kind, Set<String> keys, String template) {
    if (!Files.isRegularFile(file)) throw new ScenarioException(file + ": no such " + kind + " file");
    Config c;
    try {
      c = parse(file).resolve(template == null ? RESOLVE : RESOLVE.setAllowUnresolved(true));
      if (template != null) c.withoutPath(template).resolve(RESOLVE);
    } catch (Refused e) {
      throw new ScenarioException(file + ": " + e.getMessage());
    } catch (ConfigException.UnresolvedSubstitution e) {
      throw new ScenarioException(e.getMessage() + ScenarioLoader.NO_ENVIRONMENT);
    } catch (ConfigException e) {
      throw new ScenarioException(e.getMessage() + " (HOCON syntax error)");
    }
    for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
      if (!keys.contains(e.getKey())) {
        throw new ScenarioException(ScenarioLoader.where(e.getValue().origin()) + e.getKey() + ": unknown key"
            + ScenarioLoader.suggestion(e.getKey(), keys, ""));
      }
    }
    return c;
  }

  public static ConfigParseOptions options() {
    return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false).setIncluder(INSTANCE);
  }

  @Override
  public ConfigIncluder withFallback(ConfigIncluder fallback) {
    return this;
  }

  @Override
  public ConfigObject include(ConfigIncludeContext context, String what) {
    if (what.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      throw refused(what, "a URL; scenario files include only files next to them");
    }
    if (new File(what).isAbsolute()) {
      throw refused(what, "an absolute path; name the file relative to the including file");
    }
    ConfigParseable parseable = context.relativeTo(what);
    // Typesafe Config looks a name up on the classpath when no such file exists: never here.
    if (parseable == null || parseable.origin().filename() == null || !new File(parseable.origin().filename()).isFile()) {
      throw refused(what, "no such file next to the including file");
    }
    return parseable.parse(parseable.options().setAllowMissing(false).setIncluder(INSTANCE));
  }

  @Override
  public ConfigObject includeFile(ConfigIncludeContext context, File what) {
    throw refused("file(" + what + ")", "file() names a file relative to the working directory; write "
        + "include \"" + what + "\" to name it relative to the including file");
  }

  @Override
  public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
    throw refused("url(" + what + ")", "a URL; scenario files include only files next to them");
  }

  @Override
  public ConfigObject includeResources(ConfigIncludeContext context, String what) {
    throw refused("classpath(" + what + ")", "scenario files include only files next to them");
  }

  private static Refused refused(String what, String why) {
    return new Refused("include " + what + ": " + why);
  }

  /** An include these rules do not allow; the caller names the file it was reading. */
  public static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }
}
