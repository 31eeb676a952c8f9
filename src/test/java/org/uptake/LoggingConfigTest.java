package org.uptake;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped logback.xml loads cleanly. A broken one is not an error anywhere else: logback falls back to
 * logging everything at DEBUG to stdout, which buries the command's own output (a "--" inside an XML comment
 * once did that).
 */
class LoggingConfigTest {
  @Test
  void theShippedLoggingConfigurationLoadsWithoutErrors() throws Exception {
    LoggerContext context = new LoggerContext();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
    } catch (Exception e) {
      throw new AssertionError("logback.xml does not load", e);
    }
    int worst = context.getStatusManager().getCopyOfStatusList().stream().mapToInt(Status::getLevel).max().orElse(0);
    assertTrue(worst < Status.ERROR, () -> {
      StringBuilder all = new StringBuilder();
      context.getStatusManager().getCopyOfStatusList().forEach(s -> all.append(s).append('\n'));
      return all.toString();
    });
  }
}
