package org.uptake;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * Uptake's runtime settings (the {@code uptake} block of application.conf), parsed once into types; the scenario's
 * settings are the scenario's own ({@code scenario.Scenario}).
 */
public record RuntimeSettings(int snapshotEvery, Duration askTimeout, Duration stopTimeout, Duration workerWait,
    Duration leaseHeartbeat, Duration leaseStale, Duration leaseTakeover) {

  private static final RuntimeSettings LOADED = of(ConfigFactory.load().getConfig("uptake"));

  /** The settings of this process. */
  public static RuntimeSettings get() {
    return LOADED;
  }

  static RuntimeSettings of(Config c) {
    return new RuntimeSettings(c.getInt("snapshot-every"), c.getDuration("ask-timeout"), c.getDuration("stop-timeout"),
        c.getDuration("worker-wait"), c.getDuration("lease.heartbeat"), c.getDuration("lease.stale"),
        c.getDuration("lease.takeover"));
  }
}
