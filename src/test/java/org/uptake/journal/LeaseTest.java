package org.uptake.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run has one writer: its lease is held while it is written, and given up, or left to go stale, after. */
class LeaseTest {
  @TempDir Path dir;

  private JournalSettings journal() {
    return JournalSchema.ensure(JournalSettings.of("jdbc:h2:file:" + dir.resolve("journal")));
  }

  private static void insert(JournalSettings db, String name, String host, long pid, long heartbeat) throws Exception {
    try (Connection c = JournalSchema.connect(db); PreparedStatement st = c.prepareStatement(
        "INSERT INTO \"uptake_lease\" VALUES (?, 'someone', ?, ?, ?)")) {
      st.setString(1, name);
      st.setString(2, host);
      st.setLong(3, pid);
      st.setLong(4, heartbeat);
      st.executeUpdate();
    }
  }

  @Test
  void aLeaseIsHeldUntilItIsGivenUp() {
    JournalSettings db = journal();
    Lease first = Lease.acquire(db, Lease.run("r"));
    Lease.Held held = assertThrows(Lease.Held.class, () -> Lease.acquire(db, Lease.run("r")));
    assertTrue(held.getMessage().startsWith("run r is being written by process " + ProcessHandle.current().pid()
        + " on this machine"), held.getMessage());
    assertTrue(Lease.live(db).containsKey("run:r"));
    first.close();
    assertTrue(Lease.live(db).isEmpty());
    Lease.acquire(db, Lease.run("r")).close();
  }

  /** A writer killed on this machine is known to be gone at once; on another machine once its heartbeat is stale. */
  @Test
  void aDeadWritersLeaseCanBeTaken() throws Exception {
    JournalSettings db = journal();
    String host = InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT);
    long dead = ProcessHandle.current().pid() + 1_000_000;
    insert(db, "run:killed", host, dead, System.currentTimeMillis());
    Lease.acquire(db, Lease.run("killed")).close();
    insert(db, "run:elsewhere", "another-host", 1, System.currentTimeMillis());
    assertThrows(Lease.Held.class, () -> Lease.acquire(db, Lease.run("elsewhere")));
    insert(db, "run:long-gone", "another-host", 1, System.currentTimeMillis() - Lease.STALE.toMillis() - 1000);
    Lease.acquire(db, Lease.run("long-gone")).close();
    assertEquals(1, Lease.live(db).size(), "only the one on another host, seen just now");
  }
}
