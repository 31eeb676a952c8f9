package org.uptake;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.persistence.testkit.PersistenceTestKitPlugin;
import akka.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import com.typesafe.config.ConfigFactory;

/** Actor test kits on Akka's in-memory journal and snapshot store, with the project's serialization. */
public final class TestKits {
  private TestKits() {}

  public static ActorTestKit inMemoryPersistence() {
    return ActorTestKit.create(PersistenceTestKitPlugin.getInstance().config()
        .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config())
        .withFallback(ConfigFactory.load()));
  }
}
