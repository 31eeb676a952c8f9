package org.uptake.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Path;

/**
 * Typed access to the top-level keys of a sweep, fit or optimisation file, with messages in the scenario files'
 * form: the file and line of the key, the key, and what was expected.
 */
public record FileKeys(Path file, Config c) {

  /** A refusal of {@code key}, at its line when the file has it. */
  public ScenarioException fail(String key, String expected) {
    // Read through the root, which works when other keys still hold unresolved substitutions.
    ConfigValue v = c.root().get(key);
    String where = v != null ? ScenarioLoader.where(v.origin()) : file + ": ";
    return new ScenarioException(where + key + ": " + expected);
  }

  /** A whole number from {@code min} to {@code max}, or {@code fallback} when the key is not there. */
  public long whole(String key, long fallback, long min, long max) {
    if (!c.hasPath(key)) return fallback;
    ConfigValue v = c.getValue(key);
    Object n = v.unwrapped();
    if (v.valueType() != ConfigValueType.NUMBER || n instanceof Double || ((Number) n).longValue() < min
        || ((Number) n).longValue() > max) {
      throw fail(key, "expected a whole number" + (min > Long.MIN_VALUE ? " from " + min + " to " + max : "")
          + ", got " + v.render(ConfigRenderOptions.concise()));
    }
    return ((Number) n).longValue();
  }
}
