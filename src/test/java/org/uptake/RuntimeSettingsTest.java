package org.uptake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The uptake block of application.conf, read into types; a setting given on top (as -D would) wins. */
class RuntimeSettingsTest {
  @Test
  void aSettingGivenOnTopOverridesTheShippedOne() {
    RuntimeSettings s = RuntimeSettings.of(ConfigFactory.parseMap(Map.of("uptake.lease.stale", "45s",
        "uptake.snapshot-every", "7")).withFallback(ConfigFactory.load()).getConfig("uptake"));
    assertEquals(Duration.ofSeconds(45), s.leaseStale());
    assertEquals(7, s.snapshotEvery());
    // Not overridden: the shipped application.conf's 5 s heartbeat and one minute's wait for workers.
    assertEquals(Duration.ofSeconds(5), s.leaseHeartbeat());
    assertEquals(Duration.ofMinutes(1), s.workerWait());
  }
}
